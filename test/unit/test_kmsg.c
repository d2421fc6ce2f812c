/* SPDX-License-Identifier: MIT */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include <cmocka.h>

#include "kmsg.h"

/* Debian's defaults: console level 7, minimum 1. */
static size_t shown(const char *rec, bool time, char *out, size_t size)
{
        return kmsg_console_text(rec, strlen(rec), 7, 1, time, out, size);
}

static void assert_shown_as(const char *rec, bool time, const char *want)
{
        char out[512];
        size_t n = shown(rec, time, out, sizeof(out));

        assert_int_equal(n, strlen(want));
        assert_memory_equal(out, want, n);
}

static void test_held_message_is_printed_as_the_kernel_prints_it(void **state)
{
        assert_shown_as("6,812,4123456,-;virtio_blk virtio0: [vda] 65536 512-byte logical blocks\n",
                        true, "[    4.123456] virtio_blk virtio0: [vda] 65536 512-byte logical blocks\n");
        assert_shown_as("4,1,123456000001,-;late\n", true, "[123456.000001] late\n");
}

static void test_without_printk_time_there_is_no_stamp(void **state)
{
        assert_shown_as("3,5,10,-;ata1: failed\n", false, "ata1: failed\n");
}

static void test_levels_the_console_did_not_show_are_not_printed(void **state)
{
        char out[128];

        /* debug under console level 7: the kernel would not have printed it either */
        assert_int_equal(shown("7,1,1,-;debug\n", true, out, sizeof(out)), 0);
        assert_int_equal(kmsg_console_text("6,1,1,-;info\n", 13, 4, 1, true, out, sizeof(out)), 0);
        /* emergencies print even while held: printing them again would double them */
        assert_int_equal(shown("0,1,1,-;emerg\n", true, out, sizeof(out)), 0);
}

/* The level is the low three bits; a user-space record (facility user) prints the same way. */
static void test_facility_is_not_the_level(void **state)
{
        assert_shown_as("14,9,2000000,-;from user space\n", true, "[    2.000000] from user space\n");
}

static void test_escapes_are_undone_and_each_line_gets_the_stamp(void **state)
{
        assert_shown_as("6,2,1000000,-;one\\x0atwo\\x5cthree\n", true,
                        "[    1.000000] one\n[    1.000000] two\\three\n");
        /* not an escape: left as it is */
        assert_shown_as("6,2,1,-;a\\xZZb\\x\n", false, "a\\xZZb\\x\n");
}

/* The lines after the text (" SUBSYSTEM=pci") are the record's dictionary, not its message. */
static void test_dictionary_lines_are_left_out(void **state)
{
        assert_shown_as("6,3,5,-;probe failed\n SUBSYSTEM=pci\n DEVICE=+pci:0000:00:02.0\n", false,
                        "probe failed\n");
}

static void test_malformed_records_print_nothing(void **state)
{
        char out[64];

        assert_int_equal(shown("no semicolon here\n", true, out, sizeof(out)), 0);
        assert_int_equal(shown("x,1,1,-;text\n", true, out, sizeof(out)), 0);
        assert_int_equal(shown("6;text\n", true, out, sizeof(out)), 0);
        assert_int_equal(shown("6,1,notime,-;text\n", true, out, sizeof(out)), 0);
        assert_int_equal(shown("", true, out, sizeof(out)), 0);
}

static void test_long_message_is_cut_and_still_ends_the_line(void **state)
{
        char rec[600], out[40];
        size_t n;

        snprintf(rec, sizeof(rec), "6,1,1,-;%0500d\n", 0);
        n = shown(rec, true, out, sizeof(out));
        assert_true(n > 0 && n <= sizeof(out));
        assert_int_equal(out[n - 1], '\n');
        assert_memory_equal(out, "[    0.000001] 000", 18);
}

/* One record per read, as /dev/kmsg gives them. */
static int records_fd(const char *const *recs)
{
        int sv[2];

        assert_int_equal(socketpair(AF_UNIX, SOCK_SEQPACKET, 0, sv), 0);
        for (; *recs; recs++)
                assert_int_equal(write(sv[1], *recs, strlen(*recs)), (ssize_t)strlen(*recs));
        close(sv[1]);
        return sv[0];
}

static void test_collect_keeps_the_kernels_words_not_user_space_lines(void **state)
{
        static const char *const recs[] = {
                "31,10,100,-;rdcheck-trail: checkpoint=modules step=insert object=virtio_blk\n",
                "3,11,200,-;virtio_blk: `abc' invalid for parameter `queue_depth'\n",
                "14,12,300,-;virtio_blk written by some program\n",
                "6,13,400,-;ext4 unrelated\n",
                NULL,
        };
        const char *const needles[] = { "virtio_blk", NULL };
        struct strv out = { 0 };
        int fd = records_fd(recs);

        kmsg_collect(fd, needles, &out, 4);
        close(fd);
        assert_int_equal(out.n, 1);
        assert_string_equal(out.items[0], "virtio_blk: `abc' invalid for parameter `queue_depth'");
        strlist_free(&out);
}

int main(void)
{
        const struct CMUnitTest tests[] = {
                cmocka_unit_test(test_held_message_is_printed_as_the_kernel_prints_it),
                cmocka_unit_test(test_without_printk_time_there_is_no_stamp),
                cmocka_unit_test(test_levels_the_console_did_not_show_are_not_printed),
                cmocka_unit_test(test_facility_is_not_the_level),
                cmocka_unit_test(test_escapes_are_undone_and_each_line_gets_the_stamp),
                cmocka_unit_test(test_dictionary_lines_are_left_out),
                cmocka_unit_test(test_malformed_records_print_nothing),
                cmocka_unit_test(test_long_message_is_cut_and_still_ends_the_line),
                cmocka_unit_test(test_collect_keeps_the_kernels_words_not_user_space_lines),
        };

        return cmocka_run_group_tests(tests, NULL, NULL);
}
