/* SPDX-License-Identifier: MIT */
/*
 * A reader for initramfs images, with the kernel's rules (init/initramfs.c,
 * unpack_to_rootfs()): zero bytes between archives are skipped, a plain
 * archive starts at a 4-byte boundary, anything else must be a compressed
 * stream whose unpacked bytes are archives in turn.  Every length is checked
 * against what is there before it is used: input is untrusted.
 */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cpio.h"

#define HEADER_LEN 110

struct reader {
        struct cpio_image *img;
        const unsigned char *buf;       /* the region being read */
        size_t len;
        char where[96];                 /* "" for the file, or which unpacked segment */
        char *why;
        size_t whysize;
};

static int fail_at(struct reader *rd, size_t pos, const char *fmt, ...)
        __attribute__((format(printf, 3, 4)));
static int fail_at(struct reader *rd, size_t pos, const char *fmt, ...)
{
        char what[256];
        va_list ap;

        va_start(ap, fmt);
        vsnprintf(what, sizeof(what), fmt, ap);
        va_end(ap);
        snprintf(rd->why, rd->whysize, "offset %zu (0x%zx)%s: %s", pos, pos, rd->where, what);
        return -EINVAL;
}

static size_t align4(size_t v)
{
        return (v + 3) & ~(size_t)3;
}

static int hex8(const unsigned char *p, uint32_t *ret)
{
        uint32_t v = 0;

        for (int i = 0; i < 8; i++) {
                unsigned char c = p[i];

                v <<= 4;
                if (c >= '0' && c <= '9')
                        v |= c - '0';
                else if (c >= 'a' && c <= 'f')
                        v |= c - 'a' + 10;
                else if (c >= 'A' && c <= 'F')
                        v |= c - 'A' + 10;
                else
                        return -EINVAL;
        }
        *ret = v;
        return 0;
}

static bool name_climbs_out(const char *name)
{
        const char *p = name;

        while (*p) {
                size_t len = strcspn(p, "/");

                if (len == 2 && p[0] == '.' && p[1] == '.')
                        return true;
                p += len;
                p += *p == '/';
        }
        return false;
}

static int entry_append(struct cpio_image *img, const struct cpio_entry *e)
{
        struct cpio_entry *v;

        /* 1024 at a time. */
        if ((img->n_entries & 1023) == 0) {
                v = reallocarray(img->entries, img->n_entries + 1024, sizeof(*v));
                if (!v)
                        return -ENOMEM;
                img->entries = v;
        }
        img->entries[img->n_entries++] = *e;
        return 0;
}

static const char *const field_names[13] = {
        "ino", "mode", "uid", "gid", "nlink", "mtime", "filesize",
        "devmajor", "devminor", "rdevmajor", "rdevminor", "namesize", "check",
};

