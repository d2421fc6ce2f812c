/* SPDX-License-Identifier: MIT */
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "compress.h"

/*
 * An initramfs read the way the kernel unpacks it (init/initramfs.c): newc
 * archives ("070701", and "070702" with its checksum), one after another,
 * each plain or compressed, with zero padding between.
 */
struct cpio_entry {
        const char *name;               /* as stored, NUL-terminated */
        uint32_t mode;
        uint32_t uid, gid;
        uint32_t nlink;
        uint32_t mtime;
        uint32_t size;
        uint32_t rdev_major, rdev_minor;
        const unsigned char *data;      /* @size bytes: a file's data, a symlink's target */
        size_t segment;                 /* index in cpio_image.segments */
};

struct cpio_segment {
        uint64_t offset;                /* in the image file */
        uint64_t length;                /* bytes of the image file it spans */
        enum compress compress;
        size_t first, count;            /* its entries */
};

struct cpio_image {
        struct cpio_entry *entries;
        size_t n_entries;
        struct cpio_segment *segments;
        size_t n_segments;
        unsigned char **buffers;        /* decompressed data the entries point into */
        size_t n_buffers;
};

/* Above this an image is refused as a decompression bomb. */
#define CPIO_UNPACKED_MAX ((size_t)4 << 30)

/*
 * Reads @len bytes of @buf (which must outlive @img) into @img.  Returns 0,
 * or -errno with one line in @why naming the offset and what is wrong:
 * "offset 0x200 (in zstd segment at 0x1000): name of 12 bytes without NUL".
 */
int cpio_image_read(const unsigned char *buf, size_t len, struct cpio_image *img,
                    char *why, size_t whysize);

void cpio_image_free(struct cpio_image *img);

/* "drwxr-xr-x" for @mode. */
void cpio_mode_string(uint32_t mode, char out[11]);

/* @name without leading "/" and "./", trailing "/": the path the kernel creates. */
const char *cpio_name_clean(const char *name, char *buf, size_t size);
