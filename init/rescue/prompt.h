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
