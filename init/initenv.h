/* SPDX-License-Identifier: MIT */
#pragma once

#include "cmdline.h"

/*
 * The environment the real init gets: the kernel's @envp for init, then
 * each "NAME=VALUE" of @sets (rd.env.*) on top, a later NAME replacing an
 * earlier one in place, less the names in @unset (the prompt's unsetenv;
 * may be NULL).  Replaces what @env held.  Returns 0 or -ENOMEM.
 */
int init_env_build(char *const *envp, const struct strv *sets, const struct strv *unset,
                   struct strv *env);
