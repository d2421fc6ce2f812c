/* SPDX-License-Identifier: MIT */
/*
 * The real init of the two-boot crash disk (test/qemu/disks crash.img).
 * It reads the boot report rdcheck left in /run:
 *  - no previous_boot there (the first boot): it crashes the kernel with
 *    sysrq c, so that pstore keeps the log and panic=N reboots the guest;
 *  - a previous_boot there (the second boot): it prints its marker, what
 *    /sys/fs/pstore still holds, and powers off.
 * A report it cannot read is said, and the machine powers off: no loop.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <fcntl.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/stat.h>
#include <unistd.h>

#define REPORT "/run/rdcheck/report.json"

static void power_off(void)
{
        fflush(stdout);
        sync();
        reboot(RB_POWER_OFF);
        for (;;)
                pause();
}

/* "TAG path" for each file below @dir, two levels down (systemd-pstore's layout). */
static void files_list(const char *tag, const char *dir, int depth)
{
        struct dirent *de;
        DIR *d = opendir(dir);

        if (!d)
                return;
        while ((de = readdir(d))) {
                char path[512];
                struct stat st;

                if (de->d_name[0] == '.')
                        continue;
                snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
                if (lstat(path, &st) == 0 && S_ISDIR(st.st_mode) && depth < 3)
                        files_list(tag, path, depth + 1);
                else
                        printf("%s %s %lld\n", tag, path, (long long)st.st_size);
        }
        closedir(d);
}

/* What the backend still holds (rd.pstore=keep leaves it all), and the copies. */
static void pstore_list(void)
{
        mkdir("/sys/fs/pstore", 0755);
        mount("pstore", "/sys/fs/pstore", "pstore", 0, NULL);
        files_list("CRASH-INIT-PSTORE", "/sys/fs/pstore", 0);
        files_list("CRASH-INIT-SAVED", "/run/rdcheck/pstore", 0);
        files_list("CRASH-INIT-ARCHIVED", "/var/lib/rdcheck/pstore", 0);
}

int main(void)
{
        static char report[256 * 1024];
        size_t n;
        FILE *f = fopen(REPORT, "r");
        int fd;

        if (!f) {
                printf("CRASH-INIT-ERROR cannot read %s\n", REPORT);
                power_off();
        }
        n = fread(report, 1, sizeof(report) - 1, f);
        fclose(f);
        report[n] = '\0';
        if (!strstr(report, "\"previous_boot\": null")) {
                char *p = strstr(report, "\"previous_boot\"");

                printf("CRASH-INIT-MARKER second boot: the report names a previous boot\n");
                /* previous_boot and crash_readiness: the last two sections. */
                for (char *line = p ? strtok(p, "\n") : NULL; line; line = strtok(NULL, "\n"))
                        printf("CRASH-INIT-REPORT %s\n", line);
                pstore_list();
                power_off();
        }
        printf("CRASH-INIT-CRASH first boot: no previous boot in the report; crashing the kernel\n");
        fflush(stdout);
        sync();
        fd = open("/proc/sysrq-trigger", O_WRONLY);
        if (fd < 0 || write(fd, "c", 1) != 1)
                printf("CRASH-INIT-ERROR cannot write /proc/sysrq-trigger\n");
        power_off();
}
