/* SPDX-License-Identifier: MIT */
/*
 * The pstore reader on fixture directories built here, as Linux 6.1 fills
 * /sys/fs/pstore: a ramoops record, an EFI dump in three parts, a record
 * the kernel could not decompress, a truncated part, an empty file, a
 * record with rdcheck's panic trail; then the copy in systemd-pstore's
 * layout and the erase that only follows an identical copy.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <setjmp.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "pstore.h"

/* An EFI part's id: (time * 100 + part) * 1000 + count. */
#define EFI_ID(t, part, count) (((unsigned long long)(t) * 100 + (part)) * 1000 + (count))
#define T0 1764370000LL

static char dir[PATH_MAX];

static void put(const char *name, const char *text, time_t mtime)
{
        char path[PATH_MAX * 2];
        struct timespec times[2] = { { mtime, 0 }, { mtime, 0 } };
        int fd;

        snprintf(path, sizeof(path), "%s/%s", dir, name);
        fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
        assert_true(fd >= 0);
        assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
        assert_int_equal(futimens(fd, times), 0);
        close(fd);
}

static void efi_put(unsigned part, const char *text, time_t t)
{
        char name[64];

        snprintf(name, sizeof(name), "dmesg-efi-%llu", EFI_ID(t, part, 1));
        put(name, text, t);
}

static void remove_tree(const char *path)
{
        char cmd[PATH_MAX + 16];

        snprintf(cmd, sizeof(cmd), "rm -rf '%s'", path);
        assert_int_equal(system(cmd), 0);
}

static int dir_setup(void **state)
{
        snprintf(dir, sizeof(dir), "/tmp/test_pstore.XXXXXX");
        assert_non_null(mkdtemp(dir));
        return 0;
}

static int dir_teardown(void **state)
{
        remove_tree(dir);
        return 0;
}

/* Read the fixture directory and summarise it; the problem lines in @problems. */
static void read_dir(struct previous_boot *pb, struct strv *problems)
{
        struct pstore_set set;

        memset(pb, 0, sizeof(*pb));
        memset(problems, 0, sizeof(*problems));
        assert_true(pstore_scan(dir, &set) >= 0);
        assert_int_equal(pstore_summarise(&set, pb, problems), 0);
        pstore_set_free(&set);
}

static void assert_problems(const struct strv *problems, const char *const *expected)
{
        size_t n = 0;

        for (; expected[n]; n++) {
                assert_true(n < problems->n);
                assert_string_equal(problems->items[n], expected[n]);
        }
        assert_int_equal(problems->n, n);
}

static const char ramoops_panic[] =
        "Panic#1 Part1\n"
        "<6>[    0.000000] Linux version 6.1.0-56-amd64\n"
        "<1>[   12.001000] BUG: kernel NULL pointer dereference, address: 0000000000000008\n"
        "<4>[   12.001100] CPU: 0 PID: 412 Comm: kworker/0:2 Not tainted 6.1.0-56-amd64 #1\n"
        "<4>[   12.001200] RIP: 0010:ixgbe_clean_rx_irq+0x1a2/0x6d0 [ixgbe]\n"
        "<4>[   12.001300] RIP: 0033:0x7f0e2a1b2c3d\n"
        "<0>[   12.002000] Kernel panic - not syncing: Fatal exception in interrupt\n";

static void test_ramoops_panic_is_summarised(void **state)
{
        static const char *const none[] = { NULL };
        struct previous_boot pb;
        struct strv problems;
        char line[1200];

        put("dmesg-ramoops-0", ramoops_panic, T0);
        read_dir(&pb, &problems);
        assert_true(pb.found);
        assert_int_equal(pb.records, 1);
        assert_string_equal(pb.ended, "panic");
        assert_string_equal(pb.detail, "Kernel panic - not syncing: Fatal exception in interrupt; "
                            "RIP ixgbe_clean_rx_irq+0x1a2/0x6d0 [ixgbe]");
        assert_string_equal(pb.trail_step, "");
        assert_problems(&problems, none);
        /* The record without its header line, whole. */
        assert_non_null(pb.record);
        assert_string_equal(pb.record, ramoops_panic + strlen("Panic#1 Part1\n"));
        previous_boot_line(line, sizeof(line), &pb);
        assert_string_equal(line, "rdcheck: previous_boot ended=panic records=1 detail=\"Kernel panic - "
                            "not syncing: Fatal exception in interrupt; RIP ixgbe_clean_rx_irq+0x1a2/0x6d0 "
                            "[ixgbe]\"");
        previous_boot_free(&pb);
        strlist_free(&problems);
}

