/* SPDX-License-Identifier: MIT */
/* Checkpoint 6: does the real init get the environment it needs? */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stages.h"

/*
 * The kernel already built the environment it hands to init (HOME=/,
 * TERM=linux and the unknown NAME=value words); we pass it on unchanged.
 */
int env_check(struct boot *boot, struct verdict *v)
{
        char names[200];
        size_t n = 0, len = 0;

        names[0] = '\0';
        for (char **e = boot->kernel_envp; e && *e; e++, n++) {
                const char *eq = strchr(*e, '=');
                int w;

                verdict_explain(v, "%s", *e);
                w = snprintf(names + len, sizeof(names) - len, "%s%.*s", n ? "," : "",
                             eq ? (int)(eq - *e) : (int)strlen(*e), *e);
                if (w > 0 && (size_t)w < sizeof(names) - len)
                        len += (size_t)w;
        }
        boot->init_envp = boot->kernel_envp;
        return verdict_set(v, STATUS_PASS, "%zu variables for %s: %s", n,
                           boot->init_path[0] ? boot->init_path : "init", n ? names : "none");
}
