/* SPDX-License-Identifier: MIT */
/*
 * rdcheck report: reports written by report_write() read back and printed,
 * and every way a file can fail to be a report (missing, empty, truncated,
 * not JSON, another schema, a key of the wrong type, too large, not a
 * regular file), each one line on stderr and exit 1; usage errors exit 2.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <setjmp.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "report_boot.h"
#include "report_read.h"

static char dir[] = "/tmp/rdcheck-report-read-XXXXXX";
static char path[PATH_MAX];

/* What one run of rdcheck report wrote, and its exit status. */
struct run {
        int status;
        char *out, *err;
};

static int setup(void **state)
{
        assert_non_null(mkdtemp(dir));
        snprintf(path, sizeof(path), "%s/report.json", dir);
        return 0;
}

static int teardown(void **state)
{
        char cmd[PATH_MAX + 16];

        snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
        return system(cmd);
}

static void run_free(struct run *r)
{
        free(r->out);
        free(r->err);
}

/* rdcheck report ARGS... (NULL-terminated). */
static struct run run(const char *arg, ...)
{
        char *argv[8] = { "rdcheck", "report" };
        int argc = 2;
        size_t out_len, err_len;
        struct run r;
        FILE *out, *err;
        va_list ap;

        va_start(ap, arg);
        for (; arg && argc < 7; arg = va_arg(ap, const char *))
                argv[argc++] = (char *)arg;
        va_end(ap);
        out = open_memstream(&r.out, &out_len);
        err = open_memstream(&r.err, &err_len);
        assert_non_null(out);
        assert_non_null(err);
        r.status = report_run(argc, argv, out, err);
        fclose(out);
        fclose(err);
        return r;
}

static void file_put(const char *text, size_t len)
{
        FILE *f = fopen(path, "w");

        assert_non_null(f);
        assert_int_equal(fwrite(text, 1, len, f), len);
        assert_int_equal(fclose(f), 0);
}

/* The file at path, NUL-terminated; free() it. */
static char *file_get(size_t *len)
{
        char *text;

        assert_int_equal(report_file_read(path, &text, len), 0);
        return text;
}

/* A boot that went all the way: every checkpoint passed, switch_root 4.2 s after the kernel started. */
static struct boot *boot_passed(void)
{
        static const long ms[CHECKPOINT_COUNT] = { 110, 864, 31, 32, 25, 1, 2 };
        struct boot *b = boot_fresh();

        for (int i = 0; i < CHECKPOINT_COUNT; i++)
                set_verdict(b, checkpoint_names[i], STATUS_PASS, ms[i], "ok", "");
        set_verdict(b, "modules", STATUS_PASS, 864, "3 loaded: virtio_pci, virtio_blk, crc32c_intel", "");
        set_verdict(b, "switch_root", STATUS_PASS, 2, "exec /sbin/init", "");
        snprintf(b->kver, sizeof(b->kver), "6.1.0-28-amd64");
        snprintf(b->root_dev, sizeof(b->root_dev), "/dev/vda");
        snprintf(b->root_fstype, sizeof(b->root_fstype), "ext4");
        snprintf(b->init_path, sizeof(b->init_path), "/sbin/init");
        b->root_mounted = true;
        push(&b->modlog.loaded, "virtio_pci");
        push(&b->modlog.loaded, "virtio_blk");
        push(&b->modlog.loaded, "crc32c_intel");
        b->start_ms = 2911;
        b->switch_root_ms = 4200;
        return b;
}

static void report_put(struct boot *b)
{
        assert_int_equal(report_write(b, path), 0);
        boot_free(b);
}

static void test_passed_boot_printed(void **state)
{
        struct run r;

        report_put(boot_passed());
        r = run(path, NULL);
        assert_int_equal(r.status, 0);
        assert_string_equal(r.err, "");
        assert_string_equal(r.out,
                "kernel 6.1.0-28-amd64; root /dev/vda (ext4), mounted; init /sbin/init\n"
                "\n"
                "checkpoint  status     ms  detail\n"
                "drivers     pass      110  ok\n"
                "modules     pass      864  3 loaded: virtio_pci, virtio_blk, crc32c_intel\n"
                "disks       pass       31  ok\n"
                "filesystems pass       32  ok\n"
                "mounts      pass       25  ok\n"
                "env         pass        1  ok\n"
                "switch_root pass        2  exec /sbin/init\n"
                "\n"
                "kernel start to switch_root: 4.200 s\n"
                "    2911 ms  69.3%  kernel, until rdcheck started\n"
                "     864 ms  20.6%  modules\n"
                "     224 ms   5.3%  rdcheck outside checkpoints (prompt, report)\n"
                "     110 ms   2.6%  drivers\n"
                "      32 ms   0.8%  filesystems\n"
                "      31 ms   0.7%  disks\n"
                "      25 ms   0.6%  mounts\n"
                "       2 ms   0.0%  switch_root\n"
                "       1 ms   0.0%  env\n"
                "\n"
                "modules loaded (3): virtio_pci, virtio_blk, crc32c_intel\n"
                "modules failed: none\n"
                "modules blacklisted: none\n"
                "devices without a driver: none\n"
                "at the prompt: none\n");
        run_free(&r);
}

