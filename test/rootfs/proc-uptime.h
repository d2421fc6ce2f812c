/* SPDX-License-Identifier: MIT */
/* The root disks' inits: the uptime at which they started, as /proc shows it. */
#ifndef PROC_UPTIME_H
#define PROC_UPTIME_H

#include <stdio.h>
#include <string.h>
#include <sys/mount.h>

/* Mounts /proc (the new root's is empty) and reads its first figure, or "?". */
static inline void proc_uptime(char *buf, size_t size)
{
        char fmt[16];
        FILE *f;

        snprintf(buf, size, "?");
        mount("proc", "/proc", "proc", 0, NULL);
        f = fopen("/proc/uptime", "r");
        if (!f)
                return;
        snprintf(fmt, sizeof(fmt), "%%%zus", size - 1);
        if (fscanf(f, fmt, buf) != 1)
                snprintf(buf, size, "?");
        fclose(f);
}

#endif
