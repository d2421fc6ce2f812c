/* SPDX-License-Identifier: MIT */
/*
 * The capture image's /init in test/qemu/vmcore-reader: prints the crashed
 * kernel's log as vmcore_dmesg() reads it from /proc/vmcore, between marker
 * lines, then powers off.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/reboot.h>
#include <unistd.h>

#include "guest-setup.h"
#include "vmcore.h"

static int print(void *ctx, const char *buf, size_t len)
{
        size_t *total = ctx;

        *total += len;
        return fwrite(buf, 1, len, stdout) == len ? 0 : -EIO;
}

int main(void)
{
        size_t total = 0;
        char why[256];
        int fd, r;

        guest_setup();
        printf("VMCORE-DMESG-BEGIN\n");
        fd = open("/proc/vmcore", O_RDONLY);
        r = fd < 0 ? -errno : vmcore_dmesg(fd, print, &total, why, sizeof(why));
        printf("VMCORE-DMESG-END r=%d bytes=%zu why=\"%s\"\n", r, total, why);
        fflush(stdout);
        reboot(RB_POWER_OFF);
        return 0;
}
