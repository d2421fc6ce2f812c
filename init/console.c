/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdbool.h>
#include <unistd.h>

#include "console.h"

void console_setup(void)
{
        int fd;

        if (fcntl(STDIN_FILENO, F_GETFD) >= 0 && fcntl(STDOUT_FILENO, F_GETFD) >= 0 &&
            fcntl(STDERR_FILENO, F_GETFD) >= 0)
                return;
        /* The kernel found no /dev/console in the image; devtmpfs has one now. */
        fd = open("/dev/console", O_RDWR | O_NOCTTY);
        if (fd < 0)
                fd = open("/dev/null", O_RDWR);
        if (fd < 0)
                return;
        for (int i = 0; i < 3; i++)
                if (fcntl(i, F_GETFD) < 0)
                        dup2(fd, i);
        if (fd > 2)
                close(fd);
}

ssize_t console_readline(char *buf, size_t size)
{
        size_t len = 0;
        bool overflow = false;

        for (;;) {
                char c;
                ssize_t n = read(STDIN_FILENO, &c, 1);

                if (n < 0 && errno == EINTR)
                        continue;
                if (n <= 0) {
                        /* EOF or a dead line: wait a little, the caller retries. */
                        poll(NULL, 0, 1000);
                        return -EIO;
                }
                if (c == '\n' || c == '\r')
                        break;
                if (len + 1 < size)
                        buf[len++] = c;
                else
                        overflow = true;
        }
        buf[len] = '\0';
        return overflow ? -E2BIG : (ssize_t)len;
}
