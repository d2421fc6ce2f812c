/* SPDX-License-Identifier: MIT */
#pragma once

#include <stdbool.h>
#include <stddef.h>

/*
 * `rdcheck kdump-load`: arm the capture kernel, no kdump-tools needed.
 * kexec_file_load(KEXEC_FILE_ON_CRASH) of the running kernel with the
 * rdcheck capture image and a capture command line; --unload, --status.
 * Exit codes: 0 done (--status: a capture kernel is loaded), 1 failed
 * (--status: none loaded), 2 usage.
 */

#define KDUMP_CMDLINE_MAX       2048    /* COMMAND_LINE_SIZE on x86 */

/* The words the capture kernel gets besides the running kernel's. */
#define KDUMP_CMDLINE_ADDED     "irqpoll nr_cpus=1 reset_devices"

/* Whether argv asks for it (we are not PID 1 then). */
bool kdump_load_requested(int argc, char **argv);

int kdump_load_main(int argc, char **argv);

/*
 * The capture command line: the words of @running (/proc/cmdline) that may
 * go to a capture kernel, then KDUMP_CMDLINE_ADDED, then @append (may be
 * NULL).  0, or -E2BIG when it would not fit in @size or KDUMP_CMDLINE_MAX.
 */
int kdump_cmdline(const char *running, const char *append, char *out, size_t size);
