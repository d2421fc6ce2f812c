/* SPDX-License-Identifier: MIT */
/*
 * The real init of the kdump test root disk: arms the capture kernel the way
 * drgn's test suite does, with kexec_file_load(KEXEC_FILE_ON_CRASH) of
 * /boot/vmlinuz, /boot/capture.img and the command line in
 * /boot/capture-cmdline, then crashes the kernel through sysrq.  What the
 * capture kernel does next is the test.  Powers off if anything fails.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/syscall.h>
#include <unistd.h>

#ifndef KEXEC_FILE_ON_CRASH
#define KEXEC_FILE_ON_CRASH 0x00000002
#endif

static void give_up(const char *what)
{
        printf("KDUMP-INIT-FAILED %s: %s\n", what, strerror(errno));
        fflush(stdout);
        sync();
        reboot(RB_POWER_OFF);
        for (;;)
                pause();
}

int main(void)
{
        char cmdline[2048];
        ssize_t n;
        int kernel, initrd, fd;

        mount("proc", "/proc", "proc", 0, NULL);
        fd = open("/boot/capture-cmdline", O_RDONLY);
        if (fd < 0)
                give_up("/boot/capture-cmdline");
        n = read(fd, cmdline, sizeof(cmdline) - 1);
        if (n < 0)
                give_up("read /boot/capture-cmdline");
        close(fd);
        while (n > 0 && cmdline[n - 1] == '\n')
                n--;
        cmdline[n] = '\0';
        kernel = open("/boot/vmlinuz", O_RDONLY);
        initrd = open("/boot/capture.img", O_RDONLY);
        if (kernel < 0 || initrd < 0)
                give_up("/boot/vmlinuz or /boot/capture.img");
        /* The length counts the terminating NUL. */
        if (syscall(SYS_kexec_file_load, kernel, initrd, (unsigned long)n + 1, cmdline,
                    (unsigned long)KEXEC_FILE_ON_CRASH) < 0)
                give_up("kexec_file_load");
        printf("KDUMP-INIT-ARMED %s\n", cmdline);
        fflush(stdout);
        fd = open("/proc/sysrq-trigger", O_WRONLY);
        if (fd < 0 || write(fd, "c", 1) < 0)
                give_up("/proc/sysrq-trigger");
        give_up("still alive after sysrq c");
        return 0;
}