static void test_efi_parts_are_joined_oldest_first(void **state)
{
        static const char *const none[] = { NULL };
        struct previous_boot pb;
        struct strv problems;

        /* Written in no particular order; Part1 is the newest end of the log. */
        efi_put(2, "Oops#1 Part2\n<6>[    3.000000] middle\n", T0);
        efi_put(1, "Oops#1 Part1\n<4>[    4.000000] Oops: 0002 [#1] PREEMPT SMP NOPTI\n"
                "<4>[    4.000100] RIP: 0010:crashme_init+0x15/0x1000 [crashme]\n", T0);
        efi_put(3, "Oops#1 Part3\n<6>[    1.000000] oldest\n", T0);
        read_dir(&pb, &problems);
        assert_int_equal(pb.records, 1);
        assert_string_equal(pb.ended, "oops");
        assert_string_equal(pb.record, "<6>[    1.000000] oldest\n<6>[    3.000000] middle\n"
                            "<4>[    4.000000] Oops: 0002 [#1] PREEMPT SMP NOPTI\n"
                            "<4>[    4.000100] RIP: 0010:crashme_init+0x15/0x1000 [crashme]\n");
        assert_string_equal(pb.detail, "Oops: 0002 [#1] PREEMPT SMP NOPTI; RIP crashme_init+0x15/0x1000 [crashme]");
        assert_problems(&problems, none);
        previous_boot_free(&pb);
        strlist_free(&problems);
}

/*
 * The kernel stamps each part as it writes it: a dump of many parts can
 * straddle a second (seen with OVMF under TCG: part 1 at T, parts 2-14 at
 * T+1).  The next boot's dump has the same count (1) again.
 */
static void test_efi_dump_across_seconds_is_one(void **state)
{
        static const char *const none[] = { NULL };
        struct previous_boot pb;
        struct strv problems;

        efi_put(1, "Panic#1 Part1\n<0>[    5.000000] Kernel panic - not syncing: sysrq triggered crash\n", T0);
        efi_put(2, "Panic#1 Part2\n<6>[    4.000000] middle\n", T0 + 1);
        efi_put(3, "Panic#1 Part3\n<6>[    1.000000] oldest\n", T0 + 2);
        /* A boot later: parts 1 and 2 of another dump with count 1. */
        efi_put(1, "Panic#1 Part1\n<0>[    7.000000] Kernel panic - not syncing: Attempted to kill init!\n", T0 + 60);
        efi_put(2, "Panic#1 Part2\n<6>[    6.000000] later boot\n", T0 + 61);
        read_dir(&pb, &problems);
        assert_int_equal(pb.records, 2);
        assert_problems(&problems, none);
        /* Two records, not five; the newest is the later boot's, whole. */
        assert_string_equal(pb.record, "<6>[    6.000000] later boot\n"
                            "<0>[    7.000000] Kernel panic - not syncing: Attempted to kill init!\n");
        previous_boot_free(&pb);
        strlist_free(&problems);
}

