/* SPDX-License-Identifier: MIT */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "devscan.h"

#define SYSFS_MAX_DEPTH 32

/* The driver bound to the device at @dirfd ("driver" links to .../drivers/NAME), or NULL. */
static const char *driver_name(int dirfd, char *buf, size_t size)
{
        ssize_t n = readlinkat(dirfd, "driver", buf, size - 1);
        const char *slash;

        if (n <= 0)
                return NULL;
        buf[n] = '\0';
        slash = strrchr(buf, '/');
        return slash ? slash + 1 : buf;
}

static int walk(int dirfd, const char *name, int depth, devscan_fn fn, void *ctx)
{
        char alias[512], driver[256];
        struct dirent *de;
        int sum = 0;
        DIR *d;
        int fd;

        if (depth > SYSFS_MAX_DEPTH) {
                close(dirfd);
                return 0;
        }
        fd = openat(dirfd, "modalias", O_RDONLY | O_CLOEXEC);
        if (fd >= 0) {
                ssize_t n = read(fd, alias, sizeof(alias) - 1);

                close(fd);
                if (n > 0) {
                        alias[n] = '\0';
                        alias[strcspn(alias, "\n")] = '\0';
                        if (alias[0])
                                sum += fn(name, alias, driver_name(dirfd, driver, sizeof(driver)), ctx);
                }
        }

        d = fdopendir(dirfd);
        if (!d) {
                close(dirfd);
                return sum;
        }
        while ((de = readdir(d))) {
                int sub;

                /*
                 * Only real directories: sysfs links would lead in circles.
                 * Every device has a power/ of attributes, never a device:
                 * skipping them spares a third of the walk's directories.
                 */
                if (de->d_type != DT_DIR || de->d_name[0] == '.' || !strcmp(de->d_name, "power"))
                        continue;
                sub = openat(dirfd, de->d_name, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
                if (sub >= 0)
                        sum += walk(sub, de->d_name, depth + 1, fn, ctx);
        }
        closedir(d);
        return sum;
}

int devscan_modaliases(devscan_fn fn, void *ctx)
{
        int fd = open("/sys/devices", O_RDONLY | O_DIRECTORY | O_CLOEXEC);

        if (fd < 0)
                return -errno;
        return walk(fd, "devices", 0, fn, ctx);
}
