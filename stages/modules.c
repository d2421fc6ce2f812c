/* SPDX-License-Identifier: MIT */
/* Checkpoint 2: are the drivers loaded, and if one failed, why? */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <libkmod.h>

#include "devclass.h"
#include "devscan.h"
#include "kmsg.h"
#include "stages.h"
#include "uevent.h"
#include "util.h"

#define COLDPLUG_MAX_ROUNDS 8

static bool name_eq(const char *a, const char *b)
{
        for (; *a && *b; a++, b++) {
                char x = *a == '-' ? '_' : *a;
                char y = *b == '-' ? '_' : *b;

                if (x != y)
                        return false;
        }
        return *a == *b;
}

static bool strlist_has(const struct strv *v, const char *name)
{
        for (size_t i = 0; i < v->n; i++)
                if (name_eq(v->items[i], name))
                        return true;
        return false;
}

/* Whether the module's name (before any ": reason") is in the list. */
static bool strlist_has_prefix(const struct strv *v, const char *name)
{
        size_t len = strlen(name);

        for (size_t i = 0; i < v->n; i++)
                if (strncmp(v->items[i], name, len) == 0 && v->items[i][len] == ':')
                        return true;
        return false;
}

/* "virtio_blk: Invalid argument (kernel: virtio_blk: `abc' invalid for parameter `queue_depth')" */
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

/* A storage device left without its driver: the boot will not find its disk. */
static void storage_problem(struct boot *boot, const char *alias, const char *what)
{
        char desc[96], line[800];

        if (!alias || !modalias_is_storage(alias))
                return;
        snprintf(line, sizeof(line), "%s: %s", modalias_describe(alias, desc, sizeof(desc)), what);
        if (!strlist_has(&boot->modlog.storage, line))
                strlist_push(&boot->modlog.storage, line);
}

static int insert_module(struct boot *boot, struct kmod_module *mod, const char *alias)
{
        struct load_log *log = &boot->modlog;
        const char *name = kmod_module_get_name(mod);
        char reason[600], what[160];
        int state, kmsg, r;

        if (strlist_has(&boot->cmd.blacklist, name)) {
                if (!strlist_has(&log->blacklisted, name))
                        strlist_push(&log->blacklisted, name);
                snprintf(what, sizeof(what), "%s blacklisted by the command line", name);
                storage_problem(boot, alias, what);
                return 0;
        }
        state = kmod_module_get_initstate(mod);
        if (state == KMOD_MODULE_LIVE || state == KMOD_MODULE_BUILTIN || state == KMOD_MODULE_COMING)
                return 0;
        if (strlist_has_prefix(&log->failed, name))
                return 0;

        kmsg = kmsg_open_at_end();
        r = kmod_module_probe_insert_module(mod, KMOD_PROBE_APPLY_BLACKLIST, NULL, NULL, NULL, NULL);
        if (r < 0 && r != -EEXIST)
                failure_reason(kmsg, name, r, reason, sizeof(reason));
        if (kmsg >= 0)
                close(kmsg);
        if (r == 0) {
                if (!strlist_has(&log->loaded, name))
                        strlist_push(&log->loaded, name);
                return 1;
        }
        if (r > 0) {
                if (!strlist_has(&log->blacklisted, name))
                        strlist_push(&log->blacklisted, name);
                snprintf(what, sizeof(what), "%s blacklisted by modprobe.d", name);
                storage_problem(boot, alias, what);
                return 0;
        }
        if (r == -EEXIST)
                return 0;
        strlist_push(&log->failed, reason);
        storage_problem(boot, alias, reason);
        return r;
}

int modules_load_alias(struct boot *boot, const char *modalias)
{
        struct kmod_list *list = NULL, *it;
        int loaded = 0, r;

        if (!boot->kmod)
                return 0;
        r = kmod_module_new_from_lookup(boot->kmod, modalias, &list);
        if (r < 0)
                return r;
        kmod_list_foreach(it, list) {
                struct kmod_module *mod = kmod_module_get_module(it);

                if (insert_module(boot, mod, modalias) > 0)
                        loaded++;
                kmod_module_unref(mod);
        }
        kmod_module_unref_list(list);
        return loaded;
}

static int coldplug_device(const char *name, const char *alias, bool bound, void *ctx)
{
        int r;

        if (bound)
                return 0;
        r = modules_load_alias(ctx, alias);
        return r > 0 ? r : 0;
}