static void test_bad_records_each_get_one_line(void **state)
{
        char enc[64], cut[64], missing[64], p1[64];
        const char *expected[5];
        struct previous_boot pb;
        struct strv problems;

        /* Another dump (count 2) whose part 2 is cut inside its header, and part 3 gone. */
        snprintf(p1, sizeof(p1), "dmesg-efi-%llu", EFI_ID(T0 - 100, 1, 2));
        put(p1, "Panic#2 Part1\n<0>[    9.000000] Kernel panic - not syncing: VFS: Unable to mount root fs\n",
            T0 - 100);
        snprintf(cut, sizeof(cut), "dmesg-efi-%llu", EFI_ID(T0 - 100, 2, 2));
        put(cut, "Panic#2 Pa", T0 - 100);
        snprintf(missing, sizeof(missing), "dmesg-efi-%llu", EFI_ID(T0 - 100, 4, 2));
        put(missing, "Panic#2 Part4\n<6>[    0.100000] early\n", T0 - 100);
        snprintf(enc, sizeof(enc), "dmesg-efi-%llu.enc.z", EFI_ID(T0, 1, 3));
        put(enc, "x\x9c\x03", T0);
        put("dmesg-ramoops-1", "", T0);
        read_dir(&pb, &problems);
        /* The cut part is named by itself, the gap by the dump's Part1. */
        expected[0] = "pstore: dmesg-efi-176436990002002: truncated: not even a whole header line";
        expected[1] = "pstore: dmesg-efi-176436990001002: part 3 of the 4 the dump was written in is missing";
        expected[2] = "pstore: dmesg-efi-176437000001003.enc.z: compressed, and the kernel could not "
                      "decompress it; saved as is, not read";
        expected[3] = "pstore: dmesg-ramoops-1: empty";
        expected[4] = NULL;
        assert_problems(&problems, expected);
        assert_true(pb.found);
        assert_int_equal(pb.records, 1);
        assert_string_equal(pb.ended, "panic");
        assert_string_equal(pb.detail, "Kernel panic - not syncing: VFS: Unable to mount root fs");
        assert_string_equal(pb.record, "<6>[    0.100000] early\n"
                            "<0>[    9.000000] Kernel panic - not syncing: VFS: Unable to mount root fs\n");
        previous_boot_free(&pb);
        strlist_free(&problems);
}

static void test_nothing_readable_still_says_so(void **state)
{
        static const char *const expected[] = {
                "pstore: dmesg-ramoops-0: corrupt: binary data (NUL bytes) in a text record",
                "pstore: notes: not a pstore record name (TYPE-BACKEND-ID)",
                NULL,
        };
        char path[PATH_MAX * 2];
        struct previous_boot pb;
        struct strv problems;
        FILE *f;

        snprintf(path, sizeof(path), "%s/dmesg-ramoops-0", dir);
        f = fopen(path, "w");
        assert_non_null(f);
        fwrite("Panic#1 Part1\n\0\0\0", 1, 17, f);
        fclose(f);
        put("notes", "hello\n", T0);
        read_dir(&pb, &problems);
        assert_problems(&problems, expected);
        assert_true(pb.found);
        assert_int_equal(pb.records, 0);
        assert_string_equal(pb.detail, "2 files in pstore, none readable");
        assert_null(pb.record);
        strlist_free(&problems);
}

static void test_trail_names_the_module_being_inserted(void **state)
{
        struct previous_boot pb;
        struct strv problems;
        char line[1200];

        put("dmesg-ramoops-0",
            "Panic#1 Part1\n"
            "<15>[    2.100000] rdcheck-trail: checkpoint=modules step=insert object=virtio_blk\n"
            "<15>[    2.300000] rdcheck-trail: checkpoint=modules step=insert object=crashme\n"
            "<6>[    2.310000] crashme: loading out-of-tree module taints kernel.\n"
            "<0>[    2.320000] Kernel panic - not syncing: crashme: panic on load\n", T0);
        /* An older record, with another step: not the one summarised. */
        put("dmesg-ramoops-1",
            "Oops#1 Part1\n"
            "<15>[    3.000000] rdcheck-trail: checkpoint=mounts step=mount object=/dev/vda1 on /sysroot\n"
            "<4>[    3.100000] general protection fault, probably for non-canonical address\n", T0 - 3600);
        read_dir(&pb, &problems);
        assert_int_equal(pb.records, 2);
        assert_string_equal(pb.trail_checkpoint, "modules");
        assert_string_equal(pb.trail_step, "insert");
        assert_string_equal(pb.trail_object, "crashme");
        assert_string_equal(pb.detail, "panicked while rdcheck was inserting module crashme (checkpoint modules); "
                            "Kernel panic - not syncing: crashme: panic on load");
        previous_boot_line(line, sizeof(line), &pb);
        assert_string_equal(line, "rdcheck: previous_boot ended=panic records=2 detail=\"panicked while rdcheck "
                            "was inserting module crashme (checkpoint modules); Kernel panic - not syncing: "
                            "crashme: panic on load\"");
        previous_boot_free(&pb);
        strlist_free(&problems);
}

