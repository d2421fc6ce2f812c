/* SPDX-License-Identifier: MIT */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <termios.h>

/* A console= value the prompt can open: "ttyS0,115200n8" read as the kernel reads it. */
struct ttyspec {
        char path[48];          /* /dev/ttyS0 */
        bool has_options;       /* a line setting followed the name */
        speed_t speed;          /* B115200 */
        unsigned baud;          /* 115200, as written */
        char parity;            /* 'n', 'o' or 'e' */
        int bits;               /* 5..8 */
        bool rtscts;            /* 'r': hardware flow control */
};

/*
 * Parse one console= value.  Returns 0, -ENODEV for a console that is not a
 * device node the prompt can open (uart8250,io,0x3f8 and other early
 * consoles, "null"), or -EINVAL with @error set for a malformed line setting.
 */
int ttyspec_parse(const char *value, struct ttyspec *t, const char **error);

/* Apply the speed and framing of @t to @tio. */
void ttyspec_apply(const struct ttyspec *t, struct termios *tio);
