/* SPDX-License-Identifier: MIT */
/* Checkpoint 1: are the drivers for this kernel in the image? */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/utsname.h>

#include <libkmod.h>

#include "stages.h"
#include "util.h"

#define MODULES_ROOT "/lib/modules"

/* Space-separated names of the release directories the image does have. */
static int other_releases(char *buf, size_t size)
{
        struct dirent *de;
        size_t len = 0;
        int n = 0;
        DIR *d;

        buf[0] = '\0';
        d = opendir(MODULES_ROOT);
        if (!d)
                return 0;
        while ((de = readdir(d))) {
                if (de->d_name[0] == '.')
                        continue;
                int w = snprintf(buf + len, size - len, "%s%s", n ? ", " : "", de->d_name);

                if (w < 0 || (size_t)w >= size - len)
                        break;
                len += (size_t)w;
                n++;
        }
        closedir(d);
        return n;
}

static long count_lines(const char *path)
{
        char buf[8192];
        long lines = 0;
        size_t n;
        FILE *f;

        f = fopen(path, "re");
        if (!f)
                return -errno;
        while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
                for (size_t i = 0; i < n; i++)
                        lines += buf[i] == '\n';
        fclose(f);
        return lines;
}

int drivers_check(struct boot *boot, struct verdict *v)
{
        char path[PATH_MAX + 32], others[512];
        struct utsname u;
        long n;
        int r;

        if (uname(&u) < 0)
                return verdict_set(v, STATUS_FAIL, "uname: %s", strerror(errno));
        snprintf(boot->kver, sizeof(boot->kver), "%s", u.release);
        snprintf(boot->moddir, sizeof(boot->moddir), MODULES_ROOT "/%s", boot->kver);

        if (!path_exists(boot->moddir)) {
                if (other_releases(others, sizeof(others)) > 0) {
                        verdict_explain(v, "The image was built for another kernel: its drivers cannot load.");
                        verdict_explain(v, "Rebuild the initramfs for %s, or boot the kernel it was made for.",
                                        boot->kver);
                        return verdict_set(v, STATUS_FAIL,
                                           "image has modules for %s, running kernel is %s",
                                           others, boot->kver);
                }
                verdict_explain(v, "No " MODULES_ROOT " in the image: only built-in drivers are available.");
                return verdict_set(v, STATUS_WARN, "no modules in image for %s; built-in drivers only",
                                   boot->kver);
        }

        snprintf(path, sizeof(path), "%s/modules.dep", boot->moddir);
        n = count_lines(path);
        if (n < 0) {
                verdict_explain(v, "%s: %s. Run depmod for %s when building the image.",
                                path, strerror((int)-n), boot->kver);
                return verdict_set(v, STATUS_FAIL, "%s/modules.dep unreadable: %s",
                                   boot->moddir, strerror((int)-n));
        }

        if (boot->kmod)
                kmod_unref(boot->kmod);
        boot->kmod = kmod_new(boot->moddir, NULL);
        if (!boot->kmod)
                return verdict_set(v, STATUS_FAIL, "libkmod could not start on %s", boot->moddir);
        kmod_set_log_priority(boot->kmod, 0);
        r = kmod_load_resources(boot->kmod);
        if (r < 0) {
                verdict_explain(v, "libkmod could not read the module indexes in %s: %s.",
                                boot->moddir, strerror(-r));
                return verdict_set(v, STATUS_FAIL, "module indexes in %s unreadable: %s",
                                   boot->moddir, strerror(-r));
        }
        return verdict_set(v, STATUS_PASS, "%ld modules for %s in image", n, boot->kver);
}
