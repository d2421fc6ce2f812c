/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "cmdline.h"

#define ALL_CHECKPOINTS ((1u << CHECKPOINT_COUNT) - 1)

static void parse(const char *text, struct cmdline *c)
{
        assert_int_equal(cmdline_parse(text, c), 0);
}

static bool has_error(const struct cmdline *c, const char *needle)
{
        for (size_t i = 0; i < c->n_errors; i++)
                if (strstr(c->errors[i], needle))
                        return true;
        return false;
}

static void assert_error(const struct cmdline *c, const char *needle)
{
        if (has_error(c, needle))
                return;
        for (size_t i = 0; i < c->n_errors; i++)
                print_message("error[%zu]: %s\n", i, c->errors[i]);
        fail_msg("no error containing \"%s\"", needle);
}

/* @expected is NULL-terminated. */
static void assert_strv(const struct strv *v, const char *const *expected)
{
        size_t n = 0;

        while (expected[n])
                n++;
        assert_int_equal(v->n, n);
        for (size_t i = 0; i < n; i++)
                assert_string_equal(v->items[i], expected[i]);
        if (v->items)
                assert_null(v->items[n]);
}

#define STRV(...) ((const char *const[]){ __VA_ARGS__, NULL })
#define STRV_EMPTY ((const char *const[]){ NULL })

static void assert_root(const char *text, enum root_kind kind, const char *value)
{
        struct cmdline c;

        parse(text, &c);
        assert_int_equal(c.n_errors, 0);
        assert_int_equal(c.root.kind, kind);
        if (value)
                assert_string_equal(c.root.value, value);
        else
                assert_null(c.root.value);
        cmdline_free(&c);
}

static void assert_root_error(const char *text, const char *message)
{
        struct cmdline c;

        parse(text, &c);
        assert_int_equal(c.root.kind, ROOT_NONE);
        assert_int_equal(c.n_errors, 1);
        assert_error(&c, message);
        cmdline_free(&c);
}

static void assert_devt(const char *text, unsigned major, unsigned minor)
{
        struct cmdline c;

        parse(text, &c);
        assert_int_equal(c.n_errors, 0);
        assert_int_equal(c.root.kind, ROOT_DEVT);
        assert_null(c.root.value);
        assert_int_equal(c.root.major, major);
        assert_int_equal(c.root.minor, minor);
        cmdline_free(&c);
}

/* Defaults */

static void test_null_text_gives_defaults(void **state)
{
        struct cmdline c;

        parse(NULL, &c);
        assert_int_equal(c.root.kind, ROOT_NONE);
        assert_false(c.rw);
        assert_int_equal(c.loglevel, -1);
        assert_int_equal(c.onfail, ONFAIL_SHELL);
        assert_int_equal(c.timeout, CMDLINE_DEFAULT_TIMEOUT);
        assert_int_equal(c.n_errors, 0);
        cmdline_free(&c);
}

static void test_empty_text_gives_defaults(void **state)
{
        struct cmdline c;

        parse(" \t\n", &c);
        assert_int_equal(c.root.kind, ROOT_NONE);
        assert_null(c.rootfstype);
        assert_null(c.rootflags);
        assert_null(c.init);
        assert_false(c.rw);
        assert_false(c.rootwait);
        assert_int_equal(c.rootdelay, 0);
        assert_false(c.quiet);
        assert_int_equal(c.loglevel, -1);
        assert_int_equal(c.pause, 0);
        assert_int_equal(c.onfail, ONFAIL_SHELL);
        assert_int_equal(c.timeout, CMDLINE_DEFAULT_TIMEOUT);
        assert_int_equal(c.modules_load.n, 0);
        assert_int_equal(c.init_argv.n, 0);
        assert_int_equal(c.init_envp.n, 0);
        assert_int_equal(c.n_errors, 0);
        cmdline_free(&c);
}

static void test_parse_overwrites_uninitialised_struct(void **state)
{
        struct cmdline c;

        memset(&c, 0xa5, sizeof(c));
        parse("root=/dev/vda1", &c);
        assert_int_equal(c.root.kind, ROOT_PATH);
        assert_int_equal(c.n_errors, 0);
        assert_int_equal(c.n_errors_dropped, 0);
        cmdline_free(&c);
}

/* Splitting and quoting */

static void test_words_split_on_any_whitespace(void **state)
{
        struct cmdline c;

        parse("  root=/dev/vda1\trw\n\nsplash\r\v\fquiet\n", &c);
        assert_string_equal(c.root.value, "/dev/vda1");
        assert_true(c.rw);
        assert_true(c.quiet);
        assert_strv(&c.init_argv, STRV("splash"));
        assert_int_equal(c.n_errors, 0);
        cmdline_free(&c);
}

static void test_quoted_value_keeps_spaces(void **state)
{
        struct cmdline c;

        parse("rootflags=\"subvol=@root, compress=zstd\" root=\"LABEL=my disk\" FOO=\"a b\"", &c);
        assert_string_equal(c.rootflags, "subvol=@root, compress=zstd");
        assert_int_equal(c.root.kind, ROOT_LABEL);
        assert_string_equal(c.root.value, "my disk");
        assert_strv(&c.init_envp, STRV("FOO=a b"));
        assert_int_equal(c.n_errors, 0);
        cmdline_free(&c);
}

static void test_quoted_word_loses_outer_quotes(void **state)
{
        struct cmdline c;

        parse("\"FOO=a b\" \"two words\" \"root=LABEL=x y\"", &c);
        assert_strv(&c.init_envp, STRV("FOO=a b"));
        assert_strv(&c.init_argv, STRV("two words"));
        assert_int_equal(c.root.kind, ROOT_LABEL);
        assert_string_equal(c.root.value, "x y");
        assert_int_equal(c.n_errors, 0);
        cmdline_free(&c);
}

static void test_quote_inside_value_is_kept_like_kernel(void **state)
{
        struct cmdline c;

        /* next_arg() only strips a quote right after '=' or at the word's start. */
        parse("A=x\"y z\" B=\"p q\"r", &c);
        assert_strv(&c.init_envp, STRV("A=x\"y z\"", "B=p q\"r"));
        assert_int_equal(c.n_errors, 0);
        cmdline_free(&c);
}

static void test_unterminated_quote_is_reported(void **state)
{
        struct cmdline c;

        parse("quiet rootflags=\"a b rw", &c);
        assert_true(c.quiet);
        assert_string_equal(c.rootflags, "a b rw");
        assert_false(c.rw);
        assert_int_equal(c.n_errors, 1);
        assert_error(&c, "rootflags=a b rw: unterminated quote");
        cmdline_free(&c);
}

static void test_lone_quotes_do_not_crash(void **state)
{
        static const char *const inputs[] = {
                "\"", "\"\"", "=\"", "a=\"", "\"a=\"", "\"=\"", "a=\"\"", "\" \"", "==", "=",
                "\"\"\"", "a=\"b\"\"", "\"--\"", "-- \"", "root=\"", "\"root=\"",
        };

        for (size_t i = 0; i < sizeof(inputs) / sizeof(inputs[0]); i++) {
                struct cmdline c;

                parse(inputs[i], &c);
                cmdline_free(&c);
        }
}

static void test_empty_quoted_value_is_empty(void **state)
{
        struct cmdline c;

        parse("A=\"\" B=\"", &c);
        assert_strv(&c.init_envp, STRV("A=", "B="));
        assert_int_equal(c.n_errors, 1);
        assert_error(&c, "B=: unterminated quote");
        cmdline_free(&c);
}

static void test_double_dash_hands_rest_to_init(void **state)
{
        struct cmdline c;

        parse("splash -- root=/dev/sda1 single FOO=bar \"x y\" rd.checkpoint=all", &c);
        assert_int_equal(c.root.kind, ROOT_NONE);
        assert_int_equal(c.pause, 0);
        assert_strv(&c.init_argv, STRV("splash", "root=/dev/sda1", "single", "FOO=bar", "x y",
                                       "rd.checkpoint=all"));
        assert_int_equal(c.init_envp.n, 0);
        assert_int_equal(c.n_errors, 0);
        cmdline_free(&c);
}

static void test_second_double_dash_ends_init_args(void **state)
{
        struct cmdline c;

        /* init/main.c runs parse_args() again after "--", which stops at the next "--". */
        parse("-- a -- b", &c);
        assert_strv(&c.init_argv, STRV("a"));
        cmdline_free(&c);
}

static void test_double_dash_with_value_is_a_word(void **state)
{
        struct cmdline c;

        parse("--=x root=/dev/vda", &c);
        assert_int_equal(c.root.kind, ROOT_PATH);
        assert_strv(&c.init_envp, STRV("--=x"));
        cmdline_free(&c);
}

static void test_dash_and_underscore_are_equivalent_in_names(void **state)
{
        struct cmdline c;

        parse("modules_load=a rd.modules_load=b module-blacklist=e rd.checkpoint.on_fail=x", &c);
        assert_strv(&c.modules_load, STRV("a", "b"));
        assert_strv(&c.blacklist, STRV("e"));
        assert_strv(&c.init_envp, STRV("modules_load=a"));
        assert_int_equal(c.n_errors, 1);
        assert_error(&c, "rd.checkpoint.on_fail=x: unknown option");
        cmdline_free(&c);
}

static void test_onfail_with_hyphen_is_unknown(void **state)
{
        struct cmdline c;

        parse("rd.checkpoint.on-fail=reboot", &c);
        assert_int_equal(c.onfail, ONFAIL_SHELL);
        assert_error(&c, "rd.checkpoint.on-fail=reboot: unknown option");
        cmdline_free(&c);
}

