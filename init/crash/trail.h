/* SPDX-License-Identifier: MIT */
#pragma once

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
