/* SPDX-License-Identifier: MIT */
#pragma once

#include <stddef.h>

/*
 * A copy of a file that may have holes it cannot say it has (/proc/vmcore):
 * pages of zeros are not written, they stay holes in the copy, and memory
 * that cannot be read is left as a hole too, counted, instead of ending the
 * copy.  The copy has the source's size at the end.
 */

#define SPARSE_PAGE     4096
#define SPARSE_CHUNK    (256 * 1024)

struct sparse_copy {
        unsigned long long size;        /* bytes to copy, from offset 0 */
        unsigned long long done;        /* bytes gone through so far */
        unsigned long long written;     /* bytes written: the pages that were not zeros */
        unsigned long long unreadable;  /* bytes the source refused, left as zeros */
        int read_error;                 /* the first errno the source gave, 0 if none */
        /* Called after each chunk; NULL: none. */
        void (*progress)(void *ctx, const struct sparse_copy *c);
        void *ctx;
};

/*
 * Copy c->size bytes of @in to @out (both at offset 0, by pread/pwrite).
 * Returns 0, or -errno when @out refused a write (-ENOSPC: full) with
 * c->done saying how far it got.  Syncs nothing: the caller does.
 */
int sparse_copy(int in, int out, struct sparse_copy *c);
