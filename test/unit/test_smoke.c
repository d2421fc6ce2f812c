/* SPDX-License-Identifier: MIT */
/*
 * rdcheck-smoke's pure parts: the --disk and --expect specs, the matrix
 * file, the evidence read from a boot's logs, the kernel's release from its
 * header, and QEMU's command line for each bus.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <unistd.h>
#include <cmocka.h>

#include "smoke.h"

static void disk_spec_buses_and_options(void **state)
{
        struct smoke_disk d;
        char why[256];

        assert_int_equal(smoke_disk_parse("root.img", &d, why, sizeof(why)), 0);
        assert_string_equal(d.file, "root.img");
        assert_int_equal(d.bus, BUS_VIRTIO);
        assert_string_equal(d.format, "raw");
        assert_false(d.writable);
        free(d.file);
        free(d.format);
        assert_int_equal(smoke_disk_parse("a.qcow2,bus=nvme,format=qcow2,writable", &d, why, sizeof(why)), 0);
        assert_int_equal(d.bus, BUS_NVME);
        assert_string_equal(d.format, "qcow2");
        assert_true(d.writable);
        free(d.file);
        free(d.format);
        assert_int_equal(smoke_disk_parse("a.img,bus=floppy", &d, why, sizeof(why)), -EINVAL);
        assert_non_null(strstr(why, "bus \"floppy\" is not virtio, nvme, ahci, scsi or usb"));
        assert_int_equal(smoke_disk_parse(",bus=usb", &d, why, sizeof(why)), -EINVAL);
        assert_non_null(strstr(why, "no file"));
        assert_int_equal(smoke_disk_parse("a.img,rw", &d, why, sizeof(why)), -EINVAL);
        assert_non_null(strstr(why, "\"rw\" is not"));
}

static void expect_spec_status_and_expression(void **state)
{
        struct smoke_expect e;
        char why[256];

        assert_int_equal(smoke_expect_parse("disks=fail", &e, why, sizeof(why)), 0);
        assert_int_equal(e.checkpoint, 2);
        assert_string_equal(e.status, "fail");
        assert_string_equal(e.detail, "");
        assert_int_equal(smoke_expect_parse("switch_root=pass:^root (a|b):x$", &e, why, sizeof(why)), 0);
        assert_int_equal(e.checkpoint, 6);
        assert_string_equal(e.detail, "^root (a|b):x$");
        assert_int_equal(smoke_expect_parse("mounts=none", &e, why, sizeof(why)), 0);
        assert_int_equal(smoke_expect_parse("roots=pass", &e, why, sizeof(why)), -EINVAL);
        assert_non_null(strstr(why, "\"roots\" is not a checkpoint"));
        assert_int_equal(smoke_expect_parse("disks=failed", &e, why, sizeof(why)), -EINVAL);
        assert_int_equal(smoke_expect_parse("disks", &e, why, sizeof(why)), -EINVAL);
        assert_int_equal(smoke_expect_parse("disks=fail:(", &e, why, sizeof(why)), -EINVAL);
        assert_non_null(strstr(why, "not an extended regular expression"));
        /* glibc's regcomp() is exponential on these: refused before it runs. */
        assert_int_equal(smoke_expect_parse("disks=fail:a*****", &e, why, sizeof(why)), -EINVAL);
}

static struct smoke_target base_target(void)
{
        struct smoke_target t = { .memory_mb = 512, .cpus = 1 };

        t.kernel = strdup("/boot/vmlinuz");
        strlist_push(&t.words, "quiet");
        return t;
}