/* root= */

static void test_root_dev_path_is_parsed(void **state)
{
        assert_root("root=/dev/vda1", ROOT_PATH, "/dev/vda1");
        assert_root("root=/dev/mapper/vg-root", ROOT_PATH, "/dev/mapper/vg-root");
}

static void test_root_absolute_path_is_parsed(void **state)
{
        assert_root("root=/dev/disk/by-id/ata-X", ROOT_PATH, "/dev/disk/by-id/ata-X");
        assert_root("root=/somewhere", ROOT_PATH, "/somewhere");
}

static void test_root_bare_name_means_dev(void **state)
{
        assert_root("root=vda1", ROOT_PATH, "/dev/vda1");
        assert_root("root=nvme0n1p2", ROOT_PATH, "/dev/nvme0n1p2");
        assert_root("root=mapper/root", ROOT_PATH, "/dev/mapper/root");
}

static void test_root_uuid_is_parsed(void **state)
{
        assert_root("root=UUID=0f4b0c52-8fce-4e1c-9d5c-4c1a1b5f3d11", ROOT_UUID,
                    "0f4b0c52-8fce-4e1c-9d5c-4c1a1b5f3d11");
        assert_root("root=UUID=1234-ABCD", ROOT_UUID, "1234-ABCD");
}

static void test_root_label_is_parsed(void **state)
{
        assert_root("root=LABEL=rootfs", ROOT_LABEL, "rootfs");
}

static void test_root_partuuid_is_parsed(void **state)
{
        struct cmdline c;

        parse("root=PARTUUID=a0b1c2d3-01", &c);
        assert_int_equal(c.root.kind, ROOT_PARTUUID);
        assert_string_equal(c.root.value, "a0b1c2d3-01");
        assert_int_equal(c.root.partnroff, 0);
        assert_int_equal(c.n_errors, 0);
        cmdline_free(&c);
}

static void test_root_partuuid_with_partnroff_is_parsed(void **state)
{
        struct cmdline c;

        parse("root=PARTUUID=a0b1c2d3-01/PARTNROFF=2", &c);
        assert_int_equal(c.root.kind, ROOT_PARTUUID);
        assert_string_equal(c.root.value, "a0b1c2d3-01");
        assert_int_equal(c.root.partnroff, 2);
        cmdline_free(&c);

        parse("root=PARTUUID=a0b1c2d3-02/PARTNROFF=-1", &c);
        assert_string_equal(c.root.value, "a0b1c2d3-02");
        assert_int_equal(c.root.partnroff, -1);
        assert_int_equal(c.n_errors, 0);
        cmdline_free(&c);
}

static void test_root_partuuid_bad_partnroff_is_reported(void **state)
{
        assert_root_error("root=PARTUUID=abc/PARTNROFF=x", "root=PARTUUID=abc/PARTNROFF=x: PARTNROFF=");
        assert_root_error("root=PARTUUID=abc/PARTNROFF=", "PARTNROFF= is not a number");
        assert_root_error("root=PARTUUID=abc/PARTNROFF=1x", "PARTNROFF= is not a number");
        assert_root_error("root=PARTUUID=abc/PARTNROFF=99999999999", "PARTNROFF= is not a number");
        assert_root_error("root=PARTUUID=abc/", "expected /PARTNROFF=N");
        assert_root_error("root=PARTUUID=abc/FOO=1", "expected /PARTNROFF=N");
}

static void test_root_partlabel_is_parsed(void **state)
{
        assert_root("root=PARTLABEL=system-a", ROOT_PARTLABEL, "system-a");
}

static void test_root_majmin_is_parsed(void **state)
{
        assert_devt("root=8:1", 8, 1);
        assert_devt("root=259:0", 259, 0);
        assert_devt("root=4095:1048575", 4095, 1048575);
}

static void test_hex_devt_decodes_like_kernel(void **state)
{
        assert_devt("root=801", 8, 1);
        assert_devt("root=0x801", 8, 1);
        assert_devt("root=fd00", 253, 0);
        assert_devt("root=FD00", 253, 0);
        /* new_decode_dev(): minor's high bits sit above the major's. */
        assert_devt("root=12345678", 0x456, 0x12378);
}

static void test_bare_hex_word_is_devt_not_name(void **state)
{
        /* The kernel reads root=fd0 as the number 0xfd0, not as /dev/fd0. */
        assert_devt("root=fd0", 0xf, 0xd0);
        assert_devt("root=abc", 0xa, 0xbc);
        assert_root("root=0x", ROOT_PATH, "/dev/0x");
}

static void test_root_empty_value_is_reported(void **state)
{
        assert_root_error("root=", "root=: empty value");
        assert_root_error("root=\"\"", "root=: empty value");
        assert_root_error("root", "root: needs a value");
}

static void test_root_empty_uuid_is_reported(void **state)
{
        assert_root_error("root=UUID=", "root=UUID=: empty UUID");
}

static void test_root_empty_tags_are_reported(void **state)
{
        assert_root_error("root=LABEL=", "root=LABEL=: empty label");
        assert_root_error("root=PARTUUID=", "root=PARTUUID=: empty PARTUUID");
        assert_root_error("root=PARTUUID=/PARTNROFF=1", "empty PARTUUID");
        assert_root_error("root=PARTLABEL=", "root=PARTLABEL=: empty partition label");
}

static void test_root_bad_majmin_is_reported(void **state)
{
        assert_root_error("root=8:", "root=8:: not MAJ:MIN");
        assert_root_error("root=:1", "not MAJ:MIN");
        assert_root_error("root=8:1x", "not MAJ:MIN");
        assert_root_error("root=8:1:2", "not MAJ:MIN");
        assert_root_error("root=-8:1", "not MAJ:MIN");
        assert_root_error("root=4096:0", "out of range");
        assert_root_error("root=8:1048576", "out of range");
        assert_root_error("root=99999999999999999999999:1", "not MAJ:MIN");
        assert_root_error("root=0:0", "0:0 does not exist");
        assert_root_error("root=0", "0:0 does not exist");
}

static void test_root_hex_out_of_range_is_reported(void **state)
{
        assert_root_error("root=100000000", "out of range");
        assert_root_error("root=ffffffffffffffffffffffff", "out of range");
}

static void test_root_unknown_form_is_reported(void **state)
{
        assert_root_error("root=uuid=abc", "root=uuid=abc: unknown form");
        assert_root_error("root=ID=abc", "unknown form");
}

static void test_root_too_long_is_reported(void **state)
{
        size_t len = strlen("root=/") + CMDLINE_MAX_VALUE;
        char *text = malloc(len + 1);
        struct cmdline c;

        assert_non_null(text);
        memset(text, 'a', len);
        memcpy(text, "root=/", 6);
        text[len] = '\0';
        parse(text, &c);
        assert_int_equal(c.root.kind, ROOT_NONE);
        assert_int_equal(c.n_errors, 1);
        assert_error(&c, "value longer than");
        assert_true(strlen(c.errors[0]) < 200);
        cmdline_free(&c);

        /* Exactly the limit is fine. */
        text[len - 1] = '\0';
        parse(text, &c);
        assert_int_equal(c.root.kind, ROOT_PATH);
        assert_int_equal(strlen(c.root.value), CMDLINE_MAX_VALUE);
        cmdline_free(&c);
        free(text);
}

static void test_root_error_keeps_previous_root(void **state)
{
        struct cmdline c;

        parse("root=UUID=abcd root=UUID= root=8: root=", &c);
        assert_int_equal(c.root.kind, ROOT_UUID);
        assert_string_equal(c.root.value, "abcd");
        assert_int_equal(c.n_errors, 3);
        cmdline_free(&c);
}

static void test_last_root_wins(void **state)
{
        struct cmdline c;

        parse("root=/dev/sda1 root=LABEL=x root=8:3", &c);
        assert_int_equal(c.root.kind, ROOT_DEVT);
        assert_null(c.root.value);
        assert_int_equal(c.root.major, 8);
        assert_int_equal(c.root.minor, 3);
        cmdline_free(&c);
}

static void assert_format(const char *value, const char *expected)
{
        struct root_spec r;
        char buf[128];

        assert_int_equal(root_spec_parse(value, &r), 0);
        assert_string_equal(root_spec_format(&r, buf, sizeof(buf)), expected);
        root_spec_free(&r);
}

static void test_root_spec_format_renders_as_written(void **state)
{
        assert_format("/dev/vda1", "/dev/vda1");
        assert_format("vda1", "/dev/vda1");
        assert_format("UUID=abcd-ef", "UUID=abcd-ef");
        assert_format("LABEL=root fs", "LABEL=root fs");
        assert_format("PARTUUID=a0b1c2d3-01", "PARTUUID=a0b1c2d3-01");
        assert_format("PARTUUID=a0b1c2d3-01/PARTNROFF=3", "PARTUUID=a0b1c2d3-01/PARTNROFF=3");
        assert_format("PARTUUID=a0b1c2d3-01/PARTNROFF=-1", "PARTUUID=a0b1c2d3-01/PARTNROFF=-1");
        assert_format("PARTLABEL=sys", "PARTLABEL=sys");
        assert_format("8:1", "8:1");
        assert_format("fd00", "253:0");
}

