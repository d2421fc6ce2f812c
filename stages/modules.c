/* SPDX-License-Identifier: MIT */
/* Checkpoint 2: are the drivers loaded, and if one failed, why? */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <libkmod.h>

#include "devclass.h"
#include "devscan.h"
#include "hold.h"
#include "modload.h"
#include "stages.h"
#include "uevent.h"
#include "util.h"

#define COLDPLUG_MAX_ROUNDS 8
#define MODULE_LOAD_PARALLEL 4
#define MODULE_LOAD_BOUND_MS 30000

/* Whether the module's name (before any ": reason") is in the list. */
static bool strlist_has_prefix(const struct strv *v, const char *name)
{
        size_t len = strlen(name);

        for (size_t i = 0; i < v->n; i++)
                if (strncmp(v->items[i], name, len) == 0 && v->items[i][len] == ':')
                        return true;
        return false;
}

/* A storage device left without its driver: the boot will not find its disk. */
static void storage_problem(struct boot *boot, const char *alias, const char *what)
{
        char desc[96], line[800];

        if (!alias || !modalias_is_storage(alias))
                return;
        snprintf(line, sizeof(line), "%s: %s", modalias_describe(alias, desc, sizeof(desc)), what);
        if (!module_list_has(&boot->modlog.storage, line))
                strlist_push(&boot->modlog.storage, line);
}

/* Whether @mod still needs inserting; records a blacklist that keeps it away. */
static bool insert_wanted(struct boot *boot, struct kmod_module *mod, const char *alias)
{
        struct load_log *log = &boot->modlog;
        const char *name = kmod_module_get_name(mod);
        char what[160];
        int state;

        if (module_list_has(&boot->cmd.blacklist, name)) {
                if (!module_list_has(&log->blacklisted, name))
                        strlist_push(&log->blacklisted, name);
                snprintf(what, sizeof(what), "%s blacklisted by the command line", name);
                storage_problem(boot, alias, what);
                return false;
        }
        state = kmod_module_get_initstate(mod);
        if (state == KMOD_MODULE_LIVE || state == KMOD_MODULE_BUILTIN || state == KMOD_MODULE_COMING)
                return false;
        if (hold_wanted(boot, name)) {
                if (!module_list_has(&log->held, name))
                        strlist_push(&log->held, name);
                return false;
        }
        return !strlist_has_prefix(&log->failed, name);
}

/* Records the outcome; returns 1 if the module was inserted. */
static int insert_done(struct boot *boot, const char *name, const char *alias, int r, const char *reason)
{
        struct load_log *log = &boot->modlog;
        char what[160];

        if (r == 0) {
                if (!module_list_has(&log->loaded, name))
                        strlist_push(&log->loaded, name);
                return 1;
        }
        if (r > 0) {
                if (!module_list_has(&log->blacklisted, name))
                        strlist_push(&log->blacklisted, name);
                snprintf(what, sizeof(what), "%s blacklisted by modprobe.d", name);
                storage_problem(boot, alias, what);
                return 0;
        }
        if (r == -EEXIST)
                return 0;
        strlist_push(&log->failed, reason);
        storage_problem(boot, alias, reason);
        return 0;
}

