/* SPDX-License-Identifier: MIT */
/*
 * The real init of the test root disks: proves the handover worked (it runs
 * as PID 1 from the root filesystem, with the environment it was given),
 * prints one marker line, and powers the machine off.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/stat.h>
#include <unistd.h>

#include "proc-uptime.h"

int main(int argc, char **argv, char **envp)
{
        char uptime[64];
        FILE *f;

        proc_uptime(uptime, sizeof(uptime));
        printf("ROOT-INIT-MARKER pid=%d argv0=%s uptime=%s\n", (int)getpid(), argv[0], uptime);
        for (int i = 1; i < argc; i++)
                printf("ROOT-INIT-ARG %s\n", argv[i]);
        for (char **e = envp; *e; e++)
                printf("ROOT-INIT-ENV %s\n", *e);
        if (access("/usr/rdcheck-usr-marker", F_OK) == 0)
                printf("ROOT-INIT-USR mounted\n");
        /* The boot report rdcheck left in /run, which came along with switch_root. */
        f = fopen("/run/rdcheck/report.json", "r");
        if (f) {
                char line[512];

                while (fgets(line, sizeof(line), f))
                        printf("ROOT-INIT-REPORT %s", line);
                fclose(f);
        }
        fflush(stdout);
        sync();
        reboot(RB_POWER_OFF);
        for (;;)
                pause();
}
