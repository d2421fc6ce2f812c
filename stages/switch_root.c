/* SPDX-License-Identifier: MIT */
/*
 * Checkpoint 7: hand over.  Moves the API filesystems into the new root,
 * empties the initramfs and makes the new root "/".  The exec itself is the
 * engine's, after it has printed this checkpoint's line.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libkmod.h>

#include "stages.h"

static const char *const api_mounts[] = { "/dev", "/proc", "/sys", "/run" };

/* Delete everything below @dirfd that lives on device @dev; never cross into another fs. */
static void remove_tree(int dirfd, dev_t dev)
{
        struct dirent *de;
        DIR *d;

        d = fdopendir(dirfd);
        if (!d) {
                close(dirfd);
                return;
        }
        while ((de = readdir(d))) {
                struct stat st;
                bool is_dir;

                if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
                        continue;
                if (fstatat(dirfd, de->d_name, &st, AT_SYMLINK_NOFOLLOW) < 0 || st.st_dev != dev)
                        continue;
                is_dir = S_ISDIR(st.st_mode);
                if (is_dir) {
                        int sub = openat(dirfd, de->d_name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);

                        if (sub >= 0)
                                remove_tree(sub, dev);
                }
                unlinkat(dirfd, de->d_name, is_dir ? AT_REMOVEDIR : 0);
        }
        closedir(d);
}

static void api_mounts_move(struct verdict *v)
{
        for (size_t i = 0; i < sizeof(api_mounts) / sizeof(api_mounts[0]); i++) {
                char target[64];
                struct stat st;

                snprintf(target, sizeof(target), SYSROOT "%s", api_mounts[i]);
                if (stat(target, &st) == 0 && S_ISDIR(st.st_mode) &&
                    mount(api_mounts[i], target, NULL, MS_MOVE, NULL) == 0)
                        continue;
                /* No place for it in the new root: the real init mounts its own. */
                verdict_explain(v, "%s: not moved (%s), unmounted", api_mounts[i], strerror(errno));
                umount2(api_mounts[i], MNT_DETACH);
        }
}

int switch_root_check(struct boot *boot, struct verdict *v)
{
        struct stat root, newroot;
        int oldfd;

        if (!boot->root_mounted || !boot->init_path[0])
                return verdict_set(v, STATUS_FAIL, "no mounted root with an init to hand over to");
        if (stat("/", &root) < 0 || stat(SYSROOT, &newroot) < 0)
                return verdict_set(v, STATUS_FAIL, "stat / or %s: %s", SYSROOT, strerror(errno));
        if (root.st_dev == newroot.st_dev)
                return verdict_set(v, STATUS_FAIL, "%s is not a mount point", SYSROOT);

        /* Indexes and sockets of the initramfs must not leak into the real init. */
        if (boot->kmod) {
                kmod_unref(boot->kmod);
                boot->kmod = NULL;
        }
        if (boot->uevent_fd >= 0) {
                close(boot->uevent_fd);
                boot->uevent_fd = -1;
        }

        api_mounts_move(v);
        if (chdir(SYSROOT) < 0)
                return verdict_set(v, STATUS_FAIL, "chdir %s: %s", SYSROOT, strerror(errno));
        oldfd = open("/", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (mount(SYSROOT, "/", NULL, MS_MOVE, NULL) < 0) {
                int e = errno;

                if (oldfd >= 0)
                        close(oldfd);
                return verdict_set(v, STATUS_FAIL, "moving %s to /: %s", SYSROOT, strerror(e));
        }
        if (chroot(".") < 0 || chdir("/") < 0) {
                int e = errno;

                if (oldfd >= 0)
                        close(oldfd);
                return verdict_set(v, STATUS_FAIL, "chroot into the new root: %s", strerror(e));
        }
        /* The initramfs cannot be unmounted; emptying it gives its memory back. */
        if (oldfd >= 0)
                remove_tree(oldfd, root.st_dev);
        return verdict_set(v, STATUS_PASS, "exec %s", boot->init_path);
}
