/* SPDX-License-Identifier: MIT */
/*
 * The boot report is a public interface: these tests pin schema
 * "rdcheck-report/1" (every key, its place and its type) on boots built in
 * memory.  Only the report_write() tests touch files, in a temporary directory.
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

#include "report.h"
#include "report_boot.h"

/*
 * The report rendered, with the peak RSS (which differs from run to run)
 * checked to be a whole number and written as 0.  Free the result.
 */
static char *render(const struct boot *b, unsigned flags)
{
        static const char key[] = "\"peak_rss_kib\":";
        struct json j;
        char *text, *p, *digits;
        size_t n;

        json_init(&j, flags);
        assert_int_equal(report_render(b, &j), 0);
        text = strdup(j.buf);
        json_free(&j);
        assert_non_null(text);

        p = strstr(text, key);
        assert_non_null(p);
        digits = p + strlen(key) + (flags & JSON_INDENT ? 1 : 0);
        n = strspn(digits, "0123456789");
        assert_true(n > 0);
        assert_true(digits[0] != '0' || n == 1);
        memmove(digits + 1, digits + n, strlen(digits + n) + 1);
        digits[0] = '0';
        return text;
}

static void test_full_report_is_pinned(void **state)
{
        struct boot *b = boot_full();
        char *text = render(b, JSON_INDENT);

        assert_string_equal(text,
                "{\n"
                "  \"schema\": \"rdcheck-report/1\",\n"
                "  \"kernel\": {\n"
                "    \"release\": \"6.1.0-28-amd64\"\n"
                "  },\n"
                "  \"cmdline\": {\n"
                "    \"root\": \"UUID=0a1b2c3d-0000-4000-8000-00000000abcd\",\n"
                "    \"rootfstype\": \"ext4\",\n"
                "    \"rootflags\": \"noatime,errors=remount-ro\",\n"
                "    \"rw\": true,\n"
                "    \"rootwait\": false,\n"
                "    \"rootdelay\": 2,\n"
                "    \"init\": \"/sbin/init\",\n"
                "    \"modules_load\": [\n"
                "      \"virtio_blk\",\n"
                "      \"ext4\"\n"
                "    ],\n"
                "    \"driver_pre\": [\n"
                "      \"virtio_pci\"\n"
                "    ],\n"
                "    \"blacklist\": [\n"
                "      \"floppy\"\n"
                "    ],\n"
                "    \"consoles\": [\n"
                "      \"ttyS0,115200\",\n"
                "      \"tty0\"\n"
                "    ],\n"
                "    \"pause\": [\n"
                "      \"disks\",\n"
                "      \"switch_root\"\n"
                "    ],\n"
                "    \"onfail\": \"poweroff\",\n"
                "    \"timeout\": 3,\n"
                "    \"errors\": [\n"
                "      \"rd.checkpoint=bogus: unknown checkpoint \\\"bogus\\\"\"\n"
                "    ]\n"
                "  },\n"
                "  \"checkpoints\": [\n"
                "    {\n"
                "      \"name\": \"drivers\",\n"
                "      \"ran\": true,\n"
                "      \"status\": \"pass\",\n"
                "      \"ms\": 3,\n"
                "      \"detail\": \"modules for 6.1.0-28-amd64\",\n"
                "      \"diagnosis\": []\n"
                "    },\n"
                "    {\n"
                "      \"name\": \"modules\",\n"
                "      \"ran\": true,\n"
                "      \"status\": \"pass\",\n"
                "      \"ms\": 351,\n"
                "      \"detail\": \"loaded 2 modules\",\n"
                "      \"diagnosis\": [\n"
                "        \"loaded virtio_pci\",\n"
                "        \"loaded virtio_blk\"\n"
                "      ]\n"
                "    },\n"
                "    {\n"
                "      \"name\": \"disks\",\n"
                "      \"ran\": true,\n"
                "      \"status\": \"pass\",\n"
                "      \"ms\": 12,\n"
                "      \"detail\": \"root /dev/vda1 appeared (virtio_blk)\",\n"
                "      \"diagnosis\": []\n"
                "    },\n"
                "    {\n"
                "      \"name\": \"filesystems\",\n"
                "      \"ran\": true,\n"
                "      \"status\": \"warn\",\n"
                "      \"ms\": 250,\n"
                "      \"detail\": \"ext4 on /dev/vda1, needs fsck\",\n"
                "      \"diagnosis\": [\n"
                "        \"the filesystem was not cleanly unmounted\"\n"
                "      ]\n"
                "    },\n"
                "    {\n"
                "      \"name\": \"mounts\",\n"
                "      \"ran\": true,\n"
                "      \"status\": \"fail\",\n"
                "      \"ms\": 40,\n"
                "      \"detail\": \"mount /dev/vda1 on /sysroot: Invalid argument\",\n"
                "      \"diagnosis\": [\n"
                "        \"options: noatime,errors=remount-ro\",\n"
                "        \"the kernel said:\",\n"
                "        \"  EXT4-fs (vda1): bad option\"\n"
                "      ]\n"
                "    },\n"
                "    {\n"
                "      \"name\": \"env\",\n"
                "      \"ran\": false,\n"
                "      \"status\": null,\n"
                "      \"ms\": null,\n"
                "      \"detail\": null,\n"
                "      \"diagnosis\": []\n"
                "    },\n"
                "    {\n"
                "      \"name\": \"switch_root\",\n"
                "      \"ran\": false,\n"
                "      \"status\": null,\n"
                "      \"ms\": null,\n"
                "      \"detail\": null,\n"
                "      \"diagnosis\": []\n"
                "    }\n"
                "  ],\n"
                "  \"modules\": {\n"
                "    \"loaded\": [\n"
                "      \"virtio_pci\",\n"
                "      \"virtio_blk\"\n"
                "    ],\n"
                "    \"failed\": [\n"
                "      \"crc32c_intel: No such device\"\n"
                "    ],\n"
                "    \"blacklisted\": [\n"
                "      \"floppy\"\n"
                "    ]\n"
                "  },\n"
                "  \"devices\": {\n"
                "    \"unserved_storage\": [\n"
                "      \"PCI IDE controller 8086:7010 (0000:00:01.1) needs ata_piix, not in the image\"\n"
                "    ],\n"
                "    \"unserved_other\": [\n"
                "      \"PCI Ethernet controller 8086:100e (0000:00:03.0)\"\n"
                "    ]\n"
                "  },\n"
                "  \"block_devices\": [\n"
                "    {\n"
                "      \"name\": \"vda\",\n"
                "      \"bytes\": 67108864,\n"
                "      \"driver\": \"virtio_blk\",\n"
                "      \"model\": null,\n"
                "      \"type\": null,\n"
                "      \"usage\": null,\n"
                "      \"uuid\": null,\n"
                "      \"label\": null,\n"
                "      \"partuuid\": null,\n"
                "      \"partlabel\": null,\n"
                "      \"pttype\": \"gpt\"\n"
                "    },\n"
                "    {\n"
                "      \"name\": \"vda1\",\n"
                "      \"bytes\": 66060288,\n"
                "      \"driver\": \"virtio_blk\",\n"
                "      \"model\": \"QEMU \\\"disk\\\"\",\n"
                "      \"type\": \"ext4\",\n"
                "      \"usage\": \"filesystem\",\n"
                "      \"uuid\": \"0a1b2c3d-0000-4000-8000-00000000abcd\",\n"
                "      \"label\": \"rootfs\",\n"
                "      \"partuuid\": \"11111111-2222-4333-8444-555555555555\",\n"
                "      \"partlabel\": \"root\",\n"
                "      \"pttype\": null\n"
                "    }\n"
                "  ],\n"
                "  \"mounts\": [\n"
                "    {\n"
                "      \"source\": \"proc\",\n"
                "      \"target\": \"/proc\",\n"
                "      \"fstype\": \"proc\",\n"
                "      \"options\": \"rw,nosuid,nodev,noexec\"\n"
                "    },\n"
                "    {\n"
                "      \"source\": \"/dev/vda1\",\n"
                "      \"target\": \"/sysroot\",\n"
                "      \"fstype\": \"ext4\",\n"
                "      \"options\": \"ro,relatime\"\n"
                "    }\n"
                "  ],\n"
                "  \"prompt\": [\n"
                "    \"disks: set root=UUID=0a1b2c3d-0000-4000-8000-00000000abcd\",\n"
                "    \"disks: retry\"\n"
                "  ],\n"
                "  \"root\": {\n"
                "    \"device\": \"/dev/vda1\",\n"
                "    \"fstype\": \"ext4\",\n"
                "    \"mounted\": false,\n"
                "    \"init\": null\n"
                "  },\n"
                "  \"memory\": {\n"
                "    \"peak_rss_kib\": 0\n"
                "  },\n"
                "  \"previous_boot\": {\n"
                "    \"ended\": \"panic\",\n"
                "    \"records\": 2,\n"
                "    \"detail\": \"panicked while rdcheck was inserting module crashme (checkpoint modules); "
                "Kernel panic - not syncing: Fatal exception\",\n"
                "    \"trail\": {\n"
                "      \"checkpoint\": \"modules\",\n"
                "      \"step\": \"insert\",\n"
                "      \"object\": \"crashme\"\n"
                "    },\n"
                "    \"saved_dir\": \"/run/rdcheck/pstore\",\n"
                "    \"archived_dir\": null\n"
                "  },\n"
                "  \"crash_readiness\": {\n"
                "    \"pstore_backend\": \"ramoops\",\n"
                "    \"crashkernel_bytes\": 268435456,\n"
                "    \"capture_kernel_loaded\": true\n"
                "  },\n"
                "  \"timing\": {\n"
                "    \"init_start_ms\": 2911,\n"
                "    \"switch_root_ms\": null\n"
                "  }\n"
                "}");
        free(text);
        boot_free(b);
}

