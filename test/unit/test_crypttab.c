/* SPDX-License-Identifier: MIT */
/*
 * /etc/crypttab: what Debian's and systemd's readers accept for a LUKS
 * device with a passphrase is read; everything else is refused naming the
 * line, the mapping and what is not supported.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>

#include "crypttab.h"

/* Parses @text expecting an error; @err gets the message. */
static void refused(const char *text, char *err, size_t size)
{
        struct crypttab tab;

        assert_int_equal(crypttab_parse(text, &tab, err, size), -EINVAL);
        assert_null(tab.items);
        assert_int_equal(tab.n, 0);
}

static void test_installer_lines_are_read(void **state)
{
        struct crypttab tab;
        char err[256];

        assert_int_equal(crypttab_parse("# <target name> <source device> <key file> <options>\n"
                                        "sda3_crypt UUID=0a1b2c3d-0000-4000-8000-000000000001 none luks,discard\n"
                                        "\n"
                                        "   \t\n"
                                        "  # indented comment\n"
                                        "luks-0a1b\tPARTUUID=5e1f-02\t-\tluks\r\n"
                                        "data LABEL=store\n"
                                        "swap /dev/vdb2 none luks,initramfs,nofail,noauto,noearly,x-initrd.attach\n",
                                        &tab, err, sizeof(err)), 0);
        assert_string_equal(err, "");
        assert_int_equal(tab.n, 4);
        assert_string_equal(tab.items[0].name, "sda3_crypt");
        assert_string_equal(tab.items[0].source, "UUID=0a1b2c3d-0000-4000-8000-000000000001");
        assert_true(tab.items[0].discard);
        assert_string_equal(tab.items[1].name, "luks-0a1b");
        assert_string_equal(tab.items[1].source, "PARTUUID=5e1f-02");
        assert_false(tab.items[1].discard);
        assert_string_equal(tab.items[2].source, "LABEL=store");
        assert_string_equal(tab.items[3].source, "/dev/vdb2");
        crypttab_free(&tab);
        assert_null(tab.items);
}

static void test_empty_text_is_an_empty_table(void **state)
{
        struct crypttab tab;
        char err[64];

        assert_int_equal(crypttab_parse("", &tab, err, sizeof(err)), 0);
        assert_int_equal(tab.n, 0);
        assert_int_equal(crypttab_parse(NULL, &tab, err, sizeof(err)), 0);
        assert_int_equal(tab.n, 0);
        assert_int_equal(crypttab_parse("# nothing\n\n", &tab, err, sizeof(err)), 0);
        assert_int_equal(tab.n, 0);
}

static void test_octal_sequences_are_decoded_and_quotes_kept(void **state)
{
        struct crypttab tab;
        char err[128];

        assert_int_equal(crypttab_parse("my\\0040root LABEL=a\\040b none discard\n"
                                        "\"q\" /dev/vda1 # a hash mid-line is no comment\n",
                                        &tab, err, sizeof(err)), -EINVAL);
        /* The second line has five fields: the '#' does not end it. */
        assert_string_equal(err, "line 2 (\"q\"): 9 fields; a line is NAME SOURCE [KEYFILE [OPTIONS]]");
        assert_int_equal(crypttab_parse("my\\0040root LABEL=a\\040b none dis\\0143ard\n"
                                        "\"q\" /dev/vda1\n", &tab, err, sizeof(err)), 0);
        assert_string_equal(tab.items[0].name, "my root");
        assert_string_equal(tab.items[0].source, "LABEL=a b");
        assert_true(tab.items[0].discard);
        assert_string_equal(tab.items[1].name, "\"q\"");
        crypttab_free(&tab);
}

static void test_unsupported_options_are_named(void **state)
{
        char err[256];

        refused("root UUID=1 none luks\ncryptroot /dev/sda2 none luks,keyscript=/lib/cryptsetup/scripts/passdev\n",
                err, sizeof(err));
        assert_string_equal(err, "line 2 (cryptroot): option keyscript= is not supported");
        refused("a /dev/sda2 - tpm2-device=auto", err, sizeof(err));
        assert_string_equal(err, "line 1 (a): option tpm2-device= is not supported");
        refused("a /dev/sda2 none luks,discard,readonly", err, sizeof(err));
        assert_string_equal(err, "line 1 (a): option readonly is not supported");
        /* A supported flag with a value is not that flag. */
        refused("a /dev/sda2 none discard=1", err, sizeof(err));
        assert_string_equal(err, "line 1 (a): option discard= is not supported");
}

