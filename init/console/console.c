/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <time.h>
#include <termios.h>
#include <unistd.h>

#include "console.h"
#include "ttyspec.h"
#include "util.h"

/* A console line that takes no output for this long is skipped, not waited on. */
#define CONSOLE_WRITE_BOUND_MS 1000

struct console {
        int in_fd, out_fd;
        char path[48];
        bool tty;
        bool raw;
        struct termios orig;    /* with the speed console= asked for */
};

static struct console consoles[CONSOLE_MAX];
static int n_consoles;

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

static void why_add(char *why, size_t size, const char *fmt, const char *a, const char *b)
{
        size_t len = strlen(why);

        snprintf(why + len, size - len, fmt, a, b);
}

static bool already_open(const char *path, dev_t rdev)
{
        for (int i = 0; i < n_consoles; i++) {
                struct stat st;

                if (strcmp(consoles[i].path, path) == 0)
                        return true;
                if (rdev && fstat(consoles[i].out_fd, &st) == 0 && st.st_rdev == rdev)
                        return true;
        }
        return false;
}

static void console_add(const char *value, char *why, size_t size)
{
        struct console *c = &consoles[n_consoles];
        const char *error;
        struct ttyspec t;
        struct stat st;
        int r, fd;

        r = ttyspec_parse(value, &t, &error);
        if (r == -ENODEV)
                return;
        if (r < 0) {
                why_add(why, size, "console=%s: %s, line setting ignored\n", value, error);
                t.has_options = false;
        }
        fd = open(t.path, O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
        if (fd < 0) {
                why_add(why, size, "console=%s: %s\n", value, strerror(errno));
                return;
        }
        if (already_open(t.path, fstat(fd, &st) == 0 ? st.st_rdev : 0)) {
                close(fd);
                return;
        }
        memset(c, 0, sizeof(*c));
        c->in_fd = c->out_fd = fd;
        snprintf(c->path, sizeof(c->path), "%s", t.path);
        if (tcgetattr(fd, &c->orig) == 0) {
                c->tty = true;
                ttyspec_apply(&t, &c->orig);
                /* CLOCAL: a serial line with no carrier must not block us. */
                c->orig.c_cflag |= CLOCAL | CREAD;
                tcsetattr(fd, TCSANOW, &c->orig);
        }
        n_consoles++;
}

void console_open(const struct strv *list, char *why, size_t size)
{
        why[0] = '\0';
        for (size_t i = 0; i < list->n && n_consoles < CONSOLE_MAX; i++)
                console_add(list->items[i], why, size);
        if (n_consoles > 0)
                return;
        consoles[0].in_fd = STDIN_FILENO;
        consoles[0].out_fd = STDOUT_FILENO;
        snprintf(consoles[0].path, sizeof(consoles[0].path), "/dev/console");
        consoles[0].tty = tcgetattr(STDIN_FILENO, &consoles[0].orig) == 0;
        n_consoles = 1;
}

void tty_write_bounded(int fd, const char *s, size_t len)
{
        while (len > 0) {
                ssize_t n = write(fd, s, len);

                if (n < 0 && errno == EINTR)
                        continue;
                if (n < 0 && errno == EAGAIN) {
                        struct pollfd p = { .fd = fd, .events = POLLOUT };

                        if (poll(&p, 1, CONSOLE_WRITE_BOUND_MS) <= 0)
                                return;
                        continue;
                }
                if (n <= 0)
                        return;
                s += n;
                len -= (size_t)n;
        }
}

void console_write_one(int i, const char *buf, size_t len)
{
        if (i >= 0 && i < n_consoles)
                tty_write_bounded(consoles[i].out_fd, buf, len);
}

void console_write(const char *buf, size_t len)
{
        /* Before console_open(), or if it found nothing: the kernel's console. */
        if (n_consoles == 0) {
                tty_write_bounded(STDOUT_FILENO, buf, len);
                return;
        }
        for (int i = 0; i < n_consoles; i++)
                tty_write_bounded(consoles[i].out_fd, buf, len);
}

/* Characters per second at the line's speed; 10 bits each (start, 8, stop). */
static unsigned long chars_per_second(int fd)
{
        static const struct {
                speed_t speed;
                unsigned long baud;
        } bauds[] = {
                { B1200, 1200 }, { B2400, 2400 }, { B4800, 4800 }, { B9600, 9600 },
                { B19200, 19200 }, { B38400, 38400 }, { B57600, 57600 },
        };
        struct termios t;

        if (tcgetattr(fd, &t) < 0)
                return 11520;
        for (size_t i = 0; i < sizeof(bauds) / sizeof(bauds[0]); i++)
                if (cfgetospeed(&t) == bauds[i].speed)
                        return bauds[i].baud / 10;
        return 11520;
}

void tty_drain(int fd)
{
        const struct timespec tick = { .tv_nsec = 1000 * 1000 };
        long deadline;
        int pending;

        if (ioctl(fd, TIOCOUTQ, &pending) < 0 || pending <= 0)
                return;
        deadline = 50 + (long)((unsigned long)pending * 1000 / chars_per_second(fd));
        if (deadline > CONSOLE_WRITE_BOUND_MS)
                deadline = CONSOLE_WRITE_BOUND_MS;
        deadline += now_ms();
        while (now_ms() < deadline && ioctl(fd, TIOCOUTQ, &pending) == 0 && pending > 0)
                nanosleep(&tick, NULL);
}

void console_drain(void)
{
        if (n_consoles == 0) {
                tty_drain(STDOUT_FILENO);
                return;
        }
        for (int i = 0; i < n_consoles; i++)
                if (consoles[i].tty || consoles[i].out_fd == STDOUT_FILENO)
                        tty_drain(consoles[i].out_fd);
}

int console_count(void)
{
        return n_consoles;
}

int console_input_fd(int i)
{
        return i >= 0 && i < n_consoles ? consoles[i].in_fd : -1;
}

const char *console_path(int i)
{
        return i >= 0 && i < n_consoles ? consoles[i].path : "";
}

void console_reopen(void)
{
        for (int i = 0; i < n_consoles; i++) {
                struct console *c = &consoles[i];
                bool fallback = c->in_fd == STDIN_FILENO;
                int fd = open(c->path, O_RDWR | O_NOCTTY | O_CLOEXEC | (fallback ? 0 : O_NONBLOCK));

                if (fd < 0)
                        continue;
                if (fallback) {
                        for (int k = 0; k < 3; k++)
                                dup3(fd, k, 0);
                } else {
                        dup3(fd, c->in_fd, O_CLOEXEC);
                }
                close(fd);
                c->raw = false;
                if (c->tty)
                        tcsetattr(c->in_fd, TCSANOW, &c->orig);
        }
}

void console_raw(void)
{
        for (int i = 0; i < n_consoles; i++) {
                struct console *c = &consoles[i];
                struct termios t;

                if (!c->tty || c->raw)
                        continue;
                /* The settings as they are now are what the shell and the real init get back. */
                if (tcgetattr(c->in_fd, &c->orig) < 0)
                        continue;
                t = c->orig;
                t.c_iflag &= ~(tcflag_t)(IGNBRK | BRKINT | PARMRK | ISTRIP | INLCR | IGNCR |
                                         ICRNL | IXON | IXOFF);
                t.c_lflag &= ~(tcflag_t)(ICANON | ECHO | ECHONL | ISIG | IEXTEN);
                t.c_oflag |= OPOST | ONLCR;
                t.c_cc[VMIN] = 1;
                t.c_cc[VTIME] = 0;
                if (tcsetattr(c->in_fd, TCSANOW, &t) == 0)
                        c->raw = true;
        }
}

bool console_is_raw(void)
{
        for (int i = 0; i < n_consoles; i++)
                if (consoles[i].raw)
                        return true;
        return false;
}

void console_restore(void)
{
        for (int i = 0; i < n_consoles; i++) {
                struct console *c = &consoles[i];

                if (c->raw && tcsetattr(c->in_fd, TCSANOW, &c->orig) == 0)
                        c->raw = false;
        }
}