/* Nothing learned: strings the boot has not got are null, lists are empty, defaults show. */
static void test_fresh_boot_report(void **state)
{
        struct boot *b = boot_fresh();
        char *text = render(b, 0);
        char expected[4096];
        size_t n;

        n = (size_t)snprintf(expected, sizeof(expected),
                "{\"schema\":\"rdcheck-report/1\","
                "\"kernel\":{\"release\":null},"
                "\"cmdline\":{\"root\":null,\"rootfstype\":null,\"rootflags\":null,"
                "\"rw\":false,\"rootwait\":false,\"rootdelay\":0,\"init\":null,"
                "\"modules_load\":[],\"driver_pre\":[],\"blacklist\":[],\"consoles\":[],"
                "\"pause\":[],\"onfail\":\"shell\",\"timeout\":%d,\"errors\":[]},"
                "\"checkpoints\":[", CMDLINE_DEFAULT_TIMEOUT);
        for (int i = 0; i < CHECKPOINT_COUNT; i++)
                n += (size_t)snprintf(expected + n, sizeof(expected) - n,
                        "%s{\"name\":\"%s\",\"ran\":false,\"status\":null,\"ms\":null,"
                        "\"detail\":null,\"diagnosis\":[]}",
                        i ? "," : "", checkpoint_names[i]);
        snprintf(expected + n, sizeof(expected) - n,
                "],"
                "\"modules\":{\"loaded\":[],\"failed\":[],\"blacklisted\":[]},"
                "\"devices\":{\"unserved_storage\":[],\"unserved_other\":[]},"
                "\"block_devices\":[],\"mounts\":[],\"prompt\":[],"
                "\"root\":{\"device\":null,\"fstype\":null,\"mounted\":false,\"init\":null},"
                "\"memory\":{\"peak_rss_kib\":0},"
                "\"previous_boot\":null,"
                "\"crash_readiness\":{\"pstore_backend\":null,\"crashkernel_bytes\":null,"
                "\"capture_kernel_loaded\":null},"
                "\"timing\":{\"init_start_ms\":null,\"switch_root_ms\":null}}");
        assert_string_equal(text, expected);
        free(text);
        boot_free(b);
}

