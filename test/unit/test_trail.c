/* SPDX-License-Identifier: MIT */
/* The panic trail's line, and whether the next boot holds a module back. */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "engine.h"
#include "hold.h"
#include "modload.h"
#include "trail.h"

static void test_line_names_checkpoint_step_and_object(void **state)
{
        char line[256];
        int n = trail_line_format(line, sizeof(line), "modules", "insert", "crashme");

        assert_string_equal(line, "rdcheck-trail: checkpoint=modules step=insert object=crashme");
        assert_int_equal(n, (int)strlen(line));
        trail_line_format(line, sizeof(line), "mounts", "mount", "/dev/vda1 on /sysroot");
        assert_string_equal(line, "rdcheck-trail: checkpoint=mounts step=mount object=/dev/vda1 on /sysroot");
}

static void test_control_characters_in_the_object_cannot_start_a_line(void **state)
{
        char line[256];

        trail_line_format(line, sizeof(line), "switch_root", "exec", "/sbin/in\nit\x1b[0m\x7f");
        assert_string_equal(line, "rdcheck-trail: checkpoint=switch_root step=exec object=/sbin/in?it?[0m?");
}

static void test_a_line_too_long_is_cut_and_says_so(void **state)
{
        char line[48];

        assert_int_equal(trail_line_format(line, sizeof(line), "modules", "insert", "a_very_long_module_name"),
                         -ENAMETOOLONG);
        assert_int_equal(strlen(line), sizeof(line) - 1);
        assert_int_equal(trail_line_format(line, 0, "modules", "insert", "x"), -EINVAL);
}

static struct previous_boot panicked_inserting(const char *module)
{
        struct previous_boot prev = { .found = true, .records = 1 };

        snprintf(prev.ended, sizeof(prev.ended), "panic");
        snprintf(prev.trail_checkpoint, sizeof(prev.trail_checkpoint), "modules");
        snprintf(prev.trail_step, sizeof(prev.trail_step), "insert");
        snprintf(prev.trail_object, sizeof(prev.trail_object), "%s", module);
        return prev;
}

static void test_a_panic_during_an_insert_blames_that_module(void **state)
{
        struct previous_boot prev = panicked_inserting("crashme");

        assert_true(trail_blames_module(&prev, "crashme"));
        assert_false(trail_blames_module(&prev, "virtio_blk"));
        prev = panicked_inserting("virtio-blk");
        /* The kernel reads '-' as '_'. */
        assert_true(trail_blames_module(&prev, "virtio_blk"));
}

static void test_nothing_is_blamed_without_a_panic_during_an_insert(void **state)
{
        struct previous_boot none = { 0 };
        struct previous_boot oops = panicked_inserting("crashme");
        struct previous_boot mount = panicked_inserting("/dev/vda1 on /sysroot");
        struct previous_boot untrailed = panicked_inserting("");

        snprintf(oops.ended, sizeof(oops.ended), "oops");
        snprintf(mount.trail_step, sizeof(mount.trail_step), "mount");
        assert_false(trail_blames_module(&none, "crashme"));
        assert_false(trail_blames_module(&oops, "crashme"));
        assert_false(trail_blames_module(&mount, "/dev/vda1 on /sysroot"));
        assert_false(trail_blames_module(&untrailed, ""));
}

static void boot_free(struct boot *b)
{
        strlist_free(&b->cmd.blacklist);
        strlist_free(&b->modlog.held);
        free(b);
}

static struct boot *boot_held(const char *module)
{
        struct boot *b = calloc(1, sizeof(*b));

        assert_non_null(b);
        b->previous = panicked_inserting(module);
        strlist_push(&b->modlog.held, module);
        return b;
}

static void test_a_blamed_module_is_held_until_someone_decides(void **state)
{
        struct boot *b = boot_held("crashme");
        char names[64];

        assert_true(hold_wanted(b, "crashme"));
        assert_false(hold_wanted(b, "ext4"));
        hold_names(b, names, sizeof(names));
        assert_string_equal(names, "crashme");
        hold_decide(b, false);
        /* "continue": inserted as asked, not blacklisted. */
        assert_false(hold_wanted(b, "crashme"));
        assert_int_equal(b->cmd.blacklist.n, 0);
        boot_free(b);
}

static void test_keeping_out_blacklists_the_held_modules_once(void **state)
{
        struct boot *b = boot_held("crashme");
        char names[64];

        strlist_push(&b->modlog.held, "other");
        strlist_push(&b->cmd.blacklist, "other");
        hold_names(b, names, sizeof(names));
        assert_string_equal(names, "crashme,other");
        hold_decide(b, true);
        assert_false(hold_wanted(b, "crashme"));
        assert_int_equal(b->cmd.blacklist.n, 2);
        assert_true(module_list_has(&b->cmd.blacklist, "crashme"));
        boot_free(b);
}

int main(void)
{
        const struct CMUnitTest tests[] = {
                cmocka_unit_test(test_line_names_checkpoint_step_and_object),
                cmocka_unit_test(test_control_characters_in_the_object_cannot_start_a_line),
                cmocka_unit_test(test_a_line_too_long_is_cut_and_says_so),
                cmocka_unit_test(test_a_panic_during_an_insert_blames_that_module),
                cmocka_unit_test(test_nothing_is_blamed_without_a_panic_during_an_insert),
                cmocka_unit_test(test_a_blamed_module_is_held_until_someone_decides),
                cmocka_unit_test(test_keeping_out_blacklists_the_held_modules_once),
        };

        return cmocka_run_group_tests(tests, NULL, NULL);
}