static void matrix_targets_over_the_flags(void **state)
{
        static const char text[] =
                "{\"targets\": ["
                " {\"name\": \"a\", \"disks\": [\"${SMOKE_TEST_DIR}/x.img,bus=ahci\"], \"memory\": 1024,"
                "  \"expect\": {\"disks\": \"fail\"}},"
                " {\"name\": \"b\", \"cmdline\": [\"root=/dev/vda\"], \"kernel\": \"k2\"}]}";
        struct smoke_target base = base_target(), *ts;
        char why[256];
        size_t n;

        setenv("SMOKE_TEST_DIR", "/srv", 1);
        assert_int_equal(smoke_matrix_parse(text, strlen(text), &base, &ts, &n, why, sizeof(why)), 0);
        assert_int_equal(n, 2);
        assert_string_equal(ts[0].name, "a");
        assert_string_equal(ts[0].kernel, "/boot/vmlinuz");
        assert_string_equal(ts[0].disks[0].file, "/srv/x.img");
        assert_int_equal(ts[0].disks[0].bus, BUS_AHCI);
        assert_int_equal(ts[0].memory_mb, 1024);
        assert_int_equal(ts[0].n_expects, 1);
        assert_string_equal(ts[0].words.items[0], "quiet");
        assert_string_equal(ts[1].kernel, "k2");
        assert_int_equal(ts[1].memory_mb, 512);
        /* A list replaces the flags' list. */
        assert_int_equal(ts[1].words.n, 1);
        assert_string_equal(ts[1].words.items[0], "root=/dev/vda");
        for (size_t i = 0; i < n; i++)
                smoke_target_free(&ts[i]);
        free(ts);
        smoke_target_free(&base);
}

static void matrix_errors_name_the_key(void **state)
{
        static const struct {
                const char *text, *why;
        } cases[] = {
                { "{\"targets\": [{\"name\": \"a\", \"disk\": []}]}", "targets[0].disk: not a target key" },
                { "{\"targets\": [{\"name\": \"a\"}, {\"name\": \"a\"}]}", "\"a\" is already targets[0]'s" },
                { "{\"targets\": [{\"name\": \"a b\"}]}", "targets[0].name: \"a b\" is not" },
                { "{\"targets\": [{\"disks\": [\"x\"]}]}", "targets[0]: no \"name\"" },
                { "{\"targets\": [{\"name\": \"a\", \"memory\": \"1G\"}]}", "targets[0].memory: string, not a whole" },
                { "{\"targets\": [{\"name\": \"a\", \"image\": \"${SMOKE_UNSET_X}/i\"}]}",
                  "${SMOKE_UNSET_X} is not set" },
                { "{\"targets\": [{\"name\": \"a\", \"expect\": {\"disk\": \"fail\"}}]}", "\"disk\" is not a checkpoint" },
                { "{\"targets\": []}", "targets: 0 entries" },
                { "{\"targets\": [{\"name\": \"a\"}]", "it ends before" },
                { "{\"targets\": [{\"name\": \"a\"}]} x", "text after the top-level object" },
                { "{\"target\": []}", "no \"targets\" list" },
        };
        struct smoke_target base = base_target(), *ts;
        char why[256];
        size_t n;

        unsetenv("SMOKE_UNSET_X");
        for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
                why[0] = '\0';
                assert_int_equal(smoke_matrix_parse(cases[i].text, strlen(cases[i].text), &base, &ts, &n,
                                                    why, sizeof(why)), -EINVAL);
                if (!strstr(why, cases[i].why))
                        fail_msg("case %zu: \"%s\" does not say \"%s\"", i, why, cases[i].why);
                assert_null(ts);
        }
        smoke_target_free(&base);
}