/* The mount list comes from libmount reading this process's mountinfo: / is always there. */
static void test_mount_list_reads_this_process(void **state)
{
        struct mount_list l = { 0 };
        bool root = false;
        int n = mount_list_read(&l);

        assert_true(n > 0);
        assert_int_equal((size_t)n, l.n);
        for (size_t i = 0; i < l.n; i++) {
                assert_true(l.items[i].target[0] == '/');
                assert_true(l.items[i].fstype[0] != '\0');
                if (strcmp(l.items[i].target, "/") == 0)
                        root = true;
        }
        assert_true(root);
        /* Read again: the old list is replaced, not appended to. */
        assert_int_equal(mount_list_read(&l), n);
        mount_list_free(&l);
        assert_int_equal(l.n, 0);
        assert_null(l.items);
}

static void test_checkpoints_in_boot_order(void **state)
{
        static const char *const order[CHECKPOINT_COUNT] = {
                "drivers", "modules", "disks", "filesystems", "mounts", "env", "switch_root",
        };
        struct boot *b = boot_fresh();
        char *text = render(b, 0);
        const char *p = text;

        for (int i = 0; i < CHECKPOINT_COUNT; i++) {
                char want[64];

                snprintf(want, sizeof(want), "{\"name\":\"%s\",", order[i]);
                p = strstr(p, want);
                assert_non_null(p);
        }
        free(text);
        boot_free(b);
}

