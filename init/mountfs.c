/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <libmount.h>

#include "kmsg.h"
#include "mountfs.h"
#include "trail.h"

static void kernel_words(int kmsg, const char *dev, const char *fstype, char *why, size_t size)
{
        const char *const needles[] = { strrchr(dev, '/') ? strrchr(dev, '/') + 1 : dev, fstype, NULL };
        struct strv lines = { 0 };

        why[0] = '\0';
        kmsg_collect(kmsg, needles, &lines, 2);
        for (size_t i = 0, len = 0; i < lines.n && len < size; i++)
                len += (size_t)snprintf(why + len, size - len, "%s%s%s", i ? "; " : " (kernel: ",
                                        lines.items[i], i + 1 == lines.n ? ")" : "");
        strlist_free(&lines);
}

int mount_fs(const char *dev, const char *target, const char *fstype, const char *opts,
             char *why, size_t size)
{
        struct libmnt_context *cxt;
        char what[512];
        int kmsg, r;

        if (size)
                why[0] = '\0';
        cxt = mnt_new_context();
        if (!cxt)
                return -ENOMEM;
        /* No /sbin/mount.* helpers and no fstab in the initramfs: mount exactly this. */
        mnt_context_disable_helpers(cxt, 1);
        mnt_context_set_optsmode(cxt, MNT_OMODE_IGNORE);
        mnt_context_set_source(cxt, dev);
        mnt_context_set_target(cxt, target);
        if (fstype && strcmp(fstype, "auto") != 0)
                mnt_context_set_fstype(cxt, fstype);
        mnt_context_set_options(cxt, opts);
        kmsg = kmsg_open_at_end();
        snprintf(what, sizeof(what), "%s on %s", dev, target);
        trail_step(trail_checkpoint(), "mount", what);
        r = mnt_context_mount(cxt);
        if (r == 0 && mnt_context_get_status(cxt) == 1) {
                r = 0;
        } else {
                kernel_words(kmsg, dev, fstype, why, size);
                if (mnt_context_syscall_called(cxt))
                        r = -mnt_context_get_syscall_errno(cxt);
                else if (r >= 0)
                        r = -EIO;
        }
        if (kmsg >= 0)
                close(kmsg);
        mnt_free_context(cxt);
        return r;
}

static bool option_named(const char *opts, const char *name)
{
        size_t len = strlen(name);

        for (const char *p = opts;; p++) {
                size_t n = strcspn(p, ",");

                if (n == len && strncmp(p, name, len) == 0)
                        return true;
                p += n;
                if (!*p)
                        return false;
        }
}

int mount_options_ro_default(const char *given, char *out, size_t size)
{
        const char *opts = given ? given : "";
        int n;

        /* Nothing from the prompt writes to a disk unless the person said rw. */
        if (option_named(opts, "rw") || option_named(opts, "ro"))
                n = snprintf(out, size, "%s", opts);
        else
                n = snprintf(out, size, "%s%sro", opts, *opts ? "," : "");
        return n < 0 || (size_t)n >= size ? -ENAMETOOLONG : 0;
}
