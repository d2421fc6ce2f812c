/* SPDX-License-Identifier: MIT */
/* Checkpoint 6: does the real init get the environment it needs? */
#include <stdio.h>
#include <string.h>

#include "initenv.h"
#include "stages.h"

/* The entry of @env for the variable named by @item ("NAME" or "NAME=..."), or NULL. */
static const char *env_find(const struct strv *env, const char *item)
{
        size_t len = strcspn(item, "=");

        for (size_t i = 0; i < env->n; i++)
                if (strncmp(env->items[i], item, len) == 0 && env->items[i][len] == '=')
                        return env->items[i];
        return NULL;
}

static void append(char *buf, size_t size, const char *fmt, const char *a, const char *b)
{
        size_t len = strlen(buf);

        snprintf(buf + len, size - len, fmt, len ? "; " : "", a, b);
}

int env_check(struct boot *boot, struct verdict *v)
{
        const struct strv *req = &boot->cmd.env_require;
        char problems[256] = "";
        size_t bad = 0;
        int r;

        r = init_env_build(boot->kernel_envp, &boot->cmd.env_set, &boot->cmd.env_unset,
                           &boot->init_env);
        if (r < 0)
                return r;
        for (size_t i = 0; i < boot->init_env.n; i++)
                verdict_explain(v, "%s", boot->init_env.items[i]);

        for (size_t i = 0; i < req->n; i++) {
                const char *want = req->items[i];
                const char *have = env_find(&boot->init_env, want);
                const char *want_value = strchr(want, '=');

                if (!have) {
                        verdict_explain(v, "required %s: missing", want);
                        append(problems, sizeof(problems), "%s%s missing%s", want, "");
                        bad++;
                } else if (want_value && strcmp(strchr(have, '=') + 1, want_value + 1) != 0) {
                        verdict_explain(v, "required %s: found %s", want, have);
                        append(problems, sizeof(problems), "%s%s, expected %s", have, want);
                        bad++;
                }
        }
        if (bad) {
                verdict_explain(v, "Set them with rd.env.NAME=VALUE on the command line, or fix what sets them.");
                return verdict_set(v, STATUS_FAIL, "%s", problems);
        }
        if (req->n)
                return verdict_set(v, STATUS_PASS, "%zu variables for %s, all %zu required present",
                                   boot->init_env.n, boot->init_path, req->n);
        return verdict_set(v, STATUS_PASS, "%zu variables for %s", boot->init_env.n, boot->init_path);
}