static void test_every_status_name(void **state)
{
        static const struct {
                enum status s;
                const char *name;
        } cases[] = {
                { STATUS_PASS, "pass" }, { STATUS_WARN, "warn" }, { STATUS_FAIL, "fail" },
                { STATUS_SKIP, "skip" }, { STATUS_PAUSE, "pause" },
        };

        for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
                struct boot *b = boot_fresh();
                char want[128], *text;

                set_verdict(b, "env", cases[i].s, 5, "d", "");
                text = render(b, 0);
                snprintf(want, sizeof(want),
                         "{\"name\":\"env\",\"ran\":true,\"status\":\"%s\",\"ms\":5,"
                         "\"detail\":\"d\",\"diagnosis\":[]}", cases[i].name);
                assert_non_null(strstr(text, want));
                free(text);
                boot_free(b);
        }
}

/* engine_run() zeroes a verdict before it runs; zeroes must not read as "pass". */
static void test_checkpoint_not_run_has_null_status(void **state)
{
        struct boot *b = boot_fresh();
        char *text;

        set_verdict(b, "disks", STATUS_FAIL, 3000, "stale", "stale\n");
        b->ran[checkpoint_index("disks")] = false;
        text = render(b, 0);
        assert_non_null(strstr(text, "{\"name\":\"disks\",\"ran\":false,\"status\":null,"
                                     "\"ms\":null,\"detail\":null,\"diagnosis\":[]}"));
        assert_null(strstr(text, "stale"));
        free(text);
        boot_free(b);
}

static void test_diagnosis_split_on_newlines_without_empty_lines(void **state)
{
        struct boot *b = boot_fresh();
        char *text;

        set_verdict(b, "drivers", STATUS_PASS, 1, "", "\n\nfirst\n\n\nsecond\nlast without newline");
        text = render(b, 0);
        assert_non_null(strstr(text, "\"detail\":\"\",\"diagnosis\":"
                                     "[\"first\",\"second\",\"last without newline\"]}"));
        free(text);
        boot_free(b);
}

/* A diagnosis filled to the last byte, with no NUL: read within its bounds. */
static void test_diagnosis_without_terminator_stays_in_bounds(void **state)
{
        struct boot *b = boot_fresh();
        struct verdict *v = &b->verdicts[0];
        struct json j;
        char *want;

        b->ran[0] = true;
        memset(v->diagnosis, 'a', sizeof(v->diagnosis));
        json_init(&j, 0);
        assert_int_equal(report_render(b, &j), 0);
        want = calloc(1, sizeof(v->diagnosis) + 3);
        assert_non_null(want);
        want[0] = '"';
        memset(want + 1, 'a', sizeof(v->diagnosis));
        want[sizeof(v->diagnosis) + 1] = '"';
        assert_non_null(strstr(j.buf, want));
        free(want);
        json_free(&j);
        boot_free(b);
}

static void test_pause_lists_every_bit_set_in_order(void **state)
{
        struct boot *b = boot_fresh();
        char *text;

        b->cmd.pause = ~0u;
        text = render(b, 0);
        assert_non_null(strstr(text, "\"pause\":[\"drivers\",\"modules\",\"disks\","
                                     "\"filesystems\",\"mounts\",\"env\",\"switch_root\"],"));
        free(text);
        boot_free(b);
}