static void evidence_from_the_verdict_tty(void **state)
{
        static const char report[] =
                "{\"schema\": \"rdcheck-report/1\", \"checkpoints\": ["
                "{\"name\": \"drivers\", \"ran\": true, \"status\": \"pass\", \"ms\": 5, \"detail\": \"d\", \"diagnosis\": []},"
                "{\"name\": \"modules\", \"ran\": true, \"status\": \"pass\", \"ms\": 5, \"detail\": \"d\", \"diagnosis\": []},"
                "{\"name\": \"disks\", \"ran\": true, \"status\": \"fail\", \"ms\": 5, \"detail\": \"d\","
                " \"diagnosis\": [\"no disk\", \"try rootwait\"]}]}";
        char text[4096], console[] = "[    0.000000] Linux version 6.1\nrdcheck: checkpoint=drivers status=warn ms=1 detail=x\n"
                                     "last words\n\n";
        struct smoke_evidence ev;

        snprintf(text, sizeof(text),
                 "rdcheck: checkpoint=drivers status=pass ms=12 detail=\"3 modules for 6.1 in image\"\r\n"
                 "rdcheck: checkpoint=modules status=pass ms=40 detail=bare\n"
                 "rdcheck: checkpoint=disks status=fail ms=2001 detail=\"root \\\"x\\\" \\\\ not\\x21 found\"\n"
                 "rdcheck: report bytes=%zu\n%s\nrdcheck: verdict=fail checkpoint=disks\n", strlen(report), report);
        smoke_evidence_parse(text, strlen(text), console, strlen(console), &ev);
        assert_false(ev.from_console);
        assert_true(ev.cp[0].seen);
        /* The verdict tty's lines, not the console's. */
        assert_string_equal(ev.cp[0].status, "pass");
        assert_string_equal(ev.cp[0].detail, "3 modules for 6.1 in image");
        assert_string_equal(ev.cp[1].detail, "bare");
        assert_string_equal(ev.cp[2].status, "fail");
        assert_int_equal(ev.cp[2].ms, 2001);
        assert_string_equal(ev.cp[2].detail, "root \"x\" \\ not! found");
        assert_false(ev.cp[3].seen);
        assert_true(ev.has_report);
        assert_string_equal(ev.cp[2].diagnosis, "no disk\ntry rootwait\n");
        assert_string_equal(ev.verdict, "fail");
        assert_int_equal(ev.verdict_checkpoint, 2);
        assert_string_equal(ev.last_line, "last words");
        assert_string_equal(ev.panic, "");
}

static void evidence_from_the_console_without_a_verdict_tty(void **state)
{
        static const char console[] =
                "rdcheck: checkpoint=drivers status=pass ms=1 detail=a\n"
                "[    1.5] rdcheck: checkpoint=modules status=fail ms=1 detail=copy-in-the-kernel-log\n"
                "rdcheck: previous_boot ended=panic records=1 detail=\"Kernel panic - not syncing: old\"\n"
                "[    2.000000] Kernel panic - not syncing: sysrq triggered crash\n"
                "[    2.000001] ---[ end Kernel panic - not syncing: sysrq triggered crash ]---\n";
        struct smoke_evidence ev;

        smoke_evidence_parse(NULL, 0, console, strlen(console), &ev);
        assert_true(ev.from_console);
        assert_true(ev.cp[0].seen);
        /* A kernel-log copy (time stamp in front) is not a status line. */
        assert_false(ev.cp[1].seen);
        assert_string_equal(ev.panic, "Kernel panic - not syncing: sysrq triggered crash");
        assert_string_equal(ev.verdict, "");
        assert_int_equal(ev.verdict_checkpoint, -1);
}

static void kernel_release_from_the_bzimage_header(void **state)
{
        char path[] = "/tmp/test_smoke_kernel.XXXXXX", release[64];
        unsigned char head[0x1000] = { 0 };
        int fd = mkstemp(path);

        assert_true(fd >= 0);
        memcpy(head + 0x202, "HdrS", 4);
        head[0x206] = 0x0f;
        head[0x207] = 0x02;
        head[0x20e] = 0x00;     /* kernel_version: 0x600 - 0x200 */
        head[0x20f] = 0x06;
        strcpy((char *)head + 0x800, "6.1.0-56-amd64 (debian-kernel@lists.debian.org) #1 SMP");
        assert_int_equal(write(fd, head, sizeof(head)), sizeof(head));
        close(fd);
        assert_int_equal(smoke_kernel_release(path, release, sizeof(release)), 0);
        assert_string_equal(release, "6.1.0-56-amd64");
        fd = open(path, O_WRONLY | O_TRUNC);
        assert_int_equal(write(fd, "ELF", 3), 3);
        close(fd);
        assert_int_equal(smoke_kernel_release(path, release, sizeof(release)), -ENOEXEC);
        unlink(path);
        assert_int_equal(smoke_kernel_release(path, release, sizeof(release)), -ENOENT);
}

