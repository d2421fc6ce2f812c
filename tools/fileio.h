/* SPDX-License-Identifier: MIT */
#pragma once

#include <stddef.h>

/* Writes all @len bytes of @buf to @fd.  Returns 0 or -errno. */
int fd_write_all(int fd, const void *buf, size_t len);

/*
 * Reads the regular file open at @fd whole into a malloc'd buffer (*ret,
 * *len), with one byte to spare after the data (room for a NUL).  -EINVAL
 * for something else than a regular file, -EFBIG over @max.
 */
int fd_read_whole(int fd, size_t max, unsigned char **ret, size_t *len);

/*
 * Whether @path is an ELF program that runs without a dynamic loader (no
 * PT_INTERP), as a program in an image without libraries must: 0;
 * -ENOEXEC when it is no ELF file, -ELIBACC when it needs a loader (or is
 * not a 64-bit program), -errno when it cannot be read.
 */
int elf_static_check(const char *path);
