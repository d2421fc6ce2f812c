/* SPDX-License-Identifier: MIT */
#pragma once

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* The formats the kernel's initramfs unpacker knows (usr/Kconfig's RD_*). */
enum compress {
        COMPRESS_NONE,
        COMPRESS_GZIP,
        COMPRESS_ZSTD,
        COMPRESS_XZ,
        COMPRESS_LZ4,   /* the legacy frame, as lz4 -l writes it */
        /* Recognised by their magic only: named, never read or written. */
        COMPRESS_BZIP2,
        COMPRESS_LZMA,
        COMPRESS_LZO,
        COMPRESS_UNKNOWN,
};

/* "gzip", "zstd", ... "none"; the name --compress takes. */
const char *compress_name(enum compress c);

/* The kernel option that lets the kernel unpack @c ("CONFIG_RD_ZSTD"), NULL for none. */
const char *compress_kconfig(enum compress c);

/* A --compress argument: 0, or -EINVAL for a name this tool cannot write. */
int compress_parse(const char *name, enum compress *ret);

/*
 * A kernel module's file name: COMPRESS_NONE for "x.ko", the format of
 * "x.ko.xz", "x.ko.zst", "x.ko.gz", COMPRESS_UNKNOWN for any other name.
 * *ko_len is the length of the name up to and with ".ko".
 */
enum compress module_compression(const char *path, size_t *ko_len);

/* What the bytes at @buf start with; COMPRESS_UNKNOWN when nothing known. */
enum compress compress_detect(const unsigned char *buf, size_t len);

/*
 * A compressing writer to @out.  The same bytes in give the same bytes out,
 * whatever the machine (single-threaded, no names or times in headers).
 */
struct encoder;

int encoder_new(enum compress c, FILE *out, struct encoder **ret);
int encoder_write(struct encoder *e, const void *buf, size_t len);
/* Flushes the end of the stream; compressed bytes written so far in @written. */
int encoder_finish(struct encoder *e);
uint64_t encoder_written(const struct encoder *e);
void encoder_free(struct encoder *e);

/*
 * Decompresses the stream of format @c at the start of @in into a malloc'd
 * buffer (*out, *outlen), at most @max bytes.  *consumed is the input the
 * stream took (for lz4's legacy frame, which has no end mark, up to the
 * next zero word, other magic, or the end of @in).  Returns 0 or -errno
 * with @why saying what is wrong.
 */
int decompress(enum compress c, const unsigned char *in, size_t inlen, size_t max,
               unsigned char **out, size_t *outlen, size_t *consumed, char *why, size_t whysize);
