/* SPDX-License-Identifier: MIT */
/* rdcheck --checks: how the mode is asked for, and how far it may go. */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include "hostinit.h"

/* engine.c's, for the modules check linked in with the parser; not called here. */
int verdict_set(struct verdict *v, enum status s, const char *fmt, ...)
{
        (void)v, (void)s, (void)fmt;
        return -ENOSYS;
}

void verdict_explain(struct verdict *v, const char *fmt, ...)
{
        (void)v, (void)fmt;
}

#define ARGV(...) ((char *[]){ __VA_ARGS__, NULL })

static int parse(int argc, char **argv, struct boot *boot)
{
        memset(boot, 0, sizeof(*boot));
        boot->last = CHECKPOINT_COUNT - 1;
        return hostinit_args_parse(argc, argv, boot);
}

static void test_checks_is_asked_for_by_the_first_argument_only(void **state)
{
        char **checks = ARGV("rdcheck", "--checks");
        char **later = ARGV("rdcheck", "--until", "--checks");
        char **init = ARGV("/init");

        assert_true(hostinit_requested(2, checks));
        assert_false(hostinit_requested(3, later));
        assert_false(hostinit_requested(1, init));
}

static void test_checks_alone_runs_up_to_filesystems(void **state)
{
        char **argv = ARGV("rdcheck", "--checks");
        struct boot boot;

        assert_int_equal(parse(2, argv, &boot), 0);
        assert_true(boot.host_init);
        assert_string_equal(checkpoint_names[boot.last], "filesystems");
}

static void test_until_stops_at_the_checkpoint_named(void **state)
{
        char **drivers = ARGV("rdcheck", "--checks", "--until", "drivers");
        char **disks = ARGV("rdcheck", "--checks", "--until", "disks");
        struct boot boot;

        assert_int_equal(parse(4, drivers, &boot), 0);
        assert_string_equal(checkpoint_names[boot.last], "drivers");
        assert_int_equal(parse(4, disks, &boot), 0);
        assert_string_equal(checkpoint_names[boot.last], "disks");
}

static void test_mounting_root_is_never_ours_under_another_init(void **state)
{
        static const char *const refused[] = { "mounts", "env", "switch_root", "bogus", "" };
        struct boot boot;

        for (size_t i = 0; i < sizeof(refused) / sizeof(refused[0]); i++) {
                char **argv = ARGV("rdcheck", "--checks", "--until", (char *)refused[i]);

                assert_int_equal(parse(4, argv, &boot), -EINVAL);
                assert_false(boot.host_init);
                assert_int_equal(boot.last, CHECKPOINT_COUNT - 1);
        }
}

static void test_stray_arguments_are_refused(void **state)
{
        char **extra = ARGV("rdcheck", "--checks", "disks");
        char **no_name = ARGV("rdcheck", "--checks", "--until");
        char **twice = ARGV("rdcheck", "--checks", "--until", "disks", "--until");
        struct boot boot;

        assert_int_equal(parse(3, extra, &boot), -EINVAL);
        assert_int_equal(parse(3, no_name, &boot), -EINVAL);
        assert_int_equal(parse(5, twice, &boot), -EINVAL);
}

int main(void)
{
        const struct CMUnitTest tests[] = {
                cmocka_unit_test(test_checks_is_asked_for_by_the_first_argument_only),
                cmocka_unit_test(test_checks_alone_runs_up_to_filesystems),
                cmocka_unit_test(test_until_stops_at_the_checkpoint_named),
                cmocka_unit_test(test_mounting_root_is_never_ours_under_another_init),
                cmocka_unit_test(test_stray_arguments_are_refused),
        };

        return cmocka_run_group_tests(tests, NULL, NULL);
}
