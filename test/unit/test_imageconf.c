/* SPDX-License-Identifier: MIT */
/*
 * /etc/rdcheck.conf, the image's settings: parsed, and failing closed
 * (locked) when the policy in it cannot be trusted.  And the password check.
 */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include "imageconf.h"
#include "password.h"

/* openssl passwd -6 -salt rdchecksalt 'open sesame' */
#define HASH "$6$rdchecksalt$uYS1pYzz5edbyyRUrjgIMXcK4eRF3WJ8iDFI2neuGM1Gqo9qNJylKS.Xxm8f7Z8WbzcpK4.8Lt4PamwEZTS1I/"

static void test_empty_file_is_open_with_no_settings(void **state)
{
        struct imageconf ic;
        char why[256];

        assert_int_equal(imageconf_parse("", &ic, why, sizeof(why)), 0);
        assert_int_equal(ic.rescue, RESCUE_OPEN);
        assert_false(ic.has_onfail);
        assert_string_equal(ic.cmdline, "");
        assert_string_equal(why, "");
        assert_int_equal(imageconf_parse(NULL, &ic, why, sizeof(why)), 0);
        assert_int_equal(ic.rescue, RESCUE_OPEN);
}

static void test_every_setting_is_read(void **state)
{
        struct imageconf ic;
        char why[256];

        assert_int_equal(imageconf_parse("# made by a test\n"
                                         "rescue=password\n"
                                         "  password_hash=" HASH "\n"
                                         "\n"
                                         "onfail=poweroff\n"
                                         "cmdline=root=LABEL=x rd.env.require=A=b c\n",
                                         &ic, why, sizeof(why)), 0);
        assert_int_equal(ic.rescue, RESCUE_PASSWORD);
        assert_string_equal(ic.password_hash, HASH);
        assert_true(ic.has_onfail);
        assert_int_equal(ic.onfail, ONFAIL_POWEROFF);
        /* Everything after the first '=' is the value. */
        assert_string_equal(ic.cmdline, "root=LABEL=x rd.env.require=A=b c");
        assert_string_equal(rescue_policy_name(ic.rescue), "password");
}

static void test_kdump_flag(void **state)
{
        struct imageconf ic;
        char why[256];

        assert_int_equal(imageconf_parse("rescue=open\n", &ic, why, sizeof(why)), 0);
        assert_false(ic.kdump);
        assert_int_equal(imageconf_parse("kdump=yes\n", &ic, why, sizeof(why)), 0);
        assert_true(ic.kdump);
        assert_int_equal(imageconf_parse("kdump=no\n", &ic, why, sizeof(why)), 0);
        assert_false(ic.kdump);
        assert_int_equal(imageconf_parse("kdump=maybe\n", &ic, why, sizeof(why)), -EINVAL);
        assert_false(ic.kdump);
        assert_non_null(strstr(why, "kdump=maybe: expected yes or no"));
        /* A bad kdump line is not a reason to lock the prompt. */
        assert_int_equal(ic.rescue, RESCUE_OPEN);
}

static void test_locked(void **state)
{
        struct imageconf ic;
        char why[256];

        assert_int_equal(imageconf_parse("rescue=locked", &ic, why, sizeof(why)), 0);
        assert_int_equal(ic.rescue, RESCUE_LOCKED);
        assert_false(ic.has_onfail);
}

static void test_unknown_policy_fails_closed(void **state)
{
        struct imageconf ic;
        char why[256];

        assert_int_equal(imageconf_parse("rescue=opne\n", &ic, why, sizeof(why)), -EINVAL);
        assert_int_equal(ic.rescue, RESCUE_LOCKED);
        assert_non_null(strstr(why, "rescue=opne: expected open, password or locked; locked instead"));
}

static void test_password_without_usable_hash_fails_closed(void **state)
{
        struct imageconf ic;
        char why[512];

        assert_int_equal(imageconf_parse("rescue=password\n", &ic, why, sizeof(why)), -EINVAL);
        assert_int_equal(ic.rescue, RESCUE_LOCKED);
        assert_non_null(strstr(why, "without a usable password_hash"));

        assert_int_equal(imageconf_parse("rescue=password\npassword_hash=$1$abc$def\n", &ic, why,
                                         sizeof(why)), -EINVAL);
        assert_int_equal(ic.rescue, RESCUE_LOCKED);
        assert_non_null(strstr(why, "password_hash: not a SHA-512 crypt hash"));
}

static void test_bad_lines_are_named_and_the_rest_read(void **state)
{
        struct imageconf ic;
        char why[512];

        assert_int_equal(imageconf_parse("colour=blue\nnonsense\nonfail=explode\nonfail=halt\n",
                                         &ic, why, sizeof(why)), -EINVAL);
        assert_non_null(strstr(why, "colour: unknown setting\n"));
        assert_non_null(strstr(why, "nonsense: expected key=value\n"));
        assert_non_null(strstr(why, "onfail=explode: expected shell, reboot, poweroff or halt\n"));
        assert_int_equal(ic.onfail, ONFAIL_HALT);
        assert_int_equal(ic.rescue, RESCUE_OPEN);
}

static void test_small_why_buffer_is_safe(void **state)
{
        struct imageconf ic;
        char why[8];

        assert_int_equal(imageconf_parse("a=1\nb=2\nc=3\n", &ic, why, sizeof(why)), -EINVAL);
        assert_true(strlen(why) < sizeof(why));
}

static void test_hash_shapes(void **state)
{
        assert_true(password_hash_valid(HASH));
        assert_true(password_hash_valid("$6$rounds=10000$rdchecksalt$uYS1pYzz5edbyyRUrjgIMXcK4eRF3WJ8iDFI2neuG"
                                        "M1Gqo9qNJylKS.Xxm8f7Z8WbzcpK4.8Lt4PamwEZTS1I/"));
        assert_false(password_hash_valid(""));
        assert_false(password_hash_valid("$6$"));
        assert_false(password_hash_valid("$6$salt$short"));
        assert_false(password_hash_valid("$5$salt$abc"));
        assert_false(password_hash_valid("$6$sa lt$abc"));
        assert_false(password_hash_valid("$6$$uYS1pYzz5edbyyRUrjgIMXcK4eRF3WJ8iDFI2neuG"
                                         "M1Gqo9qNJylKS.Xxm8f7Z8WbzcpK4.8Lt4PamwEZTS1I/"));
}

static void test_password_check(void **state)
{
        assert_true(password_check("open sesame", HASH));
        assert_false(password_check("open sesame ", HASH));
        assert_false(password_check("", HASH));
        assert_false(password_check("open sesame", ""));
        assert_false(password_check("open sesame", NULL));
        /* A hash of another kind is never accepted, even if crypt(3) knows it. */
        assert_false(password_check("x", "$1$abcdefgh$9Qn7tHXXkbSlVsQnhq0Ng1"));
}

int main(void)
{
        const struct CMUnitTest tests[] = {
                cmocka_unit_test(test_empty_file_is_open_with_no_settings),
                cmocka_unit_test(test_every_setting_is_read),
                cmocka_unit_test(test_locked),
                cmocka_unit_test(test_unknown_policy_fails_closed),
                cmocka_unit_test(test_password_without_usable_hash_fails_closed),
                cmocka_unit_test(test_bad_lines_are_named_and_the_rest_read),
                cmocka_unit_test(test_small_why_buffer_is_safe),
                cmocka_unit_test(test_hash_shapes),
                cmocka_unit_test(test_password_check),
                cmocka_unit_test(test_kdump_flag),
        };

        return cmocka_run_group_tests(tests, NULL, NULL);
}