static int coldplug(struct boot *boot)
{
        int total = 0;

        /* A loaded bus driver (virtio_pci) adds devices (virtio disks) that need the next round. */
        for (int round = 0; round < COLDPLUG_MAX_ROUNDS; round++) {
                int n = devscan_modaliases(coldplug_device, boot);

                if (n < 0)
                        return n;
                total += n;
                if (n == 0)
                        break;
        }
        return total;
}

static void load_by_name(struct boot *boot, const struct strv *names, const char *origin,
                         struct strv *missing)
{
        for (size_t i = 0; i < names->n; i++) {
                struct kmod_list *list = NULL;
                char msg[300];
                int r;

                r = kmod_module_new_from_lookup(boot->kmod, names->items[i], &list);
                if (r < 0 || !list) {
                        snprintf(msg, sizeof(msg), "%s: %s not in image", origin, names->items[i]);
                        strlist_push(missing, msg);
                        continue;
                }
                kmod_module_unref_list(list);
                if (modules_load_alias(boot, names->items[i]) < 0) {
                        snprintf(msg, sizeof(msg), "%s: %s failed to load", origin, names->items[i]);
                        strlist_push(missing, msg);
                }
        }
}

static void join(char *buf, size_t size, const struct strv *v, size_t max)
{
        size_t len = 0;

        buf[0] = '\0';
        for (size_t i = 0; i < v->n && i < max; i++) {
                int n = snprintf(buf + len, size - len, "%s%s", i ? ", " : "", v->items[i]);

                if (n < 0 || (size_t)n >= size - len)
                        return;
                len += (size_t)n;
        }
        if (v->n > max)
                snprintf(buf + len, size - len, ", +%zu more", v->n - max);
}

int modules_check(struct boot *boot, struct verdict *v)
{
        struct load_log *log = &boot->modlog;
        struct strv missing = { 0 };
        char names[256];
        int r;

        if (boot->uevent_fd < 0)
                boot->uevent_fd = uevent_open();
        if (!boot->kmod)
                return verdict_set(v, STATUS_SKIP, "no module indexes: nothing to load");

        load_by_name(boot, &boot->cmd.driver_pre, "rd.driver.pre", &missing);
        r = coldplug(boot);
        load_by_name(boot, &boot->cmd.modules_load, "modules-load", &missing);

        for (size_t i = 0; i < log->loaded.n; i++)
                verdict_explain(v, "loaded %s", log->loaded.items[i]);
        for (size_t i = 0; i < log->failed.n; i++)
                verdict_explain(v, "failed %s", log->failed.items[i]);
        for (size_t i = 0; i < log->blacklisted.n; i++)
                verdict_explain(v, "blacklisted %s, which a present device needs", log->blacklisted.items[i]);
        for (size_t i = 0; i < missing.n; i++)
                verdict_explain(v, "%s", missing.items[i]);
        for (size_t i = 0; i < log->storage.n; i++)
                verdict_explain(v, "storage without a driver: %s", log->storage.items[i]);

        if (r < 0)
                verdict_set(v, STATUS_FAIL, "cannot scan /sys/devices: %s", strerror(-r));
        else if (missing.n > 0) {
                join(names, sizeof(names), &missing, 3);
                verdict_set(v, STATUS_FAIL, "%s", names);
        } else if (log->storage.n > 0) {
                /* A disk controller without its driver: the root disk cannot appear. */
                join(names, sizeof(names), &log->storage, 2);
                verdict_set(v, STATUS_FAIL, "%s", names);
        } else if (log->failed.n > 0) {
                join(names, sizeof(names), &log->failed, 3);
                verdict_set(v, STATUS_WARN, "%zu loaded, %zu failed: %s", log->loaded.n, log->failed.n, names);
        } else if (log->blacklisted.n > 0) {
                join(names, sizeof(names), &log->blacklisted, 3);
                verdict_set(v, STATUS_WARN, "%zu loaded; blacklisted but needed: %s", log->loaded.n, names);
        } else {
                join(names, sizeof(names), &log->loaded, 6);
                verdict_set(v, STATUS_PASS, "%zu loaded%s%s", log->loaded.n, log->loaded.n ? ": " : "", names);
        }
        strlist_free(&missing);
        return 0;
}
