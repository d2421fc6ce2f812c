/* SPDX-License-Identifier: MIT */
#pragma once

#include <stdbool.h>
#include <limits.h>

/*
 * rdcheck as the initramfs of a kdump capture kernel: when /proc/vmcore
 * exists, the boot finds the dump target instead of handing over to a real
 * init, and saves the crashed kernel's log and memory there in kdump-tools'
 * layout (<path>/<YYYYMMDDHHMM>/dmesg.<stamp> and dump.<stamp>).  The steps
 * are the capture column of the stage table (engine.c).
 */

struct boot;
struct verdict;

struct kdump {
        bool active;                    /* /proc/vmcore exists: we are the capture kernel */
        char stamp[16];                 /* YYYYMMDDHHMM, as kdump-tools names its files */
        char dir[PATH_MAX];             /* where they go, inside SYSROOT; "" until made */
        unsigned long long vmcore_size;
};

/*
 * At PID 1's start: whether this is a capture kernel and, if it is, the dump
 * target in place of root= and a bounded prompt.  Says so in one line, and
 * also when @capture_image (the image's kdump=yes) boots an ordinary kernel.
 */
void kdump_setup(struct boot *boot, bool capture_image);

/* The capture column: each returns 0 with the verdict filled, like a checkpoint. */
int kdump_disks_check(struct boot *boot, struct verdict *v);
int kdump_filesystems_check(struct boot *boot, struct verdict *v);
int kdump_mounts_check(struct boot *boot, struct verdict *v);
int kdump_dmesg_check(struct boot *boot, struct verdict *v);
int kdump_dump_check(struct boot *boot, struct verdict *v);

/*
 * Past the last step: unmount the target and take rd.kdump.final=.  Returns
 * only for "shell", with the checkpoint the prompt chose to run next.
 */
int kdump_finish(struct boot *boot);
