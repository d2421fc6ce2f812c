/* SPDX-License-Identifier: MIT */
#pragma once

#include <stddef.h>

#include "cmdline.h"

struct kmod_ctx;

/*
 * The modules this machine needs to reach its own root, by name, into
 * @out: the root filesystem's module (fs-TYPE), and along the root device's
 * sysfs path (through partitions, device mapper and md to the disks) every
 * bound driver's module and every modalias the target kernel (@ctx) has a
 * module for.  The storage layers found on the way (enum stack_layer) go
 * into *@layers.  A root that is not on a block device (overlay, nfs)
 * gives just its filesystem, with a note in @why.  Returns 0 or -errno
 * (@why says what failed).
 *
 * @host_root stands for this machine's "/" when /proc/self/mountinfo and
 * /sys are read ("" for the real ones; a fake tree in tests).
 */
int modselect_host_only(struct kmod_ctx *ctx, const char *host_root, struct strv *out, unsigned *layers,
                        char *why, size_t whysize);

/*
 * Every module under the storage driver directories and fs/ of @moddir's
 * modules.dep, the PCI USB host controllers (xhci_pci, ehci_pci, ohci_pci,
 * uhci_hcd) and the keyboard drivers (i8042, atkbd, usbhid, hid_generic)
 * that are modules there.
 */
int modselect_all_storage(const char *moddir, struct strv *out);

/*
 * The pstore backends, by name, into @out: with @host_root NULL both
 * (efi_pstore and ramoops); else the one this machine uses, as
 * HOST_ROOT/sys/module/pstore/parameters/backend names it ("efi" or
 * "efi_pstore", "ramoops"), if any.  Returns how many were added, or -ENOMEM.
 */
int modselect_pstore(const char *host_root, struct strv *out);
