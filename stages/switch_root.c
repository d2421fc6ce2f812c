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

#include "pstore_boot.h"
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

#define N_API (sizeof(api_mounts) / sizeof(api_mounts[0]))

/* Everything that can be checked before anything changes: after this, no surprises. */
static bool switch_possible(struct verdict *v)
{
        for (size_t i = 0; i < N_API; i++) {
                char target[64];
                struct stat st;

                snprintf(target, sizeof(target), SYSROOT "%s", api_mounts[i]);
                if (stat(target, &st) < 0) {
                        verdict_set(v, STATUS_FAIL, "new root has no %s: the real init would start "
                                    "without it", api_mounts[i]);
                        return false;
                }
                if (!S_ISDIR(st.st_mode)) {
                        verdict_set(v, STATUS_FAIL, "new root's %s is not a directory", api_mounts[i]);
                        return false;
                }
        }
        return true;
}

static void api_mounts_back(size_t moved)
{
        while (moved-- > 0) {
                char target[64];

                snprintf(target, sizeof(target), SYSROOT "%s", api_mounts[moved]);
                mount(target, api_mounts[moved], NULL, MS_MOVE, NULL);
        }
}

/* Moves /dev /proc /sys /run under the new root, or none of them. */
static int api_mounts_move(struct verdict *v)
{
        for (size_t i = 0; i < N_API; i++) {
                char target[64];

                snprintf(target, sizeof(target), SYSROOT "%s", api_mounts[i]);
                if (mount(api_mounts[i], target, NULL, MS_MOVE, NULL) == 0)
                        continue;
                verdict_set(v, STATUS_FAIL, "moving %s to %s: %s", api_mounts[i], target, strerror(errno));
                api_mounts_back(i);
                return -1;
        }
        return 0;
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

        if (!switch_possible(v))
                return 0;
        if (!boot->host_init)
                pstore_boot_archive(boot);
        oldfd = open("/", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (oldfd < 0)
                return verdict_set(v, STATUS_FAIL, "open /: %s", strerror(errno));
        if (api_mounts_move(v) < 0) {
                close(oldfd);
                return 0;
        }
        if (chdir(SYSROOT) < 0 || mount(SYSROOT, "/", NULL, MS_MOVE, NULL) < 0) {
                int e = errno;

                chdir("/");
                api_mounts_back(N_API);
                close(oldfd);
                return verdict_set(v, STATUS_FAIL, "moving %s to /: %s", SYSROOT, strerror(e));
        }
        /* Indexes and sockets of the initramfs must not leak into the real init. */
        if (boot->kmod) {
                kmod_unref(boot->kmod);
                boot->kmod = NULL;
        }
        if (boot->uevent_fd >= 0) {
                close(boot->uevent_fd);
                boot->uevent_fd = -1;
        }
        if (chroot(".") < 0 || chdir("/") < 0) {
                int e = errno;

                close(oldfd);
                return verdict_set(v, STATUS_FAIL, "chroot into the new root: %s", strerror(e));
        }
        /* The initramfs cannot be unmounted; emptying it gives its memory back. */
        remove_tree(oldfd, root.st_dev);
        return verdict_set(v, STATUS_PASS, "exec %s", boot->init_path);
}