static void test_onfail_names(void **state)
{
        static const struct {
                enum onfail o;
                const char *want;
        } cases[] = {
                { ONFAIL_SHELL, "\"onfail\":\"shell\"" },
                { ONFAIL_REBOOT, "\"onfail\":\"reboot\"" },
                { ONFAIL_POWEROFF, "\"onfail\":\"poweroff\"" },
                { ONFAIL_HALT, "\"onfail\":\"halt\"" },
        };

        for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
                struct boot *b = boot_fresh();
                char *text;

                b->cmd.onfail = cases[i].o;
                text = render(b, 0);
                assert_non_null(strstr(text, cases[i].want));
                free(text);
                boot_free(b);
        }
}

static void test_root_spec_written_as_given(void **state)
{
        static const char *const specs[] = {
                "/dev/vda1", "UUID=abcd", "LABEL=root", "PARTUUID=1234-56/PARTNROFF=2",
                "PARTLABEL=system", "8:1",
        };

        for (size_t i = 0; i < sizeof(specs) / sizeof(specs[0]); i++) {
                struct boot *b = boot_fresh();
                char want[128], *text;

                assert_int_equal(root_spec_parse(specs[i], &b->cmd.root), 0);
                text = render(b, 0);
                snprintf(want, sizeof(want), "\"cmdline\":{\"root\":\"%s\",", specs[i]);
                assert_non_null(strstr(text, want));
                free(text);
                boot_free(b);
        }
}

/* Whatever a stage or the command line put in a string, the report stays JSON. */
static void test_strings_from_the_boot_are_escaped(void **state)
{
        struct boot *b = boot_fresh();
        char *text;

        set_verdict(b, "mounts", STATUS_FAIL, 1, "label \"r\\t\"\t\xff", "");
        b->cmd.rootflags = strdup("a\nb");
        text = render(b, 0);
        assert_non_null(strstr(text, "\"detail\":\"label \\\"r\\\\t\\\"\\t\xef\xbf\xbd\""));
        assert_non_null(strstr(text, "\"rootflags\":\"a\\nb\""));
        free(text);
        boot_free(b);
}

static void test_memory_peak_rss_is_a_positive_number(void **state)
{
        static const char key[] = "\"memory\":{\"peak_rss_kib\":";
        struct boot *b = boot_fresh();
        struct json j;
        char *p, *end;
        long long kib;

        json_init(&j, 0);
        assert_int_equal(report_render(b, &j), 0);
        p = strstr(j.buf, key);
        assert_non_null(p);
        kib = strtoll(p + strlen(key), &end, 10);
        assert_true(kib > 0);
        assert_true(strncmp(end, "},\"previous_boot\":", 17) == 0);
        json_free(&j);
        boot_free(b);
}

static void test_render_error_is_returned(void **state)
{
        struct boot *b = boot_full();
        struct json j;

        json_init(&j, JSON_INDENT);
        j.limit = 100;
        assert_int_equal(report_render(b, &j), -ENOMEM);
        json_free(&j);
        boot_free(b);
}

/* ---- report_write(), in a directory of our own ---- */

static char *read_file(const char *path)
{
        FILE *f = fopen(path, "r");
        char *text;
        long size;

        assert_non_null(f);
        assert_int_equal(fseek(f, 0, SEEK_END), 0);
        size = ftell(f);
        rewind(f);
        text = calloc(1, (size_t)size + 1);
        assert_non_null(text);
        assert_int_equal(fread(text, 1, (size_t)size, f), (size_t)size);
        fclose(f);
        return text;
}

/* The file's peak RSS written as 0, as render() does. */
static void zero_peak_rss(char *text)
{
        static const char key[] = "\"peak_rss_kib\": ";
        char *digits = strstr(text, key);
        size_t n;

        assert_non_null(digits);
        digits += strlen(key);
        n = strspn(digits, "0123456789");
        assert_true(n > 0);
        memmove(digits + 1, digits + n, strlen(digits + n) + 1);
        digits[0] = '0';
}