static void test_other_modes_are_refused(void **state)
{
        static const char *const lines[] = {
                "p /dev/sdb none plain,cipher=aes-cbc-essiv:sha256",
                "t /dev/sdb none tcrypt",
                "b /dev/sdb none bitlk",
        };
        static const char *const want[] = {
                "line 1 (p): option plain is not supported: rdcheck opens LUKS devices only",
                "line 1 (t): option tcrypt is not supported: rdcheck opens LUKS devices only",
                "line 1 (b): option bitlk is not supported: rdcheck opens LUKS devices only",
        };
        char err[256];

        for (size_t i = 0; i < sizeof(lines) / sizeof(lines[0]); i++) {
                refused(lines[i], err, sizeof(err));
                assert_string_equal(err, want[i]);
        }
}

static void test_key_files_are_refused(void **state)
{
        char err[256];

        refused("\n\nroot UUID=1 /etc/keys/root.key luks", err, sizeof(err));
        assert_string_equal(err, "line 3 (root): key file /etc/keys/root.key is not supported: the "
                            "passphrase is asked (write none or -)");
        refused("root UUID=1 /dev/disk/by-label/usb:/key luks", err, sizeof(err));
        assert_non_null(strstr(err, "key file /dev/disk/by-label/usb:/key is not supported"));
}

static void test_malformed_lines_are_refused(void **state)
{
        char err[256];

        refused("lonely", err, sizeof(err));
        assert_string_equal(err, "line 1 (lonely): no source device");
        refused("a/b /dev/sda1", err, sizeof(err));
        assert_string_equal(err, "line 1: name 'a/b' is not a plain file name for /dev/mapper");
        refused("..  /dev/sda1", err, sizeof(err));
        assert_string_equal(err, "line 1: name '..' is not a plain file name for /dev/mapper");
        refused("a /dev/sda1\na /dev/sda2", err, sizeof(err));
        assert_string_equal(err, "line 2 (a): the name is already used by an earlier line");
        refused("a /home/disk.img", err, sizeof(err));
        assert_string_equal(err, "line 1 (a): source /home/disk.img is not supported: give /dev/..., "
                            "UUID=, PARTUUID=, LABEL= or PARTLABEL=");
        refused("a UUID=", err, sizeof(err));
        assert_non_null(strstr(err, "source UUID= is not supported"));
        refused("a\\x /dev/sda1", err, sizeof(err));
        assert_string_equal(err, "line 1: name: a backslash that is not an octal sequence \\0NNN");
        refused("a /dev/sda\\0", err, sizeof(err));
        assert_string_equal(err, "line 1 (a): source: a backslash that is not an octal sequence \\0NNN");
        refused("a /dev/sda1 none luks\\", err, sizeof(err));
        assert_string_equal(err, "line 1 (a): options: a backslash that is not an octal sequence \\0NNN");
}

static void test_long_fields_are_refused(void **state)
{
        char line[600], err[256];

        memset(line, 'n', 128);
        strcpy(line + 128, " /dev/sda1");
        refused(line, err, sizeof(err));
        assert_string_equal(err, "line 1: name of 128 bytes: device mapper names have at most 127");
        memset(line, 'n', 127);
        strcpy(line + 127, " /dev/");
        memset(line + 133, 's', 300);
        line[433] = '\0';
        refused(line, err, sizeof(err));
        assert_non_null(strstr(err, "source of 305 bytes is too long (at most 255)"));
}

static void test_empty_options_items_are_skipped(void **state)
{
        struct crypttab tab;
        char err[64];

        assert_int_equal(crypttab_parse("a /dev/sda1 none ,luks,,discard,", &tab, err, sizeof(err)), 0);
        assert_true(tab.items[0].discard);
        crypttab_free(&tab);
}

static void test_small_error_buffer_is_safe(void **state)
{
        struct crypttab tab;
        char err[8];

        assert_int_equal(crypttab_parse("cryptroot /dev/sda2 none keyscript=x", &tab, err, sizeof(err)),
                         -EINVAL);
        assert_string_equal(err, "line 1 ");
        assert_int_equal(crypttab_parse("cryptroot /dev/sda2 none keyscript=x", &tab, NULL, 0), -EINVAL);
}

int main(void)
{
        const struct CMUnitTest tests[] = {
                cmocka_unit_test(test_installer_lines_are_read),
                cmocka_unit_test(test_empty_text_is_an_empty_table),
                cmocka_unit_test(test_octal_sequences_are_decoded_and_quotes_kept),
                cmocka_unit_test(test_unsupported_options_are_named),
                cmocka_unit_test(test_other_modes_are_refused),
                cmocka_unit_test(test_key_files_are_refused),
                cmocka_unit_test(test_malformed_lines_are_refused),
                cmocka_unit_test(test_long_fields_are_refused),
                cmocka_unit_test(test_empty_options_items_are_skipped),
                cmocka_unit_test(test_small_error_buffer_is_safe),
        };

        return cmocka_run_group_tests(tests, NULL, NULL);
}
