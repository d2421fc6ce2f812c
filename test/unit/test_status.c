/* SPDX-License-Identifier: MIT */
/* The status line is a public interface: these tests pin its format. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include "status.h"

static void test_line_has_documented_form(void **state)
{
        char buf[512];

        status_line_format(buf, sizeof(buf), "disks", STATUS_PASS, 412,
                           "root /dev/vda1 appeared (virtio_blk)");
        assert_string_equal(buf, "rdcheck: checkpoint=disks status=pass ms=412 "
                                 "detail=\"root /dev/vda1 appeared (virtio_blk)\"");
}

static void test_every_status_has_its_name(void **state)
{
        assert_string_equal(status_name(STATUS_PASS), "pass");
        assert_string_equal(status_name(STATUS_WARN), "warn");
        assert_string_equal(status_name(STATUS_FAIL), "fail");
        assert_string_equal(status_name(STATUS_SKIP), "skip");
        assert_string_equal(status_name(STATUS_PAUSE), "pause");
        assert_string_equal(status_name((enum status)99), "fail");
}

static void test_safe_value_is_bare(void **state)
{
        char buf[64];

        status_value_quote(buf, sizeof(buf), "/dev/vda1");
        assert_string_equal(buf, "/dev/vda1");
}

static void test_empty_value_is_quoted(void **state)
{
        char buf[64];

        status_value_quote(buf, sizeof(buf), "");
        assert_string_equal(buf, "\"\"");
        status_value_quote(buf, sizeof(buf), NULL);
        assert_string_equal(buf, "\"\"");
}

static void test_quote_and_backslash_are_escaped(void **state)
{
        char buf[64];

        status_value_quote(buf, sizeof(buf), "a \"b\" c\\d");
        assert_string_equal(buf, "\"a \\\"b\\\" c\\\\d\"");
}

static void test_control_characters_are_escaped(void **state)
{
        char buf[64];

        status_value_quote(buf, sizeof(buf), "one\ntwo\tthree\x01");
        assert_string_equal(buf, "\"one\\ntwo\\tthree\\x01\"");
}

static void test_long_value_is_truncated_with_closing_quote(void **state)
{
        char buf[16];
        size_t n;

        n = status_value_quote(buf, sizeof(buf), "a very long value with spaces");
        assert_true(n < sizeof(buf));
        assert_int_equal(buf[0], '"');
        assert_int_equal(buf[n - 1], '"');
        assert_int_equal(strlen(buf), n);
}

static void test_truncation_never_splits_an_escape(void **state)
{
        char buf[8];

        /* Room for one escaped quote, not two: the second goes whole. */
        status_value_quote(buf, sizeof(buf), "ab\"\"\"\"");
        assert_string_equal(buf, "\"ab\\\"\"");
}

static void test_negative_ms_prints_zero(void **state)
{
        char buf[128];

        status_line_format(buf, sizeof(buf), "env", STATUS_WARN, -5, "x");
        assert_string_equal(buf, "rdcheck: checkpoint=env status=warn ms=0 detail=x");
}

int main(void)
{
        const struct CMUnitTest tests[] = {
                cmocka_unit_test(test_line_has_documented_form),
                cmocka_unit_test(test_every_status_has_its_name),
                cmocka_unit_test(test_safe_value_is_bare),
                cmocka_unit_test(test_empty_value_is_quoted),
                cmocka_unit_test(test_quote_and_backslash_are_escaped),
                cmocka_unit_test(test_control_characters_are_escaped),
                cmocka_unit_test(test_long_value_is_truncated_with_closing_quote),
                cmocka_unit_test(test_truncation_never_splits_an_escape),
                cmocka_unit_test(test_negative_ms_prints_zero),
        };

        return cmocka_run_group_tests(tests, NULL, NULL);
}