static void test_failed_boot_printed(void **state)
{
        struct run r;

        report_put(boot_full());
        r = run(path, NULL);
        assert_int_equal(r.status, 0);
        assert_string_equal(r.err, "");
        assert_string_equal(r.out,
                "kernel 6.1.0-28-amd64; root /dev/vda1 (ext4), not mounted; init not chosen\n"
                "\n"
                "checkpoint  status     ms  detail\n"
                "drivers     pass        3  modules for 6.1.0-28-amd64\n"
                "modules     pass      351  loaded 2 modules\n"
                "disks       pass       12  root /dev/vda1 appeared (virtio_blk)\n"
                "filesystems warn      250  ext4 on /dev/vda1, needs fsck\n"
                "mounts      fail       40  mount /dev/vda1 on /sysroot: Invalid argument\n"
                "env         -           -  not run\n"
                "switch_root -           -  not run\n"
                "\n"
                "kernel start to switch_root: not reached; 3.567 s in these parts:\n"
                "    2911 ms  81.6%  kernel, until rdcheck started\n"
                "     351 ms   9.8%  modules\n"
                "     250 ms   7.0%  filesystems\n"
                "      40 ms   1.1%  mounts\n"
                "      12 ms   0.3%  disks\n"
                "       3 ms   0.1%  drivers\n"
                "\n"
                "modules loaded (2): virtio_pci, virtio_blk\n"
                "modules failed (1):\n"
                "  crc32c_intel: No such device\n"
                "modules blacklisted (1): floppy\n"
                "devices without a driver (2):\n"
                "  storage: PCI IDE controller 8086:7010 (0000:00:01.1) needs ata_piix, not in\n"
                "    the image\n"
                "  other: PCI Ethernet controller 8086:100e (0000:00:03.0)\n"
                "at the prompt (2):\n"
                "  disks: set root=UUID=0a1b2c3d-0000-4000-8000-00000000abcd\n"
                "  disks: retry\n"
                "previous boot: ended in panic, 2 pstore records\n"
                "  panicked while rdcheck was inserting module crashme (checkpoint modules);\n"
                "    Kernel panic - not syncing: Fatal exception\n"
                "  last rdcheck step: insert crashme (checkpoint modules)\n"
                "  evidence: /run/rdcheck/pstore\n");
        run_free(&r);
}

/* A detail longer than its column goes on under it; no line passes 80 columns. */
static void test_long_detail_wrapped_under_its_column(void **state)
{
        struct boot *b = boot_passed();
        char *line;
        struct run r;

        set_verdict(b, "disks", STATUS_FAIL, 3086,
                    "no driver in image for PCI USB controller 1b36:000d (0000:00:02.0) needs xhci_pci, "
                    "not in the image; root UUID=5a1e0c1d-7e57-4b00-9d15-000000000001 not found within 3 s", "");
        report_put(b);
        r = run(path, NULL);
        assert_int_equal(r.status, 0);
        assert_non_null(strstr(r.out,
                "disks       fail     3086  no driver in image for PCI USB controller 1b36:000d\n"
                "                           (0000:00:02.0) needs xhci_pci, not in the image; root\n"
                "                           UUID=5a1e0c1d-7e57-4b00-9d15-000000000001 not found\n"
                "                           within 3 s\n"));
        for (line = strtok(r.out, "\n"); line; line = strtok(NULL, "\n"))
                assert_true(strlen(line) <= 80);
        run_free(&r);
}

/* A string in the report cannot steer the terminal: control characters print as '?'. */
static void test_control_characters_printed_as_question_marks(void **state)
{
        struct boot *b = boot_passed();
        struct run r;

        set_verdict(b, "env", STATUS_PASS, 1, "a\033[2Jb\x7f" "c\xc2\x9b" "d\tе", "");
        report_put(b);
        r = run(path, NULL);
        assert_int_equal(r.status, 0);
        assert_non_null(strstr(r.out, "env         pass        1  a?[2Jb?c?d?е\n"));
        for (const char *p = r.out; *p; p++)
                assert_true(*p == '\n' || (unsigned char)*p >= 0x20);
        run_free(&r);
}