/* One header, name and data at *pos; *trailer when it was TRAILER!!!. */
static int entry_read(struct reader *rd, size_t *pos, size_t segment, bool *trailer)
{
        const unsigned char *h = rd->buf + *pos;
        size_t left = rd->len - *pos, at = *pos, data_at;
        uint32_t f[13], sum = 0;
        struct cpio_entry e = { .segment = segment };
        const char *name;

        if (left < HEADER_LEN)
                return fail_at(rd, at, "truncated header (%zu of %d bytes)", left, HEADER_LEN);
        if (!memcmp(h, "070707", 6))
                return fail_at(rd, at, "old portable (odc) cpio header; the kernel reads only newc (070701/070702)");
        if (memcmp(h, "070701", 6) && memcmp(h, "070702", 6))
                return fail_at(rd, at, "not a newc cpio header (magic %02x %02x %02x %02x %02x %02x)",
                               h[0], h[1], h[2], h[3], h[4], h[5]);
        for (int i = 0; i < 13; i++)
                if (hex8(h + 6 + 8 * i, &f[i]) < 0)
                        return fail_at(rd, at, "header field %s is not 8 hex digits", field_names[i]);
        if (f[11] == 0)
                return fail_at(rd, at, "name size 0");
        if (f[11] > PATH_MAX)
                return fail_at(rd, at, "name size %u is over PATH_MAX", f[11]);
        if (f[11] > left - HEADER_LEN)
                return fail_at(rd, at, "name of %u bytes runs past the end (%zu left)", f[11],
                               left - HEADER_LEN);
        name = (const char *)h + HEADER_LEN;
        if (name[f[11] - 1] != '\0')
                return fail_at(rd, at, "name of %u bytes without its NUL", f[11]);
        if (strlen(name) != f[11] - 1)
                return fail_at(rd, at, "name holds a NUL before its end");
        if (!strcmp(name, "TRAILER!!!")) {
                *trailer = true;
                *pos = align4(at + HEADER_LEN + f[11]);
                if (*pos > rd->len)
                        *pos = rd->len;
                return 0;
        }
        if (!name[0])
                return fail_at(rd, at, "empty name");
        if (name_climbs_out(name))
                return fail_at(rd, at, "name '%.200s' climbs out of the root with '..'", name);
        data_at = align4(at + HEADER_LEN + f[11]);
        if (data_at > rd->len || f[6] > rd->len - data_at)
                return fail_at(rd, at, "'%.200s': data of %u bytes runs past the end (%zu left)", name,
                               f[6], data_at > rd->len ? 0 : rd->len - data_at);
        if (S_ISLNK(f[1]) && (f[6] == 0 || f[6] >= PATH_MAX))
                return fail_at(rd, at, "'%.200s': symlink target of %u bytes", name, f[6]);
        if (h[5] == '2') {
                for (uint32_t i = 0; i < f[6]; i++)
                        sum += rd->buf[data_at + i];
                if (sum != f[12])
                        return fail_at(rd, at, "'%.200s': checksum %08x, header says %08x", name, sum, f[12]);
        }
        e.name = name;
        e.mode = f[1];
        e.uid = f[2];
        e.gid = f[3];
        e.nlink = f[4];
        e.mtime = f[5];
        e.size = f[6];
        e.rdev_major = f[9];
        e.rdev_minor = f[10];
        e.data = rd->buf + data_at;
        *pos = align4(data_at + f[6]);
        if (*pos > rd->len)
                *pos = rd->len;
        *trailer = false;
        return entry_append(rd->img, &e) < 0 ? fail_at(rd, at, "out of memory") : 0;
}

/* Entries from *pos up to and including TRAILER!!!. */
static int archive_read(struct reader *rd, size_t *pos, size_t segment)
{
        size_t start = *pos;
        bool trailer = false;

        while (!trailer) {
                int r;

                if (*pos >= rd->len)
                        return fail_at(rd, start, "archive ends without TRAILER!!! (truncated?)");
                r = entry_read(rd, pos, segment, &trailer);
                if (r < 0)
                        return r;
        }
        return 0;
}

static int segment_append(struct cpio_image *img, uint64_t offset, enum compress c)
{
        struct cpio_segment *v = reallocarray(img->segments, img->n_segments + 1, sizeof(*v));

        if (!v)
                return -ENOMEM;
        img->segments = v;
        v[img->n_segments++] = (struct cpio_segment){
                .offset = offset, .compress = c, .first = img->n_entries,
        };
        return 0;
}

/* The unpacked bytes of a compressed segment: archives and zero padding only. */
static int unpacked_read(struct reader *rd, size_t segment)
{
        size_t pos = 0;

        while (pos < rd->len) {
                int r;

                if (rd->buf[pos] == 0) {
                        pos++;
                        continue;
                }
                if (rd->buf[pos] != '0' || pos % 4)
                        return fail_at(rd, pos, "not a cpio header after the previous archive");
                r = archive_read(rd, &pos, segment);
                if (r < 0)
                        return r;
        }
        return 0;
}

static int compressed_read(struct reader *file, size_t *pos, enum compress c)
{
        struct cpio_image *img = file->img;
        struct reader rd = { .img = img, .why = file->why, .whysize = file->whysize };
        unsigned char **bufs, *out = NULL;
        size_t outlen = 0, used = 0, segment = img->n_segments - 1;
        char why[200];
        int r;

        r = decompress(c, file->buf + *pos, file->len - *pos, CPIO_UNPACKED_MAX, &out, &outlen,
                       &used, why, sizeof(why));
        if (r < 0)
                return fail_at(file, *pos, "%s segment: %s", compress_name(c), why);
        bufs = reallocarray(img->buffers, img->n_buffers + 1, sizeof(*bufs));
        if (!bufs) {
                free(out);
                return fail_at(file, *pos, "out of memory");
        }
        img->buffers = bufs;
        bufs[img->n_buffers++] = out;
        rd.buf = out;
        rd.len = outlen;
        snprintf(rd.where, sizeof(rd.where), " of the %s data unpacked from offset %zu", compress_name(c), *pos);
        r = unpacked_read(&rd, segment);
        if (r < 0)
                return r;
        if (outlen == 0 || used == 0)
                return fail_at(file, *pos, "%s segment unpacks to nothing", compress_name(c));
        *pos += used;
        return 0;
}