static void test_root_spec_format_of_none_is_empty(void **state)
{
        struct root_spec r = { .kind = ROOT_NONE };
        char buf[8] = "junk";

        assert_string_equal(root_spec_format(&r, buf, sizeof(buf)), "");
        assert_string_equal(root_spec_format(&r, NULL, 0), "");
}

static void test_root_spec_format_truncates_safely(void **state)
{
        struct root_spec r;
        char buf[8];

        assert_int_equal(root_spec_parse("UUID=0123456789abcdef", &r), 0);
        assert_string_equal(root_spec_format(&r, buf, sizeof(buf)), "UUID=01");
        assert_string_equal(root_spec_format(&r, buf, 0), "");
        root_spec_free(&r);
        assert_int_equal(r.kind, ROOT_NONE);
        assert_null(r.value);
}

static void test_root_spec_parse_rejects_bad_values(void **state)
{
        struct root_spec r = { .kind = ROOT_LABEL, .value = NULL, .partnroff = 7 };

        assert_int_equal(root_spec_parse(NULL, &r), -EINVAL);
        assert_int_equal(root_spec_parse("", &r), -EINVAL);
        assert_int_equal(root_spec_parse("UUID=", &r), -EINVAL);
        assert_int_equal(root_spec_parse("1:x", &r), -EINVAL);
        /* Left as it was. */
        assert_int_equal(r.kind, ROOT_LABEL);
        assert_int_equal(r.partnroff, 7);
}

/* Other kernel words we read */

static void test_rootfstype_and_rootflags_are_stored(void **state)
{
        struct cmdline c;

        parse("rootfstype=ext4 rootflags=noatime rootfstype=btrfs,xfs", &c);
        assert_string_equal(c.rootfstype, "btrfs,xfs");
        assert_string_equal(c.rootflags, "noatime");
        assert_int_equal(c.n_errors, 0);
        cmdline_free(&c);
}

static void test_empty_rootflags_clears(void **state)
{
        struct cmdline c;

        parse("rootflags=noatime rootflags= rootfstype=ext4 rootfstype=", &c);
        assert_null(c.rootflags);
        assert_null(c.rootfstype);
        assert_int_equal(c.n_errors, 0);
        cmdline_free(&c);
}

static void test_ro_rw_last_wins(void **state)
{
        struct cmdline c;

        parse("rw ro", &c);
        assert_false(c.rw);
        cmdline_free(&c);
        parse("ro rw", &c);
        assert_true(c.rw);
        cmdline_free(&c);
        parse("rw ro rw", &c);
        assert_true(c.rw);
        cmdline_free(&c);
}

static void test_rootwait_and_rootdelay_are_parsed(void **state)
{
        struct cmdline c;

        parse("rootwait rootdelay=5", &c);
        assert_true(c.rootwait);
        assert_int_equal(c.rootdelay, 5);
        assert_int_equal(c.n_errors, 0);
        cmdline_free(&c);
}

static void test_bad_rootdelay_is_reported(void **state)
{
        struct cmdline c;

        parse("rootdelay=3 rootdelay=abc rootdelay=-1 rootdelay= rootdelay=99999999999 rootdelay", &c);
        assert_int_equal(c.rootdelay, 3);
        assert_int_equal(c.n_errors, 5);
        assert_error(&c, "rootdelay=abc: not a number of seconds");
        assert_error(&c, "rootdelay=-1: not a number of seconds");
        assert_error(&c, "rootdelay=99999999999: not a number of seconds");
        assert_error(&c, "rootdelay: needs a value");
        cmdline_free(&c);
}

static void test_flag_with_value_is_reported(void **state)
{
        struct cmdline c;

        parse("rootwait=5 rw=1 quiet=yes", &c);
        assert_false(c.rootwait);
        assert_false(c.rw);
        assert_false(c.quiet);
        assert_int_equal(c.n_errors, 3);
        assert_error(&c, "rootwait=5: takes no value");
        cmdline_free(&c);
}

static void test_init_path_is_stored(void **state)
{
        struct cmdline c;

        parse("init=/sbin/init init=/usr/lib/systemd/systemd", &c);
        assert_string_equal(c.init, "/usr/lib/systemd/systemd");
        assert_int_equal(c.n_errors, 0);
        cmdline_free(&c);
}

static void test_relative_init_is_reported(void **state)
{
        struct cmdline c;

        parse("init=/bin/sh init=bin/sh init=", &c);
        assert_string_equal(c.init, "/bin/sh");
        assert_int_equal(c.n_errors, 2);
        assert_error(&c, "init=bin/sh: not an absolute path");
        assert_error(&c, "init=: not an absolute path");
        cmdline_free(&c);
}

static void test_init_forgets_earlier_init_args(void **state)
{
        struct cmdline c;

        /* init/main.c init_setup(): LILO's "auto" before init= must not reach init. */
        parse("auto splash init=/bin/sh single", &c);
        assert_strv(&c.init_argv, STRV("single"));
        cmdline_free(&c);
        parse("auto rdinit=/init emergency", &c);
        assert_null(c.init);
        assert_strv(&c.init_argv, STRV("emergency"));
        cmdline_free(&c);
}

static void test_modules_load_is_split_and_appended(void **state)
{
        struct cmdline c;

        parse("modules-load=virtio_blk,,ext4, rd.modules-load=,dm_mod modules-load=", &c);
        assert_strv(&c.modules_load, STRV("virtio_blk", "ext4", "dm_mod"));
        assert_int_equal(c.n_errors, 0);
        cmdline_free(&c);
}

static void test_modules_load_is_also_handed_to_init_env(void **state)
{
        struct cmdline c;

        parse("modules-load=a,b rd.modules-load=c", &c);
        assert_strv(&c.init_envp, STRV("modules-load=a,b"));
        cmdline_free(&c);
}

static void test_driver_pre_and_blacklist_are_split(void **state)
{
        struct cmdline c;

        parse("rd.driver.pre=virtio_pci,virtio_blk rd.driver.blacklist=nouveau "
              "module_blacklist=radeon,amdgpu rd.driver.pre=dm_crypt", &c);
        assert_strv(&c.driver_pre, STRV("virtio_pci", "virtio_blk", "dm_crypt"));
        assert_strv(&c.blacklist, STRV("nouveau", "radeon", "amdgpu"));
        assert_int_equal(c.init_envp.n, 0);
        assert_int_equal(c.n_errors, 0);
        cmdline_free(&c);
}

static void test_consoles_keep_order(void **state)
{
        struct cmdline c;

        parse("console=tty0 console=ttyS0,115200n8 console=hvc0", &c);
        assert_strv(&c.consoles, STRV("tty0", "ttyS0,115200n8", "hvc0"));
        assert_int_equal(c.n_errors, 0);
        cmdline_free(&c);
}

static void test_empty_console_is_reported(void **state)
{
        struct cmdline c;

        parse("console= console", &c);
        assert_int_equal(c.consoles.n, 0);
        assert_int_equal(c.n_errors, 2);
        assert_error(&c, "console=: empty value");
        cmdline_free(&c);
}

static void test_quiet_and_loglevel_are_parsed(void **state)
{
        struct cmdline c;

        parse("quiet loglevel=3", &c);
        assert_true(c.quiet);
        assert_int_equal(c.loglevel, 3);
        cmdline_free(&c);
        parse("loglevel=0 loglevel=15", &c);
        assert_int_equal(c.loglevel, 15);
        assert_int_equal(c.n_errors, 0);
        cmdline_free(&c);
}

static void test_bad_loglevel_is_reported(void **state)
{
        struct cmdline c;

        parse("loglevel=7 loglevel=16 loglevel=-1 loglevel=x loglevel=", &c);
        assert_int_equal(c.loglevel, 7);
        assert_int_equal(c.n_errors, 4);
        assert_error(&c, "loglevel=16: not a log level 0..15");
        cmdline_free(&c);
}

static void test_module_options_are_kept_whole(void **state)
{
        struct cmdline c;

        parse("usbcore.autosuspend=-1 nouveau.modeset=0 i915.enable_guc=\"2\" "
              "usb-storage.quirks=\"0bc2:2322:u,1234:5678:u\" snd_hda_intel.dmic_detect "
              "foo.bar=\"a b\"", &c);
        assert_strv(&c.module_options, STRV("usbcore.autosuspend=-1", "nouveau.modeset=0", "i915.enable_guc=2",
                                            "usb-storage.quirks=0bc2:2322:u,1234:5678:u",
                                            "snd_hda_intel.dmic_detect", "foo.bar=a b"));
        assert_int_equal(c.n_errors, 0);
        cmdline_free(&c);
}

static void test_rd_words_are_not_module_options(void **state)
{
        struct cmdline c;

        parse("rd.break rd.shell=0 rd.luks.uuid=x rd.checkpoint=all .x=1 x.=1 FOO=a.b", &c);
        assert_int_equal(c.module_options.n, 0);
        assert_strv(&c.init_envp, STRV("FOO=a.b"));
        cmdline_free(&c);
}

/* rd.checkpoint* */

static void test_checkpoint_names_set_bits(void **state)
{
        struct cmdline c;

        parse("rd.checkpoint=disks,mounts rd.checkpoint=switch_root", &c);
        assert_int_equal(c.pause, (1u << 2) | (1u << 4) | (1u << 6));
        assert_int_equal(c.n_errors, 0);
        cmdline_free(&c);
        parse("rd.checkpoint=drivers,,env,switch-root,", &c);
        assert_int_equal(c.pause, (1u << 0) | (1u << 5) | (1u << 6));
        assert_int_equal(c.n_errors, 0);
        cmdline_free(&c);
}

