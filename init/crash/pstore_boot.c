/* SPDX-License-Identifier: MIT */
/*
 * PID 1's part of crash evidence at every boot: the pstore backend loaded
 * through libkmod (so ramoops.mem_address= and the like on the command line
 * apply), pstore mounted, the records read, summarised in one line, saved
 * to /run, and under rd.pstore= archived to the root and erased.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <time.h>

#include <libkmod.h>

#include "log.h"
#include "modload.h"
#include "pstore.h"
#include "pstore_boot.h"
#include "util.h"

static void readiness_read(struct crash_readiness *r)
{
        char text[64];

        r->crash_bytes = -1;
        r->capture_loaded = -1;
        if (read_text("/sys/module/pstore/parameters/backend", text, sizeof(text)) > 0 &&
            strcmp(text, "(null)") != 0)
                snprintf(r->pstore_backend, sizeof(r->pstore_backend), "%s", text);
        if (read_text("/sys/kernel/kexec_crash_size", text, sizeof(text)) > 0)
                r->crash_bytes = atoll(text);
        if (read_text("/sys/kernel/kexec_crash_loaded", text, sizeof(text)) > 0)
                r->capture_loaded = atoi(text) != 0;
}

/* ramoops only does something when the command line places it; efi_pstore needs EFI. */
static const char *backend_wanted(const struct boot *boot)
{
        for (size_t i = 0; i < boot->cmd.module_options.n; i++)
                if (strncmp(boot->cmd.module_options.items[i], "ramoops.mem_address=", 20) == 0)
                        return "ramoops";
        return path_exists("/sys/firmware/efi") ? "efi_pstore" : NULL;
}

static void backend_load(const struct boot *boot)
{
        const char *name = backend_wanted(boot);
        struct kmod_module *mod = NULL;
        char moddir[PATH_MAX], reason[512];
        struct kmod_ctx *ctx;
        struct utsname u;
        int r;

        if (!name || module_list_has(&boot->cmd.blacklist, name) || uname(&u) < 0)
                return;
        snprintf(moddir, sizeof(moddir), "/lib/modules/%s", u.release);
        if (!path_exists(moddir))
                return;
        ctx = kmod_new(moddir, NULL);
        if (!ctx)
                return;
        kmod_set_log_priority(ctx, 0);
        /* Not in the image (rdcheck-mkimage --pstore adds it): nothing to load, nothing to say. */
        if (kmod_module_new_from_name(ctx, name, &mod) == 0 && kmod_module_get_path(mod)) {
                r = module_insert(mod, KMOD_PROBE_APPLY_BLACKLIST, NULL, reason, sizeof(reason));
                if (r < 0 && r != -EEXIST)
                        log_info("pstore: cannot load %s", reason);
        }
        if (mod)
                kmod_module_unref(mod);
        kmod_unref(ctx);
}

static int pstore_mount(void)
{
        struct stat dir, sys;

        if (stat(PSTORE_DIR, &dir) < 0 || stat("/sys", &sys) < 0)
                return -ENOENT;
        if (dir.st_dev != sys.st_dev)
                return 0;
        if (mount("pstore", PSTORE_DIR, "pstore", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL) < 0)
                return -errno;
        return 0;
}

static void problems_say(struct strv *problems)
{
        for (size_t i = 0; i < problems->n; i++)
                log_info("%s", problems->items[i]);
        strlist_free(problems);
}

void pstore_boot_read(struct boot *boot)
{
        struct previous_boot *pb = &boot->previous;
        struct pstore_set set;
        struct strv problems = { 0 };
        char line[1200], why[PATH_MAX];
        int r;

        readiness_read(&pb->ready);
        if (!pb->ready.pstore_backend[0]) {
                backend_load(boot);
                readiness_read(&pb->ready);
        }
        /* A kernel without pstore, or no backend: nothing to read, nothing to say. */
        if (!pb->ready.pstore_backend[0] || pstore_mount() < 0)
                return;
        if (pstore_scan(PSTORE_DIR, &set) <= 0) {
                pstore_set_free(&set);
                return;
        }
        if (pstore_summarise(&set, pb, &problems) < 0)
                log_info("pstore: out of memory reading the records");
        problems_say(&problems);
        r = pstore_save(&set, PSTORE_SAVE_DIR, why, sizeof(why));
        if (r < 0)
                log_info("pstore: cannot save the records to %s: %s: %s", PSTORE_SAVE_DIR, why, strerror(-r));
        else
                snprintf(pb->saved_dir, sizeof(pb->saved_dir), "%s", PSTORE_SAVE_DIR);
        pstore_set_free(&set);
        previous_boot_line(line, sizeof(line), pb);
        log_line(line);
}

/* A directory per crash, named by the newest record's time: the same records archive to the same place. */
static void archive_name(const struct pstore_set *set, char *buf, size_t size)
{
        time_t t = 0;
        struct tm tm;

        for (size_t i = 0; i < set->n; i++)
                if (set->files[i].mtime.tv_sec > t)
                        t = set->files[i].mtime.tv_sec;
        gmtime_r(&t, &tm);
        strftime(buf, size, "%Y%m%d-%H%M%S", &tm);
}

void pstore_boot_archive(struct boot *boot)
{
        struct previous_boot *pb = &boot->previous;
        const char *policy = pstore_policy_name(boot->cmd.pstore);
        char name[32], rel[PATH_MAX], dir[PATH_MAX], why[PATH_MAX];
        struct strv problems = { 0 };
        struct pstore_set set;
        int r;

        if (boot->cmd.pstore == PSTORE_KEEP || !pb->found || !boot->root_mounted || pb->archived_dir[0])
                return;
        if (!boot->cmd.rw) {
                log_info("rd.pstore=%s: the root is mounted read-only; archiving waits for a writable root "
                         "(records left in pstore)", policy);
                return;
        }
        if (pstore_scan(PSTORE_DIR, &set) <= 0) {
                pstore_set_free(&set);
                return;
        }
        archive_name(&set, name, sizeof(name));
        snprintf(rel, sizeof(rel), "%s/%s", PSTORE_ARCHIVE_DIR, name);
        snprintf(dir, sizeof(dir), "%s%s", SYSROOT, rel);
        r = pstore_save(&set, dir, why, sizeof(why));
        if (r < 0) {
                log_info("rd.pstore=%s: cannot archive to %s: %s: %s; records left in pstore", policy, rel,
                         why, strerror(-r));
                pstore_set_free(&set);
                return;
        }
        snprintf(pb->archived_dir, sizeof(pb->archived_dir), "%s", rel);
        if (boot->cmd.pstore == PSTORE_ERASE) {
                r = pstore_erase_saved(PSTORE_DIR, &set, dir, &problems);
                problems_say(&problems);
                log_info("rd.pstore=erase: %zu files archived to %s, %d erased from pstore", set.n, rel, r);
        } else {
                log_info("rd.pstore=archive: %zu files archived to %s, left in pstore", set.n, rel);
        }
        pstore_set_free(&set);
}
