/* SPDX-License-Identifier: MIT */
/*
 * Boots built in memory for the report's tests (test_report.c pins what
 * the writer makes of them, test_report_read.c reads that back): a fresh
 * one, and one stopped at a failed mount with something in every field.
 * The includer includes cmocka first.
 */
#pragma once

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"

#define BIT(name) (1u << checkpoint_index(name))

static void push(struct strv *v, const char *s)
{
        assert_int_equal(strlist_push(v, s), 0);
}

static void set_verdict(struct boot *b, const char *name, enum status s, long ms,
                        const char *detail, const char *diagnosis)
{
        int i = checkpoint_index(name);

        assert_true(i >= 0);
        b->ran[i] = true;
        b->verdicts[i].status = s;
        b->verdicts[i].ms = ms;
        snprintf(b->verdicts[i].detail, sizeof(b->verdicts[i].detail), "%s", detail);
        snprintf(b->verdicts[i].diagnosis, sizeof(b->verdicts[i].diagnosis), "%s", diagnosis);
}

/* A boot before anything was learned: the command line's defaults only. */
static struct boot *boot_fresh(void)
{
        struct boot *b = calloc(1, sizeof(*b));

        assert_non_null(b);
        assert_int_equal(cmdline_parse(NULL, &b->cmd), 0);
        b->uevent_fd = -1;
        b->previous.ready.crash_bytes = -1;
        b->previous.ready.capture_loaded = -1;
        return b;
}

/* A boot that stopped at a failed mount, with something in every field. */
static struct boot *boot_full(void)
{
        struct boot *b = boot_fresh();
        struct cmdline *c = &b->cmd;

        assert_int_equal(root_spec_parse("UUID=0a1b2c3d-0000-4000-8000-00000000abcd", &c->root), 0);
        c->rootfstype = strdup("ext4");
        c->rootflags = strdup("noatime,errors=remount-ro");
        c->rw = true;
        c->rootwait = false;
        c->rootdelay = 2;
        c->init = strdup("/sbin/init");
        push(&c->modules_load, "virtio_blk");
        push(&c->modules_load, "ext4");
        push(&c->driver_pre, "virtio_pci");
        push(&c->blacklist, "floppy");
        push(&c->consoles, "ttyS0,115200");
        push(&c->consoles, "tty0");
        c->pause = BIT("disks") | BIT("switch_root");
        c->onfail = ONFAIL_POWEROFF;
        c->timeout = 3;
        c->errors[c->n_errors++] = strdup("rd.checkpoint=bogus: unknown checkpoint \"bogus\"");