static bool argv_has(const struct strv *argv, const char *s)
{
        for (size_t i = 0; i < argv->n; i++)
                if (strcmp(argv->items[i], s) == 0)
                        return true;
        return false;
}

static void qemu_command_line_for_each_bus(void **state)
{
        struct smoke_target t = base_target();
        const struct smoke_machine *m = smoke_machine_find("x86_64");
        struct strv argv;
        char why[256];
        const char *specs[] = { "v.img", "n.img,bus=nvme", "a.img,bus=ahci,writable", "s.img,bus=scsi",
                                "u.img,bus=usb" };

        assert_non_null(m);
        assert_null(smoke_machine_find("sparc"));
        for (size_t i = 0; i < 5; i++)
                assert_int_equal(smoke_disk_parse(specs[i], &t.disks[t.n_disks++], why, sizeof(why)), 0);
        assert_int_equal(smoke_qemu_argv(&t, m, false, "img", "/tmp/v,log", false, &argv, why, sizeof(why)), 0);
        assert_string_equal(argv.items[0], "qemu-system-x86_64");
        assert_true(argv_has(&argv, "q35"));
        assert_true(argv_has(&argv, "tcg"));
        assert_true(argv_has(&argv, "-no-reboot"));
        assert_true(argv_has(&argv, "file:/tmp/v,,log"));
        assert_true(argv_has(&argv, "isa-debug-exit,iobase=0xf4,iosize=0x04"));
        /* Not writable: the guest's writes go to a throwaway overlay. */
        assert_true(argv_has(&argv, "file=v.img,format=raw,if=none,id=disk0,snapshot=on"));
        assert_true(argv_has(&argv, "virtio-blk-pci,drive=disk0"));
        assert_true(argv_has(&argv, "nvme,drive=disk1,serial=rdcheck-smoke-1"));
        assert_true(argv_has(&argv, "file=a.img,format=raw,if=none,id=disk2"));
        assert_true(argv_has(&argv, "ide-hd,drive=disk2,bus=ahci.0"));
        assert_true(argv_has(&argv, "scsi-hd,drive=disk3,bus=scsi.0"));
        assert_true(argv_has(&argv, "usb-storage,drive=disk4,bus=xhci.0"));
        /* Ours first, the user's words after: theirs win where the kernel takes the last. */
        assert_string_equal(argv.items[argv.n - 1],
                            "console=ttyS0 panic=-1 rd.verdict=isa-debug-exit:0xf4 rd.verdict.tty=ttyS1 quiet");
        strlist_free(&argv);
        free(t.machine);
        t.machine = strdup("virt");
        assert_int_equal(smoke_qemu_argv(&t, m, false, "img", "v", false, &argv, why, sizeof(why)), -EINVAL);
        assert_non_null(strstr(why, "machine \"virt\" is not one"));
        strlist_free(&argv);
        smoke_target_free(&t);
}

int main(void)
{
        const struct CMUnitTest tests[] = {
                cmocka_unit_test(disk_spec_buses_and_options),
                cmocka_unit_test(expect_spec_status_and_expression),
                cmocka_unit_test(matrix_targets_over_the_flags),
                cmocka_unit_test(matrix_errors_name_the_key),
                cmocka_unit_test(evidence_from_the_verdict_tty),
                cmocka_unit_test(evidence_from_the_console_without_a_verdict_tty),
                cmocka_unit_test(kernel_release_from_the_bzimage_header),
                cmocka_unit_test(qemu_command_line_for_each_bus),
        };

        return cmocka_run_group_tests(tests, NULL, NULL);
}
