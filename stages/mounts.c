/* SPDX-License-Identifier: MIT */
/* Checkpoint 5: is root mounted, and does it hold an init that can run? */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libmount.h>

#include "exec_check.h"
#include "mountfs.h"
#include "probe.h"
#include "stages.h"
#include "util.h"


/* The kernel's order when init= is not given (init/main.c). */
static const char *const default_inits[] = { "/sbin/init", "/etc/init", "/bin/init", "/bin/sh" };

/* Mounts @dev on @target; on failure the kernel's reason goes into @why. */
static int mount_one(const char *dev, const char *target, const char *fstype, const char *opts,
                     struct verdict *v, char *why, size_t size)
{
        int r = mount_fs(dev, target, fstype, opts, why, size);

        if (r < 0)
                verdict_explain(v, "mount -t %s -o %s %s %s: %s%s", fstype ? fstype : "auto", opts,
                                dev, target, strerror(-r), why);
        return r;
}

static int root_mount(struct boot *boot, struct verdict *v, char *why, size_t size)
{
        char opts[512];

        snprintf(opts, sizeof(opts), "%s%s%s", boot->cmd.rootflags ? boot->cmd.rootflags : "",
                 boot->cmd.rootflags ? "," : "", boot->cmd.rw ? "rw" : "ro");
        return mount_one(boot->root_dev, SYSROOT, boot->root_fstype, opts, v, why, size);
}

/*
 * A separate /usr named in the new root's fstab is mounted too, under the
 * same rule as root (read-only unless rw): the init and its libraries may
 * live there.  Returns 1 if mounted, 0 if there is none, -errno on failure
 * with the reason in @why.
 */
static int usr_mount(struct boot *boot, struct verdict *v, char *why, size_t size)
{
        struct libmnt_table *tb;
        struct libmnt_fs *fs;
        struct root_spec spec = { 0 };
        char dev[PATH_MAX], opts[512];
        const char *src, *fsopts;
        int r;

        tb = mnt_new_table_from_file(SYSROOT "/etc/fstab");
        if (!tb)
                return 0;
        fs = mnt_table_find_target(tb, "/usr", MNT_ITER_FORWARD);
        if (!fs) {
                mnt_unref_table(tb);
                return 0;
        }
        src = mnt_fs_get_source(fs);
        if (!src || root_spec_parse(src, &spec) < 0) {
                snprintf(why, size, "/usr in %s/etc/fstab: cannot read source \"%s\"", SYSROOT,
                         src ? src : "");
                mnt_unref_table(tb);
                return -EINVAL;
        }
        if (probe_find(&spec, dev, sizeof(dev)) == 0) {
                snprintf(why, size, "/usr from %s/etc/fstab: %s not found", SYSROOT, src);
                root_spec_free(&spec);
                mnt_unref_table(tb);
                return -ENODEV;
        }
        fsopts = mnt_fs_get_options(fs);
        snprintf(opts, sizeof(opts), "%s%s%s", fsopts ? fsopts : "", fsopts ? "," : "",
                 boot->cmd.rw ? "" : "ro");
        verdict_explain(v, "/usr: %s (%s) from the new root's fstab", src, dev);
        r = mount_one(dev, SYSROOT "/usr", mnt_fs_get_fstype(fs), opts, v, why, size);
        if (r < 0) {
                char reason[300];

                snprintf(reason, sizeof(reason), "%s", why);
                snprintf(why, size, "mounting /usr (%s) failed: %s%s", dev, strerror(-r), reason);
        } else {
                snprintf(why, size, "%s", dev);
        }
        root_spec_free(&spec);
        mnt_unref_table(tb);
        return r < 0 ? r : 1;
}

static bool init_find(struct boot *boot, struct verdict *v, char *tried, size_t size)
{
        const char *const *list = default_inits;
        size_t n = sizeof(default_inits) / sizeof(default_inits[0]);
        const char *given[1];
        size_t len = 0;
        bool found = false;
        int rootfd;

        if (boot->cmd.init) {
                /* As the kernel does: a named init that fails is not replaced by another. */
                given[0] = boot->cmd.init;
                list = given;
                n = 1;
        }
        tried[0] = '\0';
        rootfd = open(SYSROOT, O_PATH | O_DIRECTORY | O_CLOEXEC);
        if (rootfd < 0)
                return false;
        for (size_t i = 0; i < n && !found; i++) {
                char why[256];

                if (exec_check(rootfd, list[i], EXEC_CHECK_MACHINE, why, sizeof(why)) == 0) {
                        snprintf(boot->init_path, sizeof(boot->init_path), "%s", list[i]);
                        found = true;
                        break;
                }
                verdict_explain(v, "init %s", why);
                int w = snprintf(tried + len, size - len, "%s%s", len ? "; " : "", why);

                if (w > 0 && (size_t)w < size - len)
                        len += (size_t)w;
        }
        close(rootfd);
        return found;
}

static int mounts_try(struct boot *boot, struct verdict *v)
{
        char tried[512], why[300], usr[400];
        int r;

        boot->init_path[0] = '\0';
        if (!boot->root_fstype[0])
                return verdict_set(v, STATUS_FAIL, "no recognised root filesystem to mount");
        if (boot->root_mounted) {
                /* A retry from the prompt: start from a clean mount point. */
                umount2(SYSROOT "/usr", 0);
                if (umount2(SYSROOT, 0) < 0 && errno != EINVAL)
                        return verdict_set(v, STATUS_FAIL, "cannot unmount the earlier %s: %s",
                                           SYSROOT, strerror(errno));
                boot->root_mounted = false;
        }
        r = dir_create_parents(SYSROOT, 0755);
        if (r < 0)
                return verdict_set(v, STATUS_FAIL, "mkdir %s: %s", SYSROOT, strerror(-r));
        r = root_mount(boot, v, why, sizeof(why));
        if (r < 0)
                return verdict_set(v, STATUS_FAIL, "mounting %s (%s) on %s failed: %s%s",
                                   boot->root_dev, boot->root_fstype, SYSROOT, strerror(-r), why);
        boot->root_mounted = true;

        r = usr_mount(boot, v, usr, sizeof(usr));
        if (r < 0)
                return verdict_set(v, STATUS_FAIL, "%s", usr);
        if (!init_find(boot, v, tried, sizeof(tried)))
                return verdict_set(v, STATUS_FAIL, "no init to run on %s: %s", boot->root_dev, tried);
        return verdict_set(v, STATUS_PASS, "%s on %s (%s, %s)%s%s, init %s", boot->root_dev, SYSROOT,
                           boot->root_fstype, boot->cmd.rw ? "rw" : "ro", r ? ", /usr from " : "",
                           r ? usr : "", boot->init_path);
}

int mounts_check(struct boot *boot, struct verdict *v)
{
        int r = mounts_try(boot, v);

        /* What is mounted now, failed or not, for the report and the prompt. */
        mount_list_read(&boot->mounts);
        return r;
}