        snprintf(b->kver, sizeof(b->kver), "6.1.0-28-amd64");
        push(&b->modlog.loaded, "virtio_pci");
        push(&b->modlog.loaded, "virtio_blk");
        push(&b->modlog.failed, "crc32c_intel: No such device");
        push(&b->modlog.blacklisted, "floppy");
        push(&b->unserved_storage, "PCI IDE controller 8086:7010 (0000:00:01.1) needs ata_piix, not in the image");
        push(&b->unserved_other, "PCI Ethernet controller 8086:100e (0000:00:03.0)");
        b->blockdevs.items = calloc(2, sizeof(*b->blockdevs.items));
        assert_non_null(b->blockdevs.items);
        b->blockdevs.n = 2;
        snprintf(b->blockdevs.items[0].name, sizeof(b->blockdevs.items[0].name), "vda");
        b->blockdevs.items[0].bytes = 67108864;
        snprintf(b->blockdevs.items[0].driver, sizeof(b->blockdevs.items[0].driver), "virtio_blk");
        snprintf(b->blockdevs.items[0].tags.pttype, sizeof(b->blockdevs.items[0].tags.pttype), "gpt");
        snprintf(b->blockdevs.items[1].name, sizeof(b->blockdevs.items[1].name), "vda1");
        b->blockdevs.items[1].bytes = 66060288;
        snprintf(b->blockdevs.items[1].driver, sizeof(b->blockdevs.items[1].driver), "virtio_blk");
        snprintf(b->blockdevs.items[1].model, sizeof(b->blockdevs.items[1].model), "QEMU \"disk\"");
        {
                struct probe_result *t = &b->blockdevs.items[1].tags;

                snprintf(t->type, sizeof(t->type), "ext4");
                snprintf(t->usage, sizeof(t->usage), "filesystem");
                snprintf(t->uuid, sizeof(t->uuid), "0a1b2c3d-0000-4000-8000-00000000abcd");
                snprintf(t->label, sizeof(t->label), "rootfs");
                snprintf(t->partuuid, sizeof(t->partuuid), "11111111-2222-4333-8444-555555555555");
                snprintf(t->partlabel, sizeof(t->partlabel), "root");
        }
        assert_int_equal(mount_list_push(&b->mounts, "proc", "/proc", "proc", "rw,nosuid,nodev,noexec"), 0);
        assert_int_equal(mount_list_push(&b->mounts, "/dev/vda1", "/sysroot", "ext4", "ro,relatime"), 0);
        push(&b->prompt_log, "disks: set root=UUID=0a1b2c3d-0000-4000-8000-00000000abcd");
        push(&b->prompt_log, "disks: retry");
        snprintf(b->root_dev, sizeof(b->root_dev), "/dev/vda1");
        snprintf(b->root_fstype, sizeof(b->root_fstype), "ext4");
        b->root_mounted = false;
        b->previous.found = true;
        b->previous.records = 2;
        snprintf(b->previous.ended, sizeof(b->previous.ended), "panic");
        snprintf(b->previous.detail, sizeof(b->previous.detail),
                 "panicked while rdcheck was inserting module crashme (checkpoint modules); "
                 "Kernel panic - not syncing: Fatal exception");
        snprintf(b->previous.trail_checkpoint, sizeof(b->previous.trail_checkpoint), "modules");
        snprintf(b->previous.trail_step, sizeof(b->previous.trail_step), "insert");
        snprintf(b->previous.trail_object, sizeof(b->previous.trail_object), "crashme");
        snprintf(b->previous.saved_dir, sizeof(b->previous.saved_dir), "/run/rdcheck/pstore");
        snprintf(b->previous.ready.pstore_backend, sizeof(b->previous.ready.pstore_backend), "ramoops");
        b->previous.ready.crash_bytes = 268435456;
        b->previous.ready.capture_loaded = 1;
        b->start_ms = 2911;

        set_verdict(b, "drivers", STATUS_PASS, 3, "modules for 6.1.0-28-amd64", "");
        set_verdict(b, "modules", STATUS_PASS, 351, "loaded 2 modules", "loaded virtio_pci\nloaded virtio_blk\n");
        set_verdict(b, "disks", STATUS_PASS, 12, "root /dev/vda1 appeared (virtio_blk)", "");
        set_verdict(b, "filesystems", STATUS_WARN, 250, "ext4 on /dev/vda1, needs fsck",
                    "the filesystem was not cleanly unmounted\n\n");
        set_verdict(b, "mounts", STATUS_FAIL, 40, "mount /dev/vda1 on /sysroot: Invalid argument",
                    "options: noatime,errors=remount-ro\n\nthe kernel said:\n  EXT4-fs (vda1): bad option\n");
        return b;
}

static void boot_free(struct boot *b)
{
        cmdline_free(&b->cmd);
        strlist_free(&b->modlog.loaded);
        strlist_free(&b->modlog.failed);
        strlist_free(&b->modlog.blacklisted);
        strlist_free(&b->modlog.storage);
        strlist_free(&b->unserved_storage);
        strlist_free(&b->unserved_other);
        free(b->blockdevs.items);
        mount_list_free(&b->mounts);
        strlist_free(&b->prompt_log);
        free(b);
}