/* A report from before timing was added is still rdcheck-report/1: the checkpoints alone. */
static void test_report_without_timing_printed(void **state)
{
        static const char text[] =
                "{\"schema\":\"rdcheck-report/1\",\"kernel\":{\"release\":null},"
                "\"checkpoints\":[{\"name\":\"drivers\",\"ran\":true,\"status\":\"pass\",\"ms\":30,"
                "\"detail\":\"ok\",\"diagnosis\":[]},{\"name\":\"modules\",\"ran\":true,"
                "\"status\":\"pass\",\"ms\":10,\"detail\":\"ok\",\"diagnosis\":[]}],"
                "\"modules\":{\"loaded\":[],\"failed\":[],\"blacklisted\":[]},"
                "\"devices\":{\"unserved_storage\":[],\"unserved_other\":[]},\"prompt\":[],"
                "\"root\":{\"device\":null,\"fstype\":null,\"mounted\":false,\"init\":null},"
                "\"previous_boot\":null}\n";
        struct run r;

        file_put(text, strlen(text));
        r = run(path, NULL);
        assert_int_equal(r.status, 0);
        assert_non_null(strstr(r.out,
                "kernel start to switch_root: not in this report; 0.040 s in checkpoints:\n"
                "      30 ms  75.0%  drivers\n"
                "      10 ms  25.0%  modules\n"));
        run_free(&r);
}

static void test_json_passes_the_exact_bytes(void **state)
{
        struct run r;
        size_t len;
        char *text;

        report_put(boot_full());
        text = file_get(&len);
        r = run("--json", path, NULL);
        assert_int_equal(r.status, 0);
        assert_string_equal(r.err, "");
        assert_int_equal(strlen(r.out), len);
        assert_memory_equal(r.out, text, len);
        run_free(&r);
        free(text);
}

/* rdcheck report FILE exits 1 with @message on stderr and nothing on stdout, with or without --json. */
static void assert_refused(const char *message)
{
        char expected[PATH_MAX + 512];
        struct run r;

        snprintf(expected, sizeof(expected), "rdcheck report: %s: %s\n", path, message);
        for (int json = 0; json < 2; json++) {
                r = json ? run("--json", path, NULL) : run(path, NULL);
                assert_int_equal(r.status, 1);
                assert_string_equal(r.out, "");
                assert_string_equal(r.err, expected);
                run_free(&r);
        }
}

static void test_missing_file(void **state)
{
        unlink(path);
        assert_refused("No such file or directory");
}

static void test_empty_file(void **state)
{
        file_put("", 0);
        assert_refused("empty");
}

/* Cut anywhere inside, a real report is truncated, never printed. */
static void test_truncated_report(void **state)
{
        char message[128];
        size_t len;
        char *text;

        report_put(boot_full());
        text = file_get(&len);
        for (size_t cut = 1; cut < len - 1; cut += 97) {
                file_put(text, cut);
                snprintf(message, sizeof(message),
                         "truncated: the JSON ends at byte %zu before it is complete", cut);
                assert_refused(message);
        }
        free(text);
}

static void test_not_json(void **state)
{
        file_put("hello\n", 6);
        assert_refused("not JSON: no object at byte 0, not a boot report");
        file_put("{\"schema\": rdcheck}", 19);
        assert_refused("not JSON at byte 11: unexpected character");
        file_put("{\"a\":1}\0{}", 10);
        assert_refused("not JSON: a NUL at byte 7");
        file_put("{\"schema\":\"rdcheck-report/1\"} {}", 32);
        assert_refused("not JSON at byte 30: unexpected character");
}

static void test_foreign_schema(void **state)
{
        file_put("{\"schema\":\"systemd-analyze/2\"}", 30);
        assert_refused("schema \"systemd-analyze\\/2\", not rdcheck-report/1");
        file_put("{\"checkpoints\":[]}", 18);
        assert_refused("no \"schema\" key: not a boot report");
        file_put("{\"schema\":1}", 12);
        assert_refused("schema 1, not rdcheck-report/1");
}

/* The real report with @from replaced by @to, written to path. */
static void report_edited(const char *from, const char *to)
{
        size_t len;
        char *text, *at, *edited;

        report_put(boot_full());
        text = file_get(&len);
        at = strstr(text, from);
        assert_non_null(at);
        assert_true(asprintf(&edited, "%.*s%s%s", (int)(at - text), text, to, at + strlen(from)) > 0);
        file_put(edited, strlen(edited));
        free(edited);
        free(text);
}

