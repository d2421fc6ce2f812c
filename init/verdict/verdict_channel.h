/* SPDX-License-Identifier: MIT */
#pragma once

#include <stdbool.h>

struct boot;

/*
 * rd.verdict=: how the boot ended, told to the machine's host without a
 * console the kernel also writes to.  A copy of every status line goes to
 * the verdict tty (rd.verdict.tty=); at the verdict, the report and the
 * verdict line follow, and one byte to QEMU's isa-debug-exit ends the
 * machine with an exit status that says pass, or which checkpoint failed.
 * Never in a kdump capture kernel, never under --checks.
 */
struct verdict_channel {
        int tty_fd;             /* rd.verdict.tty=; -1: none */
        bool gone;              /* the machine did not stop: on as without rd.verdict= */
};

/* After the command line and kdump_setup(): opens the verdict tty, if one is named. */
void verdict_channel_open(struct boot *boot);

/* Whether a verdict is to be given: nobody is at the prompt then. */
bool verdict_channel_active(const struct boot *boot);

/* A status line, as the console got it, to the verdict tty. */
void verdict_channel_status(struct boot *boot, const char *line);

/*
 * The verdict: pass (the real init is next), or checkpoint @checkpoint
 * failed.  Returns only if the machine is still running, having said so;
 * from then on the boot goes on as without rd.verdict=.
 */
void verdict_channel_give(struct boot *boot, bool pass, int checkpoint);
