/* SPDX-License-Identifier: MIT */
#pragma once

#include <stdbool.h>

#include "engine.h"

/*
 * The rescue prompt at checkpoint @at, opened because it failed or because
 * rd.checkpoint= asked.  Returns the checkpoint to run next (a retry can
 * name an earlier one).  reboot/poweroff/halt do not return.
 */
int prompt_run(struct boot *boot, int at, bool failed);

/*
 * Ask @question on every console and read one line with no echo (a disk's
 * passphrase) into @out.  Nothing of it is logged or kept in a history.
 * Bounded by rd.checkpoint.prompt_timeout= when set.  Works on a locked
 * image too: it is a question, not the rescue prompt.  Returns 0 or -ETIMEDOUT.
 */
int prompt_ask_secret(struct boot *boot, const char *question, char *out, size_t size);
