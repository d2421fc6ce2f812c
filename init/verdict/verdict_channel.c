/* SPDX-License-Identifier: MIT */
/*
 * PID 1's verdict channel (rd.verdict=isa-debug-exit[:PORT],
 * rd.verdict.tty=NAME): the status lines copied to a serial line only we
 * write to, and at the end the report, the verdict line and one byte to
 * QEMU's isa-debug-exit, whose exit status a CI job can trust more than a
 * console the kernel also writes to.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>
#if defined(__x86_64__) || defined(__i386__)
#include <sys/io.h>
#endif

#include "console.h"
#include "engine.h"
#include "log.h"
#include "report_read.h"
#include "report_schema.h"
#include "verdict_channel.h"
#include "verdict_line.h"

/* Made raw, a console would lose its CR before LF; and its lines are the kernel's too. */
static bool is_console(int fd)
{
        struct stat st, con;

        if (fstat(fd, &st) < 0 || !S_ISCHR(st.st_mode))
                return false;
        for (int i = 0; i < console_count(); i++)
                if (fstat(console_input_fd(i), &con) == 0 && S_ISCHR(con.st_mode) && con.st_rdev == st.st_rdev)
                        return true;
        return false;
}

void verdict_channel_open(struct boot *boot)
{
        struct verdict_channel *ch = &boot->verdict_channel;
        const char *name = boot->cmd.verdict_tty;
        char path[64];
        struct termios t;
        int fd;

        ch->tty_fd = -1;
        if (!verdict_channel_active(boot) || !name)
                return;
        snprintf(path, sizeof(path), "/dev/%s", name);
        /* Non-blocking: a serial line without carrier must not hold the boot. */
        fd = open(path, O_WRONLY | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
        if (fd < 0) {
                log_info("rd.verdict.tty=%s: %s", name, strerror(errno));
                return;
        }
        if (is_console(fd)) {
                log_info("rd.verdict.tty=%s: a console, not a line of its own; not used", name);
                close(fd);
                return;
        }
        /* Bytes as written, no CR added; the speed stays what the kernel set. */
        if (tcgetattr(fd, &t) == 0) {
                cfmakeraw(&t);
                t.c_cflag |= CLOCAL;
                tcsetattr(fd, TCSANOW, &t);
        }
        ch->tty_fd = fd;
}

bool verdict_channel_active(const struct boot *boot)
{
        return boot->cmd.verdict != VERDICT_NONE && !boot->kdump.active && !boot->host_init &&
               !boot->verdict_channel.gone;
}

static void tty_line(int fd, const char *line)
{
        tty_write_bounded(fd, line, strlen(line));
        tty_write_bounded(fd, "\n", 1);
}

void verdict_channel_status(struct boot *boot, const char *line)
{
        if (verdict_channel_active(boot) && boot->verdict_channel.tty_fd >= 0)
                tty_line(boot->verdict_channel.tty_fd, line);
}

/* "rdcheck: report bytes=N", then the report's N bytes as report_write() left them. */
static void report_block(int fd)
{
        char header[64];
        char *text;
        size_t len;

        if (report_file_read(REPORT_PATH, &text, &len) < 0)
                return;
        verdict_report_header(header, sizeof(header), len);
        tty_line(fd, header);
        tty_write_bounded(fd, text, len);
        if (text[len - 1] != '\n')
                tty_write_bounded(fd, "\n", 1);
        free(text);
}

static int port_write(unsigned port, unsigned char byte)
{
#if defined(__x86_64__) || defined(__i386__)
        if (ioperm(port, 1, 1) < 0)
                return -errno;
        outb(byte, (unsigned short)port);
        return 0;
#else
        return -ENODEV;
#endif
}

void verdict_channel_give(struct boot *boot, bool pass, int checkpoint)
{
        struct verdict_channel *ch = &boot->verdict_channel;
        unsigned port = boot->cmd.verdict_port;
        char line[128];
        int r;

        if (!verdict_channel_active(boot))
                return;
        verdict_line_format(line, sizeof(line), pass, checkpoint_name(checkpoint, false));
        if (ch->tty_fd >= 0) {
                report_block(ch->tty_fd);
                tty_line(ch->tty_fd, line);
        }
        log_line(line);
        /* QEMU exits at the port write: what is still in a tty's buffer would be lost. */
        console_drain();
        if (ch->tty_fd >= 0)
                tty_drain(ch->tty_fd);
        r = port_write(port, verdict_exit_byte(pass, checkpoint));
        ch->gone = true;
        if (r < 0)
                log_info("rd.verdict=isa-debug-exit:0x%x: %s", port, strerror(-r));
        else
                log_info("rd.verdict=isa-debug-exit:0x%x: the machine did not stop (no isa-debug-exit device?)",
                         port);
}
