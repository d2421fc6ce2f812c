/* SPDX-License-Identifier: MIT */
#pragma once

/*
 * The kernel asks user space for modules it needs at run time (a filesystem
 * wanting its codepage, a crypto algorithm) by running
 * /proc/sys/kernel/modprobe as "modprobe -q -- NAME".  The initramfs has no
 * modprobe, so PID 1 points that at itself and, run that way, loads NAME
 * through libkmod.
 */

/* Whether argv is such a call (we are not PID 1 then). */
int modprobe_requested(int argc, char **argv);

/* Load the module; the process's exit status. */
int modprobe_main(int argc, char **argv);

/* Point the kernel's modprobe at this program; keep the old value for later. */
void modprobe_helper_install(void);

/* Give the kernel back its own modprobe path before the real init runs. */
void modprobe_helper_restore(void);
