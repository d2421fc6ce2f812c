/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include <linux/netlink.h>

#include "uevent.h"

int uevent_open(void)
{
        struct sockaddr_nl addr = {
                .nl_family = AF_NETLINK,
                .nl_groups = 1, /* the kernel's own broadcasts, not udev's */
        };
        int size = 4 * 1024 * 1024;
        int fd;

        fd = socket(AF_NETLINK, SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK, NETLINK_KOBJECT_UEVENT);
        if (fd < 0)
                return -errno;
        /* Module loading can burst hundreds of events at once. */
        if (setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &size, sizeof(size)) < 0)
                setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &size, sizeof(size));
        if (bind(fd, (struct sockaddr *)&addr, sizeof(addr)) < 0) {
                int r = -errno;

                close(fd);
                return r;
        }
        return fd;
}

static void copy_field(char *dst, size_t size, const char *src, size_t len)
{
        if (len >= size)
                len = size - 1;
        memcpy(dst, src, len);
        dst[len] = '\0';
}

int uevent_parse(const char *buf, size_t len, struct uevent *ev)
{
        static const struct {
                const char *key;
                size_t offset, size;
        } fields[] = {
#define F(k, m) { k "=", offsetof(struct uevent, m), sizeof(((struct uevent *)0)->m) }
                F("ACTION", action),
                F("SUBSYSTEM", subsystem),
                F("DEVNAME", devname),
                F("DEVTYPE", devtype),
                F("MODALIAS", modalias),
                F("DEVPATH", devpath),
#undef F
        };
        size_t pos;

        memset(ev, 0, sizeof(*ev));
        /* The header "add@/devices/..." must be a string ending inside buf. */
        pos = strnlen(buf, len);
        if (pos == 0 || pos == len || !memchr(buf, '@', pos))
                return -EINVAL;
        for (pos++; pos < len;) {
                const char *kv = buf + pos;
                size_t kvlen = strnlen(kv, len - pos);

                for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++) {
                        size_t klen = strlen(fields[i].key);

                        if (kvlen >= klen && memcmp(kv, fields[i].key, klen) == 0)
                                copy_field((char *)ev + fields[i].offset, fields[i].size,
                                           kv + klen, kvlen - klen);
                }
                pos += kvlen + 1;
        }
        return ev->action[0] ? 0 : -EINVAL;
}

int uevent_receive(int fd, int timeout_ms, struct uevent *ev)
{
        char buf[8192];

        for (;;) {
                struct pollfd p = { .fd = fd, .events = POLLIN };
                ssize_t n;
                int r;

                n = recv(fd, buf, sizeof(buf), MSG_DONTWAIT);
                if (n > 0) {
                        if (uevent_parse(buf, (size_t)n, ev) == 0)
                                return 0;
                        continue;
                }
                if (n < 0 && errno == EINTR)
                        continue;
                /* ENOBUFS: events were lost; the caller must rescan. */
                if (n < 0 && errno != EAGAIN)
                        return -errno;
                r = poll(&p, 1, timeout_ms);
                if (r < 0 && errno == EINTR)
                        continue;
                if (r < 0)
                        return -errno;
                if (r == 0)
                        return -ETIMEDOUT;
        }
}
