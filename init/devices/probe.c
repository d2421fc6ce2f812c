/* SPDX-License-Identifier: MIT */
#include <dirent.h>
#include <errno.h>
#include <sys/stat.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <blkid.h>

#include "probe.h"
#include "util.h"

static void lookup(blkid_probe pr, const char *name, char *dst, size_t size)
{
        const char *val = NULL;

        dst[0] = '\0';
        if (blkid_probe_lookup_value(pr, name, &val, NULL) == 0 && val)
                snprintf(dst, size, "%s", val);
}

int probe_device(const char *devnode, struct probe_result *r)
{
        blkid_probe pr;
        int rc;

        memset(r, 0, sizeof(*r));
        pr = blkid_new_probe_from_filename(devnode);
        if (!pr)
                return errno ? -errno : -EIO;
        blkid_probe_enable_superblocks(pr, 1);
        blkid_probe_set_superblocks_flags(pr, BLKID_SUBLKS_TYPE | BLKID_SUBLKS_USAGE |
                                          BLKID_SUBLKS_UUID | BLKID_SUBLKS_LABEL);
        blkid_probe_enable_partitions(pr, 1);
        blkid_probe_set_partitions_flags(pr, BLKID_PARTS_ENTRY_DETAILS);
        rc = blkid_do_safeprobe(pr);
        if (rc == -2) {
                /* Two signatures that contradict each other: say so, pick nothing. */
                snprintf(r->type, sizeof(r->type), "ambivalent");
        } else if (rc >= 0) {
                lookup(pr, "TYPE", r->type, sizeof(r->type));
                lookup(pr, "USAGE", r->usage, sizeof(r->usage));
                lookup(pr, "UUID", r->uuid, sizeof(r->uuid));
                lookup(pr, "LABEL", r->label, sizeof(r->label));
                lookup(pr, "PART_ENTRY_UUID", r->partuuid, sizeof(r->partuuid));
                lookup(pr, "PART_ENTRY_NAME", r->partlabel, sizeof(r->partlabel));
                lookup(pr, "PTTYPE", r->pttype, sizeof(r->pttype));
        }
        blkid_free_probe(pr);
        return rc < 0 && rc != -2 ? -EIO : 0;
}

/*
 * The driver of the first device above a SCSI device that has one: what
 * carries the SCSI commands (usb-storage, uas, ahci, ata_piix, virtio_scsi).
 */
static bool scsi_transport_driver(const char *devlink, char *buf, size_t size)
{
        char path[PATH_MAX + 8], sub[64];
        char *slash;

        snprintf(path, sizeof(path), "%s/subsystem", devlink);
        if (!link_basename(path, sub, sizeof(sub)) || strcmp(sub, "scsi") != 0 ||
            !realpath(devlink, path))
                return false;
        /* Up from the SCSI device: its target, its host, then what the host sits on. */
        while ((slash = strrchr(path, '/')) && slash > path + strlen("/sys/devices")) {
                size_t len;

                *slash = '\0';
                len = strlen(path);
                memcpy(path + len, "/driver", sizeof("/driver"));
                if (link_basename(path, buf, size))
                        return true;
                path[len] = '\0';
        }
        return false;
}

const char *block_driver(const char *name, char *buf, unsigned size)
{
        char dev[PATH_MAX], path[PATH_MAX + 8], disk[64], transport[64];

        /* A partition has no device link of its own: its disk's is one up. */
        snprintf(dev, sizeof(dev), "/sys/class/block/%s/device", name);
        if (access(dev, F_OK) < 0)
                snprintf(dev, sizeof(dev), "/sys/class/block/%s/../device", name);
        snprintf(path, sizeof(path), "%s/driver", dev);
        if (!link_basename(path, disk, sizeof(disk))) {
                buf[0] = '\0';
                return buf;
        }
        /* "sd" alone does not say whether the disk is on USB, SATA or virtio-scsi. */
        if (scsi_transport_driver(dev, transport, sizeof(transport)))
                snprintf(buf, size, "%s/%s", transport, disk);
        else
                snprintf(buf, size, "%s", disk);
        return buf;
}

unsigned long long block_size(const char *name)
{
        char path[PATH_MAX], text[32];

        snprintf(path, sizeof(path), "/sys/class/block/%s/size", name);
        if (read_text(path, text, sizeof(text)) <= 0)
                return 0;
        return strtoull(text, NULL, 10) * 512ULL;
}

bool probe_matches(const struct probe_result *r, const struct root_spec *spec)
{
        switch (spec->kind) {
        case ROOT_UUID:
                return strcasecmp(r->uuid, spec->value) == 0;
        case ROOT_LABEL:
                return strcmp(r->label, spec->value) == 0;
        case ROOT_PARTUUID:
                return strcasecmp(r->partuuid, spec->value) == 0;
        case ROOT_PARTLABEL:
                return strcmp(r->partlabel, spec->value) == 0;
        default:
                return false;
        }
}

int probe_find(const struct root_spec *spec, char *out, size_t size)
{
        struct dirent *de;
        struct stat st;
        int found = 0;
        DIR *d;

        if (spec->kind == ROOT_PATH) {
                if (stat(spec->value, &st) < 0 || !S_ISBLK(st.st_mode))
                        return 0;
                snprintf(out, size, "%s", spec->value);
                return 1;
        }
        d = opendir("/sys/class/block");
        if (!d)
                return 0;
        while ((de = readdir(d))) {
                struct probe_result pr;
                char node[300];

                if (de->d_name[0] == '.' || block_size(de->d_name) == 0)
                        continue;
                snprintf(node, sizeof(node), "/dev/%s", de->d_name);
                if (probe_device(node, &pr) < 0 || !probe_matches(&pr, spec))
                        continue;
                if (found++ == 0)
                        snprintf(out, size, "%s", node);
        }
        closedir(d);
        return found;
}
