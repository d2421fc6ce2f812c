/* SPDX-License-Identifier: MIT */
#pragma once

#include "engine.h"

/* One function per checkpoint, in boot order; each fills in the verdict. */
int drivers_check(struct boot *boot, struct verdict *v);
int modules_check(struct boot *boot, struct verdict *v);
int disks_check(struct boot *boot, struct verdict *v);
int filesystems_check(struct boot *boot, struct verdict *v);
int mounts_check(struct boot *boot, struct verdict *v);
int env_check(struct boot *boot, struct verdict *v);
int switch_root_check(struct boot *boot, struct verdict *v);

/*
 * Load the modules that serve @modalias (coldplug and hotplug alike),
 * honouring blacklists.  Returns how many were inserted, or -errno.
 * Kept in modules.c; the disks checkpoint calls it for devices that appear
 * while it waits.
 */
int modules_load_alias(struct boot *boot, const char *modalias);

/*
 * Load the modules that devices added since the socket was last read need
 * (boot->uevent_fd): the prompt calls it when the socket has events, so a
 * USB keyboard that enumerates after the disks checkpoint, or is plugged in
 * at the prompt, still gets usbhid.  Returns how many were inserted, or
 * -errno when the socket fails.
 */
int modules_hotplug(struct boot *boot);

/*
 * Devices present with no driver bound and no module in the image to serve
 * them, into boot->unserved_storage (storage-class ones) and
 * boot->unserved_other (other notable ones), as "virtio block device
 * (virtio1)".  Kept in drivers.c.
 */
int unserved_devices(struct boot *boot);
