/* SPDX-License-Identifier: MIT */
#pragma once

#include <stddef.h>
#include <sys/types.h>

/* Make sure fds 0, 1 and 2 are the console, whatever the kernel left us. */
void console_setup(void);

/*
 * Read one line from the console into @buf (without the newline).  Returns
 * its length, -E2BIG for a line longer than the buffer (the rest is
 * discarded), or -EIO when the console is gone (after a pause, so that a
 * caller looping on it never spins).
 */
ssize_t console_readline(char *buf, size_t size);
