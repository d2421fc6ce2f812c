/* SPDX-License-Identifier: MIT */
#pragma once

/*
 * Calls @fn for every device under /sys/devices that has a modalias:
 * @name is the device's directory name (0000:00:04.0, virtio1), @driver
 * the name of the driver bound to it (ahci), or NULL.  A non-zero return
 * from @fn is added to the walk's result.  Returns the sum, or -errno if
 * /sys/devices cannot be read.
 */
typedef int (*devscan_fn)(const char *name, const char *alias, const char *driver, void *ctx);

int devscan_modaliases(devscan_fn fn, void *ctx);

/* The same for the one device at /sys@devpath (a uevent's DEVPATH). */
int devscan_device(const char *devpath, devscan_fn fn, void *ctx);
