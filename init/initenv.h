/* SPDX-License-Identifier: MIT */
#pragma once

#include "cmdline.h"

/*
 * The environment the real init gets: the kernel's @envp for init, then
 * each "NAME=VALUE" of @sets (rd.env.*) on top, a later NAME replacing an
 * earlier one in place.  Replaces what @env held.  Returns 0 or -ENOMEM.
 */
int init_env_build(char *const *envp, const struct strv *sets, struct strv *env);
