/* SPDX-License-Identifier: MIT */
/*
 * The first boot of test/qemu/vmcore-reader: logs two known records, arms
 * kdump with `rdcheck kdump-load` (load, --status, --unload, --status, load
 * again), then crashes the kernel with sysrq c.  When the load fails it
 * powers off instead, so the run shows the refusal.
 */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/reboot.h>
#include <sys/wait.h>
#include <unistd.h>

#include "guest-setup.h"

static int run(char *const argv[])
{
        int status;
        pid_t pid;

        fflush(stdout);
        pid = fork();
        if (pid == 0) {
                execv(argv[0], argv);
                _exit(127);
        }
        if (pid < 0 || waitpid(pid, &status, 0) < 0)
                return -1;
        return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static void kmsg(const char *text)
{
        int fd = open("/dev/kmsg", O_WRONLY);

        if (fd >= 0) {
                if (write(fd, text, strlen(text)) < 0)
                        perror("/dev/kmsg");
                close(fd);
        }
}

int main(void)
{
        char *load[] = { "/rdcheck", "kdump-load", "--kernel", "/vmlinuz", "--initrd", "/capture.img",
                         "--append", "rdcheck.test=capture", NULL };
        char *status[] = { "/rdcheck", "kdump-load", "--status", NULL };
        char *unload[] = { "/rdcheck", "kdump-load", "--unload", NULL };
        int fd;

        guest_setup();
        kmsg("<6>vmcore-test: marker 4711\n");
        kmsg("<4>vmcore-test: first line\nsecond line of the same record");
        printf("ARM-INIT: load exit %d\n", run(load));
        printf("ARM-INIT: status exit %d\n", run(status));
        printf("ARM-INIT: unload exit %d\n", run(unload));
        printf("ARM-INIT: status exit %d\n", run(status));
        if (run(load) == 0) {
                printf("ARM-INIT: crashing\n");
                fflush(stdout);
                fd = open("/proc/sysrq-trigger", O_WRONLY);
                if (fd < 0 || write(fd, "c", 1) < 0)
                        perror("/proc/sysrq-trigger");
        }
        printf("ARM-INIT: powering off\n");
        fflush(stdout);
        reboot(RB_POWER_OFF);
        return 0;
}
