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

        snprintf(node, sizeof(node), "/dev/%s", name);
        return same_node(path, node);
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

/* A device that appeared: the root itself, or a member of a layer under it. */
static bool root_device_appeared(struct boot *boot, const char *name)
{
        if (root_check_device(boot, name))
                return true;
        stack_device(boot, name);
        return false;
}

static bool is_stacked(const char *name)
{
        return strncmp(name, "dm-", 3) == 0 || strncmp(name, "md", 2) == 0;
}

/*
 * Every block device (or, @stacked_only, the dm and md ones the stack may
 * have opened meanwhile); true once root is among them.
 */
static bool root_scan_where(struct boot *boot, bool stacked_only)
{
        struct dirent *de;
        bool found = false;
        DIR *d;

        d = opendir("/sys/class/block");
        if (!d)
                return false;
        while (!found && (de = readdir(d))) {
                if (de->d_name[0] == '.')
                        continue;
                if (stacked_only)
                        found = is_stacked(de->d_name) && root_check_device(boot, de->d_name);
                else
                        found = root_device_appeared(boot, de->d_name);
        }
        closedir(d);
        return found;
}

static bool root_scan(struct boot *boot)
{
        const struct stack *s = &boot->stack;

        /* Layers opened during the scan are block devices too. */
        return root_scan_where(boot, false) ||
               (s->n_luks + s->n_md + s->n_vgs && root_scan_where(boot, true));
}

/*
 * When a RAID array still misses members, it is started without them once
 * two thirds of the wait are gone: a degraded root beats no root.
 */
static void root_wait_degrade(struct boot *boot, long degrade_at)
{
        if (!boot->stack.degrade_tried && now_ms() >= degrade_at && stack_degrade_pending(boot))
                stack_degrade(boot);
}

/* Waits for the root device; true when boot->root_dev is set. */
static bool root_wait(struct boot *boot, long deadline)
{
        long start = now_ms(), asked = 0;
        long degrade_at = start + boot->cmd.timeout * 2000L / 3;

        if (root_scan(boot))
                return true;
        for (;;) {
                struct uevent ev;
                int timeout = -1;
                int r;

                /* Time spent on a passphrase (typed, then its key derived) is not the disk's. */
                if (boot->stack.asked_ms != asked) {
                        if (deadline >= 0)
                                deadline += boot->stack.asked_ms - asked;
                        degrade_at += boot->stack.asked_ms - asked;
                        asked = boot->stack.asked_ms;
                }
                root_wait_degrade(boot, degrade_at);
                if (boot->stack.degrade_tried && root_scan_where(boot, true))
                        return true;
                if (deadline >= 0) {
                        long left = deadline - now_ms();

                        /* A last look: what a layer opened just now may wait unread in the socket. */
                        if (left <= 0)
                                return root_scan(boot);
                        timeout = (int)left;
                }
                if (!boot->stack.degrade_tried && stack_degrade_pending(boot)) {
                        long left = degrade_at - now_ms();

                        if (left < 0)
                                left = 0;
                        if (timeout < 0 || left < timeout)
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
                        continue;
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
                    !strchr(ev.devname, '/') && root_device_appeared(boot, ev.devname))
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

/*
 * Root did not appear, but the stack under it was seen (a PV, a RAID
 * member, a LUKS container): name the first missing link.  Without any
 * member seen the likeliest cause is hardware, and root_missing() says so.
 */
static int root_missing_layer(struct boot *boot, struct verdict *v, const char *spec)
{
        const struct stack *s = &boot->stack;
        char lead[256], seen[160];

        stack_explain(boot, v, lead, sizeof(lead));
        if (!lead[0] || (!s->problem[0] && !s->left_alone[0] && !s->n_luks && !s->n_members && !s->n_pvs))
                return root_missing(boot, v, spec);
        verdict_explain(v, "root=%s did not appear within %d s. Block devices present:", spec,
                        boot->cmd.timeout);
        list_block_devices(boot, v, seen, sizeof(seen));
        verdict_explain(v, "At the prompt: 'stack' shows each layer; 'unlock', 'lvm' and 'mdadm' redo one "
                        "by hand; then 'retry disks'.");
        return verdict_set(v, STATUS_FAIL, "root %s not found within %d s: %s", spec, boot->cmd.timeout, lead);
}

/*
 * root=UUID= (or LABEL=) named the LUKS container, not the filesystem in it
 * (booster #47 left people guessing): open it, and name what root= should say.
 */
static bool root_is_container(struct boot *boot, struct verdict *v, const char *spec)
{
        const char *name = boot->root_dev + 5;
        struct probe_result pr, inner;
        char node[PATH_MAX], mapped[160];

        if (boot->cmd.root.kind == ROOT_PATH || probe_device(boot->root_dev, &pr) < 0 ||
            strcmp(pr.type, "crypto_LUKS") != 0)
                return false;
        stack_device(boot, name);
        verdict_explain(v, "root=%s names the LUKS container on %s, not the filesystem inside it.",
                        spec, boot->root_dev);
        if (holder_name(name, mapped, sizeof(mapped))) {
                snprintf(node, sizeof(node), "/dev/mapper/%s", mapped);
                if (probe_device(node, &inner) == 0 && inner.uuid[0]) {
                        verdict_explain(v, "Inside it, %s holds %s UUID=%s: boot with root=UUID=%s "
                                        "(at the prompt: set root=UUID=%s, then retry disks).", node,
                                        inner.type[0] ? inner.type : "a device with", inner.uuid,
                                        inner.uuid, inner.uuid);
                        verdict_set(v, STATUS_FAIL, "root=%s is the LUKS container on %s, not a filesystem; "
                                    "the filesystem inside has UUID=%s", spec, boot->root_dev, inner.uuid);
                        return true;
                }
        }
        if (boot->stack.problem[0])
                verdict_explain(v, "It could not be opened to look inside: %s", boot->stack.problem);
        verdict_set(v, STATUS_FAIL, "root=%s is the LUKS container on %s, not a filesystem; root= must name "
                    "the filesystem inside it", spec, boot->root_dev);
        return true;
}

static int root_appeared(struct boot *boot, struct verdict *v)
{
        const char *name = boot->root_dev + 5;
        char how[300], display[PATH_MAX], warn[256], drv[64];

        stack_describe(name, how, sizeof(how), display, sizeof(display));
        if (!how[0]) {
                block_driver(name, drv, sizeof(drv));
                snprintf(how, sizeof(how), "%s", drv);
        }
        if (stack_warning(boot, warn, sizeof(warn))[0]) {
                verdict_explain(v, "%s", warn);
                verdict_explain(v, "The boot goes on; add the missing member back with mdadm once the "
                                "system is up.");
                return verdict_set(v, STATUS_WARN, "root %s appeared%s%s%s; %s", display,
                                   how[0] ? " (" : "", how, how[0] ? ")" : "", warn);
        }
        return verdict_set(v, STATUS_PASS, "root %s appeared%s%s%s", display,
                           how[0] ? " (" : "", how, how[0] ? ")" : "");
}

int disks_check(struct boot *boot, struct verdict *v)
{
        const struct cmdline *c = &boot->cmd;
        char spec[300];
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

        stack_reset(boot);
        found = root_wait(boot, deadline);
        /* What is there, for the report and the prompt, found or not. */
        blockdev_scan(&boot->blockdevs);
        if (!found)
                return root_missing_layer(boot, v, spec);
        if (root_is_container(boot, v, spec))
                return 0;
        return root_appeared(boot, v);
}
