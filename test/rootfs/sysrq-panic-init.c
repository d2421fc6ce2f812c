/* SPDX-License-Identifier: MIT */
/*
 * An /init that crashes the kernel at once through sysrq c: what a broken
 * boot looks like to rdcheck-smoke (test/smoke/run wants exit status 2).
 */
#include <fcntl.h>
#include <stdio.h>
#include <sys/mount.h>
#include <unistd.h>

int main(void)
{
        int fd;

        mount("proc", "/proc", "proc", 0, NULL);
        fd = open("/proc/sysrq-trigger", O_WRONLY);
        if (fd < 0 || write(fd, "c", 1) != 1)
                perror("sysrq-panic-init: /proc/sysrq-trigger");
        /* Only if the crash did not happen: a silent hang, which the run then reports as one. */
        for (;;)
                pause();
}