static void test_wrong_types_named_by_their_place(void **state)
{
        report_edited("\"ms\": 351", "\"ms\": \"351\"");
        assert_refused("checkpoints[1].ms: string, not int or null");
        report_edited("\"ms\": 351", "\"ms\": 3.5");
        assert_refused("checkpoints[1].ms: double, not int or null");
        report_edited("\"ms\": 351", "\"ms\": -1");
        assert_refused("checkpoints[1].ms: -1 is out of range");
        report_edited("\"ran\": true", "\"ran\": 1");
        assert_refused("checkpoints[0].ran: int, not boolean");
        report_edited("\"name\": \"drivers\",", "");
        assert_refused("checkpoints[0]: no key \"name\"");
        report_edited("\"virtio_blk\"\n    ],\n    \"failed\"", "7\n    ],\n    \"failed\"");
        assert_refused("modules.loaded[1]: int, not string");
        report_edited("\"prompt\": [", "\"prompt\": \"none\", \"x\": [");
        assert_refused("prompt: string, not array");
        report_edited("\"records\": 2", "\"records\": null");
        assert_refused("previous_boot.records: null, not int");
        report_edited("\"init_start_ms\": 2911", "\"init_start_ms\": true");
        assert_refused("timing.init_start_ms: boolean, not int or null");
        report_edited("\"checkpoints\": [", "\"checkpoints\": 7, \"x\": [");
        assert_refused("checkpoints: int, not array");
}

static void test_huge_file(void **state)
{
        size_t len = REPORT_READ_MAX + 1;
        char *text = malloc(len);

        assert_non_null(text);
        memset(text, ' ', len);
        text[0] = '{';
        file_put(text, len);
        assert_refused("larger than 1 MiB: not a boot report");
        free(text);
}

static void test_not_a_regular_file(void **state)
{
        char fifo[PATH_MAX + 8];

        snprintf(fifo, sizeof(fifo), "%s.fifo", path);
        assert_int_equal(mkfifo(fifo, 0600), 0);
        unlink(path);
        assert_int_equal(rename(fifo, path), 0);
        /* Opened without blocking for a writer that never comes. */
        assert_refused("not a regular file");
        unlink(path);
}

static void test_usage_errors_exit_2(void **state)
{
        struct run r = run("--jsn", NULL);

        assert_int_equal(r.status, 2);
        assert_string_equal(r.out, "");
        assert_non_null(strstr(r.err, "rdcheck report: unknown option --jsn\nusage: rdcheck report [--json] [FILE]\n"));
        run_free(&r);
        r = run("a.json", "b.json", NULL);
        assert_int_equal(r.status, 2);
        assert_non_null(strstr(r.err, "rdcheck report: one FILE only, not also b.json\n"));
        run_free(&r);
        r = run("--help", NULL);
        assert_int_equal(r.status, 0);
        assert_string_equal(r.err, "");
        assert_non_null(strstr(r.out, "usage: rdcheck report [--json] [FILE]\n"));
        assert_non_null(strstr(r.out, "/run/rdcheck/report.json"));
        run_free(&r);
}

/* "--" ends the options: a report named -x can be read. */
static void test_double_dash_ends_options(void **state)
{
        struct run r;

        report_put(boot_passed());
        assert_int_equal(chdir(dir), 0);
        assert_int_equal(rename(path, "-x"), 0);
        r = run("--", "-x", NULL);
        assert_int_equal(r.status, 0);
        assert_non_null(strstr(r.out, "switch_root pass"));
        run_free(&r);
        unlink("-x");
}

int main(void)
{
        const struct CMUnitTest tests[] = {
                cmocka_unit_test(test_passed_boot_printed),
                cmocka_unit_test(test_failed_boot_printed),
                cmocka_unit_test(test_long_detail_wrapped_under_its_column),
                cmocka_unit_test(test_control_characters_printed_as_question_marks),
                cmocka_unit_test(test_report_without_timing_printed),
                cmocka_unit_test(test_json_passes_the_exact_bytes),
                cmocka_unit_test(test_missing_file),
                cmocka_unit_test(test_empty_file),
                cmocka_unit_test(test_truncated_report),
                cmocka_unit_test(test_not_json),
                cmocka_unit_test(test_foreign_schema),
                cmocka_unit_test(test_wrong_types_named_by_their_place),
                cmocka_unit_test(test_huge_file),
                cmocka_unit_test(test_not_a_regular_file),
                cmocka_unit_test(test_usage_errors_exit_2),
                cmocka_unit_test(test_double_dash_ends_options),
        };

        return cmocka_run_group_tests(tests, setup, teardown);
}