static void test_checkpoint_all_sets_every_bit(void **state)
{
        struct cmdline c;

        parse("rd.checkpoint=all", &c);
        assert_int_equal(c.pause, ALL_CHECKPOINTS);
        cmdline_free(&c);
}

static void test_unknown_checkpoint_is_reported(void **state)
{
        struct cmdline c;

        parse("rd.checkpoint=disks rd.checkpoint=mounts,disk,env", &c);
        /* The bad word is ignored whole. */
        assert_int_equal(c.pause, 1u << 2);
        assert_int_equal(c.n_errors, 1);
        assert_error(&c, "rd.checkpoint=mounts,disk,env: unknown checkpoint \"disk\"");
        assert_error(&c, "drivers, modules, disks, filesystems, mounts, env, switch_root, all");
        cmdline_free(&c);
}

static void test_checkpoint_without_value_is_reported(void **state)
{
        struct cmdline c;

        parse("rd.checkpoint", &c);
        assert_int_equal(c.pause, 0);
        assert_error(&c, "rd.checkpoint: needs a value");
        cmdline_free(&c);
}

static void test_onfail_values_are_parsed(void **state)
{
        static const struct {
                const char *text;
                enum onfail onfail;
        } cases[] = {
                { "rd.checkpoint.onfail=reboot rd.checkpoint.onfail=shell", ONFAIL_SHELL },
                { "rd.checkpoint.onfail=reboot", ONFAIL_REBOOT },
                { "rd.checkpoint.onfail=poweroff", ONFAIL_POWEROFF },
                { "rd.checkpoint.onfail=halt", ONFAIL_HALT },
        };

        for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
                struct cmdline c;

                parse(cases[i].text, &c);
                assert_int_equal(c.onfail, cases[i].onfail);
                assert_int_equal(c.n_errors, 0);
                cmdline_free(&c);
        }
}

static void test_bad_onfail_is_reported(void **state)
{
        struct cmdline c;

        parse("rd.checkpoint.onfail=halt rd.checkpoint.onfail=explode rd.checkpoint.onfail=Reboot "
              "rd.checkpoint.onfail=", &c);
        assert_int_equal(c.onfail, ONFAIL_HALT);
        assert_int_equal(c.n_errors, 3);
        assert_error(&c, "rd.checkpoint.onfail=explode: expected shell, reboot, poweroff or halt");
        cmdline_free(&c);
}

static void test_pstore_policy_is_parsed(void **state)
{
        static const struct {
                const char *text;
                enum pstore_policy policy;
        } cases[] = {
                { "", PSTORE_KEEP },
                { "rd.pstore=keep", PSTORE_KEEP },
                { "rd.pstore=archive", PSTORE_ARCHIVE },
                { "rd.pstore=erase", PSTORE_ERASE },
                { "rd.pstore=erase rd.pstore=keep", PSTORE_KEEP },
        };

        for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
                struct cmdline c;

                parse(cases[i].text, &c);
                assert_int_equal(c.pstore, cases[i].policy);
                assert_int_equal(c.n_errors, 0);
                cmdline_free(&c);
        }
        assert_string_equal(pstore_policy_name(PSTORE_ARCHIVE), "archive");
}

static void test_bad_pstore_policy_is_reported_and_keeps(void **state)
{
        struct cmdline c;

        parse("rd.pstore=archive rd.pstore=delete rd.pstore=Erase rd.pstore", &c);
        assert_int_equal(c.pstore, PSTORE_ARCHIVE);
        assert_int_equal(c.n_errors, 3);
        assert_error(&c, "rd.pstore=delete: expected keep, archive or erase");
        assert_error(&c, "rd.pstore: needs a value");
        assert_int_equal(c.module_options.n, 0);
        assert_int_equal(cmdline_unset_key(&c, "rd.pstore"), 0);
        assert_int_equal(c.pstore, PSTORE_KEEP);
        cmdline_free(&c);
}

static void test_timeout_is_parsed(void **state)
{
        struct cmdline c;

        parse("rd.checkpoint.timeout=0", &c);
        assert_int_equal(c.timeout, 0);
        cmdline_free(&c);
        parse("rd.checkpoint.timeout=86400", &c);
        assert_int_equal(c.timeout, 86400);
        assert_int_equal(c.n_errors, 0);
        cmdline_free(&c);
}

static void test_prompt_timeout_is_parsed(void **state)
{
        struct cmdline c;

        parse("", &c);
        assert_int_equal(c.prompt_timeout, 0);
        cmdline_free(&c);
        parse("rd.checkpoint.prompt_timeout=30", &c);
        assert_int_equal(c.prompt_timeout, 30);
        assert_int_equal(c.n_errors, 0);
        cmdline_free(&c);
        parse("rd.checkpoint.prompt_timeout=5 rd.checkpoint.prompt_timeout=soon", &c);
        assert_int_equal(c.prompt_timeout, 5);
        assert_error(&c, "rd.checkpoint.prompt_timeout=soon: not a number of seconds 0..86400");
        cmdline_free(&c);
}

static void test_kdump_words_default(void **state)
{
        struct cmdline c;

        parse("root=/dev/vda1", &c);
        assert_int_equal(c.kdump_target.kind, ROOT_NONE);
        assert_null(c.kdump_path);
        assert_int_equal(c.kdump_final, ONFAIL_REBOOT);
        cmdline_free(&c);
}

static void test_kdump_words_are_parsed(void **state)
{
        struct cmdline c;

        parse("rd.kdump.target=UUID=0d5c4f7a-1111-2222-3333-444455556666 rd.kdump.path=/srv/crash "
              "rd.kdump.final=poweroff", &c);
        assert_int_equal(c.n_errors, 0);
        assert_int_equal(c.kdump_target.kind, ROOT_UUID);
        assert_string_equal(c.kdump_target.value, "0d5c4f7a-1111-2222-3333-444455556666");
        assert_string_equal(c.kdump_path, "/srv/crash");
        assert_int_equal(c.kdump_final, ONFAIL_POWEROFF);
        cmdline_free(&c);
        parse("rd.kdump.target=LABEL=dumps rd.kdump.final=shell", &c);
        assert_int_equal(c.kdump_target.kind, ROOT_LABEL);
        assert_string_equal(c.kdump_target.value, "dumps");
        assert_int_equal(c.kdump_final, ONFAIL_SHELL);
        cmdline_free(&c);
        parse("rd.kdump.target=/dev/vdb rd.kdump.target=/dev/vdc", &c);
        assert_int_equal(c.kdump_target.kind, ROOT_PATH);
        assert_string_equal(c.kdump_target.value, "/dev/vdc");
        assert_int_equal(c.n_errors, 0);
        cmdline_free(&c);
}

static void test_bad_kdump_words_are_reported_and_ignored(void **state)
{
        struct cmdline c;

        parse("rd.kdump.path=/var/crash rd.kdump.path=crash rd.kdump.path=/var/../etc "
              "rd.kdump.path=/a/.. rd.kdump.final=explode rd.kdump.target= rd.kdump.target=UUID= "
              "rd.kdump.dir=/x", &c);
        assert_string_equal(c.kdump_path, "/var/crash");
        assert_int_equal(c.kdump_final, ONFAIL_REBOOT);
        assert_int_equal(c.kdump_target.kind, ROOT_NONE);
        assert_error(&c, "rd.kdump.path=crash: not an absolute path");
        assert_error(&c, "rd.kdump.path=/var/../etc: has a \"..\" component");
        assert_error(&c, "rd.kdump.path=/a/..: has a \"..\" component");
        assert_error(&c, "rd.kdump.final=explode: expected shell, reboot, poweroff or halt");
        assert_true(has_error(&c, "rd.kdump.target="));
        assert_true(has_error(&c, "rd.kdump.dir=/x: unknown option (known: rd.kdump.target="));
        cmdline_free(&c);
}

static void test_kdump_path_dots_inside_names_are_fine(void **state)
{
        struct cmdline c;

        parse("rd.kdump.path=/var/crash..old/a..b", &c);
        assert_int_equal(c.n_errors, 0);
        assert_string_equal(c.kdump_path, "/var/crash..old/a..b");
        cmdline_free(&c);
}

static void test_unset_kdump_words(void **state)
{
        struct cmdline c;

        parse("rd.kdump.target=LABEL=d rd.kdump.path=/d rd.kdump.final=halt", &c);
        assert_int_equal(cmdline_unset_key(&c, "rd.kdump.target"), 0);
        assert_int_equal(cmdline_unset_key(&c, "rd.kdump.path"), 0);
        assert_int_equal(cmdline_unset_key(&c, "rd.kdump.final"), 0);
        assert_int_equal(c.kdump_target.kind, ROOT_NONE);
        assert_null(c.kdump_path);
        assert_int_equal(c.kdump_final, ONFAIL_REBOOT);
        cmdline_free(&c);
}

static void test_kdump_words_are_not_handed_to_init(void **state)
{
        struct cmdline c;

        parse("rd.kdump.target=/dev/vdb rd.kdump.final=reboot", &c);
        assert_int_equal(c.init_argv.n, 0);
        assert_int_equal(c.init_envp.n, 0);
        assert_int_equal(c.module_options.n, 0);
        cmdline_free(&c);
}

