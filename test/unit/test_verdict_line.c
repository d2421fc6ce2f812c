/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "cmdline.h"
#include "verdict_line.h"

static void test_pass_byte_makes_qemu_exit_33(void **state)
{
        assert_int_equal(verdict_exit_byte(true, CHECKPOINT_COUNT - 1), 0x10);
        assert_int_equal(verdict_exit_status(verdict_exit_byte(true, 0)), 33);
}

static void test_fail_bytes_name_the_checkpoint(void **state)
{
        for (int i = 0; i < CHECKPOINT_COUNT; i++) {
                assert_int_equal(verdict_exit_byte(false, i), 0x11 + i);
                assert_int_equal(verdict_exit_status(verdict_exit_byte(false, i)), 35 + 2 * i);
        }
        /* The contract's figures: disks is 39, switch_root 47. */
        assert_int_equal(verdict_exit_status(verdict_exit_byte(false, checkpoint_index("disks"))), 39);
        assert_int_equal(verdict_exit_status(verdict_exit_byte(false, checkpoint_index("switch_root"))), 47);
}

static void test_fail_out_of_range_is_still_a_fail(void **state)
{
        assert_int_equal(verdict_exit_byte(false, -1), 0x11 + CHECKPOINT_COUNT - 1);
        assert_int_equal(verdict_exit_byte(false, CHECKPOINT_COUNT), 0x11 + CHECKPOINT_COUNT - 1);
}

static void test_exit_status_reads_back(void **state)
{
        bool pass = false;
        int checkpoint = -1;

        assert_int_equal(verdict_from_exit_status(33, &pass, &checkpoint), 0);
        assert_true(pass);
        for (int i = 0; i < CHECKPOINT_COUNT; i++) {
                checkpoint = -1;
                assert_int_equal(verdict_from_exit_status(35 + 2 * i, &pass, &checkpoint), 0);
                assert_false(pass);
                assert_int_equal(checkpoint, i);
        }
}

static void test_other_exit_statuses_are_no_verdict(void **state)
{
        static const int others[] = { -1, 0, 1, 2, 3, 31, 32, 34, 36, 49, 124, 255, 256 + 33 };
        bool pass;
        int checkpoint;

        for (size_t i = 0; i < sizeof(others) / sizeof(others[0]); i++)
                assert_int_equal(verdict_from_exit_status(others[i], &pass, &checkpoint), -EINVAL);
}

static void test_verdict_lines_are_as_documented(void **state)
{
        char buf[128];

        assert_int_equal(verdict_line_format(buf, sizeof(buf), true, "switch_root"),
                         strlen("rdcheck: verdict=pass checkpoint=switch_root"));
        assert_string_equal(buf, "rdcheck: verdict=pass checkpoint=switch_root");
        verdict_line_format(buf, sizeof(buf), false, "disks");
        assert_string_equal(buf, "rdcheck: verdict=fail checkpoint=disks");
        verdict_report_header(buf, sizeof(buf), 12345);
        assert_string_equal(buf, "rdcheck: report bytes=12345");
}

static void test_verdict_line_is_cut_safely(void **state)
{
        char buf[16];

        verdict_line_format(buf, sizeof(buf), false, "filesystems");
        assert_string_equal(buf, "rdcheck: verdic");
}

int main(void)
{
        const struct CMUnitTest tests[] = {
                cmocka_unit_test(test_pass_byte_makes_qemu_exit_33),
                cmocka_unit_test(test_fail_bytes_name_the_checkpoint),
                cmocka_unit_test(test_fail_out_of_range_is_still_a_fail),
                cmocka_unit_test(test_exit_status_reads_back),
                cmocka_unit_test(test_other_exit_statuses_are_no_verdict),
                cmocka_unit_test(test_verdict_lines_are_as_documented),
                cmocka_unit_test(test_verdict_line_is_cut_safely),
        };

        return cmocka_run_group_tests(tests, NULL, NULL);
}
