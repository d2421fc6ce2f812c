/* SPDX-License-Identifier: MIT */
#pragma once

#include <stdbool.h>

/*
 * Calls @fn for every device under /sys/devices that has a modalias:
 * @name is the device's directory name (0000:00:04.0, virtio1), @bound
 * whether a driver is bound to it.  A non-zero return from @fn is added to
 * the walk's result.  Returns the sum, or -errno if /sys/devices cannot be read.
 */
typedef int (*devscan_fn)(const char *name, const char *alias, bool bound, void *ctx);

int devscan_modaliases(devscan_fn fn, void *ctx);
