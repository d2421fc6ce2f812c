/* SPDX-License-Identifier: MIT */
/*
 * console= as Documentation/admin-guide/serial-console.rst describes it:
 * NAME[,BBBBPNF], with baud B, parity n/o/e, bits N and flow F ('r' for
 * RTS/CTS).  The kernel defaults to 9600n8; a name with no options keeps
 * whatever the kernel set.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ttyspec.h"

static const struct {
        unsigned baud;
        speed_t speed;
} speeds[] = {
        { 1200, B1200 }, { 2400, B2400 }, { 4800, B4800 }, { 9600, B9600 },
        { 19200, B19200 }, { 38400, B38400 }, { 57600, B57600 }, { 115200, B115200 },
        { 230400, B230400 }, { 460800, B460800 }, { 500000, B500000 }, { 576000, B576000 },
        { 921600, B921600 }, { 1000000, B1000000 }, { 1152000, B1152000 },
        { 1500000, B1500000 }, { 2000000, B2000000 }, { 2500000, B2500000 },
        { 3000000, B3000000 }, { 3500000, B3500000 }, { 4000000, B4000000 },
};

static bool name_is_device(const char *name, size_t len)
{
        static const char *const early[] = { "uart", "uart8250", "null", "none", "efi",
                                             "earlycon", "lp", "netcon" };

        if (len == 0 || len > 32)
                return false;
        for (size_t i = 0; i < len; i++) {
                char c = name[i];

                if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                      c == '_' || c == '.' || c == '-'))
                        return false;
        }
        for (size_t i = 0; i < sizeof(early) / sizeof(early[0]); i++)
                if (strlen(early[i]) == len && strncmp(name, early[i], len) == 0)
                        return false;
        /* "lp0" is a printer; it takes no input. */
        return !(len >= 2 && strncmp(name, "lp", 2) == 0 && name[2] >= '0' && name[2] <= '9');
}

static int options_parse(const char *s, struct ttyspec *t, const char **error)
{
        unsigned long baud;
        char *end;

        if (*s < '0' || *s > '9') {
                *error = "expected a line speed after the comma, as in ttyS0,115200n8";
                return -EINVAL;
        }
        baud = strtoul(s, &end, 10);
        t->speed = 0;
        for (size_t i = 0; i < sizeof(speeds) / sizeof(speeds[0]); i++)
                if (speeds[i].baud == baud)
                        t->speed = speeds[i].speed;
        if (!t->speed) {
                *error = "not a line speed the kernel knows";
                return -EINVAL;
        }
        t->baud = (unsigned)baud;
        s = end;
        if (*s == 'n' || *s == 'o' || *s == 'e')
                t->parity = *s++;
        if (*s >= '5' && *s <= '8')
                t->bits = *s++ - '0';
        if (*s == 'r') {
                t->rtscts = true;
                s++;
        }
        if (*s) {
                *error = "framing is parity n, o or e, then bits 5-8, then r for flow control";
                return -EINVAL;
        }
        t->has_options = true;
        return 0;
}

int ttyspec_parse(const char *value, struct ttyspec *t, const char **error)
{
        size_t len = strcspn(value, ",");

        memset(t, 0, sizeof(*t));
        t->parity = 'n';
        t->bits = 8;
        *error = NULL;
        if (!name_is_device(value, len))
                return -ENODEV;
        snprintf(t->path, sizeof(t->path), "/dev/%.*s", (int)len, value);
        if (value[len] == ',')
                return options_parse(value + len + 1, t, error);
        return 0;
}

void ttyspec_apply(const struct ttyspec *t, struct termios *tio)
{
        static const tcflag_t sizes[] = { CS5, CS6, CS7, CS8 };

        if (!t->has_options)
                return;
        cfsetispeed(tio, t->speed);
        cfsetospeed(tio, t->speed);
        tio->c_cflag &= ~(tcflag_t)(CSIZE | PARENB | PARODD | CRTSCTS);
        tio->c_cflag |= sizes[t->bits - 5];
        if (t->parity != 'n')
                tio->c_cflag |= PARENB | (t->parity == 'o' ? PARODD : 0);
        if (t->rtscts)
                tio->c_cflag |= CRTSCTS;
}
