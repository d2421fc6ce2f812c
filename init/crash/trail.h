/* SPDX-License-Identifier: MIT */
#pragma once

#include <stdbool.h>
#include <stddef.h>

/*
 * The panic trail: before each step that can take the kernel down, PID 1
 * leaves one line in the kernel log at debug level (the console does not
 * show it; a panic's pstore record keeps it):
 *
 *   rdcheck-trail: checkpoint=modules step=insert object=crashme
 *
 * step is insert (a module), mount (object: "SOURCE on TARGET") or exec
 * (the real init's path).  The object runs to the end of the line.
 */
#define TRAIL_PREFIX "rdcheck-trail: "

void trail_step(const char *checkpoint, const char *step, const char *object);

struct previous_boot;

/*
 * PID 1: the checkpoint now running, from the engine.  It is also written
 * to /run/rdcheck/checkpoint for the module helper, a process of its own
 * (modprobe.h).
 */
void trail_checkpoint_enter(const char *checkpoint);

/* The checkpoint now running; "start" before the first. */
const char *trail_checkpoint(void);

/*
 * The line trail_step() writes, without its newline; control characters
 * in @object become '?'.  Returns the length, or -ENAMETOOLONG (cut).
 */
int trail_line_format(char *buf, size_t size, const char *checkpoint, const char *step,
                      const char *object);

/* Whether @prev says the last boot panicked while rdcheck was inserting @module. */
bool trail_blames_module(const struct previous_boot *prev, const char *module);
