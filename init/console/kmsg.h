/* SPDX-License-Identifier: MIT */
#pragma once

#include <stdbool.h>
#include <stddef.h>

#include "cmdline.h"

/*
 * The kernel's own words about a failure: open /dev/kmsg positioned after
 * what is already there, do the thing, then collect the new messages that
 * mention it ("virtio_blk: `abc' invalid for parameter `queue_depth'",
 * "EXT4-fs (vda): Unrecognized mount option ...").
 */

/* A reader at the end of the log, or -errno. */
int kmsg_open_at_end(void);

/*
 * Read every record since the reader's position; push into @out the message
 * text of the kernel's own (facility kern) containing one of @needles
 * (NULL-terminated, compared without case), at most @max of them.  Closes
 * nothing.
 */
void kmsg_collect(int fd, const char *const *needles, struct strv *out, size_t max);

/* Parse one /dev/kmsg record "pri,seq,ts,flags;text\n..." into its text. */
int kmsg_record_text(const char *rec, size_t len, char *text, size_t size);

/* The record's timestamp, microseconds since boot.  Returns 0 or -EINVAL. */
int kmsg_record_usec(const char *rec, size_t len, unsigned long long *usec);

/*
 * What the kernel prints on its console for one /dev/kmsg record, had it
 * been let through: "[    4.123456] text\n" (the stamp only with
 * printk.time), the record's \xNN escapes undone, the stamp in front of each
 * of its lines.  Returns the length written to @out, or 0 for a record that
 * was printed anyway or would not have been: its level at or above
 * @console_level (not shown), or below @minimum_level (shown even while
 * the console level is at its minimum).
 */
size_t kmsg_console_text(const char *rec, size_t len, int console_level, int minimum_level,
                         bool time, char *out, size_t size);

/*
 * Our own lines into the kernel log, at debug level, so that the console
 * does not print them a second time.  One writer per process: a forked
 * child or the module helper opens a file of its own on its first line.
 */
void kmsg_writer_open(void);
void kmsg_write(const char *line);
