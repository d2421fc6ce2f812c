/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer target for the vmcore log reader: any bytes, handed over as a
 * file, give the log or -EINVAL/-ENOENT with a reason; the log is lines of
 * "[stamp] text", every one ending in a newline.  The seed
 * (corpus/vmcore_dmesg/synthetic-6.1) is the unit tests' core, written by
 * VMCORE_SEED=FILE build/host/test/test_vmcore.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "vmcore.h"

struct seen {
        char last;              /* the last byte emitted */
        size_t len;
};

static int collect(void *ctx, const char *buf, size_t len)
{
        struct seen *s = ctx;

        if (len == 0)
                abort();
        if (s->len == 0 && buf[0] != '[')
                abort();
        s->last = buf[len - 1];
        s->len += len;
        return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
        static int fd = -1;
        struct seen seen = { 0 };
        char why[256];
        int r;

        if (fd < 0)
                fd = memfd_create("fuzz-vmcore", 0);
        if (fd < 0 || ftruncate(fd, 0) < 0 || pwrite(fd, data, size, 0) != (ssize_t)size)
                abort();
        r = vmcore_dmesg(fd, collect, &seen, why, sizeof(why));
        if (r == 0 && seen.len > 0 && seen.last != '\n')
                abort();
        if (r != 0 && ((r != -EINVAL && r != -ENOENT) || !why[0] || !memchr(why, '\0', sizeof(why))))
                abort();
        return 0;
}