int cpio_image_read(const unsigned char *buf, size_t len, struct cpio_image *img,
                    char *why, size_t whysize)
{
        struct reader rd = { .img = img, .buf = buf, .len = len, .why = why, .whysize = whysize };
        size_t pos = 0;

        *img = (struct cpio_image){ 0 };
        why[0] = '\0';
        while (pos < len) {
                size_t start = pos;
                enum compress c;
                int r;

                if (buf[pos] == 0) {
                        pos++;
                        continue;
                }
                c = compress_detect(buf + pos, len - pos);
                if (c == COMPRESS_UNKNOWN)
                        return fail_at(&rd, pos, "neither a cpio archive nor a known compression "
                                       "(bytes %02x %02x %02x %02x)", buf[pos],
                                       len - pos > 1 ? buf[pos + 1] : 0, len - pos > 2 ? buf[pos + 2] : 0,
                                       len - pos > 3 ? buf[pos + 3] : 0);
                if (c >= COMPRESS_BZIP2)
                        return fail_at(&rd, pos, "%s-compressed segment: recognised, but not supported "
                                       "by this tool", compress_name(c));
                if (c == COMPRESS_NONE && pos % 4)
                        return fail_at(&rd, pos, "cpio header not on a 4-byte boundary");
                if (segment_append(img, pos, c) < 0)
                        return fail_at(&rd, pos, "out of memory");
                r = c == COMPRESS_NONE ? archive_read(&rd, &pos, img->n_segments - 1)
                                       : compressed_read(&rd, &pos, c);
                if (r < 0)
                        return r;
                img->segments[img->n_segments - 1].length = pos - start;
                img->segments[img->n_segments - 1].count =
                        img->n_entries - img->segments[img->n_segments - 1].first;
        }
        if (!img->n_segments)
                return fail_at(&rd, 0, "no cpio archive in %zu bytes", len);
        return 0;
}

void cpio_image_free(struct cpio_image *img)
{
        for (size_t i = 0; i < img->n_buffers; i++)
                free(img->buffers[i]);
        free(img->buffers);
        free(img->entries);
        free(img->segments);
        *img = (struct cpio_image){ 0 };
}

void cpio_mode_string(uint32_t mode, char out[11])
{
        static const char rwx[] = "rwxrwxrwx";

        switch (mode & S_IFMT) {
        case S_IFDIR: out[0] = 'd'; break;
        case S_IFLNK: out[0] = 'l'; break;
        case S_IFCHR: out[0] = 'c'; break;
        case S_IFBLK: out[0] = 'b'; break;
        case S_IFIFO: out[0] = 'p'; break;
        case S_IFSOCK: out[0] = 's'; break;
        case S_IFREG: out[0] = '-'; break;
        default: out[0] = '?'; break;
        }
        for (int i = 0; i < 9; i++)
                out[1 + i] = mode & (0400u >> i) ? rwx[i] : '-';
        if (mode & S_ISUID)
                out[3] = out[3] == 'x' ? 's' : 'S';
        if (mode & S_ISGID)
                out[6] = out[6] == 'x' ? 's' : 'S';
        if (mode & S_ISVTX)
                out[9] = out[9] == 'x' ? 't' : 'T';
        out[10] = '\0';
}

const char *cpio_name_clean(const char *name, char *buf, size_t size)
{
        size_t len;

        for (;;) {
                if (name[0] == '/')
                        name++;
                else if (name[0] == '.' && name[1] == '/')
                        name += 2;
                else
                        break;
        }
        len = strlen(name);
        while (len > 0 && name[len - 1] == '/')
                len--;
        if (len >= size)
                len = size - 1;
        memcpy(buf, name, len);
        buf[len] = '\0';
        return buf;
}
