/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <setjmp.h>
#include <stdbool.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <cmocka.h>

#include "compress.h"
#include "cpio.h"

/* An archive being built in memory. */
struct buf {
        unsigned char *p;
        size_t len;
};

static void put(struct buf *b, const void *data, size_t len)
{
        b->p = realloc(b->p, b->len + len + 4);
        assert_non_null(b->p);
        memcpy(b->p + b->len, data, len);
        b->len += len;
}

static void pad4(struct buf *b)
{
        static const char zeros[4];

        put(b, zeros, (4 - b->len % 4) % 4);
}

/* One newc entry; @namesize 0 means strlen(name) + 1. */
static void entry(struct buf *b, const char *magic, const char *name, uint32_t namesize,
                  uint32_t mode, const char *data, uint32_t filesize, uint32_t check)
{
        char hdr[111];

        if (!namesize)
                namesize = (uint32_t)strlen(name) + 1;
        snprintf(hdr, sizeof(hdr), "%s%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X", magic,
                 1u, mode, 0u, 0u, 1u, 0u, filesize, 0u, 0u, 0u, 0u, namesize, check);
        put(b, hdr, 110);
        /* A name size past PATH_MAX is a lie the header tells: the name stays short. */
        put(b, name, namesize > 4096 ? strlen(name) + 1 : namesize);
        pad4(b);
        if (data) {
                put(b, data, strlen(data));
                pad4(b);
        }
}

static void trailer(struct buf *b)
{
        entry(b, "070701", "TRAILER!!!", 0, 0, NULL, 0, 0);
}

static void archive_basic(struct buf *b)
{
        entry(b, "070701", "bin", 0, S_IFDIR | 0755, NULL, 0, 0);
        entry(b, "070701", "init", 0, S_IFREG | 0755, "#!/bin/sh\n", 10, 0);
        entry(b, "070701", "bin/sh", 0, S_IFLNK | 0777, "busybox", 7, 0);
        trailer(b);
}

/* Reads @b; returns the error text ("" on success) in @why. */
static int read_buf(struct buf *b, struct cpio_image *img, char *why, size_t size)
{
        return cpio_image_read(b->p, b->len, img, why, size);
}

static void expect_error(struct buf *b, const char *text)
{
        struct cpio_image img;
        char why[512];

        assert_int_equal(read_buf(b, &img, why, sizeof(why)), -EINVAL);
        if (!strstr(why, text))
                fail_msg("\"%s\" does not say \"%s\"", why, text);
        cpio_image_free(&img);
        free(b->p);
}

static void test_plain_archive_entries(void **state)
{
        struct buf b = { 0 };
        struct cpio_image img;
        char why[512];

        archive_basic(&b);
        assert_int_equal(read_buf(&b, &img, why, sizeof(why)), 0);
        assert_int_equal(img.n_segments, 1);
        assert_int_equal(img.segments[0].compress, COMPRESS_NONE);
        assert_int_equal(img.n_entries, 3);
        assert_string_equal(img.entries[1].name, "init");
        assert_int_equal(img.entries[1].size, 10);
        assert_memory_equal(img.entries[1].data, "#!/bin/sh\n", 10);
        assert_true(S_ISLNK(img.entries[2].mode));
        assert_memory_equal(img.entries[2].data, "busybox", 7);
        cpio_image_free(&img);
        free(b.p);
}

static void test_crc_format_checksum(void **state)
{
        struct buf b = { 0 };
        struct cpio_image img;
        char why[512];
        uint32_t sum = 'a' + 'b' + 'c';

        entry(&b, "070702", "f", 0, S_IFREG | 0644, "abc", 3, sum);
        trailer(&b);
        assert_int_equal(read_buf(&b, &img, why, sizeof(why)), 0);
        cpio_image_free(&img);
        free(b.p);

        b = (struct buf){ 0 };
        entry(&b, "070702", "f", 0, S_IFREG | 0644, "abc", 3, sum + 1);
        trailer(&b);
        expect_error(&b, "checksum");
}

