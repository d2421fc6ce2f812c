/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <libkmod.h>

#include "devclass.h"
#include "devscan.h"
#include "hostinit.h"
#include "uevent.h"

/* Past filesystems, root would be ours to mount: that stays the host's. */
#define HOSTINIT_LAST_ALLOWED 3

bool hostinit_requested(int argc, char **argv)
{
        return argc >= 2 && strcmp(argv[1], "--checks") == 0;
}

int hostinit_args_parse(int argc, char **argv, struct boot *boot)
{
        int last = HOSTINIT_LAST_ALLOWED;

        if (argc == 4 && strcmp(argv[2], "--until") == 0)
                last = checkpoint_index(argv[3]);
        else if (argc != 2)
                last = -1;
        if (last < 0 || last > HOSTINIT_LAST_ALLOWED) {
                fprintf(stderr, "usage: rdcheck --checks [--until drivers|modules|disks|filesystems]\n");
                return -EINVAL;
        }
        boot->host_init = true;
        boot->last = last;
        return 0;
}

static long modules_loaded_count(void)
{
        FILE *f = fopen("/proc/modules", "re");
        long n = 0;
        int c;

        if (!f)
                return -errno;
        while ((c = getc(f)) != EOF)
                n += c == '\n';
        fclose(f);
        return n;
}

struct waiting {
        struct kmod_ctx *kmod;
        struct strv *list;
};

/* A storage device with no driver bound although the image has its module. */
static int storage_waiting(const char *name, const char *alias, const char *driver, void *ctx)
{
        struct waiting *w = ctx;
        struct kmod_list *list = NULL;
        struct kmod_module *mod;
        char desc[96], line[256];

        if (driver || !modalias_is_storage(alias) || !w->kmod)
                return 0;
        if (kmod_module_new_from_lookup(w->kmod, alias, &list) < 0 || !list)
                return 0;
        mod = kmod_module_get_module(list);
        snprintf(line, sizeof(line), "%s (%s) has no driver bound; the image has %s",
                 modalias_describe(alias, desc, sizeof(desc)), name, kmod_module_get_name(mod));
        kmod_module_unref(mod);
        kmod_module_unref_list(list);
        strlist_push(w->list, line);
        return 1;
}

int hostinit_modules_check(struct boot *boot, struct verdict *v)
{
        struct strv unbound = { 0 };
        struct waiting w = { boot->kmod, &unbound };
        long n = modules_loaded_count();
        char names[256];
        int r;

        if (boot->uevent_fd < 0)
                boot->uevent_fd = uevent_open();
        if (n == -ENOENT)
                return verdict_set(v, STATUS_SKIP, "no /proc/modules: the kernel loads no modules");
        if (n < 0)
                return verdict_set(v, STATUS_FAIL, "cannot read /proc/modules: %s", strerror((int)-n));
        r = devscan_modaliases(storage_waiting, &w);
        if (r < 0) {
                strlist_free(&unbound);
                return verdict_set(v, STATUS_FAIL, "cannot scan /sys/devices: %s", strerror(-r));
        }
        for (size_t i = 0; i < unbound.n; i++)
                verdict_explain(v, "%s", unbound.items[i]);
        verdict_explain(v, "Module loading is the host init's (its udev) in rdcheck --checks.");
        if (unbound.n) {
                strlist_join(names, sizeof(names), &unbound, 2);
                verdict_set(v, STATUS_WARN, "%ld loaded by the host init; %s", n, names);
        } else {
                verdict_set(v, STATUS_PASS, "%ld loaded by the host init", n);
        }
        strlist_free(&unbound);
        return 0;
}