static void test_write_creates_parent_and_renames(void **state)
{
        char dir[] = "/tmp/rdcheck-report-XXXXXX";
        char parent[64], path[96], tmp[128];
        struct boot *b = boot_full();
        struct stat st;
        char *file, *expected;
        size_t len;

        assert_non_null(mkdtemp(dir));
        snprintf(parent, sizeof(parent), "%s/rdcheck", dir);
        snprintf(path, sizeof(path), "%s/report.json", parent);
        snprintf(tmp, sizeof(tmp), "%s.tmp", path);

        assert_int_equal(report_write(b, path), 0);
        assert_int_equal(stat(parent, &st), 0);
        assert_true(S_ISDIR(st.st_mode));
        assert_int_equal(stat(path, &st), 0);
        assert_true(S_ISREG(st.st_mode));
        assert_int_equal(st.st_mode & 0133, 0);         /* 0644 less the umask */
        assert_int_equal(access(tmp, F_OK), -1);

        /* The file is the indented rendering and a newline. */
        file = read_file(path);
        len = strlen(file);
        assert_true(len > 0 && file[len - 1] == '\n');
        file[len - 1] = '\0';
        zero_peak_rss(file);
        expected = render(b, JSON_INDENT);
        assert_string_equal(file, expected);
        free(file);
        free(expected);

        /* Again: the directory exists, the file is replaced. */
        b->root_mounted = true;
        assert_int_equal(report_write(b, path), 0);
        file = read_file(path);
        assert_non_null(strstr(file, "\"mounted\": true"));
        free(file);

        assert_int_equal(unlink(path), 0);
        assert_int_equal(rmdir(parent), 0);
        assert_int_equal(rmdir(dir), 0);
        boot_free(b);
}

static void test_write_errors_are_negative_errno(void **state)
{
        char dir[] = "/tmp/rdcheck-report-XXXXXX";
        char path[96], tmp[128], *long_path;
        struct boot *b = boot_fresh();

        assert_non_null(mkdtemp(dir));

        /* Only the last directory is made: /run is there before us. */
        snprintf(path, sizeof(path), "%s/no/such/report.json", dir);
        assert_int_equal(report_write(b, path), -ENOENT);

        /* The target is a directory: the rename fails and the .tmp goes. */
        snprintf(path, sizeof(path), "%s/report.json", dir);
        snprintf(tmp, sizeof(tmp), "%s.tmp", path);
        assert_int_equal(mkdir(path, 0755), 0);
        assert_int_equal(report_write(b, path), -EISDIR);
        assert_int_equal(access(tmp, F_OK), -1);
        assert_int_equal(rmdir(path), 0);

        long_path = malloc(PATH_MAX + 1);
        assert_non_null(long_path);
        memset(long_path, 'a', PATH_MAX);
        long_path[0] = '/';
        long_path[PATH_MAX] = '\0';
        assert_int_equal(report_write(b, long_path), -ENAMETOOLONG);
        free(long_path);

        assert_int_equal(rmdir(dir), 0);
        boot_free(b);
}

int main(void)
{
        const struct CMUnitTest tests[] = {
                cmocka_unit_test(test_full_report_is_pinned),
                cmocka_unit_test(test_fresh_boot_report),
                cmocka_unit_test(test_checkpoints_in_boot_order),
                cmocka_unit_test(test_mount_list_reads_this_process),
                cmocka_unit_test(test_every_status_name),
                cmocka_unit_test(test_checkpoint_not_run_has_null_status),
                cmocka_unit_test(test_diagnosis_split_on_newlines_without_empty_lines),
                cmocka_unit_test(test_diagnosis_without_terminator_stays_in_bounds),
                cmocka_unit_test(test_pause_lists_every_bit_set_in_order),
                cmocka_unit_test(test_onfail_names),
                cmocka_unit_test(test_root_spec_written_as_given),
                cmocka_unit_test(test_strings_from_the_boot_are_escaped),
                cmocka_unit_test(test_memory_peak_rss_is_a_positive_number),
                cmocka_unit_test(test_render_error_is_returned),
                cmocka_unit_test(test_write_creates_parent_and_renames),
                cmocka_unit_test(test_write_errors_are_negative_errno),
        };

        return cmocka_run_group_tests(tests, NULL, NULL);
}