/* Microcode first, zero padding, then each compression: one segment each. */
static void test_concatenated_segments(void **state)
{
        static const enum compress methods[] = { COMPRESS_GZIP, COMPRESS_ZSTD, COMPRESS_XZ, COMPRESS_LZ4 };

        for (size_t m = 0; m < sizeof(methods) / sizeof(methods[0]); m++) {
                struct buf main = { 0 }, b = { 0 };
                struct cpio_image img;
                struct encoder *e;
                char why[512], *packed;
                size_t packed_len;
                FILE *f;

                entry(&b, "070701", "kernel/x86/microcode/GenuineIntel.bin", 0, S_IFREG | 0644, "uc", 2, 0);
                trailer(&b);
                put(&b, "\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0", 16);
                archive_basic(&main);
                f = open_memstream(&packed, &packed_len);
                assert_non_null(f);
                assert_int_equal(encoder_new(methods[m], f, &e), 0);
                assert_int_equal(encoder_write(e, main.p, main.len), 0);
                assert_int_equal(encoder_finish(e), 0);
                encoder_free(e);
                fclose(f);
                put(&b, packed, packed_len);

                if (read_buf(&b, &img, why, sizeof(why)) < 0)
                        fail_msg("%s: %s", compress_name(methods[m]), why);
                assert_int_equal(img.n_segments, 2);
                assert_int_equal(img.segments[0].count, 1);
                assert_int_equal(img.segments[1].compress, methods[m]);
                assert_int_equal(img.segments[1].count, 3);
                assert_string_equal(img.entries[2].name, "init");
                cpio_image_free(&img);

                /* Cut short inside the compressed stream: an error, not a crash. */
                b.len -= packed_len / 2;
                expect_error(&b, "segment");
                free(packed);
                free(main.p);
        }
}

static void test_bad_headers(void **state)
{
        static const struct {
                const char *magic, *name;
                uint32_t namesize, filesize;
                bool trailer;
                const char *error;
        } cases[] = {
                { "070707", "x", 0, 0, true, "odc" },
                { "070701", "x", 0, 0xfffffff0u, true, "runs past the end" },
                { "070701", "abcd", 4, 0, true, "without its NUL" },
                { "070701", "ab\0cd", 6, 0, true, "NUL before its end" },
                { "070701", "x", 0x7fffffff, 0, true, "over PATH_MAX" },
                { "070701", "lib/../../etc/passwd", 0, 0, true, "climbs out" },
                { "070701", "x", 0, 0, false, "without TRAILER" },
        };
        struct buf b = { 0 };

        put(&b, "070701", 6);
        expect_error(&b, "truncated header");
        b = (struct buf){ 0 };
        archive_basic(&b);
        memcpy(b.p + 6 + 8 * 6, "zzzzzzzz", 8);
        expect_error(&b, "filesize is not 8 hex digits");
        for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
                b = (struct buf){ 0 };
                entry(&b, cases[i].magic, cases[i].name, cases[i].namesize, S_IFREG | 0644, NULL,
                      cases[i].filesize, 0);
                if (cases[i].trailer)
                        trailer(&b);
                expect_error(&b, cases[i].error);
        }
}

static void test_unknown_and_unsupported_formats(void **state)
{
        static const struct {
                const char *bytes;
                size_t len;
                const char *error;
        } cases[] = {
                { "hello world", 11, "offset 0 (0x0): neither a cpio archive nor a known compression" },
                { "BZh91AY&SY", 10, "bzip2-compressed segment: recognised, but not supported" },
                { "\x5d\0\0\x80\0", 5, "lzma-compressed" },
                { "\x89LZO\0", 5, "lzo-compressed" },
        };
        struct buf b = { 0 };
        char off[64];

        for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
                b = (struct buf){ 0 };
                put(&b, cases[i].bytes, cases[i].len);
                expect_error(&b, cases[i].error);
        }
        /* The offset of the bad part is named: after a good archive and padding. */
        b = (struct buf){ 0 };
        archive_basic(&b);
        put(&b, "\0\0\0\0", 4);
        snprintf(off, sizeof(off), "offset %zu", b.len);
        put(&b, "garbage!", 8);
        expect_error(&b, off);
}

static void test_mode_string_and_name_clean(void **state)
{
        char mode[11], name[64];

        cpio_mode_string(S_IFDIR | 0755, mode);
        assert_string_equal(mode, "drwxr-xr-x");
        cpio_mode_string(S_IFREG | 04755, mode);
        assert_string_equal(mode, "-rwsr-xr-x");
        cpio_mode_string(S_IFLNK | 0777, mode);
        assert_string_equal(mode, "lrwxrwxrwx");
        assert_string_equal(cpio_name_clean("./usr/lib/", name, sizeof(name)), "usr/lib");
        assert_string_equal(cpio_name_clean("/init", name, sizeof(name)), "init");
}

int main(void)
{
        const struct CMUnitTest tests[] = {
                cmocka_unit_test(test_plain_archive_entries),
                cmocka_unit_test(test_crc_format_checksum),
                cmocka_unit_test(test_concatenated_segments),
                cmocka_unit_test(test_bad_headers),
                cmocka_unit_test(test_unknown_and_unsupported_formats),
                cmocka_unit_test(test_mode_string_and_name_clean),
        };

        return cmocka_run_group_tests(tests, NULL, NULL);
}
