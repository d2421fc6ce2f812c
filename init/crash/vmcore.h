/* SPDX-License-Identifier: MIT */
#pragma once

#include <stddef.h>

/*
 * The crashed kernel's log, read from an ELF core (/proc/vmcore in a capture
 * kernel) through the VMCOREINFO contract of the lockless printk ring
 * (Linux 5.10 and later): no symbol table, no debug info.
 *
 * @emit gets the log as the kernel prints it, "[%5lu.%06lu] text\n" per line,
 * oldest first, in one or more pieces; a negative return from @emit stops
 * the read and is returned.  Returns 0, or -errno with @why naming what was
 * wrong: "VMCOREINFO has no OFFSET(printk_info.text_len)", "no PT_LOAD maps
 * prb at 0xffffffff82...", "not an ELF core".
 */
int vmcore_dmesg(int fd, int (*emit)(void *ctx, const char *buf, size_t len), void *ctx,
                 char *why, size_t size);
