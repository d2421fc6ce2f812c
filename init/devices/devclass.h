/* SPDX-License-Identifier: MIT */
#pragma once

#include <stdbool.h>
#include <stddef.h>

/*
 * What a device is, from its modalias alone (no pci.ids in the image):
 * enough to tell a storage controller from a sound card and name it.
 */

/* Whether a device with this modalias can carry a root disk. */
bool modalias_is_storage(const char *modalias);

/* "PCI SATA controller 8086:2922", "virtio block device", ...; into @buf. */
const char *modalias_describe(const char *modalias, char *buf, size_t size);
