/* SPDX-License-Identifier: MIT */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "devclass.h"

/* PCI base class 0x01, mass storage, by subclass. */
static const char *const pci_storage[] = {
        [0x00] = "SCSI controller",
        [0x01] = "IDE controller",
        [0x02] = "floppy controller",
        [0x04] = "RAID controller",
        [0x05] = "ATA controller",
        [0x06] = "SATA controller",
        [0x07] = "SAS controller",
        [0x08] = "NVMe controller",
        [0x09] = "UFS controller",
};

static const struct {
        unsigned id;
        const char *name;
        bool storage;
} virtio_ids[] = {
        { 1, "network device", false },
        { 2, "block device", true },
        { 3, "console", false },
        { 4, "entropy source", false },
        { 5, "memory balloon", false },
        { 8, "SCSI host", true },
        { 9, "9P transport", true },
        { 16, "GPU", false },
        { 18, "input device", false },
        { 19, "vsock", false },
        { 26, "filesystem (virtiofs)", true },
};

/* The hex number after @key in @alias ("bc" in "pci:...bc01sc06i01"), or -1. */
static long field_hex(const char *alias, const char *key, int digits)
{
        const char *p = strstr(alias, key);
        char buf[9];

        if (!p || digits > 8)
                return -1;
        p += strlen(key);
        for (int i = 0; i < digits; i++)
                if (!strchr("0123456789abcdefABCDEF", p[i]) || !p[i])
                        return -1;
        memcpy(buf, p, (size_t)digits);
        buf[digits] = '\0';
        return strtol(buf, NULL, 16);
}

static bool prefix(const char *s, const char *p)
{
        return strncmp(s, p, strlen(p)) == 0;
}

static long virtio_index(const char *alias)
{
        long id;

        if (!prefix(alias, "virtio:d"))
                return -1;
        id = field_hex(alias, "virtio:d", 8);
        if (id < 0)
                return -1;
        for (size_t i = 0; i < sizeof(virtio_ids) / sizeof(virtio_ids[0]); i++)
                if (virtio_ids[i].id == (unsigned)id)
                        return (long)i;
        return -1;
}

bool modalias_is_storage(const char *alias)
{
        long i;

        if (prefix(alias, "pci:"))
                return field_hex(alias, "bc", 2) == 0x01;
        if (prefix(alias, "virtio:")) {
                i = virtio_index(alias);
                return i >= 0 && virtio_ids[i].storage;
        }
        /* USB interface class 8: mass storage. */
        if (prefix(alias, "usb:"))
                return field_hex(alias, "ic", 2) == 0x08;
        /* SCSI peripheral types: disk 0x00, CD 0x05, RBC 0x0e. */
        if (prefix(alias, "scsi:t-0x")) {
                long t = field_hex(alias, "scsi:t-0x", 2);

                return t == 0x00 || t == 0x05 || t == 0x0e;
        }
        return prefix(alias, "mmc:") || prefix(alias, "nvme:") || prefix(alias, "sdio:c");
}

const char *modalias_describe(const char *alias, char *buf, size_t size)
{
        long bc, sc, vendor, device, i;

        if (prefix(alias, "pci:")) {
                vendor = field_hex(alias, "pci:v0000", 4);
                device = field_hex(alias, "d0000", 4);
                bc = field_hex(alias, "bc", 2);
                sc = field_hex(alias, "sc", 2);
                if (bc == 0x01 && sc >= 0 && (size_t)sc < sizeof(pci_storage) / sizeof(pci_storage[0]) &&
                    pci_storage[sc])
                        snprintf(buf, size, "PCI %s %04lx:%04lx", pci_storage[sc], vendor, device);
                else if (bc == 0x01)
                        snprintf(buf, size, "PCI storage controller %04lx:%04lx", vendor, device);
                else if (bc == 0x0c && sc == 0x03)
                        snprintf(buf, size, "PCI USB controller %04lx:%04lx", vendor, device);
                else
                        snprintf(buf, size, "PCI device %04lx:%04lx class %02lx%02lx", vendor, device, bc, sc);
                return buf;
        }
        if (prefix(alias, "virtio:")) {
                i = virtio_index(alias);
                if (i >= 0)
                        snprintf(buf, size, "virtio %s", virtio_ids[i].name);
                else
                        snprintf(buf, size, "virtio device %ld", field_hex(alias, "virtio:d", 8));
                return buf;
        }
        if (prefix(alias, "usb:") && field_hex(alias, "ic", 2) == 0x08) {
                snprintf(buf, size, "USB mass storage %04lx:%04lx", field_hex(alias, "usb:v", 4),
                         field_hex(alias, "p", 4));
                return buf;
        }
        if (prefix(alias, "scsi:t-0x")) {
                /* SCSI peripheral device types (SPC): the two a root can be on have names. */
                long type = field_hex(alias, "scsi:t-0x", 2);

                if (type == 0x00)
                        snprintf(buf, size, "SCSI disk");
                else if (type == 0x05)
                        snprintf(buf, size, "SCSI CD/DVD drive");
                else
                        snprintf(buf, size, "SCSI device type 0x%02lx", type);
                return buf;
        }
        snprintf(buf, size, "%.*s", (int)strcspn(alias, ":"), alias);
        size_t len = strlen(buf);

        snprintf(buf + len, size - len, " device");
        return buf;
}
