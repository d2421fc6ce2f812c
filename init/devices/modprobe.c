/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <libkmod.h>

#include "modload.h"
#include "modprobe.h"
#include "util.h"

#define MODPROBE_SYSCTL "/proc/sys/kernel/modprobe"

static char saved_path[PATH_MAX] = "/sbin/modprobe";

int modprobe_requested(int argc, char **argv)
{
        /* kernel/kmod.c: { modprobe_path, "-q", "--", module_name, NULL } */
        return argc == 4 && strcmp(argv[1], "-q") == 0 && strcmp(argv[2], "--") == 0;
}

int modprobe_main(int argc, char **argv)
{
        struct kmod_list *list = NULL, *it;
        struct kmod_ctx *ctx;
        int loaded = 0, r;

        ctx = kmod_new(NULL, NULL);
        if (!ctx)
                return 1;
        kmod_set_log_priority(ctx, 0);
        r = kmod_module_new_from_lookup(ctx, argv[3], &list);
        kmod_list_foreach(it, list) {
                struct kmod_module *mod = kmod_module_get_module(it);
                char reason[600];

                if (module_insert(mod, KMOD_PROBE_APPLY_BLACKLIST, NULL, reason, sizeof(reason)) == 0)
                        loaded++;
                kmod_module_unref(mod);
        }
        kmod_module_unref_list(list);
        kmod_unref(ctx);
        return r == 0 && loaded > 0 ? 0 : 1;
}

void modprobe_helper_install(void)
{
        char self[PATH_MAX];
        ssize_t n;

        if (read_text(MODPROBE_SYSCTL, saved_path, sizeof(saved_path)) <= 0)
                snprintf(saved_path, sizeof(saved_path), "/sbin/modprobe");
        n = readlink("/proc/self/exe", self, sizeof(self) - 1);
        if (n <= 0)
                return;
        self[n] = '\0';
        write_text(MODPROBE_SYSCTL, self);
}

void modprobe_helper_restore(void)
{
        write_text(MODPROBE_SYSCTL, saved_path);
}
