/* SPDX-License-Identifier: MIT */
#pragma once

#include <stddef.h>

#include "probe.h"

/* One block device as the boot saw it: sysfs for the hardware, libblkid for the tags. */
struct blockdev {
        char name[32];                  /* vda1 */
        unsigned long long bytes;
        char driver[64];                /* virtio_blk, usb-storage/sd; "" if none */
        char model[64];                 /* from sysfs, "" where the bus names none (virtio) */
        struct probe_result tags;
};

struct blockdev_list {
        struct blockdev *items;
        size_t n;
};

/*
 * Every block device with a size under /sys/class/block, sorted by name,
 * each probed read-only.  Replaces what @list held.  Returns the count or -errno.
 */
int blockdev_scan(struct blockdev_list *list);
void blockdev_list_free(struct blockdev_list *list);
