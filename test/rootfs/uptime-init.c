/* SPDX-License-Identifier: MIT */
/*
 * The real init of the benchmark's root disk (test/bench/run): prints the
 * uptime at which it started, the peak resident memory of PID 1 and, when
 * rdcheck left a report in /run, the figure rdcheck wrote there; then
 * powers the machine off.
 *
 * Linux carries a process's peak RSS across execve() (the old mm's high
 * water mark goes into signal->maxrss), so getrusage() here sees the peak of
 * whatever ran as PID 1 before us: any initramfs's /init, not only ours.
 * Children that PID 1 waited for are counted separately (RUSAGE_CHILDREN).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/reboot.h>
#include <sys/resource.h>
#include <unistd.h>

#include "proc-uptime.h"

static void print_uptime(void)
{
        char uptime[64];

        proc_uptime(uptime, sizeof(uptime));
        printf("BENCH-UPTIME %s\n", uptime);
}

static void print_rusage(void)
{
        struct rusage self, children;

        if (getrusage(RUSAGE_SELF, &self) < 0 || getrusage(RUSAGE_CHILDREN, &children) < 0)
                return;
        printf("BENCH-PID1-MAXRSS-KIB %ld\n", self.ru_maxrss);
        printf("BENCH-CHILDREN-MAXRSS-KIB %ld\n", children.ru_maxrss);
}

/* rdcheck's own figure, read just before switch_root: "peak_rss_kib": N. */
static void print_report_peak(void)
{
        static const char key[] = "\"peak_rss_kib\":";
        char buf[16384];
        size_t n;
        char *p;
        FILE *f;

        f = fopen("/run/rdcheck/report.json", "r");
        if (!f)
                return;
        n = fread(buf, 1, sizeof(buf) - 1, f);
        fclose(f);
        buf[n] = '\0';
        p = strstr(buf, key);
        if (p)
                printf("BENCH-REPORT-PEAK-RSS-KIB %ld\n", strtol(p + sizeof(key) - 1, NULL, 10));
}

int main(void)
{
        print_uptime();
        print_rusage();
        print_report_peak();
        printf("BENCH-DONE\n");
        fflush(stdout);
        reboot(RB_POWER_OFF);
        for (;;)
                pause();
}