static void test_unset_key_restores_defaults(void **state)
{
        struct cmdline c;

        parse("root=LABEL=x rootfstype=ext4 rootflags=noatime init=/bin/sh rw rootwait rootdelay=3 "
              "rd.checkpoint=disks rd.checkpoint.onfail=reboot rd.checkpoint.timeout=30 "
              "rd.checkpoint.prompt_timeout=9 modules-load=a rd.driver.pre=b rd.driver.blacklist=c "
              "rd.env.FOO=1 rd.env.BAR=2 rd.env.require=FOO", &c);
        static const char *const keys[] = {
                "root", "rootfstype", "rootflags", "init", "rw", "rootwait", "rootdelay",
                "rd.checkpoint", "rd.checkpoint.onfail", "rd.checkpoint.timeout",
                "rd.checkpoint.prompt_timeout", "modules-load", "rd.driver.pre",
                "rd.driver.blacklist", "rd.env.FOO", "rd.env.require",
        };
        for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
                assert_int_equal(cmdline_unset_key(&c, keys[i]), 0);
        assert_int_equal(c.root.kind, ROOT_NONE);
        assert_null(c.rootfstype);
        assert_null(c.rootflags);
        assert_null(c.init);
        assert_false(c.rw);
        assert_false(c.rootwait);
        assert_int_equal(c.rootdelay, 0);
        assert_int_equal(c.pause, 0);
        assert_int_equal(c.onfail, ONFAIL_SHELL);
        assert_int_equal(c.timeout, CMDLINE_DEFAULT_TIMEOUT);
        assert_int_equal(c.prompt_timeout, 0);
        assert_int_equal(c.modules_load.n, 0);
        assert_int_equal(c.driver_pre.n, 0);
        assert_int_equal(c.blacklist.n, 0);
        assert_int_equal(c.env_require.n, 0);
        /* Only FOO went. */
        assert_int_equal(c.env_set.n, 1);
        assert_string_equal(c.env_set.items[0], "BAR=2");
        assert_null(c.env_set.items[1]);
        assert_int_equal(c.n_errors, 0);
        cmdline_free(&c);
}

static void test_unset_unknown_key_is_an_error(void **state)
{
        struct cmdline c;

        parse("", &c);
        assert_int_equal(cmdline_unset_key(&c, "console"), -EINVAL);
        assert_error(&c, "console: not a setting unset knows");
        assert_int_equal(cmdline_unset_key(&c, "rd.env."), -EINVAL);
        cmdline_free(&c);
}

static void test_strlist_remove_name_matches_whole_names(void **state)
{
        struct strv v = { 0 };

        assert_int_equal(strlist_push(&v, "FOO=1"), 0);
        assert_int_equal(strlist_push(&v, "FOOBAR=2"), 0);
        assert_int_equal(strlist_push(&v, "FOO"), 0);
        assert_int_equal(strlist_push(&v, "BAR=FOO"), 0);
        strlist_remove_name(&v, "FOO", 3);
        assert_int_equal(v.n, 2);
        assert_string_equal(v.items[0], "FOOBAR=2");
        assert_string_equal(v.items[1], "BAR=FOO");
        assert_null(v.items[2]);
        strlist_free(&v);
}

static void test_bad_timeout_is_reported(void **state)
{
        struct cmdline c;

        parse("rd.checkpoint.timeout=30 rd.checkpoint.timeout=abc rd.checkpoint.timeout=-1 "
              "rd.checkpoint.timeout=86401 rd.checkpoint.timeout= rd.checkpoint.timeout=1.5", &c);
        assert_int_equal(c.timeout, 30);
        assert_int_equal(c.n_errors, 5);
        assert_error(&c, "rd.checkpoint.timeout=abc: not a number of seconds");
        assert_error(&c, "rd.checkpoint.timeout=86401: not a number of seconds 0..86400");
        cmdline_free(&c);
}

static void test_unknown_rd_checkpoint_option_is_reported(void **state)
{
        struct cmdline c;

        parse("rd.checkpoint.timout=5 rd.checkpoint.", &c);
        assert_int_equal(c.timeout, CMDLINE_DEFAULT_TIMEOUT);
        assert_int_equal(c.n_errors, 2);
        assert_error(&c, "rd.checkpoint.timout=5: unknown option");
        cmdline_free(&c);
}

static void test_checkpoint_index_matches_names(void **state)
{
        for (int i = 0; i < CHECKPOINT_COUNT; i++)
                assert_int_equal(checkpoint_index(checkpoint_names[i]), i);
        assert_string_equal(checkpoint_names[0], "drivers");
        assert_string_equal(checkpoint_names[6], "switch_root");
        assert_int_equal(checkpoint_index("switch-root"), 6);
        assert_int_equal(checkpoint_index("all"), -1);
        assert_int_equal(checkpoint_index("disk"), -1);
        assert_int_equal(checkpoint_index(""), -1);
        assert_int_equal(checkpoint_index(NULL), -1);
}

static void test_onfail_names(void **state)
{
        assert_string_equal(onfail_name(ONFAIL_SHELL), "shell");
        assert_string_equal(onfail_name(ONFAIL_REBOOT), "reboot");
        assert_string_equal(onfail_name(ONFAIL_POWEROFF), "poweroff");
        assert_string_equal(onfail_name(ONFAIL_HALT), "halt");
        assert_non_null(onfail_name((enum onfail)42));
}

/* What init gets */

static void test_bare_unknown_words_become_init_args(void **state)
{
        struct cmdline c;

        parse("splash single 3 emergency", &c);
        assert_strv(&c.init_argv, STRV("splash", "single", "3", "emergency"));
        assert_int_equal(c.init_envp.n, 0);
        cmdline_free(&c);
}

static void test_unknown_assignments_become_init_env(void **state)
{
        struct cmdline c;

        parse("BOOT_IMAGE=/vmlinuz-6.1.0 LANG=C.UTF-8 TERM=vt100", &c);
        assert_strv(&c.init_envp, STRV("BOOT_IMAGE=/vmlinuz-6.1.0", "LANG=C.UTF-8", "TERM=vt100"));
        assert_int_equal(c.init_argv.n, 0);
        cmdline_free(&c);
}

static void test_kernel_words_are_not_handed_to_init(void **state)
{
        struct cmdline c;

        parse("root=/dev/vda1 rootfstype=ext4 rootflags=x ro rw rootwait rootdelay=1 init=/sbin/init "
              "console=ttyS0 earlycon quiet debug loglevel=7 panic=10 nomodeset noapic mem=1G "
              "module_blacklist=x selinux=0 mitigations=off nokaslr crashkernel=256M ip=dhcp "
              "resume=/dev/sda2 noresume initrd=\\initrd.img nr-cpus=2", &c);
        assert_int_equal(c.init_argv.n, 0);
        assert_int_equal(c.init_envp.n, 0);
        assert_int_equal(c.n_errors, 0);
        cmdline_free(&c);
}

static void test_dotted_words_are_not_handed_to_init(void **state)
{
        struct cmdline c;

        parse("printk.time=1 systemd.unit=rescue.target rd.break vt.handoff=7 usbcore.nousb", &c);
        assert_int_equal(c.init_argv.n, 0);
        assert_int_equal(c.init_envp.n, 0);
        cmdline_free(&c);
}

static void test_env_words_replace_earlier(void **state)
{
        struct cmdline c;

        parse("FOO=1 BAR=2 FOOBAR=3 FOO=4 FOO_=5 BAR=\"x y\"", &c);
        assert_strv(&c.init_envp, STRV("FOO=4", "BAR=x y", "FOOBAR=3", "FOO_=5"));
        cmdline_free(&c);
}

static void test_too_many_init_args_are_reported_and_dropped(void **state)
{
        char text[1024] = "";
        struct cmdline c;

        for (int i = 0; i < 40; i++)
                snprintf(text + strlen(text), sizeof(text) - strlen(text), "a%d ", i);
        parse(text, &c);
        assert_int_equal(c.init_argv.n, 32);
        assert_string_equal(c.init_argv.items[31], "a31");
        assert_null(c.init_argv.items[32]);
        assert_int_equal(c.n_errors, 8);
        assert_error(&c, "a32: more than 32 arguments for init");
        cmdline_free(&c);

        /* The same limit holds after "--". */
        snprintf(text, sizeof(text), "--");
        for (int i = 0; i < 33; i++)
                snprintf(text + strlen(text), sizeof(text) - strlen(text), " b%d", i);
        parse(text, &c);
        assert_int_equal(c.init_argv.n, 32);
        assert_int_equal(c.n_errors, 1);
        assert_error(&c, "b32: more than 32 arguments for init");
        cmdline_free(&c);
}

static void test_too_many_init_env_are_reported_and_dropped(void **state)
{
        char text[1024] = "";
        struct cmdline c;

        for (int i = 0; i < 34; i++)
                snprintf(text + strlen(text), sizeof(text) - strlen(text), "V%d=%d ", i, i);
        strcat(text, "V0=again");
        parse(text, &c);
        assert_int_equal(c.init_envp.n, 32);
        assert_string_equal(c.init_envp.items[0], "V0=again");
        assert_int_equal(c.n_errors, 2);
        assert_error(&c, "V32=32: more than 32 environment variables for init");
        cmdline_free(&c);
}

/* Bad input */

