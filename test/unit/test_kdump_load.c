/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdbool.h>
#include <string.h>
#include <cmocka.h>

#include "kdump-load.h"

static void assert_capture_cmdline(const char *running, const char *append, const char *want)
{
        char out[KDUMP_CMDLINE_MAX];

        assert_int_equal(kdump_cmdline(running, append, out, sizeof(out)), 0);
        assert_string_equal(out, want);
}

static void test_the_running_words_are_kept_and_the_capture_words_added(void **state)
{
        assert_capture_cmdline("BOOT_IMAGE=/vmlinuz-6.1.0-27-amd64 root=UUID=0b7c-11 ro quiet crashkernel=256M\n",
                               NULL, "root=UUID=0b7c-11 ro quiet irqpoll nr_cpus=1 reset_devices");
}

static void test_words_a_capture_kernel_must_not_get_are_dropped(void **state)
{
        assert_capture_cmdline("console=ttyS0 mem=4G memmap=64M$0x100000000 hugepages=512 hugepagesz=2M "
                               "default_hugepagesz=1G cma=64M hugetlb_cma=1G log_buf_len=16M swiotlb=65536 "
                               "slub_debug=FZ panic_on_warn=1 nr_cpus=8 maxcpus=4 nosmp irqpoll reset_devices "
                               "rdinit=/bin/sh noinitrd initrd=\\initrd.img crashkernel=512M@16M panic=10",
                               NULL, "console=ttyS0 panic=10 irqpoll nr_cpus=1 reset_devices");
}

/* kernel/params.c: '-' and '_' are one in a name; a value is not a name. */
static void test_names_match_as_the_kernel_matches_them(void **state)
{
        assert_capture_cmdline("log-buf-len=1M crashkernel_extra=1 rd.kdump.path=/var/crash mem_encrypt=on memory=x",
                               NULL, "crashkernel_extra=1 rd.kdump.path=/var/crash mem_encrypt=on memory=x "
                               "irqpoll nr_cpus=1 reset_devices");
}

static void test_quoted_words_stay_whole(void **state)
{
        assert_capture_cmdline("root=/dev/vda1 dyndbg=\"file drivers/* +p\" \"crashkernel=1G,high\" quiet",
                               NULL, "root=/dev/vda1 dyndbg=\"file drivers/* +p\" quiet irqpoll nr_cpus=1 "
                               "reset_devices");
}

static void test_append_comes_last(void **state)
{
        assert_capture_cmdline("root=/dev/vda1  \t crashkernel=256M", "rd.kdump.target=UUID=abc nokaslr",
                               "root=/dev/vda1 irqpoll nr_cpus=1 reset_devices rd.kdump.target=UUID=abc nokaslr");
        assert_capture_cmdline("", "", "irqpoll nr_cpus=1 reset_devices");
}

static void test_a_line_too_long_is_refused(void **state)
{
        char running[4000], out[KDUMP_CMDLINE_MAX], small[16];

        memset(running, 'a', sizeof(running) - 1);
        running[sizeof(running) - 1] = '\0';
        assert_int_equal(kdump_cmdline(running, NULL, out, sizeof(out)), -E2BIG);
        assert_int_equal(kdump_cmdline("root=/dev/vda1", NULL, small, sizeof(small)), -E2BIG);
        /* 2014 + " irqpoll nr_cpus=1 reset_devices" is 2046 bytes: fits with its NUL, " x" does not */
        memset(running, 'a', 2014);
        running[2014] = '\0';
        assert_int_equal(kdump_cmdline(running, NULL, out, sizeof(out)), 0);
        assert_int_equal(strlen(out), 2046);
        assert_int_equal(kdump_cmdline(running, "x", out, sizeof(out)), -E2BIG);
}

static void test_the_command_is_recognised_by_its_first_word(void **state)
{
        char *yes[] = { "rdcheck", "kdump-load", "--status", NULL };
        char *no[] = { "rdcheck", "--checks", NULL };

        assert_true(kdump_load_requested(3, yes));
        assert_false(kdump_load_requested(2, no));
        assert_false(kdump_load_requested(1, no));
}

static void test_usage_errors_exit_2(void **state)
{
        char *unknown[] = { "rdcheck", "kdump-load", "--frobnicate", NULL };
        char *missing[] = { "rdcheck", "kdump-load", "--kernel", NULL };
        char *both[] = { "rdcheck", "kdump-load", "--status", "--unload", NULL };
        char *mixed[] = { "rdcheck", "kdump-load", "--unload", "--initrd", "/x", NULL };

        assert_int_equal(kdump_load_main(3, unknown), 2);
        assert_int_equal(kdump_load_main(3, missing), 2);
        assert_int_equal(kdump_load_main(4, both), 2);
        assert_int_equal(kdump_load_main(5, mixed), 2);
}

int main(void)
{
        const struct CMUnitTest tests[] = {
                cmocka_unit_test(test_the_running_words_are_kept_and_the_capture_words_added),
                cmocka_unit_test(test_words_a_capture_kernel_must_not_get_are_dropped),
                cmocka_unit_test(test_names_match_as_the_kernel_matches_them),
                cmocka_unit_test(test_quoted_words_stay_whole),
                cmocka_unit_test(test_append_comes_last),
                cmocka_unit_test(test_a_line_too_long_is_refused),
                cmocka_unit_test(test_the_command_is_recognised_by_its_first_word),
                cmocka_unit_test(test_usage_errors_exit_2),
        };

        return cmocka_run_group_tests(tests, NULL, NULL);
}
