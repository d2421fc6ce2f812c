/* SPDX-License-Identifier: MIT */
#pragma once

#include <stdbool.h>
#include <stddef.h>

struct boot;

/*
 * A module the last boot panicked inserting (trail.h) is not inserted again
 * silently: the modules checkpoint holds it back and ends with status=pause,
 * and the prompt asks.  Going on decides: "continue" inserts it as asked; a
 * timeout, or an image with no prompt, keeps it out for this boot.
 */

/* Whether @module is to be held back now (nobody has decided yet). */
bool hold_wanted(const struct boot *boot, const char *module);

/* The modules held back so far, "a,b"; "" if none. */
void hold_names(const struct boot *boot, char *buf, size_t size);

/*
 * The decision: from now on nothing is held back; with @keep_out the
 * held modules go on rd.driver.blacklist= for this boot.
 */
void hold_decide(struct boot *boot, bool keep_out);