static void test_too_long_cmdline_is_refused_whole(void **state)
{
        size_t len = CMDLINE_MAX_LEN + 1;
        char *text = malloc(len + 1);
        struct cmdline c;

        assert_non_null(text);
        memset(text, ' ', len);
        memcpy(text, "root=/dev/vda1 rw", 17);
        text[len] = '\0';
        parse(text, &c);
        assert_int_equal(c.root.kind, ROOT_NONE);
        assert_false(c.rw);
        assert_int_equal(c.n_errors, 1);
        assert_error(&c, "longer than 65536 bytes");
        cmdline_free(&c);

        /* CMDLINE_MAX_LEN itself is fine. */
        text[len - 1] = '\0';
        parse(text, &c);
        assert_int_equal(c.root.kind, ROOT_PATH);
        assert_true(c.rw);
        assert_int_equal(c.n_errors, 0);
        cmdline_free(&c);
        free(text);
}

static void test_thousands_of_words_do_not_crash(void **state)
{
        static const char *const words[] = {
                "splash ", "FOO=bar ", "x.y=z ", "root=UUID=a ", "rd.checkpoint=bogus ",
                "modules-load=a,b ", "console=ttyS0 ", "\"q w\" ", "rw ", "BAR=\"1 2\" ",
        };
        size_t size = CMDLINE_MAX_LEN + 1, len = 0, n = 0;
        char *text = malloc(size);
        struct cmdline c;

        assert_non_null(text);
        while (1) {
                const char *w = words[n % (sizeof(words) / sizeof(words[0]))];

                if (len + strlen(w) >= size)
                        break;
                memcpy(text + len, w, strlen(w));
                len += strlen(w);
                n++;
        }
        text[len] = '\0';
        assert_true(n > 5000);

        parse(text, &c);
        assert_int_equal(c.root.kind, ROOT_UUID);
        assert_true(c.rw);
        assert_int_equal(c.init_argv.n, 32);
        assert_strv(&c.init_envp, STRV("FOO=bar", "modules-load=a,b", "BAR=1 2"));
        assert_int_equal(c.n_errors, CMDLINE_MAX_ERRORS);
        assert_true(c.n_errors_dropped > 1000);
        assert_true(c.modules_load.n > 1000);
        assert_true(c.module_options.n > 500);
        cmdline_free(&c);
        free(text);
}

static void test_errors_beyond_limit_are_counted(void **state)
{
        char text[1024] = "";
        struct cmdline c;

        for (int i = 0; i < CMDLINE_MAX_ERRORS + 4; i++)
                snprintf(text + strlen(text), sizeof(text) - strlen(text), "rootdelay=x%d ", i);
        parse(text, &c);
        assert_int_equal(c.n_errors, CMDLINE_MAX_ERRORS);
        assert_int_equal(c.n_errors_dropped, 4);
        assert_error(&c, "rootdelay=x0:");
        assert_error(&c, "rootdelay=x15:");
        assert_false(has_error(&c, "rootdelay=x16:"));
        cmdline_free(&c);
}

static void test_error_message_for_long_word_is_short(void **state)
{
        char text[600] = "rd.checkpoint=";
        struct cmdline c;

        memset(text + strlen(text), 'z', 500);
        parse(text, &c);
        assert_int_equal(c.n_errors, 1);
        assert_true(strlen(c.errors[0]) < 300);
        assert_error(&c, "rd.checkpoint=zzz");
        assert_error(&c, "...: unknown checkpoint");
        cmdline_free(&c);
}

static void test_free_leaves_struct_zeroed_and_reusable(void **state)
{
        static const struct cmdline zero;
        struct cmdline c;

        parse("root=UUID=x rootfstype=ext4 rootflags=a init=/x modules-load=a rd.driver.pre=b "
              "rd.driver.blacklist=c m.p=1 console=tty0 splash A=1 root=", &c);
        assert_int_equal(c.n_errors, 1);
        cmdline_free(&c);
        assert_memory_equal(&c, &zero, sizeof(c));
        cmdline_free(&c);

        parse("rw", &c);
        assert_true(c.rw);
        assert_int_equal(c.timeout, CMDLINE_DEFAULT_TIMEOUT);
        cmdline_free(&c);
}

/* cmdline_apply_word() */

static void test_apply_word_sets_root(void **state)
{
        struct cmdline c;

        parse("root=/dev/sda1", &c);
        assert_int_equal(cmdline_apply_word(&c, "root=LABEL=rescue"), 0);
        assert_int_equal(c.root.kind, ROOT_LABEL);
        assert_string_equal(c.root.value, "rescue");
        assert_int_equal(cmdline_apply_word(&c, "rd.checkpoint=disks"), 0);
        assert_int_equal(c.pause, 1u << 2);
        assert_int_equal(cmdline_apply_word(&c, "rw"), 0);
        assert_true(c.rw);
        assert_int_equal(c.n_errors, 0);
        cmdline_free(&c);
}

static void test_apply_word_reports_bad_word(void **state)
{
        struct cmdline c;

        parse("root=/dev/sda1", &c);
        assert_int_equal(cmdline_apply_word(&c, "root=UUID="), -EINVAL);
        assert_int_equal(c.root.kind, ROOT_PATH);
        assert_int_equal(c.n_errors, 1);
        assert_error(&c, "root=UUID=: empty UUID");
        assert_int_equal(cmdline_apply_word(&c, "rd.checkpoint.timeout=abc"), -EINVAL);
        assert_int_equal(c.n_errors, 2);
        assert_int_equal(cmdline_apply_word(&c, "rd.checkpoint=nope"), -EINVAL);
        assert_int_equal(cmdline_apply_word(&c, "rootflags=\"x"), -EINVAL);
        assert_string_equal(c.rootflags, "x");
        cmdline_free(&c);
}

static void test_apply_word_reports_when_errors_are_full(void **state)
{
        struct cmdline c;

        parse(NULL, &c);
        for (int i = 0; i < CMDLINE_MAX_ERRORS; i++)
                assert_int_equal(cmdline_apply_word(&c, "loglevel=x"), -EINVAL);
        assert_int_equal(cmdline_apply_word(&c, "loglevel=y"), -EINVAL);
        assert_int_equal(c.n_errors_dropped, 1);
        assert_int_equal(cmdline_apply_word(&c, "loglevel=4"), 0);
        cmdline_free(&c);
}

static void test_apply_word_keeps_spaces_in_value(void **state)
{
        struct cmdline c;

        parse(NULL, &c);
        assert_int_equal(cmdline_apply_word(&c, "  rootflags=subvol=@, noatime \n"), 0);
        assert_string_equal(c.rootflags, "subvol=@, noatime");
        assert_int_equal(cmdline_apply_word(&c, "root=\"LABEL=my root\""), 0);
        assert_string_equal(c.root.value, "my root");
        assert_int_equal(cmdline_apply_word(&c, "\"FOO=a b\""), 0);
        assert_strv(&c.init_envp, STRV("FOO=a b"));
        cmdline_free(&c);
}

static void test_apply_word_updates_what_init_gets(void **state)
{
        struct cmdline c;

        parse("FOO=1 splash", &c);
        assert_int_equal(cmdline_apply_word(&c, "FOO=2"), 0);
        assert_int_equal(cmdline_apply_word(&c, "single"), 0);
        assert_int_equal(cmdline_apply_word(&c, "--"), 0);
        assert_strv(&c.init_envp, STRV("FOO=2"));
        assert_strv(&c.init_argv, STRV("splash", "single"));
        cmdline_free(&c);
}

static void test_apply_word_rejects_empty_word(void **state)
{
        struct cmdline c;

        parse(NULL, &c);
        assert_int_equal(cmdline_apply_word(&c, NULL), -EINVAL);
        assert_int_equal(cmdline_apply_word(&c, ""), -EINVAL);
        assert_int_equal(cmdline_apply_word(&c, " \t "), -EINVAL);
        assert_int_equal(c.n_errors, 3);
        assert_error(&c, "empty word");
        cmdline_free(&c);
}

/* struct strv */

static void test_strv_push_keeps_null_termination(void **state)
{
        struct strv v = { 0 };
        char item[16];

        for (int i = 0; i < 100; i++) {
                snprintf(item, sizeof(item), "%d", i);
                assert_int_equal(strlist_push(&v, item), 0);
                assert_int_equal(v.n, (size_t)i + 1);
                assert_null(v.items[v.n]);
        }
        assert_string_equal(v.items[0], "0");
        assert_string_equal(v.items[99], "99");
        assert_int_equal(strlist_push(&v, NULL), -EINVAL);
        strlist_free(&v);
        assert_null(v.items);
        assert_int_equal(v.n, 0);
        strlist_free(&v);
}

static void test_env_set_words_are_collected_last_wins(void **state)
{
        struct cmdline c;

        parse("rd.env.LANG=C rd.env.TZ=UTC rd.env.LANG=\"en_GB.UTF-8\"", &c);
        assert_strv(&c.env_set, STRV("LANG=en_GB.UTF-8", "TZ=UTC"));
        assert_int_equal(c.n_errors, 0);
        /* rd.* words never reach the kernel's environment for init. */
        assert_strv(&c.init_envp, STRV_EMPTY);
        cmdline_free(&c);
}

static void test_env_set_with_bad_name_is_reported(void **state)
{
        struct cmdline c;

        parse("rd.env.1X=a rd.env.A-B=c rd.env.OK", &c);
        assert_error(&c, "rd.env.1X=a: not a variable name");
        assert_error(&c, "rd.env.A-B=c: not a variable name");
        assert_error(&c, "rd.env.OK");
        assert_strv(&c.env_set, STRV_EMPTY);
        cmdline_free(&c);
}