static void test_trail_of_mount_and_exec(void **state)
{
        struct previous_boot pb;
        struct strv problems;

        put("dmesg-ramoops-0",
            "Oops#1 Part1\n"
            "<15>[    3.000000] rdcheck-trail: checkpoint=mounts step=mount object=/dev/vda1 on /sysroot\n"
            "<4>[    3.100000] general protection fault, probably for non-canonical address 0xdead: 0000 [#1] SMP\n"
            "<4>[    3.100100] RIP: 0010:ext4_fill_super+0x20/0x400 [ext4]\n", T0);
        read_dir(&pb, &problems);
        assert_string_equal(pb.detail, "oopsed while rdcheck was mounting /dev/vda1 on /sysroot (checkpoint mounts); "
                            "general protection fault, probably for non-canonical address 0xdead: 0000 [#1] SMP; "
                            "RIP ext4_fill_super+0x20/0x400 [ext4]");
        previous_boot_free(&pb);
        strlist_free(&problems);

        put("dmesg-ramoops-0",
            "Panic#1 Part1\n"
            "<15>[    3.000000] rdcheck-trail: checkpoint=switch_root step=exec object=/sbin/init\n"
            "<6>[    9.000000] sysrq: Trigger a crash\n"
            "<0>[    9.000100] Kernel panic - not syncing: sysrq triggered crash\n", T0);
        read_dir(&pb, &problems);
        assert_string_equal(pb.detail, "panicked after rdcheck started the real init /sbin/init "
                            "(checkpoint switch_root); Kernel panic - not syncing: sysrq triggered crash");
        previous_boot_free(&pb);
        strlist_free(&problems);
}

static void test_shutdown_record_names_its_last_line(void **state)
{
        struct previous_boot pb;
        struct strv problems;
        char line[1200];

        put("dmesg-ramoops-0", "Shutdown#1 Part1\n<6>[   99.000000] reboot: Power down\n", T0);
        read_dir(&pb, &problems);
        assert_string_equal(pb.ended, "shutdown");
        previous_boot_line(line, sizeof(line), &pb);
        assert_string_equal(line, "rdcheck: previous_boot ended=shutdown records=1 "
                            "detail=\"no panic or oops message; last line: reboot: Power down\"");
        previous_boot_free(&pb);
        strlist_free(&problems);
}

static void test_layout_is_systemd_pstores(void **state)
{
        char out[256];

        assert_int_equal(pstore_layout_path("dmesg-efi-176437000001001", out, sizeof(out)), 0);
        assert_string_equal(out, "1764370000/001/dmesg-efi-176437000001001");
        assert_int_equal(pstore_layout_path("dmesg-efi_pstore-176437000002003", out, sizeof(out)), 0);
        assert_string_equal(out, "1764370000/003/dmesg-efi_pstore-176437000002003");
        assert_int_equal(pstore_layout_path("dmesg-ramoops-0", out, sizeof(out)), 0);
        assert_string_equal(out, "dmesg-ramoops-0");
        assert_int_equal(pstore_layout_path("dmesg-efi-176437000001001.enc.z", out, sizeof(out)), 0);
        assert_string_equal(out, "dmesg-efi-176437000001001.enc.z");
        assert_int_equal(pstore_layout_path("dmesg-efi-176437000001001", out, 10), -ENAMETOOLONG);
}

static char *slurp(const char *path)
{
        static char buf[8192];
        FILE *f = fopen(path, "r");
        size_t n;

        if (!f)
                return NULL;
        n = fread(buf, 1, sizeof(buf) - 1, f);
        fclose(f);
        buf[n] = '\0';
        return buf;
}

