/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kmsg.h"

int kmsg_open_at_end(void)
{
        int fd = open("/dev/kmsg", O_RDONLY | O_NONBLOCK | O_CLOEXEC);

        if (fd < 0)
                return -errno;
        if (lseek(fd, 0, SEEK_END) < 0) {
                int r = -errno;

                close(fd);
                return r;
        }
        return fd;
}

int kmsg_record_text(const char *rec, size_t len, char *text, size_t size)
{
        const char *semi = memchr(rec, ';', len);
        size_t n;

        if (!semi || size == 0)
                return -EINVAL;
        semi++;
        /* The text ends at the first newline; " KEY=value" lines follow it. */
        n = strcspn(semi, "\n");
        if (n > len - (size_t)(semi - rec))
                n = len - (size_t)(semi - rec);
        if (n >= size)
                n = size - 1;
        memcpy(text, semi, n);
        text[n] = '\0';
        return 0;
}

int kmsg_record_usec(const char *rec, size_t len, unsigned long long *usec)
{
        const char *end = rec + strnlen(rec, len);
        const char *p = rec;
        char *stop;

        for (int field = 0; field < 2; field++) {
                p = memchr(p, ',', (size_t)(end - p));
                if (!p)
                        return -EINVAL;
                p++;
        }
        if (p == end || *p < '0' || *p > '9')
                return -EINVAL;
        *usec = strtoull(p, &stop, 10);
        return stop < end && (*stop == ',' || *stop == ';') ? 0 : -EINVAL;
}

static bool mentions(const char *text, const char *const *needles)
{
        for (; *needles; needles++)
                if (**needles && strcasestr(text, *needles))
                        return true;
        return false;
}

void kmsg_collect(int fd, const char *const *needles, struct strv *out, size_t max)
{
        char rec[2048], text[1024];
        size_t found = 0;

        if (fd < 0)
                return;
        for (;;) {
                ssize_t n = read(fd, rec, sizeof(rec) - 1);

                if (n < 0 && (errno == EINTR || errno == EPIPE))
                        continue;       /* EPIPE: records were overwritten; read on */
                if (n <= 0)
                        return;
                rec[n] = '\0';
                if (kmsg_record_text(rec, (size_t)n, text, sizeof(text)) < 0)
                        continue;
                if (found < max && mentions(text, needles)) {
                        strlist_push(out, text);
                        found++;
                }
        }
}