static void test_env_require_lists_names_and_values(void **state)
{
        struct cmdline c;

        parse("rd.env.require=HOME,TERM=vt100 rd.env.require=container=", &c);
        assert_strv(&c.env_require, STRV("HOME", "TERM=vt100", "container="));
        assert_int_equal(c.n_errors, 0);
        cmdline_free(&c);
}

static void test_env_require_with_bad_item_is_refused_whole(void **state)
{
        struct cmdline c;

        parse("rd.env.require=HOME,=x,TERM", &c);
        assert_error(&c, "rd.env.require=HOME,=x,TERM: \"=x\" is not NAME or NAME=VALUE");
        assert_strv(&c.env_require, STRV_EMPTY);
        cmdline_free(&c);
}

/* Stacked roots: dracut's and systemd's words */

static void test_stack_words_are_parsed(void **state)
{
        struct cmdline c;

        parse("rd.luks.uuid=luks-1111,2222 rd.luks.name=3333=cryptroot rd.lvm.vg=vg0 "
              "rd.lvm.lv=vg1/root,vg1/usr rd.md.uuid=aa:bb:cc:dd", &c);
        assert_int_equal(c.n_errors, 0);
        assert_int_equal(c.luks_uuid.n, 2);
        assert_string_equal(c.luks_uuid.items[0], "1111");
        assert_string_equal(c.luks_uuid.items[1], "2222");
        assert_int_equal(c.luks_name.n, 1);
        assert_string_equal(c.luks_name.items[0], "3333=cryptroot");
        assert_string_equal(c.lvm_vg.items[0], "vg0");
        assert_int_equal(c.lvm_lv.n, 2);
        assert_string_equal(c.lvm_lv.items[1], "vg1/usr");
        assert_string_equal(c.md_uuid.items[0], "aa:bb:cc:dd");
        assert_false(c.luks_off || c.lvm_off || c.md_off);
        cmdline_free(&c);
}

static void test_stack_switches_take_yes_and_no(void **state)
{
        struct cmdline c;

        parse("rd.luks=0 rd.lvm=no rd.md=off", &c);
        assert_int_equal(c.n_errors, 0);
        assert_true(c.luks_off && c.lvm_off && c.md_off);
        cmdline_free(&c);
        parse("rd.luks=0 rd.luks=1 rd.lvm=yes", &c);
        assert_false(c.luks_off || c.lvm_off);
        cmdline_free(&c);
}

static void test_bad_stack_words_are_reported(void **state)
{
        struct cmdline c;

        parse("rd.luks=maybe rd.luks.name=nameonly rd.lvm.lv=novg rd.luks.name=u=a/b", &c);
        assert_int_equal(c.n_errors, 4);
        assert_error(&c, "expected 0 or 1");
        assert_error(&c, "expected UUID=NAME");
        assert_error(&c, "is not VG/LV");
        assert_int_equal(c.luks_name.n, 0);
        assert_int_equal(c.lvm_lv.n, 0);
        assert_false(c.luks_off);
        cmdline_free(&c);
}

static void test_stack_words_are_not_handed_to_init(void **state)
{
        struct cmdline c;

        parse("rd.luks.uuid=1111 rd.lvm=0", &c);
        assert_int_equal(c.init_envp.n, 0);
        assert_int_equal(c.init_argv.n, 0);
        assert_int_equal(c.module_options.n, 0);
        cmdline_free(&c);
}

static void test_unset_stack_words(void **state)
{
        struct cmdline c;

        parse("rd.luks=0 rd.luks.uuid=1111 rd.lvm.lv=vg/lv", &c);
        assert_int_equal(cmdline_unset_key(&c, "rd.luks"), 0);
        assert_int_equal(cmdline_unset_key(&c, "rd.luks.uuid"), 0);
        assert_int_equal(cmdline_unset_key(&c, "rd.lvm.lv"), 0);
        assert_false(c.luks_off);
        assert_int_equal(c.luks_uuid.n, 0);
        assert_int_equal(c.lvm_lv.n, 0);
        cmdline_free(&c);
}

static void test_verdict_words_default(void **state)
{
        struct cmdline c;

        parse("root=/dev/vda1", &c);
        assert_int_equal(c.verdict, VERDICT_NONE);
        assert_null(c.verdict_tty);
        cmdline_free(&c);
}

static void assert_verdict_port(const char *text, unsigned port)
{
        struct cmdline c;

        parse(text, &c);
        assert_int_equal(c.n_errors, 0);
        assert_int_equal(c.verdict, VERDICT_ISA_DEBUG_EXIT);
        assert_int_equal(c.verdict_port, port);
        cmdline_free(&c);
}

static void test_verdict_words_are_parsed(void **state)
{
        struct cmdline c;

        parse("rd.verdict=isa-debug-exit rd.verdict.tty=ttyS1", &c);
        assert_int_equal(c.n_errors, 0);
        assert_int_equal(c.verdict, VERDICT_ISA_DEBUG_EXIT);
        assert_int_equal(c.verdict_port, VERDICT_DEFAULT_PORT);
        assert_string_equal(c.verdict_tty, "ttyS1");
        cmdline_free(&c);
        assert_verdict_port("rd.verdict=isa-debug-exit:0xf4", 0xf4);
        assert_verdict_port("rd.verdict=isa-debug-exit:0x501", 0x501);
        assert_verdict_port("rd.verdict=isa-debug-exit:0XFFFF", 0xffff);
        assert_verdict_port("rd.verdict=isa-debug-exit:0x0001", 1);
        assert_verdict_port("rd.verdict=isa-debug-exit:244", 244);
        assert_verdict_port("rd.verdict=isa-debug-exit:65535", 65535);
        assert_verdict_port("rd.verdict=isa-debug-exit:1", 1);
        /* The later word wins, as for every word. */
        assert_verdict_port("rd.verdict=isa-debug-exit:0x501 rd.verdict=isa-debug-exit", 0xf4);
}

static void test_bad_verdict_words_are_reported_and_turn_it_off(void **state)
{
        static const struct {
                const char *word, *error;
        } bad[] = {
                { "rd.verdict=qemu", "rd.verdict=qemu: expected isa-debug-exit or isa-debug-exit:PORT" },
                { "rd.verdict=isa-debug-exitx", "rd.verdict=isa-debug-exitx: expected isa-debug-exit" },
                { "rd.verdict=", "rd.verdict=: expected isa-debug-exit" },
                { "rd.verdict", "rd.verdict: needs a value" },
                { "rd.verdict=isa-debug-exit:0", "rd.verdict=isa-debug-exit:0: PORT is not 1..0xffff" },
                { "rd.verdict=isa-debug-exit:0x0", "rd.verdict=isa-debug-exit:0x0: PORT is not" },
                { "rd.verdict=isa-debug-exit:65536", "rd.verdict=isa-debug-exit:65536: PORT is not" },
                { "rd.verdict=isa-debug-exit:0x10000", "rd.verdict=isa-debug-exit:0x10000: PORT is not" },
                { "rd.verdict=isa-debug-exit:0xffffffffffffffff1", "PORT is not" },
                { "rd.verdict=isa-debug-exit:", "rd.verdict=isa-debug-exit:: PORT is not" },
                { "rd.verdict=isa-debug-exit:0x", "rd.verdict=isa-debug-exit:0x: PORT is not" },
                { "rd.verdict=isa-debug-exit:-1", "rd.verdict=isa-debug-exit:-1: PORT is not" },
                { "rd.verdict=isa-debug-exit:f4", "rd.verdict=isa-debug-exit:f4: PORT is not" },
                { "rd.verdict=isa-debug-exit:0xf4g", "rd.verdict=isa-debug-exit:0xf4g: PORT is not" },
        };

        for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
                char text[128];
                struct cmdline c;

                /* A good word first: a bad one after it leaves no verdict. */
                snprintf(text, sizeof(text), "rd.verdict=isa-debug-exit %s", bad[i].word);
                parse(text, &c);
                assert_int_equal(c.verdict, VERDICT_NONE);
                assert_int_equal(c.n_errors, 1);
                assert_error(&c, bad[i].error);
                cmdline_free(&c);
        }
}

static void test_bad_verdict_tty_is_reported_and_ignored(void **state)
{
        struct cmdline c;

        parse("rd.verdict.tty=ttyS1 rd.verdict.tty=/dev/ttyS2 rd.verdict.tty= rd.verdict.tty=.. "
              "rd.verdict.tty=ttyS1234567890123456789012345678901 rd.verdict.tty rd.verdict.port=1", &c);
        assert_string_equal(c.verdict_tty, "ttyS1");
        assert_int_equal(c.n_errors, 6);
        assert_error(&c, "rd.verdict.tty=/dev/ttyS2: not a name under /dev (ttyS1, no '/')");
        assert_error(&c, "rd.verdict.tty=: not a name under /dev");
        assert_error(&c, "rd.verdict.tty=..: not a name under /dev");
        assert_error(&c, "rd.verdict.tty=ttyS1234567890123456789012345678901: longer than 32 bytes");
        assert_error(&c, "rd.verdict.tty: needs a value");
        assert_error(&c, "rd.verdict.port=1: unknown option (known: rd.verdict=, rd.verdict.tty=)");
        cmdline_free(&c);
}