static void test_save_then_erase_only_what_the_copy_holds(void **state)
{
        char save[PATH_MAX + 8], path[PATH_MAX * 2], why[PATH_MAX];
        struct pstore_set set;
        struct strv problems = { 0 };

        efi_put(2, "Panic#1 Part2\nolder\n", T0);
        efi_put(1, "Panic#1 Part1\nnewer\n", T0);
        put("dmesg-ramoops-0", ramoops_panic, T0);
        put("console-ramoops-0", "console text\n", T0);
        assert_int_equal(pstore_scan(dir, &set), 4);
        snprintf(save, sizeof(save), "%s.save", dir);
        assert_int_equal(pstore_save(&set, save, why, sizeof(why)), 0);
        snprintf(path, sizeof(path), "%s/1764370000/001/dmesg.txt", save);
        assert_string_equal(slurp(path), "Panic#1 Part2\nolder\nPanic#1 Part1\nnewer\n");
        snprintf(path, sizeof(path), "%s/1764370000/001/dmesg-efi-%llu", save, EFI_ID(T0, 2, 1));
        assert_string_equal(slurp(path), "Panic#1 Part2\nolder\n");
        snprintf(path, sizeof(path), "%s/dmesg-ramoops-0", save);
        assert_string_equal(slurp(path), ramoops_panic);
        /* Saved twice: the same files, dmesg.txt not doubled. */
        assert_int_equal(pstore_save(&set, save, why, sizeof(why)), 0);
        snprintf(path, sizeof(path), "%s/1764370000/001/dmesg.txt", save);
        assert_string_equal(slurp(path), "Panic#1 Part2\nolder\nPanic#1 Part1\nnewer\n");

        /* A copy that differs keeps its record in the backend. */
        snprintf(path, sizeof(path), "%s/console-ramoops-0", save);
        assert_non_null(slurp(path));
        assert_int_equal(truncate(path, 3), 0);
        assert_int_equal(pstore_erase_saved(dir, &set, save, &problems), 3);
        assert_int_equal(problems.n, 1);
        assert_true(strstr(problems.items[0], "pstore: console-ramoops-0: kept in the backend: no identical "
                           "copy under ") == problems.items[0]);
        snprintf(path, sizeof(path), "%s/console-ramoops-0", dir);
        assert_int_equal(access(path, F_OK), 0);
        snprintf(path, sizeof(path), "%s/dmesg-ramoops-0", dir);
        assert_int_equal(access(path, F_OK), -1);
        pstore_set_free(&set);
        strlist_free(&problems);
        remove_tree(save);
}

static void test_save_failure_names_the_file(void **state)
{
        char why[PATH_MAX];
        struct pstore_set set = { 0 };

        assert_int_equal(pstore_set_add(&set, "dmesg-ramoops-0", "x\n", 2, T0, 0), 0);
        assert_int_equal(pstore_save(&set, "/proc/version/pstore", why, sizeof(why)), -ENOTDIR);
        assert_string_equal(why, "/proc/version/pstore");
        pstore_set_free(&set);
}

static void test_missing_directory_is_an_error(void **state)
{
        struct pstore_set set;

        assert_int_equal(pstore_scan("/nonexistent/pstore", &set), -ENOENT);
        pstore_set_free(&set);
}

int main(void)
{
        const struct CMUnitTest tests[] = {
                cmocka_unit_test_setup_teardown(test_ramoops_panic_is_summarised, dir_setup, dir_teardown),
                cmocka_unit_test_setup_teardown(test_efi_parts_are_joined_oldest_first, dir_setup, dir_teardown),
                cmocka_unit_test_setup_teardown(test_efi_dump_across_seconds_is_one, dir_setup, dir_teardown),
                cmocka_unit_test_setup_teardown(test_bad_records_each_get_one_line, dir_setup, dir_teardown),
                cmocka_unit_test_setup_teardown(test_nothing_readable_still_says_so, dir_setup, dir_teardown),
                cmocka_unit_test_setup_teardown(test_trail_names_the_module_being_inserted, dir_setup,
                                                dir_teardown),
                cmocka_unit_test_setup_teardown(test_trail_of_mount_and_exec, dir_setup, dir_teardown),
                cmocka_unit_test_setup_teardown(test_shutdown_record_names_its_last_line, dir_setup, dir_teardown),
                cmocka_unit_test(test_layout_is_systemd_pstores),
                cmocka_unit_test_setup_teardown(test_save_then_erase_only_what_the_copy_holds, dir_setup,
                                                dir_teardown),
                cmocka_unit_test(test_save_failure_names_the_file),
                cmocka_unit_test(test_missing_directory_is_an_error),
        };

        return cmocka_run_group_tests(tests, NULL, NULL);
}