static int insert_module(struct boot *boot, struct kmod_module *mod, const char *alias)
{
        char reason[600];
        int r;

        if (!insert_wanted(boot, mod, alias))
                return 0;
        r = module_insert(mod, KMOD_PROBE_APPLY_BLACKLIST, NULL, reason, sizeof(reason));
        insert_done(boot, kmod_module_get_name(mod), alias, r, reason);
        return r == 0 ? 1 : r;
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

int modules_hotplug(struct boot *boot)
{
        struct uevent ev;
        int loaded = 0, r;

        if (boot->uevent_fd < 0 || !boot->kmod)
                return 0;
        while ((r = uevent_receive(boot->uevent_fd, 0, &ev)) != -ETIMEDOUT) {
                /* Events lost to a full socket (ENOBUFS): the next ones still come. */
                if (r == -ENOBUFS || r == -EINTR)
                        continue;
                if (r < 0)
                        return r;
                if (strcmp(ev.action, "add") == 0 && ev.modalias[0] && modules_load_alias(boot, ev.modalias) > 0)
                        loaded++;
        }
        return loaded;
}

/* The modules the present devices still need, one entry each, with the alias that asked. */
struct wanted {
        struct boot *boot;
        struct strv names, aliases;
        struct kmod_module **mods;
        size_t n;
};

static void wanted_free(struct wanted *w)
{
        for (size_t i = 0; i < w->n; i++)
                kmod_module_unref(w->mods[i]);
        free(w->mods);
        strlist_free(&w->names);
        strlist_free(&w->aliases);
}

static int coldplug_collect(const char *dev, const char *alias, const char *driver, void *ctx)
{
        struct wanted *w = ctx;
        struct kmod_list *list = NULL, *it;

        if (driver || kmod_module_new_from_lookup(w->boot->kmod, alias, &list) < 0)
                return 0;
        kmod_list_foreach(it, list) {
                struct kmod_module *mod = kmod_module_get_module(it);
                const char *name = kmod_module_get_name(mod);
                struct kmod_module **mods;

                if (!insert_wanted(w->boot, mod, alias) || module_list_has(&w->names, name) ||
                    !(mods = realloc(w->mods, (w->n + 1) * sizeof(*mods)))) {
                        kmod_module_unref(mod);
                        continue;
                }
                w->mods = mods;
                w->mods[w->n++] = mod;
                strlist_push(&w->names, name);
                strlist_push(&w->aliases, alias);
        }
        kmod_module_unref_list(list);
        return 0;
}

/* One insert running in a child process, reporting "ERRNO<TAB>REASON" on a pipe. */
struct loader {
        pid_t pid;
        int fd;
        size_t idx;
        long started;
        size_t len;
        char buf[700];
};

static void loader_child(struct kmod_module *mod, int fd)
{
        static const int fatal[] = { SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGSYS };
        char reason[600] = "";
        int r;

        /* PID 1's fault handler would open a second prompt here: die plainly instead. */
        for (size_t i = 0; i < sizeof(fatal) / sizeof(fatal[0]); i++)
                signal(fatal[i], SIG_DFL);
        r = module_insert(mod, KMOD_PROBE_APPLY_BLACKLIST, NULL, reason, sizeof(reason));
        dprintf(fd, "%d\t%s", r, reason);
        _exit(0);
}

static bool loader_start(struct loader *l, struct wanted *w, size_t idx)
{
        int p[2];

        if (pipe2(p, O_CLOEXEC) < 0)
                return false;
        l->pid = fork();
        if (l->pid < 0) {
                close(p[0]);
                close(p[1]);
                return false;
        }
        if (l->pid == 0) {
                close(p[0]);
                loader_child(w->mods[idx], p[1]);
        }
        close(p[1]);
        l->fd = p[0];
        l->idx = idx;
        l->started = now_ms();
        l->len = 0;
        return true;
}

/* Reads what the child said; true when it is done (EOF). */
static bool loader_read(struct loader *l)
{
        ssize_t n = read(l->fd, l->buf + l->len, sizeof(l->buf) - 1 - l->len);

        if (n < 0 && errno == EINTR)
                return false;
        if (n > 0) {
                l->len += (size_t)n;
                return l->len == sizeof(l->buf) - 1;
        }
        return true;
}

static int loader_finish(struct boot *boot, struct wanted *w, struct loader *l, bool timed_out)
{
        const char *name = w->names.items[l->idx];
        char reason[700];
        int r = -EIO;

        close(l->fd);
        l->buf[l->len] = '\0';
        if (timed_out) {
                r = -ETIMEDOUT;
                snprintf(reason, sizeof(reason), "%s: still initialising after %d s", name,
                         MODULE_LOAD_BOUND_MS / 1000);
        } else if (sscanf(l->buf, "%d", &r) == 1 && strchr(l->buf, '\t')) {
                snprintf(reason, sizeof(reason), "%s", strchr(l->buf, '\t') + 1);
        } else {
                snprintf(reason, sizeof(reason), "%s: the loader process died", name);
        }
        return insert_done(boot, name, w->aliases.items[l->idx], r, reason);
}

/*
 * Inserts the wanted modules a few at a time in child processes: module
 * init often sleeps (a controller reset, a bus scan), and the kernel lets
 * those sleeps overlap.  Each insert is bounded; a module still initialising
 * after that is reported and left to the kernel.
 */
static int load_parallel(struct boot *boot, struct wanted *w)
{
        struct loader kids[MODULE_LOAD_PARALLEL];
        size_t next = 0, running = 0;
        int loaded = 0;

        while (next < w->n || running > 0) {
                struct pollfd pfd[MODULE_LOAD_PARALLEL];
                long now = now_ms();
                int timeout = MODULE_LOAD_BOUND_MS;

                while (running < MODULE_LOAD_PARALLEL && next < w->n) {
                        if (!loader_start(&kids[running], w, next)) {
                                /* No process to spare: do it here. */
                                loaded += insert_module(boot, w->mods[next], w->aliases.items[next]) > 0;
                                next++;
                                continue;
                        }
                        running++;
                        next++;
                }
                for (size_t i = 0; i < running; i++) {
                        long left = kids[i].started + MODULE_LOAD_BOUND_MS - now;

                        pfd[i] = (struct pollfd){ .fd = kids[i].fd, .events = POLLIN };
                        if (left < timeout)
                                timeout = left < 0 ? 0 : (int)left;
                }
                if (running == 0)
                        continue;
                if (poll(pfd, running, timeout) < 0 && errno != EINTR)
                        break;
                now = now_ms();
                for (size_t i = 0; i < running;) {
                        bool done = pfd[i].revents && loader_read(&kids[i]);
                        bool late = !done && now - kids[i].started >= MODULE_LOAD_BOUND_MS;

                        if (!done && !late) {
                                i++;
                                continue;
                        }
                        loaded += loader_finish(boot, w, &kids[i], late);
                        kids[i] = kids[--running];
                        pfd[i] = pfd[running];
                }
        }
        return loaded;
}

/*
 * The devices the modules just inserted added: the kernel sends their "add"
 * uevents, with MODALIAS, before init_module() returns, so the socket
 * names them and the next round need not walk /sys. False when it cannot
 * tell (no socket, events lost): then the next round walks.
 */
static bool devices_added(struct boot *boot, struct strv *devpaths)
{
        struct uevent ev;
        int r;

        if (boot->uevent_fd < 0)
                return false;
        while ((r = uevent_receive(boot->uevent_fd, 0, &ev)) != -ETIMEDOUT) {
                if (r < 0)
                        return false;
                if (!strcmp(ev.action, "add") && ev.modalias[0] && ev.devpath[0])
                        strlist_push(devpaths, ev.devpath);
        }
        return true;
}

/* One round's wanted modules: from the whole of /sys, or from the devices named. */
static int coldplug_scan(struct wanted *w, const struct strv *devpaths, bool walk)
{
        if (walk)
                return devscan_modaliases(coldplug_collect, w);
        for (size_t i = 0; i < devpaths->n; i++)
                devscan_device(devpaths->items[i], coldplug_collect, w);
        return 0;
}

static int coldplug(struct boot *boot)
{
        struct strv added = { 0 };
        bool walk = true;
        int total = 0;

        /* A loaded bus driver (virtio_pci) adds devices (virtio disks) that need the next round. */
        for (int round = 0; round < COLDPLUG_MAX_ROUNDS; round++) {
                struct wanted w = { .boot = boot };
                int r = coldplug_scan(&w, &added, walk);
                int n;

                strlist_free(&added);
                if (r < 0) {
                        wanted_free(&w);
                        return r;
                }
                n = load_parallel(boot, &w);
                wanted_free(&w);
                total += n;
                if (n == 0)
                        break;
                walk = !devices_added(boot, &added);
                if (!walk && added.n == 0)
                        break;
        }
        strlist_free(&added);
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
        for (size_t i = 0; i < log->held.n && !boot->hold_decided; i++)
                verdict_explain(v, "held back %s: the last boot panicked while rdcheck was "
                                "inserting it (%s)", log->held.items[i], boot->previous.detail);

        if (log->held.n > 0 && !boot->hold_decided) {
                hold_names(boot, names, sizeof(names));
                verdict_set(v, STATUS_PAUSE,
                            "held back %s: the last boot panicked while rdcheck was inserting it", names);
        } else if (r < 0)
                verdict_set(v, STATUS_FAIL, "cannot scan /sys/devices: %s", strerror(-r));
        else if (missing.n > 0) {
                strlist_join(names, sizeof(names), &missing, 3);
                verdict_set(v, STATUS_FAIL, "%s", names);
        } else if (log->storage.n > 0) {
                /* A disk controller without its driver: the root disk cannot appear. */
                strlist_join(names, sizeof(names), &log->storage, 2);
                verdict_set(v, STATUS_FAIL, "%s", names);
        } else if (log->failed.n > 0) {
                strlist_join(names, sizeof(names), &log->failed, 3);
                verdict_set(v, STATUS_WARN, "%zu loaded, %zu failed: %s", log->loaded.n, log->failed.n, names);
        } else if (log->blacklisted.n > 0) {
                strlist_join(names, sizeof(names), &log->blacklisted, 3);
                verdict_set(v, STATUS_WARN, "%zu loaded; blacklisted but needed: %s", log->loaded.n, names);
        } else {
                strlist_join(names, sizeof(names), &log->loaded, 6);
                verdict_set(v, STATUS_PASS, "%zu loaded%s%s", log->loaded.n, log->loaded.n ? ": " : "", names);
        }
        strlist_free(&missing);
        return 0;
}
