/* SPDX-License-Identifier: MIT */
#pragma once

#include <stddef.h>

#define PAGER_COLUMNS 80
#define PAGER_ROWS 24

/*
 * Print @text through console_printf() a screen at a time for an 80x24
 * serial terminal: after every PAGER_ROWS - 1 rows (a line longer than 80
 * columns takes more than one) a "--More--" line, and @wait_key for the
 * answer: q, ^C or ^D stop, anything else shows the next screen.  A
 * negative return from @wait_key (nobody answered in time) stops too and
 * is returned.  Returns 0 when all was shown, 1 when stopped by a key.
 */
int pager_show(const char *text, size_t len, int (*wait_key)(void *ctx), void *ctx);
