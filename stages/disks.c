/* SPDX-License-Identifier: MIT */
/* Checkpoint 3: did the root disk appear, and if not, what did? */
#include <dirent.h>
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>

#include "probe.h"
#include "stages.h"
#include "uevent.h"
#include "util.h"

static bool devt_matches(const char *name, unsigned major, unsigned minor)
{
        char path[PATH_MAX], text[32];
        unsigned ma, mi;

        snprintf(path, sizeof(path), "/sys/class/block/%s/dev", name);
        if (read_text(path, text, sizeof(text)) <= 0)
                return false;
        return sscanf(text, "%u:%u", &ma, &mi) == 2 && ma == major && mi == minor;
}

static bool path_matches(const char *name, const char *path)
{
        char node[PATH_MAX];
        struct stat want, have;

        snprintf(node, sizeof(node), "/dev/%s", name);
        if (strcmp(node, path) == 0)
                return true;
        /* /dev/disk/... links or other spellings of the same node. */
        return stat(path, &want) == 0 && stat(node, &have) == 0 &&
               S_ISBLK(want.st_mode) && want.st_rdev == have.st_rdev;
}

static bool tag_matches(const char *name, const struct root_spec *spec)
{
        struct probe_result pr;
        char node[PATH_MAX];

        snprintf(node, sizeof(node), "/dev/%s", name);
        return probe_device(node, &pr) == 0 && probe_matches(&pr, spec);
}

/* PARTUUID=.../PARTNROFF=n: the partition n after the one found, on the same disk. */
static bool partition_offset(const char *name, int off, char *out, size_t size)
{
        char path[PATH_MAX + 300], text[16], disk[PATH_MAX];
        struct dirent *de;
        bool found = false;
        int partno;
        DIR *d;

        snprintf(path, sizeof(path), "/sys/class/block/%s/partition", name);
        if (read_text(path, text, sizeof(text)) <= 0)
                return false;
        partno = atoi(text) + off;
        snprintf(disk, sizeof(disk), "/sys/class/block/%s/..", name);
        d = opendir(disk);
        if (!d)
                return false;
        while (!found && (de = readdir(d))) {
                if (de->d_name[0] == '.')
                        continue;
                snprintf(path, sizeof(path), "%s/%s/partition", disk, de->d_name);
                if (read_text(path, text, sizeof(text)) > 0 && atoi(text) == partno) {
                        snprintf(out, size, "%s", de->d_name);
                        found = true;
                }
        }
        closedir(d);
        return found;
}

/* Whether block device @name is the root; on success boot->root_dev is set. */
static bool root_check_device(struct boot *boot, const char *name)
{
        const struct root_spec *spec = &boot->cmd.root;
        char target[256];
        bool match;

        if (block_size(name) == 0)
                return false;
        switch (spec->kind) {
        case ROOT_PATH:
                match = path_matches(name, spec->value);
                break;
        case ROOT_DEVT:
                match = devt_matches(name, spec->major, spec->minor);
                break;
        default:
                match = tag_matches(name, spec);
                break;
        }
        if (!match)
                return false;
        snprintf(target, sizeof(target), "%s", name);
        if (spec->kind == ROOT_PARTUUID && spec->partnroff &&
            !partition_offset(name, spec->partnroff, target, sizeof(target)))
                return false;
        snprintf(boot->root_dev, sizeof(boot->root_dev), "/dev/%s", target);
        return true;
}

static bool root_scan(struct boot *boot)
{
        struct dirent *de;
        bool found = false;
        DIR *d;

        d = opendir("/sys/class/block");
        if (!d)
                return false;
        while (!found && (de = readdir(d)))
                if (de->d_name[0] != '.')
                        found = root_check_device(boot, de->d_name);
        closedir(d);
        return found;
}

/* Waits for the root device; true when boot->root_dev is set. */
static bool root_wait(struct boot *boot, long deadline)
{
        if (root_scan(boot))
                return true;
        for (;;) {
                struct uevent ev;
                int timeout = -1;
                int r;

                if (deadline >= 0) {
                        long left = deadline - now_ms();

                        if (left <= 0)
                                return false;
                        timeout = (int)left;
                }
                if (boot->uevent_fd < 0) {
                        /* No netlink: the only wait left is to look again. */
                        poll(NULL, 0, timeout < 0 || timeout > 100 ? 100 : timeout);
                        if (root_scan(boot))
                                return true;
                        continue;
                }
                r = uevent_receive(boot->uevent_fd, timeout, &ev);
                if (r == -ETIMEDOUT)
                        return false;
                if (r < 0) {
                        /* Lost events (ENOBUFS): a full look catches up. */
                        if (root_scan(boot))
                                return true;
                        if (r != -ENOBUFS)
                                poll(NULL, 0, 100);
                        continue;
                }
                if (strcmp(ev.action, "add") != 0 && strcmp(ev.action, "change") != 0)
                        continue;
                if (ev.modalias[0] && strcmp(ev.action, "add") == 0)
                        modules_load_alias(boot, ev.modalias);
                if (strcmp(ev.subsystem, "block") == 0 && ev.devname[0] &&
                    !strchr(ev.devname, '/') && root_check_device(boot, ev.devname))
                        return true;
        }
}

static const char *or_dash(const char *s)
{
        return s[0] ? s : "-";
}

