/* SPDX-License-Identifier: MIT */
/* What mdadm, lvm and device-mapper print, read into values. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdbool.h>
#include <cmocka.h>

#include "tooltext.h"

static void test_export_value_reads_mdadm_lines(void **state)
{
        const char *out = "MD_LEVEL=raid1\nMD_DEVICES=2\nMD_NAME=any:rdraid\nMD_UUID=5a1e0c1d:7e574b00\n"
                          "MD_EVENTS=21\n";
        char buf[64];

        assert_string_equal(export_value(out, "MD_NAME", buf, sizeof(buf)), "any:rdraid");
        assert_string_equal(export_value(out, "MD_EVENTS", buf, sizeof(buf)), "21");
        assert_string_equal(export_value(out, "MD_UUID", buf, sizeof(buf)), "5a1e0c1d:7e574b00");
}

static void test_export_value_reads_lvm_prefixed_fields(void **state)
{
        const char *out = "  LVM2_VG_NAME='rdvg2' LVM2_PV_COUNT='2' LVM2_VG_MISSING_PV_COUNT='1'\n";
        char buf[64];

        assert_string_equal(export_value(out, "LVM2_VG_NAME", buf, sizeof(buf)), "rdvg2");
        assert_string_equal(export_value(out, "LVM2_VG_MISSING_PV_COUNT", buf, sizeof(buf)), "1");
        assert_string_equal(export_value("  LVM2_LV_NAME=root LVM2_SEGTYPE=thin", "LVM2_SEGTYPE", buf,
                                         sizeof(buf)), "thin");
}

static void test_export_value_wants_the_whole_key(void **state)
{
        char buf[64];

        /* MD_DEV_UUID must not answer for MD_UUID, nor XMD_UUID. */
        assert_string_equal(export_value("MD_DEV_UUID=aa\nXMD_UUID=bb\n", "MD_UUID", buf, sizeof(buf)), "");
        assert_string_equal(export_value("MD_UUIDX=cc\n", "MD_UUID", buf, sizeof(buf)), "");
        assert_string_equal(export_value("", "MD_UUID", buf, sizeof(buf)), "");
        /* An unterminated quote runs to the end of the line, no further. */
        assert_string_equal(export_value("K='abc\nL=d", "K", buf, sizeof(buf)), "abc");
}

static void test_export_value_cuts_to_the_buffer(void **state)
{
        char buf[4];

        assert_string_equal(export_value("K=abcdefgh", "K", buf, sizeof(buf)), "abc");
}

static void test_dm_lvm_split_undoubles_dashes(void **state)
{
        char vg[64], lv[64];

        assert_true(dm_lvm_split("rdvg-root", vg, sizeof(vg), lv, sizeof(lv)));
        assert_string_equal(vg, "rdvg");
        assert_string_equal(lv, "root");
        assert_true(dm_lvm_split("my--vg-my--lv", vg, sizeof(vg), lv, sizeof(lv)));
        assert_string_equal(vg, "my-vg");
        assert_string_equal(lv, "my-lv");
        assert_true(dm_lvm_split("vg-lv-with-dash", vg, sizeof(vg), lv, sizeof(lv)));
        assert_string_equal(vg, "vg");
        assert_string_equal(lv, "lv-with-dash");
}

static void test_dm_lvm_split_refuses_other_names(void **state)
{
        char vg[64], lv[64];

        assert_false(dm_lvm_split("cryptroot", vg, sizeof(vg), lv, sizeof(lv)));
        assert_false(dm_lvm_split("-root", vg, sizeof(vg), lv, sizeof(lv)));
        assert_false(dm_lvm_split("vg-", vg, sizeof(vg), lv, sizeof(lv)));
        assert_false(dm_lvm_split("a--b", vg, sizeof(vg), lv, sizeof(lv)));
}

static void test_text_append_stops_at_the_end(void **state)
{
        char buf[8] = "abc";

        text_append(buf, sizeof(buf), "defghijk");
        assert_string_equal(buf, "abcdefg");
        text_append(buf, sizeof(buf), "x");
        assert_string_equal(buf, "abcdefg");
}

int main(void)
{
        const struct CMUnitTest tests[] = {
                cmocka_unit_test(test_export_value_reads_mdadm_lines),
                cmocka_unit_test(test_export_value_reads_lvm_prefixed_fields),
                cmocka_unit_test(test_export_value_wants_the_whole_key),
                cmocka_unit_test(test_export_value_cuts_to_the_buffer),
                cmocka_unit_test(test_dm_lvm_split_undoubles_dashes),
                cmocka_unit_test(test_dm_lvm_split_refuses_other_names),
                cmocka_unit_test(test_text_append_stops_at_the_end),
        };

        return cmocka_run_group_tests(tests, NULL, NULL);
}
