/* SPDX-License-Identifier: MIT */
/* The zero-skipping copy of /proc/vmcore behind the dump step (sparsecopy.h). */
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>

#include "sparsecopy.h"

static bool page_is_zero(const unsigned char *p, size_t len)
{
        const uint64_t *w = (const uint64_t *)p;

        for (size_t i = 0; i < len / sizeof(*w); i++)
                if (w[i])
                        return false;
        for (size_t i = len & ~(sizeof(*w) - 1); i < len; i++)
                if (p[i])
                        return false;
        return true;
}

static int pwrite_whole(int fd, const unsigned char *buf, size_t len, unsigned long long off)
{
        while (len) {
                ssize_t n = pwrite(fd, buf, len, (off_t)off);

                if (n < 0 && errno == EINTR)
                        continue;
                if (n < 0)
                        return -errno;
                if (n == 0)
                        return -EIO;
                buf += n;
                len -= (size_t)n;
                off += (unsigned long long)n;
        }
        return 0;
}

/* Reads [off, off+len) whole; a short file counts as an error (EIO). */
static int pread_whole(int fd, unsigned char *buf, size_t len, unsigned long long off)
{
        while (len) {
                ssize_t n = pread(fd, buf, len, (off_t)off);

                if (n < 0 && errno == EINTR)
                        continue;
                if (n < 0)
                        return -errno;
                if (n == 0)
                        return -EIO;
                buf += n;
                len -= (size_t)n;
                off += (unsigned long long)n;
        }
        return 0;
}

/* The non-zero pages of one chunk, as runs. */
static int chunk_write(int out, const unsigned char *buf, size_t len, unsigned long long off,
                       struct sparse_copy *c)
{
        size_t run = 0, at = 0;

        for (size_t p = 0; p < len; p += SPARSE_PAGE) {
                size_t plen = len - p < SPARSE_PAGE ? len - p : SPARSE_PAGE;

                if (!page_is_zero(buf + p, plen)) {
                        if (!run)
                                at = p;
                        run += plen;
                        continue;
                }
                if (run) {
                        int r = pwrite_whole(out, buf + at, run, off + at);

                        if (r < 0)
                                return r;
                        c->written += run;
                        run = 0;
                }
        }
        if (run) {
                int r = pwrite_whole(out, buf + at, run, off + at);

                if (r < 0)
                        return r;
                c->written += run;
        }
        return 0;
}

/* A chunk the source refused whole: page by page, so one bad page costs one page. */
static int chunk_by_pages(int in, int out, unsigned char *buf, size_t len, unsigned long long off,
                          struct sparse_copy *c)
{
        for (size_t p = 0; p < len; p += SPARSE_PAGE) {
                size_t plen = len - p < SPARSE_PAGE ? len - p : SPARSE_PAGE;
                int r = pread_whole(in, buf, plen, off + p);

                if (r < 0) {
                        if (!c->read_error)
                                c->read_error = -r;
                        c->unreadable += plen;
                        continue;
                }
                r = chunk_write(out, buf, plen, off + p, c);
                if (r < 0)
                        return r;
        }
        return 0;
}

int sparse_copy(int in, int out, struct sparse_copy *c)
{
        static unsigned char buf[SPARSE_CHUNK];
        int r;

        while (c->done < c->size) {
                size_t len = c->size - c->done < SPARSE_CHUNK ? (size_t)(c->size - c->done) : SPARSE_CHUNK;

                if (pread_whole(in, buf, len, c->done) == 0)
                        r = chunk_write(out, buf, len, c->done, c);
                else
                        r = chunk_by_pages(in, out, buf, len, c->done, c);
                if (r < 0)
                        return r;
                c->done += len;
                if (c->progress)
                        c->progress(c->ctx, c);
        }
        /* The zeros at the end are a hole too, and the size must still be right. */
        if (ftruncate(out, (off_t)c->size) < 0)
                return -errno;
        return 0;
}
