/* SPDX-License-Identifier: MIT */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "cmdline.h"

/*
 * The consoles the prompt lives on.  The kernel's /dev/console is only the
 * last console= named; a person may be at any of them (a BMC's serial line,
 * a screen), so every console= that is a device gets our output and may
 * type at the prompt.  With none named, /dev/console (fds 0 and 1) is it.
 */

#define CONSOLE_MAX 4

/* Make sure fds 0, 1 and 2 are the console, whatever the kernel left us. */
void console_setup(void);

/*
 * Open every console= device (at most CONSOLE_MAX, duplicates once), set
 * the line speed and framing each names.  Problems are returned one per
 * line in @why (for the caller to log), "" when none.
 */
void console_open(const struct strv *consoles, char *why, size_t size);

/* Everything we print, to every console.  Each write is bounded in time. */
void console_write(const char *buf, size_t len);
/*
 * Wait until what was written has left every console's tty buffer (into the
 * UART, which finishes it before the kernel's next console message), bounded
 * by the time the line speed needs for it; a stalled line is not waited on.
 */
void console_drain(void);
/* The same two for a tty that is not a console (rd.verdict.tty=). */
void tty_write_bounded(int fd, const char *buf, size_t len);
void tty_drain(int fd);
/* To console @i only (the echo of what someone types there). */
void console_write_one(int i, const char *buf, size_t len);

/* How many consoles there are, and the fd to read console @i from. */
int console_count(void);
int console_input_fd(int i);
const char *console_path(int i);

/*
 * Raw input for our own line editing (no echo, no signals, no CR
 * translation; output keeps CRLF), on every console that is a terminal;
 * console_restore() puts back what was there before switch_root or a shell.
 */
void console_raw(void);
void console_restore(void);
/* Whether console_raw() is in force (the prompt is open). */
bool console_is_raw(void);

/*
 * Open every console again, on the same fds.  When a shell that had a
 * console as its controlling terminal exits, the kernel hangs that
 * terminal up (exit.c, disassociate_ctty()), and every file open on it,
 * ours included, reads EOF and writes EIO from then on.
 */
void console_reopen(void);
