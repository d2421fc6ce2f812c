/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "initenv.h"

/* Sets "NAME=VALUE" in @env, replacing an earlier NAME in place. */
static int env_put(struct strv *env, const char *item)
{
        for (size_t i = 0; i < env->n; i++) {
                size_t len = strcspn(item, "=");

                if (strncmp(env->items[i], item, len) == 0 && env->items[i][len] == '=') {
                        char *copy = strdup(item);

                        if (!copy)
                                return -ENOMEM;
                        free(env->items[i]);
                        env->items[i] = copy;
                        return 0;
                }
        }
        return strlist_push(env, item);
}

int init_env_build(char *const *envp, const struct strv *sets, const struct strv *unset,
                   struct strv *env)
{
        int r = 0;

        strlist_free(env);
        for (char *const *e = envp; e && *e && r == 0; e++)
                r = env_put(env, *e);
        for (size_t i = 0; i < sets->n && r == 0; i++)
                r = env_put(env, sets->items[i]);
        for (size_t i = 0; unset && i < unset->n; i++)
                strlist_remove_name(env, unset->items[i], strlen(unset->items[i]));
        return r;
}
