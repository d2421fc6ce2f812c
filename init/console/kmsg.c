/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kmsg.h"
#include "util.h"

/*
 * /dev/kmsg takes 10 lines per 5 s from each open file and drops the rest
 * ("printk: init: 6 output lines suppressed due to ratelimiting"): a boot
 * with a few messages before its status lines lost some of their copies.
 * The limit is there against floods; our lines are few and each one
 * matters, so the file is opened anew before the limit is reached.  The
 * limit belongs to the open file, which a forked child shares: a child
 * opens its own rather than count against its parent's.
 */
#define KMSG_LINES_PER_OPEN 10

static struct {
        int fd;
        int lines;
        pid_t pid;              /* the process that opened fd */
} writer = { .fd = -1 };

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
                /* The kernel's own words: not what user space wrote (our trail names the module too). */
                if (atoi(rec) >> 3 != 0 || kmsg_record_text(rec, (size_t)n, text, sizeof(text)) < 0)
                        continue;
                if (found < max && mentions(text, needles)) {
                        strlist_push(out, text);
                        found++;
                }
        }
}

size_t kmsg_console_text(const char *rec, size_t len, int console_level, int minimum_level,
                         bool time, char *out, size_t size)
{
        unsigned long long usec = 0;
        const char *semi = memchr(rec, ';', len);
        const char *p, *end;
        char stamp[32] = "";
        size_t n = 0, stamp_len = 0;
        char *stop;
        long pri;

        if (!semi || size < 2 || len == 0 || rec[0] < '0' || rec[0] > '9')
                return 0;
        pri = strtol(rec, &stop, 10);
        if (*stop != ',' || pri < 0)
                return 0;
        if ((pri & 7) >= console_level || (pri & 7) < minimum_level)
                return 0;
        if (time) {
                if (kmsg_record_usec(rec, len, &usec) < 0)
                        return 0;
                stamp_len = (size_t)snprintf(stamp, sizeof(stamp), "[%5llu.%06llu] ",
                                             usec / 1000000, usec % 1000000);
        }
        p = semi + 1;
        end = memchr(p, '\n', len - (size_t)(p - rec));
        if (!end)
                end = rec + len;
        /* Room for the stamp, one character and the final newline on each line. */
        for (bool line_start = true; p < end && n + stamp_len + 2 < size; p++) {
                char c = *p;

                if (line_start) {
                        memcpy(out + n, stamp, stamp_len);
                        n += stamp_len;
                        line_start = false;
                }
                if (c == '\\' && end - p >= 4 && p[1] == 'x' && hex_digit(p[2]) >= 0 &&
                    hex_digit(p[3]) >= 0) {
                        c = (char)(hex_digit(p[2]) * 16 + hex_digit(p[3]));
                        p += 3;
                }
                if (c == '\n') {
                        out[n++] = '\n';
                        line_start = true;
                        continue;
                }
                out[n++] = c;
        }
        if (n == 0 || out[n - 1] != '\n')
                out[n++] = '\n';
        return n;
}

void kmsg_writer_open(void)
{
        pid_t self = getpid();
        int fd;

        if (writer.fd >= 0 && writer.pid == self && writer.lines < KMSG_LINES_PER_OPEN)
                return;
        /* The old file stays if no new one opens (/dev is being moved at switch_root). */
        fd = open("/dev/kmsg", O_WRONLY | O_CLOEXEC | O_NOCTTY);
        if (fd < 0)
                return;
        /* A parent's file is left open for the parent. */
        if (writer.fd >= 0 && writer.pid == self)
                close(writer.fd);
        writer.fd = fd;
        writer.lines = 0;
        writer.pid = self;
}

void kmsg_write(const char *line)
{
        /* <31>: facility daemon, level debug. */
        char kbuf[1210];
        int k = snprintf(kbuf, sizeof(kbuf), "<31>%s", line);

        kmsg_writer_open();
        if (writer.fd < 0 || k <= 0)
                return;
        (void)write_all(writer.fd, kbuf, (size_t)k < sizeof(kbuf) ? (size_t)k : sizeof(kbuf) - 1);
        writer.lines++;
}
