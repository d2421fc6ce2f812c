/* SPDX-License-Identifier: MIT */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include "devclass.h"

#define VIRTIO_BLK_PCI "pci:v00001AF4d00001001sv00001AF4sd00000002bc01sc00i00"
#define AHCI "pci:v00008086d00002922sv00001AF4sd00001100bc01sc06i01"
#define XHCI "pci:v00001B36d0000000Dsv00001AF4sd00001100bc0Csc03i30"
#define NIC "pci:v00008086d0000100Esv00001AF4sd00001100bc02sc00i00"

static void test_pci_mass_storage_is_storage(void **state)
{
        assert_true(modalias_is_storage(VIRTIO_BLK_PCI));
        assert_true(modalias_is_storage(AHCI));
        assert_false(modalias_is_storage(NIC));
        /* A USB controller may carry a root, but is no storage device of its own. */
        assert_false(modalias_is_storage(XHCI));
}

static void test_virtio_block_and_scsi_are_storage(void **state)
{
        assert_true(modalias_is_storage("virtio:d00000002v00001AF4"));
        assert_true(modalias_is_storage("virtio:d00000008v00001AF4"));
        assert_false(modalias_is_storage("virtio:d00000001v00001AF4"));
        assert_false(modalias_is_storage("virtio:d000000FFv00001AF4"));
}

static void test_usb_scsi_and_others(void **state)
{
        assert_true(modalias_is_storage("usb:v0781p5567d0100dc00dsc00dp00ic08isc06ip50in00"));
        assert_false(modalias_is_storage("usb:v046Dp0825d0010dcEFdsc02dp01ic01isc01ip00in00"));
        assert_true(modalias_is_storage("scsi:t-0x00"));
        assert_true(modalias_is_storage("scsi:t-0x05"));
        assert_false(modalias_is_storage("scsi:t-0x01"));
        assert_true(modalias_is_storage("mmc:block"));
        assert_false(modalias_is_storage("acpi:PNP0303:"));
        assert_false(modalias_is_storage(""));
}

static void test_descriptions_name_class_and_ids(void **state)
{
        char buf[96];

        assert_string_equal(modalias_describe(VIRTIO_BLK_PCI, buf, sizeof(buf)),
                            "PCI SCSI controller 1af4:1001");
        assert_string_equal(modalias_describe(AHCI, buf, sizeof(buf)), "PCI SATA controller 8086:2922");
        assert_string_equal(modalias_describe(NIC, buf, sizeof(buf)), "PCI device 8086:100e class 0200");
        assert_string_equal(modalias_describe(XHCI, buf, sizeof(buf)), "PCI USB controller 1b36:000d");
        assert_string_equal(modalias_describe("virtio:d00000002v00001AF4", buf, sizeof(buf)),
                            "virtio block device");
        assert_string_equal(modalias_describe("acpi:PNP0303:", buf, sizeof(buf)), "acpi device");
        assert_string_equal(modalias_describe("scsi:t-0x00", buf, sizeof(buf)), "SCSI disk");
        assert_string_equal(modalias_describe("scsi:t-0x05", buf, sizeof(buf)), "SCSI CD/DVD drive");
        assert_string_equal(modalias_describe("scsi:t-0x01", buf, sizeof(buf)), "SCSI device type 0x01");
}

static void test_malformed_aliases_do_not_crash(void **state)
{
        char buf[32];

        assert_false(modalias_is_storage("pci:"));
        assert_false(modalias_is_storage("virtio:d"));
        assert_false(modalias_is_storage("scsi:t-0x"));
        modalias_describe("pci:", buf, sizeof(buf));
        modalias_describe("virtio:dZZ", buf, sizeof(buf));
        modalias_describe("", buf, sizeof(buf));
        modalias_describe("usb:ic08", buf, 4);
}

int main(void)
{
        const struct CMUnitTest tests[] = {
                cmocka_unit_test(test_pci_mass_storage_is_storage),
                cmocka_unit_test(test_virtio_block_and_scsi_are_storage),
                cmocka_unit_test(test_usb_scsi_and_others),
                cmocka_unit_test(test_descriptions_name_class_and_ids),
                cmocka_unit_test(test_malformed_aliases_do_not_crash),
        };

        return cmocka_run_group_tests(tests, NULL, NULL);
}
