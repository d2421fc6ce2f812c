/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "console.h"
#include "log.h"

static int kmsg_fd = -1;

void log_open(void)
{
        if (kmsg_fd < 0)
                kmsg_fd = open("/dev/kmsg", O_WRONLY | O_CLOEXEC | O_NOCTTY);
}

static void write_all(int fd, const char *s, size_t len)
{
        while (len > 0) {
                ssize_t n = write(fd, s, len);

                if (n < 0 && errno == EINTR)
                        continue;
                if (n <= 0)
                        return;
                s += n;
                len -= (size_t)n;
        }
}

void log_line(const char *line)
{
        char buf[1200];
        int n;

        n = snprintf(buf, sizeof(buf), "%s\n", line);
        if (n < 0)
                return;
        if ((size_t)n >= sizeof(buf))
                n = sizeof(buf) - 1;
        console_write(buf, (size_t)n);
        if (kmsg_fd >= 0) {
                /* <31>: facility daemon, level debug. */
                char kbuf[1210];
                int k = snprintf(kbuf, sizeof(kbuf), "<31>%s", buf);

                if (k > 0)
                        write_all(kmsg_fd, kbuf, (size_t)k < sizeof(kbuf) ? (size_t)k : sizeof(kbuf) - 1);
        }
}

void log_info(const char *fmt, ...)
{
        char msg[1024];
        char line[1040];
        va_list ap;

        va_start(ap, fmt);
        vsnprintf(msg, sizeof(msg), fmt, ap);
        va_end(ap);
        snprintf(line, sizeof(line), "rdcheck: %s", msg);
        log_line(line);
}

void console_printf(const char *fmt, ...)
{
        char buf[4096];
        va_list ap;
        int n;

        va_start(ap, fmt);
        n = vsnprintf(buf, sizeof(buf), fmt, ap);
        va_end(ap);
        if (n < 0)
                return;
        if ((size_t)n >= sizeof(buf))
                n = sizeof(buf) - 1;
        console_write(buf, (size_t)n);
}
