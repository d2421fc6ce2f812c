/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <libkmod.h>

#include "kmsg.h"
#include "modload.h"
#include "trail.h"

bool module_name_eq(const char *a, const char *b)
{
        for (; *a && *b; a++, b++) {
                char x = *a == '-' ? '_' : *a;
                char y = *b == '-' ? '_' : *b;

                if (x != y)
                        return false;
        }
        return *a == *b;
}

bool module_list_has(const struct strv *v, const char *name)
{
        for (size_t i = 0; i < v->n; i++)
                if (module_name_eq(v->items[i], name))
                        return true;
        return false;
}

static void failure_reason(int kmsg, const char *name, int err, char *buf, size_t size)
{
        const char *const by_name[] = { name, NULL };
        const char *const any[] = { ":", NULL };
        struct strv lines = { 0 };
        size_t len;

        kmsg_collect(kmsg, by_name, &lines, 2);
        if (lines.n == 0)
                kmsg_collect(kmsg, any, &lines, 2);
        len = (size_t)snprintf(buf, size, "%s: %s", name, strerror(-err));
        for (size_t i = 0; i < lines.n && len < size; i++)
                len += (size_t)snprintf(buf + len, size - len, "%s%s", i ? "; " : " (kernel: ",
                                        lines.items[i]);
        if (lines.n && len < size)
                snprintf(buf + len, size - len, ")");
        strlist_free(&lines);
}

/* libkmod calls it just before each insert, dependencies included. */
static void insert_trail(struct kmod_module *m, bool install, const char *options)
{
        trail_step(trail_checkpoint(), "insert", kmod_module_get_name(m));
}

int module_insert(struct kmod_module *mod, unsigned flags, const char *options,
                  char *reason, size_t size)
{
        int kmsg = kmsg_open_at_end();
        int r;

        r = kmod_module_probe_insert_module(mod, flags, options, NULL, NULL, insert_trail);
        if (r < 0 && r != -EEXIST)
                failure_reason(kmsg, kmod_module_get_name(mod), r, reason, size);
        if (kmsg >= 0)
                close(kmsg);
        return r;
}
