/* SPDX-License-Identifier: MIT */
#pragma once

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
 * text of those containing one of @needles (NULL-terminated, compared
 * without case), at most @max of them.  Closes nothing.
 */
void kmsg_collect(int fd, const char *const *needles, struct strv *out, size_t max);

/* Parse one /dev/kmsg record "pri,seq,ts,flags;text\n..." into its text. */
int kmsg_record_text(const char *rec, size_t len, char *text, size_t size);

/* The record's timestamp, microseconds since boot.  Returns 0 or -EINVAL. */
int kmsg_record_usec(const char *rec, size_t len, unsigned long long *usec);
