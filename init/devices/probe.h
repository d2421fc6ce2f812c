/* SPDX-License-Identifier: MIT */
#pragma once

#include <stdbool.h>

/* What libblkid says about one block device. */
struct probe_result {
        char type[32];          /* filesystem or other signature: ext4, swap, LVM2_member */
        char usage[16];         /* filesystem, raid, crypto, other */
        char uuid[64];
        char label[128];
        char partuuid[64];
        char partlabel[128];
        char pttype[16];        /* partition table on a whole disk: dos, gpt */
};

#include "cmdline.h"

/* Probe @devnode (read-only).  Returns 0 or -errno. */
int probe_device(const char *devnode, struct probe_result *r);

/*
 * Kernel name of the driver behind block device @name (vda1 -> virtio_blk),
 * with what carries a SCSI disk in front (sda -> usb-storage/sd), or "".
 */
const char *block_driver(const char *name, char *buf, unsigned size);

/* Size in bytes of block device @name from sysfs, 0 if unknown. */
unsigned long long block_size(const char *name);

/* Whether what was probed carries the tag a UUID=, LABEL=, PARTUUID= or PARTLABEL= spec names. */
bool probe_matches(const struct probe_result *r, const struct root_spec *spec);

/*
 * The block device a spec names, among those present now (no waiting):
 * /dev/... as given if it exists, else the first device whose probe matches
 * the tag.  Writes "/dev/NAME" into @out; returns how many devices matched.
 */
int probe_find(const struct root_spec *spec, char *out, size_t size);
