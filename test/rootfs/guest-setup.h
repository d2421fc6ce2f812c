/* SPDX-License-Identifier: MIT */
/* What a test /init needs before anything: /dev, /proc, /sys and the console as stdout. */
#pragma once

#include <fcntl.h>
#include <sys/mount.h>
#include <unistd.h>

static inline void guest_setup(void)
{
        int fd;

        mount("devtmpfs", "/dev", "devtmpfs", 0, NULL);
        mount("proc", "/proc", "proc", 0, NULL);
        mount("sysfs", "/sys", "sysfs", 0, NULL);
        fd = open("/dev/console", O_RDWR);
        dup2(fd, 1);
        dup2(fd, 2);
}