static void test_verdict_words_set_and_unset_at_the_prompt(void **state)
{
        struct cmdline c;

        parse("rd.verdict=isa-debug-exit:0x501 rd.verdict.tty=ttyS1", &c);
        assert_int_equal(cmdline_unset_key(&c, "rd.verdict"), 0);
        assert_int_equal(cmdline_unset_key(&c, "rd.verdict.tty"), 0);
        assert_int_equal(c.verdict, VERDICT_NONE);
        assert_null(c.verdict_tty);
        assert_int_equal(cmdline_apply_word(&c, "rd.verdict=isa-debug-exit:0x600"), 0);
        assert_int_equal(cmdline_apply_word(&c, "rd.verdict.tty=ttyS3"), 0);
        assert_int_equal(c.verdict, VERDICT_ISA_DEBUG_EXIT);
        assert_int_equal(c.verdict_port, 0x600);
        assert_string_equal(c.verdict_tty, "ttyS3");
        assert_int_equal(cmdline_apply_word(&c, "rd.verdict=off"), -EINVAL);
        assert_int_equal(c.verdict, VERDICT_NONE);
        cmdline_free(&c);
}

static void test_verdict_words_are_not_handed_to_init(void **state)
{
        struct cmdline c;

        parse("rd.verdict=isa-debug-exit rd.verdict.tty=ttyS1", &c);
        assert_int_equal(c.init_argv.n, 0);
        assert_int_equal(c.init_envp.n, 0);
        assert_int_equal(c.module_options.n, 0);
        cmdline_free(&c);
}

int main(void)
{
        const struct CMUnitTest tests[] = {
                cmocka_unit_test(test_null_text_gives_defaults),
                cmocka_unit_test(test_empty_text_gives_defaults),
                cmocka_unit_test(test_parse_overwrites_uninitialised_struct),
                cmocka_unit_test(test_words_split_on_any_whitespace),
                cmocka_unit_test(test_quoted_value_keeps_spaces),
                cmocka_unit_test(test_quoted_word_loses_outer_quotes),
                cmocka_unit_test(test_quote_inside_value_is_kept_like_kernel),
                cmocka_unit_test(test_unterminated_quote_is_reported),
                cmocka_unit_test(test_lone_quotes_do_not_crash),
                cmocka_unit_test(test_empty_quoted_value_is_empty),
                cmocka_unit_test(test_double_dash_hands_rest_to_init),
                cmocka_unit_test(test_second_double_dash_ends_init_args),
                cmocka_unit_test(test_double_dash_with_value_is_a_word),
                cmocka_unit_test(test_dash_and_underscore_are_equivalent_in_names),
                cmocka_unit_test(test_onfail_with_hyphen_is_unknown),
                cmocka_unit_test(test_root_dev_path_is_parsed),
                cmocka_unit_test(test_root_absolute_path_is_parsed),
                cmocka_unit_test(test_root_bare_name_means_dev),
                cmocka_unit_test(test_root_uuid_is_parsed),
                cmocka_unit_test(test_root_label_is_parsed),
                cmocka_unit_test(test_root_partuuid_is_parsed),
                cmocka_unit_test(test_root_partuuid_with_partnroff_is_parsed),
                cmocka_unit_test(test_root_partuuid_bad_partnroff_is_reported),
                cmocka_unit_test(test_root_partlabel_is_parsed),
                cmocka_unit_test(test_root_majmin_is_parsed),
                cmocka_unit_test(test_hex_devt_decodes_like_kernel),
                cmocka_unit_test(test_bare_hex_word_is_devt_not_name),
                cmocka_unit_test(test_root_empty_value_is_reported),
                cmocka_unit_test(test_root_empty_uuid_is_reported),
                cmocka_unit_test(test_root_empty_tags_are_reported),
                cmocka_unit_test(test_root_bad_majmin_is_reported),
                cmocka_unit_test(test_root_hex_out_of_range_is_reported),
                cmocka_unit_test(test_root_unknown_form_is_reported),
                cmocka_unit_test(test_root_too_long_is_reported),
                cmocka_unit_test(test_root_error_keeps_previous_root),
                cmocka_unit_test(test_last_root_wins),
                cmocka_unit_test(test_root_spec_format_renders_as_written),
                cmocka_unit_test(test_root_spec_format_of_none_is_empty),
                cmocka_unit_test(test_root_spec_format_truncates_safely),
                cmocka_unit_test(test_root_spec_parse_rejects_bad_values),
                cmocka_unit_test(test_rootfstype_and_rootflags_are_stored),
                cmocka_unit_test(test_empty_rootflags_clears),
                cmocka_unit_test(test_ro_rw_last_wins),
                cmocka_unit_test(test_rootwait_and_rootdelay_are_parsed),
                cmocka_unit_test(test_bad_rootdelay_is_reported),
                cmocka_unit_test(test_flag_with_value_is_reported),
                cmocka_unit_test(test_init_path_is_stored),
                cmocka_unit_test(test_relative_init_is_reported),
                cmocka_unit_test(test_init_forgets_earlier_init_args),
                cmocka_unit_test(test_modules_load_is_split_and_appended),
                cmocka_unit_test(test_modules_load_is_also_handed_to_init_env),
                cmocka_unit_test(test_driver_pre_and_blacklist_are_split),
                cmocka_unit_test(test_consoles_keep_order),
                cmocka_unit_test(test_empty_console_is_reported),
                cmocka_unit_test(test_quiet_and_loglevel_are_parsed),
                cmocka_unit_test(test_bad_loglevel_is_reported),
                cmocka_unit_test(test_module_options_are_kept_whole),
                cmocka_unit_test(test_rd_words_are_not_module_options),
                cmocka_unit_test(test_env_set_words_are_collected_last_wins),
                cmocka_unit_test(test_env_set_with_bad_name_is_reported),
                cmocka_unit_test(test_env_require_lists_names_and_values),
                cmocka_unit_test(test_env_require_with_bad_item_is_refused_whole),
                cmocka_unit_test(test_checkpoint_names_set_bits),
                cmocka_unit_test(test_checkpoint_all_sets_every_bit),
                cmocka_unit_test(test_unknown_checkpoint_is_reported),
                cmocka_unit_test(test_checkpoint_without_value_is_reported),
                cmocka_unit_test(test_onfail_values_are_parsed),
                cmocka_unit_test(test_bad_onfail_is_reported),
                cmocka_unit_test(test_pstore_policy_is_parsed),
                cmocka_unit_test(test_bad_pstore_policy_is_reported_and_keeps),
                cmocka_unit_test(test_timeout_is_parsed),
                cmocka_unit_test(test_bad_timeout_is_reported),
                cmocka_unit_test(test_unknown_rd_checkpoint_option_is_reported),
                cmocka_unit_test(test_checkpoint_index_matches_names),
                cmocka_unit_test(test_onfail_names),
                cmocka_unit_test(test_bare_unknown_words_become_init_args),
                cmocka_unit_test(test_unknown_assignments_become_init_env),
                cmocka_unit_test(test_kernel_words_are_not_handed_to_init),
                cmocka_unit_test(test_dotted_words_are_not_handed_to_init),
                cmocka_unit_test(test_env_words_replace_earlier),
                cmocka_unit_test(test_too_many_init_args_are_reported_and_dropped),
                cmocka_unit_test(test_too_many_init_env_are_reported_and_dropped),
                cmocka_unit_test(test_too_long_cmdline_is_refused_whole),
                cmocka_unit_test(test_thousands_of_words_do_not_crash),
                cmocka_unit_test(test_errors_beyond_limit_are_counted),
                cmocka_unit_test(test_error_message_for_long_word_is_short),
                cmocka_unit_test(test_free_leaves_struct_zeroed_and_reusable),
                cmocka_unit_test(test_apply_word_sets_root),
                cmocka_unit_test(test_apply_word_reports_bad_word),
                cmocka_unit_test(test_apply_word_reports_when_errors_are_full),
                cmocka_unit_test(test_apply_word_keeps_spaces_in_value),
                cmocka_unit_test(test_apply_word_updates_what_init_gets),
                cmocka_unit_test(test_apply_word_rejects_empty_word),
                cmocka_unit_test(test_strv_push_keeps_null_termination),
                cmocka_unit_test(test_prompt_timeout_is_parsed),
                cmocka_unit_test(test_unset_key_restores_defaults),
                cmocka_unit_test(test_unset_unknown_key_is_an_error),
                cmocka_unit_test(test_strlist_remove_name_matches_whole_names),
                cmocka_unit_test(test_stack_words_are_parsed),
                cmocka_unit_test(test_stack_switches_take_yes_and_no),
                cmocka_unit_test(test_bad_stack_words_are_reported),
                cmocka_unit_test(test_stack_words_are_not_handed_to_init),
                cmocka_unit_test(test_unset_stack_words),
                cmocka_unit_test(test_kdump_words_default),
                cmocka_unit_test(test_kdump_words_are_parsed),
                cmocka_unit_test(test_bad_kdump_words_are_reported_and_ignored),
                cmocka_unit_test(test_kdump_path_dots_inside_names_are_fine),
                cmocka_unit_test(test_unset_kdump_words),
                cmocka_unit_test(test_kdump_words_are_not_handed_to_init),
                cmocka_unit_test(test_verdict_words_default),
                cmocka_unit_test(test_verdict_words_are_parsed),
                cmocka_unit_test(test_bad_verdict_words_are_reported_and_turn_it_off),
                cmocka_unit_test(test_bad_verdict_tty_is_reported_and_ignored),
                cmocka_unit_test(test_verdict_words_set_and_unset_at_the_prompt),
                cmocka_unit_test(test_verdict_words_are_not_handed_to_init),
        };

        return cmocka_run_group_tests(tests, NULL, NULL);
}
