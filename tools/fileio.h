/* SPDX-License-Identifier: MIT */
#pragma once

#include <stddef.h>

/* Writes all @len bytes of @buf to @fd.  Returns 0 or -errno. */
int fd_write_all(int fd, const void *buf, size_t len);

/*
 * Reads the regular file open at @fd whole into a malloc'd buffer (*ret,
 * *len).  -EINVAL for something else than a regular file, -EFBIG over @max.
 */
int fd_read_whole(int fd, size_t max, unsigned char **ret, size_t *len);
