/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/klog.h>
#include <unistd.h>

#include "console.h"
#include "kmsg.h"
#include "log.h"
#include "util.h"

/* syslog(2) actions: the console level down to its minimum, and back. */
#define SYSLOG_ACTION_CONSOLE_OFF 6
#define SYSLOG_ACTION_CONSOLE_ON 7

/*
 * /dev/kmsg takes 10 lines per 5 s from each open file and drops the rest
 * ("printk: init: 6 output lines suppressed due to ratelimiting"): a boot
 * with a few messages before its status lines lost some of their copies.
 * The limit is there against floods; our lines are few and each one
 * matters, so the file is opened anew before the limit is reached.
 */
#define KMSG_LINES_PER_OPEN 10

static int kmsg_fd = -1;
static int kmsg_lines;

/*
 * A kernel message printed while one of our lines is going out lands inside
 * it: the tty hands our bytes to the UART from its interrupt, 16 at a time,
 * and printk writes a whole message between two of those.  A status line cut
 * in two is no longer one a test can read.  So while a line goes out the
 * kernel's console level is at its minimum (only emergencies print), until
 * the line has left the tty; then it is put back and the messages held back
 * are printed, whole and as the kernel prints them, after our line.  They
 * were in the kernel log all along.
 */
static struct {
        bool held;
        int reader;             /* /dev/kmsg from where the hold began; -1: no holds (not PID 1) */
        bool time;              /* printk.time */
        int console_level, minimum_level;
} hold = { .reader = -1 };

void log_open(void)
{
        if (kmsg_fd < 0)
                kmsg_fd = open("/dev/kmsg", O_WRONLY | O_CLOEXEC | O_NOCTTY);
}

void log_keep_lines_whole(void)
{
        char text[64];

        if (hold.reader >= 0)
                return;
        /* With ignore_loglevel every message prints whatever the level: nothing to hold. */
        if (read_text("/sys/module/printk/parameters/ignore_loglevel", text, sizeof(text)) > 0 &&
            text[0] == 'Y')
                return;
        hold.time = read_text("/sys/module/printk/parameters/time", text, sizeof(text)) > 0 &&
                    text[0] == 'Y';
        hold.reader = open("/dev/kmsg", O_RDONLY | O_NONBLOCK | O_CLOEXEC);
}

static void hold_begin(void)
{
        char text[64];

        if (hold.reader < 0 || read_text("/proc/sys/kernel/printk", text, sizeof(text)) <= 0 ||
            sscanf(text, "%d %*d %d", &hold.console_level, &hold.minimum_level) != 2)
                return;
        if (hold.console_level <= hold.minimum_level || lseek(hold.reader, 0, SEEK_END) < 0)
                return;
        hold.held = klogctl(SYSLOG_ACTION_CONSOLE_OFF, NULL, 0) == 0;
}

void log_release_kernel_console(void)
{
        if (!hold.held)
                return;
        hold.held = false;
        klogctl(SYSLOG_ACTION_CONSOLE_ON, NULL, 0);
}

/* What the kernel did not print while our line went out, printed now. */
static void held_messages_print(void)
{
        char rec[2048], line[2400];

        for (;;) {
                ssize_t n = read(hold.reader, rec, sizeof(rec) - 1);
                size_t len;

                if (n < 0 && (errno == EINTR || errno == EPIPE))
                        continue;
                if (n <= 0)
                        return;
                len = kmsg_console_text(rec, (size_t)n, hold.console_level, hold.minimum_level,
                                        hold.time, line, sizeof(line));
                if (len > 0)
                        console_write(line, len);
        }
}

void log_console_whole(const char *buf, size_t len)
{
        hold_begin();
        console_write(buf, len);
        if (hold.held) {
                console_drain();
                log_release_kernel_console();
                held_messages_print();
        }
}

static void kmsg_write(const char *line)
{
        /* <31>: facility daemon, level debug. */
        char kbuf[1210];
        int k = snprintf(kbuf, sizeof(kbuf), "<31>%s", line);

        if (kmsg_lines >= KMSG_LINES_PER_OPEN) {
                /* The old file stays if no new one opens (/dev is being moved at switch_root). */
                int fd = open("/dev/kmsg", O_WRONLY | O_CLOEXEC | O_NOCTTY);

                if (fd >= 0) {
                        close(kmsg_fd);
                        kmsg_fd = fd;
                        kmsg_lines = 0;
                }
        }
        if (kmsg_fd < 0 || k <= 0)
                return;
        (void)write_all(kmsg_fd, kbuf, (size_t)k < sizeof(kbuf) ? (size_t)k : sizeof(kbuf) - 1);
        kmsg_lines++;
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
        log_console_whole(buf, (size_t)n);
        kmsg_write(buf);
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
