/* SPDX-License-Identifier: MIT */
/* console= values as the kernel reads them: which are devices, and their line settings. */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <string.h>
#include <termios.h>
#include <cmocka.h>

#include "ttyspec.h"

static struct ttyspec parse_ok(const char *value)
{
        struct ttyspec t;
        const char *error = "unset";

        assert_int_equal(ttyspec_parse(value, &t, &error), 0);
        assert_null(error);
        return t;
}

static void test_name_alone_keeps_kernel_line_settings(void **state)
{
        struct ttyspec t = parse_ok("ttyS0");

        assert_string_equal(t.path, "/dev/ttyS0");
        assert_false(t.has_options);
        t = parse_ok("tty0");
        assert_string_equal(t.path, "/dev/tty0");
        t = parse_ok("hvc0");
        assert_string_equal(t.path, "/dev/hvc0");
}

static void test_speed_parity_bits_and_flow(void **state)
{
        struct ttyspec t = parse_ok("ttyS0,115200n8");

        assert_true(t.has_options);
        assert_int_equal(t.baud, 115200);
        assert_int_equal(t.speed, B115200);
        assert_int_equal(t.parity, 'n');
        assert_int_equal(t.bits, 8);
        assert_false(t.rtscts);

        t = parse_ok("ttyAMA0,9600e7r");
        assert_string_equal(t.path, "/dev/ttyAMA0");
        assert_int_equal(t.speed, B9600);
        assert_int_equal(t.parity, 'e');
        assert_int_equal(t.bits, 7);
        assert_true(t.rtscts);

        /* Only the speed: n8 as the kernel defaults. */
        t = parse_ok("ttyS1,57600");
        assert_int_equal(t.speed, B57600);
        assert_int_equal(t.parity, 'n');
        assert_int_equal(t.bits, 8);
}

static void test_early_and_non_device_consoles_are_not_opened(void **state)
{
        static const char *const values[] = {
                "uart8250,io,0x3f8,115200", "uart,mmio,0x1000", "null", "lp0", "efi",
                "", "../etc/passwd", "tty S0", "ttyS0/..", "averyveryveryverylongconsolenameof40chars",
        };
        struct ttyspec t;
        const char *error;

        for (size_t i = 0; i < sizeof(values) / sizeof(values[0]); i++)
                assert_int_equal(ttyspec_parse(values[i], &t, &error), -ENODEV);
}

static void test_bad_line_settings_are_named(void **state)
{
        static const char *const values[] = {
                "ttyS0,fast", "ttyS0,12345", "ttyS0,115200x8", "ttyS0,115200n9", "ttyS0,115200n8q",
                "ttyS0,",
        };
        struct ttyspec t;
        const char *error;

        for (size_t i = 0; i < sizeof(values) / sizeof(values[0]); i++) {
                error = NULL;
                assert_int_equal(ttyspec_parse(values[i], &t, &error), -EINVAL);
                assert_non_null(error);
                /* The device is still known, so the console is used with the kernel's settings. */
                assert_string_equal(t.path, "/dev/ttyS0");
        }
}

static void test_apply_sets_speed_and_framing(void **state)
{
        struct termios tio;
        struct ttyspec t = parse_ok("ttyS0,19200o7r");

        memset(&tio, 0, sizeof(tio));
        tio.c_cflag = CS8 | CLOCAL;
        ttyspec_apply(&t, &tio);
        assert_int_equal(cfgetospeed(&tio), B19200);
        assert_int_equal(cfgetispeed(&tio), B19200);
        assert_int_equal(tio.c_cflag & CSIZE, CS7);
        assert_true(tio.c_cflag & PARENB);
        assert_true(tio.c_cflag & PARODD);
        assert_true(tio.c_cflag & CRTSCTS);
        assert_true(tio.c_cflag & CLOCAL);

        /* No options: nothing changes. */
        t = parse_ok("ttyS0");
        memset(&tio, 0, sizeof(tio));
        tio.c_cflag = CS8;
        ttyspec_apply(&t, &tio);
        assert_int_equal(tio.c_cflag, CS8);
}

int main(void)
{
        const struct CMUnitTest tests[] = {
                cmocka_unit_test(test_name_alone_keeps_kernel_line_settings),
                cmocka_unit_test(test_speed_parity_bits_and_flow),
                cmocka_unit_test(test_early_and_non_device_consoles_are_not_opened),
                cmocka_unit_test(test_bad_line_settings_are_named),
                cmocka_unit_test(test_apply_sets_speed_and_framing),
        };

        return cmocka_run_group_tests(tests, NULL, NULL);
}
