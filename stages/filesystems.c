/* SPDX-License-Identifier: MIT */
/* Checkpoint 4: is the root filesystem recognised and supported by the kernel? */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "probe.h"
#include "stages.h"
#include "util.h"

/* Whether /proc/filesystems lists @type. */
static bool kernel_has_fs(const char *type)
{
        char line[128];
        bool found = false;
        FILE *f;

        f = fopen("/proc/filesystems", "re");
        if (!f)
                return false;
        while (!found && fgets(line, sizeof(line), f)) {
                char *name = strrchr(line, '\t');

                name = name ? name + 1 : line;
                name[strcspn(name, "\n")] = '\0';
                found = strcmp(name, type) == 0;
        }
        fclose(f);
        return found;
}

/* The kernel would ask modprobe for "fs-TYPE"; there is no modprobe here, so we do. */
static bool fs_support(struct boot *boot, const char *type)
{
        char alias[64];

        if (kernel_has_fs(type))
                return true;
        snprintf(alias, sizeof(alias), "fs-%s", type);
        modules_load_alias(boot, alias);
        if (kernel_has_fs(type))
                return true;
        modules_load_alias(boot, type);
        return kernel_has_fs(type);
}

/* The first type of a rootfstype= list the kernel supports, into boot->root_fstype. */
static bool pick_listed_type(struct boot *boot, const char *list)
{
        char buf[256], *save = NULL;

        snprintf(buf, sizeof(buf), "%s", list);
        for (char *t = strtok_r(buf, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
                if (fs_support(boot, t)) {
                        snprintf(boot->root_fstype, sizeof(boot->root_fstype), "%s", t);
                        return true;
                }
        }
        return false;
}

int filesystems_check(struct boot *boot, struct verdict *v)
{
        const char *listed = boot->cmd.rootfstype;
        struct probe_result pr;
        int r;

        boot->root_fstype[0] = '\0';
        if (!boot->root_dev[0])
                return verdict_set(v, STATUS_FAIL, "no root device (disks checkpoint did not find it)");
        r = probe_device(boot->root_dev, &pr);
        if (r < 0)
                return verdict_set(v, STATUS_FAIL, "cannot read %s: %s", boot->root_dev, strerror(-r));
        verdict_explain(v, "%s: type=%s usage=%s uuid=%s label=%s partuuid=%s", boot->root_dev,
                        pr.type, pr.usage, pr.uuid, pr.label, pr.partuuid);

        if (listed) {
                if (!pick_listed_type(boot, listed))
                        return verdict_set(v, STATUS_FAIL, "rootfstype=%s: not supported by the kernel "
                                           "and no module for it in the image", listed);
                if (pr.type[0] && strcmp(pr.type, boot->root_fstype) != 0)
                        return verdict_set(v, STATUS_WARN, "%s holds %s but rootfstype= says %s",
                                           boot->root_dev, pr.type, boot->root_fstype);
                return verdict_set(v, STATUS_PASS, "%s %s (rootfstype=)", boot->root_dev, boot->root_fstype);
        }
        if (strcmp(pr.type, "ambivalent") == 0)
                return verdict_set(v, STATUS_FAIL, "%s carries conflicting signatures; "
                                   "name one with rootfstype=", boot->root_dev);
        if (!pr.type[0]) {
                if (pr.pttype[0])
                        return verdict_set(v, STATUS_FAIL, "no filesystem on %s: it holds a %s partition table "
                                           "(root= names the whole disk?)", boot->root_dev, pr.pttype);
                return verdict_set(v, STATUS_FAIL, "no filesystem signature on %s", boot->root_dev);
        }
        if (strcmp(pr.usage, "filesystem") != 0)
                return verdict_set(v, STATUS_FAIL, "%s is %s (%s), not a filesystem",
                                   boot->root_dev, pr.type, pr.usage);
        if (!fs_support(boot, pr.type))
                return verdict_set(v, STATUS_FAIL, "%s is %s, but the kernel does not support %s "
                                   "and the image has no module for it", boot->root_dev, pr.type, pr.type);
        snprintf(boot->root_fstype, sizeof(boot->root_fstype), "%s", pr.type);
        return verdict_set(v, STATUS_PASS, "%s %s UUID=%s%s%s", boot->root_dev, pr.type,
                           pr.uuid[0] ? pr.uuid : "-", pr.label[0] ? " LABEL=" : "", pr.label);
}
