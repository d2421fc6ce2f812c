/* SPDX-License-Identifier: MIT */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "uevent.h"

#define MSG(s) s, sizeof(s) - 1

static void test_block_add_is_parsed(void **state)
{
        struct uevent ev;

        assert_int_equal(uevent_parse(MSG("add@/devices/pci0000:00/0000:00:04.0/virtio1/block/vda\0"
                                          "ACTION=add\0DEVPATH=/devices/x\0SUBSYSTEM=block\0"
                                          "DEVNAME=vda\0DEVTYPE=disk\0SEQNUM=812\0"), &ev), 0);
        assert_string_equal(ev.action, "add");
        assert_string_equal(ev.subsystem, "block");
        assert_string_equal(ev.devname, "vda");
        assert_string_equal(ev.devtype, "disk");
        assert_string_equal(ev.modalias, "");
}

/* Coldplug looks at the device a module added through its DEVPATH. */
static void test_modalias_and_devpath_are_parsed(void **state)
{
        struct uevent ev;

        assert_int_equal(uevent_parse(MSG("add@/devices/pci0000:00/0000:00:02.0/virtio0\0ACTION=add\0"
                                          "DEVPATH=/devices/pci0000:00/0000:00:02.0/virtio0\0SUBSYSTEM=virtio\0"
                                          "MODALIAS=virtio:d00000002v00001AF4\0"), &ev), 0);
        assert_string_equal(ev.modalias, "virtio:d00000002v00001AF4");
        assert_string_equal(ev.devpath, "/devices/pci0000:00/0000:00:02.0/virtio0");
}

static void test_udev_messages_are_rejected(void **state)
{
        struct uevent ev;

        /* libudev's own broadcasts start with "libudev\0", not ACTION@DEVPATH. */
        assert_int_equal(uevent_parse(MSG("libudev\0\xfe\xed\xca\xfe"), &ev), -EINVAL);
}

static void test_unterminated_or_empty_message_is_rejected(void **state)
{
        struct uevent ev;

        assert_int_equal(uevent_parse("add@/x", 6, &ev), -EINVAL);
        assert_int_equal(uevent_parse("", 0, &ev), -EINVAL);
        assert_int_equal(uevent_parse(MSG("add@/x\0SUBSYSTEM=block\0"), &ev), -EINVAL);
}

static void test_overlong_value_is_truncated(void **state)
{
        char buf[600];
        struct uevent ev;
        size_t n;

        n = (size_t)sprintf(buf, "add@/x") + 1;
        n += (size_t)sprintf(buf + n, "ACTION=add") + 1;
        n += (size_t)sprintf(buf + n, "DEVNAME=%0300d", 7) + 1;
        assert_int_equal(uevent_parse(buf, n, &ev), 0);
        assert_int_equal(strlen(ev.devname), sizeof(ev.devname) - 1);
}

static void test_last_field_without_nul_is_kept_in_bounds(void **state)
{
        struct uevent ev;
        const char msg[] = "add@/x\0ACTION=add\0DEVNAME=vdb";

        assert_int_equal(uevent_parse(msg, sizeof(msg) - 1, &ev), 0);
        assert_string_equal(ev.devname, "vdb");
}

int main(void)
{
        const struct CMUnitTest tests[] = {
                cmocka_unit_test(test_block_add_is_parsed),
                cmocka_unit_test(test_modalias_and_devpath_are_parsed),
                cmocka_unit_test(test_udev_messages_are_rejected),
                cmocka_unit_test(test_unterminated_or_empty_message_is_rejected),
                cmocka_unit_test(test_overlong_value_is_truncated),
                cmocka_unit_test(test_last_field_without_nul_is_kept_in_bounds),
        };

        return cmocka_run_group_tests(tests, NULL, NULL);
}
