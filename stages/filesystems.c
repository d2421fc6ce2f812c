/* SPDX-License-Identifier: MIT */
/* Checkpoint 4: is the root filesystem recognised and supported by the kernel? */
#include <dirent.h>
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

/* Every block device carrying the tag root= names: more than one is a clone. */
static size_t tag_holders(const struct root_spec *spec, char *list, size_t size)
{
        struct dirent *de;
        size_t n = 0, len = 0;
        DIR *d;

        list[0] = '\0';
        d = opendir("/sys/class/block");
        if (!d)
                return 0;
        while ((de = readdir(d))) {
                char node[300];
                struct probe_result pr;
                int w;

                if (de->d_name[0] == '.' || block_size(de->d_name) == 0)
                        continue;
                snprintf(node, sizeof(node), "/dev/%s", de->d_name);
                if (probe_device(node, &pr) < 0 || !probe_matches(&pr, spec))
                        continue;
                w = snprintf(list + len, size - len, "%s%s", n ? ", " : "", node);
                if (w > 0 && (size_t)w < size - len)
                        len += (size_t)w;
                n++;
        }
        closedir(d);
        return n;
}

int filesystems_check(struct boot *boot, struct verdict *v)
{
        char spec[300], holders[200];
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

        if (boot->cmd.root.kind != ROOT_PATH && boot->cmd.root.kind != ROOT_DEVT &&
            tag_holders(&boot->cmd.root, holders, sizeof(holders)) > 1) {
                root_spec_format(&boot->cmd.root, spec, sizeof(spec));
                verdict_explain(v, "%s is on more than one device: %s. Cloned disks? rdcheck will not "
                                "guess which is root: name the device (root=/dev/...) or give one a new "
                                "UUID (tune2fs -U, xfs_admin -U).", spec, holders);
                return verdict_set(v, STATUS_FAIL, "%s is on several devices: %s; refusing to guess",
                                   spec, holders);
        }

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
