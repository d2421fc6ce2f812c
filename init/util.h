/* SPDX-License-Identifier: MIT */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "cmdline.h"

/* Milliseconds on CLOCK_MONOTONIC, and since the kernel started (CLOCK_BOOTTIME). */
long now_ms(void);
long uptime_ms(void);

/*
 * Read from @fd until @size bytes, end of file, or (non-blocking) nothing
 * more ready.  Returns the count or -errno.
 */
ssize_t read_full(int fd, char *buf, size_t size);

/*
 * Read up to size-1 bytes of @path into @buf, NUL-terminated, trailing
 * newlines removed.  Returns the length or -errno.
 */
ssize_t read_text(const char *path, char *buf, size_t size);
/* Same, for @name inside directory @dir. */
ssize_t read_text_at(const char *dir, const char *name, char *buf, size_t size);

/* All @len bytes to @fd, through short writes and EINTR.  Returns 0 or -errno. */
int write_all(int fd, const char *buf, size_t len);
int write_text(const char *path, const char *text);
int dir_create_parents(const char *path, mode_t mode);
bool path_exists(const char *path);
/* Whether two paths name the same block device (/dev/disk/... links, other spellings). */
bool same_node(const char *a, const char *b);

/* snprintf into a fixed buffer; -ENAMETOOLONG when it does not fit. */
int path_join(char *buf, size_t size, const char *a, const char *b)
        __attribute__((warn_unused_result));

/* The last component of where the symlink @path points (a driver's name), or NULL. */
const char *link_basename(const char *path, char *buf, size_t size);

/* The value of hex digit @c (either case), or -1. */
int hex_digit(char c);

/* Human size: "64 MiB", "1.5 GiB". */
const char *size_human(unsigned long long bytes, char *buf, size_t size);

/* Carry out reboot/poweroff/halt.  Returns only if the kernel refused (-errno). */
int system_action(enum onfail action);