/* "vda 64 MiB, vda1 63 MiB" into @buf, and a line each into the diagnosis. */
static void list_block_devices(struct boot *boot, struct verdict *v, char *buf, size_t size)
{
        const struct blockdev_list *l = &boot->blockdevs;
        size_t len = 0;

        buf[0] = '\0';
        for (size_t i = 0; i < l->n; i++) {
                const struct blockdev *b = &l->items[i];
                const struct probe_result *t = &b->tags;
                char sz[32];
                int w;

                size_human(b->bytes, sz, sizeof(sz));
                verdict_explain(v, "  %-10s %9s  driver=%s model=\"%s\" type=%s uuid=%s label=%s "
                                "partuuid=%s partlabel=%s pttype=%s",
                                b->name, sz, b->driver[0] ? b->driver : "?", or_dash(b->model),
                                or_dash(t->type), or_dash(t->uuid), or_dash(t->label),
                                or_dash(t->partuuid), or_dash(t->partlabel), or_dash(t->pttype));
                w = snprintf(buf + len, size - len, "%s%s %s", i ? ", " : "", b->name, sz);
                if (w > 0 && (size_t)w < size - len)
                        len += (size_t)w;
        }
        if (l->n == 0) {
                verdict_explain(v, "  (none)");
                snprintf(buf, size, "none");
        }
}

/*
 * How likely a device without a driver is to be why root did not appear:
 * a disk seen without its driver (0), then the host controllers disks hang
 * off, USB, SATA, NVMe, SCSI and virtio SCSI (1), then optical drives (2),
 * and last IDE and floppy controllers (3): nearly every PC and QEMU's pc
 * machine have one with nothing, or only a CD, behind it.
 */
static int unserved_rank(const char *item)
{
        if (strncmp(item, "PCI IDE controller", 18) == 0 || strncmp(item, "PCI floppy", 10) == 0)
                return 3;
        if (strncmp(item, "SCSI CD/DVD", 11) == 0)
                return 2;
        if (strncmp(item, "PCI ", 4) == 0 || strncmp(item, "virtio SCSI host", 16) == 0)
                return 1;
        return 0;
}

/* Storage without a driver, and the USB controllers that may carry a disk, likeliest first. */
static void root_suspects(struct boot *boot, struct strv *out)
{
        const struct strv *storage = &boot->unserved_storage, *other = &boot->unserved_other;

        for (int rank = 0; rank <= 3; rank++) {
                for (size_t i = 0; i < storage->n; i++)
                        if (unserved_rank(storage->items[i]) == rank)
                                strlist_push(out, storage->items[i]);
                for (size_t i = 0; i < other->n; i++)
                        if (rank == 1 && strncmp(other->items[i], "PCI USB controller", 18) == 0)
                                strlist_push(out, other->items[i]);
        }
}

/*
 * A likely cause leads the detail; an IDE controller or a CD drive without
 * a driver is said after the devices seen, since a wrong root= is likelier.
 */
static int root_missing(struct boot *boot, struct verdict *v, const char *spec)
{
        struct strv suspects = { 0 };
        char seen[160], more[40] = "";
        int timeout = boot->cmd.timeout;

        verdict_explain(v, "root=%s did not appear within %d s. Block devices present:", spec, timeout);
        list_block_devices(boot, v, seen, sizeof(seen));
        /* Modules loaded since the drivers checkpoint may serve some now. */
        unserved_devices(boot);
        root_suspects(boot, &suspects);
        for (size_t i = 0; i < suspects.n; i++)
                verdict_explain(v, "no driver in the image for: %s", suspects.items[i]);
        verdict_explain(v, "Check root= against the list, the drivers loaded (modules), and the "
                        "wait (rd.checkpoint.timeout=, rootwait).");
        if (suspects.n > 1)
                snprintf(more, sizeof(more), "; +%zu more", suspects.n - 1);
        if (suspects.n && unserved_rank(suspects.items[0]) < 2)
                verdict_set(v, STATUS_FAIL, "no driver in image for %s%s; root %s not found within %d s; "
                            "block devices: %s", suspects.items[0], more, spec, timeout, seen);
        else if (suspects.n)
                verdict_set(v, STATUS_FAIL, "root %s not found within %d s; block devices: %s; "
                            "no driver in image for %s%s", spec, timeout, seen, suspects.items[0], more);
        else
                verdict_set(v, STATUS_FAIL, "root %s not found within %d s; block devices: %s",
                            spec, timeout, seen);
        strlist_free(&suspects);
        return 0;
}

int disks_check(struct boot *boot, struct verdict *v)
{
        const struct cmdline *c = &boot->cmd;
        char spec[300], drv[64];
        long deadline = -1;
        bool found;

        boot->root_dev[0] = '\0';
        if (c->root.kind == ROOT_NONE) {
                verdict_explain(v, "Add root= to the kernel command line, e.g. root=UUID=... or root=/dev/vda1.");
                return verdict_set(v, STATUS_FAIL, "no root= on the kernel command line");
        }
        root_spec_format(&c->root, spec, sizeof(spec));
        if (c->rootdelay > 0)
                poll(NULL, 0, c->rootdelay * 1000);
        if (!c->rootwait)
                deadline = now_ms() + c->timeout * 1000L;
        if (boot->uevent_fd < 0)
                boot->uevent_fd = uevent_open();

        found = root_wait(boot, deadline);
        /* What is there, for the report and the prompt, found or not. */
        blockdev_scan(&boot->blockdevs);
        if (!found)
                return root_missing(boot, v, spec);
        block_driver(boot->root_dev + 5, drv, sizeof(drv));
        return verdict_set(v, STATUS_PASS, "root %s appeared%s%s%s", boot->root_dev,
                           drv[0] ? " (" : "", drv, drv[0] ? ")" : "");
}
