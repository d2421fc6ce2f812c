/* SPDX-License-Identifier: MIT */
#pragma once

#include <stddef.h>

/*
 * Everything we say goes to the console (stdout, which the kernel opened on
 * /dev/console) and to the kernel log.  The kernel-log copy is written at
 * debug level so that the kernel does not print it on the console a second
 * time under the default loglevel.
 */
void log_open(void);

/*
 * PID 1 only: from now on the kernel's console messages are held back while
 * one of our lines goes out, and printed after it, so that none lands in the
 * middle of a status line.  log_release_kernel_console() ends a hold a fault
 * interrupted.
 */
void log_keep_lines_whole(void);
void log_release_kernel_console(void);

/* To the console only, with no kernel message inside it (the prompt). */
void log_console_whole(const char *buf, size_t len);

/* One line, as given, with "rdcheck: " in front. */
void log_info(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* One line exactly as given (status lines carry their own prefix). */
void log_line(const char *line);

/* Console only: prompt output, no kernel log copy. */
void console_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
