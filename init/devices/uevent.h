/* SPDX-License-Identifier: MIT */
#pragma once

#include <stddef.h>

/* One kernel uevent, the fields we use. */
struct uevent {
        char action[16];        /* add, remove, change, bind, ... */
        char subsystem[32];     /* block, pci, virtio, ... */
        char devname[64];       /* vda1, without /dev/ */
        char devtype[16];       /* disk, partition */
        char modalias[256];
        char devpath[256];      /* /devices/pci0000:00/..., below /sys */
};

/* The kernel's uevent netlink socket (no udev needed).  Returns fd or -errno. */
int uevent_open(void);

/* Parse one datagram "ACTION@DEVPATH\0KEY=VALUE\0...".  Returns 0 or -EINVAL. */
int uevent_parse(const char *buf, size_t len, struct uevent *ev);

/* Wait at most @timeout_ms (-1: forever) for one event.  0, -ETIMEDOUT or -errno. */
int uevent_receive(int fd, int timeout_ms, struct uevent *ev);
