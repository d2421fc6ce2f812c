/* SPDX-License-Identifier: MIT */
/*
 * The line editor: what each key does to the line and to the echo, the
 * history, escape sequences, and the bounds on lines, sequences and echo.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "lineedit.h"

#define UP      "\x1b[A"
#define DOWN    "\x1b[B"
#define ERASE1  "\b \b"

/* Too large for a test's stack frame to be comfortable; one editor serves each test. */
static struct lineedit editor_storage;

static struct lineedit *editor(bool echo)
{
        lineedit_init(&editor_storage, echo);
        return &editor_storage;
}

/*
 * Feed @n bytes; returns the events in order: "[text]" for a line, "C" for
 * ^C, "D" for end of input, "T" for a line too long.
 */
static const char *feed(struct lineedit *le, const char *s, size_t n)
{
        static char log[8 * LINEEDIT_MAX];
        size_t len = 0;

        log[0] = '\0';
        for (size_t i = 0; i < n; i++) {
                enum lineedit_event ev = lineedit_feed(le, (unsigned char)s[i]);
                const char *line = lineedit_line(le);

                assert_true(strlen(line) < LINEEDIT_MAX);
                if (ev == LINEEDIT_NONE)
                        continue;
                assert_true(len + strlen(line) + 3 < sizeof(log));
                if (ev == LINEEDIT_LINE)
                        len += (size_t)sprintf(log + len, "[%s]", line);
                else
                        log[len++] = "?CDT"[ev - LINEEDIT_LINE];
                log[len] = '\0';
        }
        return log;
}

#define FEED(le, literal) feed(le, literal, sizeof(literal) - 1)

/* The echo so far is exactly @want; then cleared. */
static void assert_echo(struct lineedit *le, const char *want, size_t want_len)
{
        size_t len;
        const char *out = lineedit_output(le, &len);

        assert_int_equal(len, want_len);
        assert_memory_equal(out, want, want_len);
        lineedit_output_clear(le);
}

#define ASSERT_ECHO(le, literal) assert_echo(le, literal, sizeof(literal) - 1)

static void assert_no_echo(struct lineedit *le)
{
        assert_echo(le, "", 0);
}

/* @keys complete nothing and leave @line. */
static void assert_keys_leave(struct lineedit *le, const char *keys, const char *line)
{
        assert_string_equal(feed(le, keys, strlen(keys)), "");
        assert_string_equal(lineedit_line(le), line);
}

/* Same, and they echo exactly @echo. */
static void assert_edit(struct lineedit *le, const char *keys, const char *line, const char *echo)
{
        lineedit_output_clear(le);
        assert_keys_leave(le, keys, line);
        assert_echo(le, echo, strlen(echo));
}

/* A fresh editor, given @input, gives @events and echoes @echo. */
static void assert_typed(const char *input, const char *events, const char *echo)
{
        struct lineedit *le = editor(true);

        assert_string_equal(feed(le, input, strlen(input)), events);
        assert_echo(le, echo, strlen(echo));
}

static void fill(char *buf, char c, size_t n)
{
        memset(buf, c, n);
        buf[n] = '\0';
}

/* One byte more than a line holds, without its end. */
static void type_overlong_line(struct lineedit *le)
{
        static char line[LINEEDIT_MAX + 1];

        fill(line, 'a', LINEEDIT_MAX);
        assert_string_equal(feed(le, line, LINEEDIT_MAX), "");
}

static void test_printable_bytes_are_appended_and_echoed(void **state)
{
        assert_typed("ls -l /dev/~x\r", "[ls -l /dev/~x]", "ls -l /dev/~x\r\n");
}

static void test_utf8_bytes_are_appended_and_echoed(void **state)
{
        assert_typed("cat caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80\r",
                     "[cat caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80]",
                     "cat caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80\r\n");
}

static void test_other_control_bytes_are_ignored(void **state)
{
        static const char ignored[] = "\x00\x01\x02\x05\x06\x07\x0b\x0c\x0e\x0f"
                                      "\x10\x11\x12\x13\x14\x16\x18\x19\x1a\x1c\x1d\x1e\x1f";
        struct lineedit *le = editor(true);

        FEED(le, "a");
        lineedit_output_clear(le);
        assert_string_equal(feed(le, ignored, sizeof(ignored) - 1), "");
        assert_no_echo(le);
        assert_string_equal(FEED(le, "b\r"), "[ab]");
}

static void test_tab_is_taken_as_a_space(void **state)
{
        assert_typed("ls\t-l\r", "[ls -l]", "ls -l\r\n");
}

/* Each line end echoes CR LF, whatever ended the line. */
static void test_cr_lf_and_crlf_each_end_one_line(void **state)
{
        static const struct {
                const char *input, *events, *echo;
        } cases[] = {
                { "help\r", "[help]", "help\r\n" },
                { "help\n", "[help]", "help\r\n" },
                { "\r", "[]", "\r\n" },
                { "a\r\nb\r\n", "[a][b]", "a\r\nb\r\n" },
                { "\r\n\r\n", "[][]", "\r\n\r\n" },
                { "a\n\n", "[a][]", "a\r\n\r\n" },
                { "a\r\r", "[a][]", "a\r\n\r\n" },
                { "b\n\r", "[b][]", "b\r\n\r\n" },
        };

        for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++)
                assert_typed(cases[i].input, cases[i].events, cases[i].echo);
}

static void test_finished_line_stays_until_next_byte(void **state)
{
        struct lineedit *le = editor(true);

        FEED(le, "mount\r");
        assert_string_equal(lineedit_line(le), "mount");
        FEED(le, "x");
        assert_string_equal(lineedit_line(le), "x");
}

static void test_backspace_and_del_erase_the_last_character(void **state)
{
        struct lineedit *le = editor(true);

        FEED(le, "lsxy");
        assert_edit(le, "\b", "lsx", ERASE1);
        assert_edit(le, "\x7f", "ls", ERASE1);
}

static void test_backspace_erases_a_whole_utf8_character(void **state)
{
        struct lineedit *le = editor(true);

        FEED(le, "a\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80");
        assert_edit(le, "\x7f", "a\xc3\xa9\xe2\x82\xac", ERASE1);
        assert_edit(le, "\b", "a\xc3\xa9", ERASE1);
        assert_edit(le, "\x7f", "a", ERASE1);
}

/* A terminal shows each byte of broken UTF-8 as a cell of its own. */
static void test_backspace_erases_one_byte_of_broken_utf8(void **state)
{
        struct lineedit *le = editor(true);

        FEED(le, "a\x80\x80\xe2\x82");
        assert_edit(le, "\b", "a\x80\x80\xe2", ERASE1);
        assert_edit(le, "\b\b", "a\x80", ERASE1 ERASE1);
        assert_edit(le, "\xc3\xa9\x80\b", "a\x80\xc3\xa9", "\xc3\xa9\x80" ERASE1);
}

static void test_backspace_on_empty_line_echoes_nothing(void **state)
{
        assert_edit(editor(true), "\b\x7f\b", "", "");
}

static void test_ctrl_u_erases_the_whole_line(void **state)
{
        struct lineedit *le = editor(true);

        FEED(le, "ab \xc3\xa9");
        assert_edit(le, "\x15", "", ERASE1 ERASE1 ERASE1 ERASE1);
        assert_string_equal(FEED(le, "ok\r"), "[ok]");
}

static void test_ctrl_u_on_empty_line_echoes_nothing(void **state)
{
        assert_edit(editor(true), "\x15", "", "");
}

static void test_ctrl_w_erases_trailing_spaces_then_the_word(void **state)
{
        struct lineedit *le = editor(true);

        FEED(le, "mount /dev/vda  ");
        assert_edit(le, "\x17", "mount ",
                    ERASE1 ERASE1 ERASE1 ERASE1 ERASE1 ERASE1 ERASE1 ERASE1 ERASE1 ERASE1);
        assert_edit(le, "\x17", "", ERASE1 ERASE1 ERASE1 ERASE1 ERASE1 ERASE1);
        assert_edit(le, "\x17", "", "");
}

static void test_ctrl_w_erases_a_utf8_word_by_characters(void **state)
{
        struct lineedit *le = editor(true);

        FEED(le, "ls caf\xc3\xa9");
        assert_edit(le, "\x17", "ls ", ERASE1 ERASE1 ERASE1 ERASE1);
}

static void test_ctrl_c_drops_the_line_and_echoes_caret_c(void **state)
{
        struct lineedit *le = editor(true);

        FEED(le, "reboot");
        lineedit_output_clear(le);
        assert_string_equal(FEED(le, "\x03"), "C");
        ASSERT_ECHO(le, "^C\r\n");
        assert_string_equal(lineedit_line(le), "");
        assert_string_equal(FEED(le, "ls\r"), "[ls]");
}

static void test_ctrl_c_does_not_enter_history(void **state)
{
        struct lineedit *le = editor(true);

        FEED(le, "one\rtwo\x03" UP);
        assert_string_equal(lineedit_line(le), "one");
}

static void test_ctrl_d_on_empty_line_is_eof(void **state)
{
        struct lineedit *le = editor(true);

        assert_string_equal(FEED(le, "\x04"), "D");
        assert_no_echo(le);
        assert_string_equal(FEED(le, "a\b\x04"), "D");
}

static void test_ctrl_d_on_nonempty_line_is_ignored(void **state)
{
        struct lineedit *le = editor(true);

        FEED(le, "ls");
        assert_edit(le, "\x04", "ls", "");
        assert_string_equal(FEED(le, "\r"), "[ls]");
}

static void test_up_arrow_in_both_forms_recalls_the_newest_line(void **state)
{
        struct lineedit *le = editor(true);

        FEED(le, "blkid\r");
        assert_string_equal(FEED(le, UP "\r"), "[blkid]");
        assert_string_equal(FEED(le, "\x1bOA\r"), "[blkid]");
}

static void test_down_arrow_in_both_forms_goes_newer(void **state)
{
        struct lineedit *le = editor(true);

        FEED(le, "one\rtwo\r");
        assert_string_equal(FEED(le, UP UP DOWN "\r"), "[two]");
        assert_string_equal(FEED(le, UP UP "\x1bOB\r"), "[two]");
}

static void test_up_goes_older_and_stops_at_the_oldest(void **state)
{
        struct lineedit *le = editor(true);

        FEED(le, "one\rtwo\rthree\r");
        assert_keys_leave(le, UP, "three");
        assert_keys_leave(le, UP, "two");
        assert_keys_leave(le, UP, "one");
        assert_edit(le, UP, "one", "");
}

static void test_down_past_the_newest_restores_the_typed_line(void **state)
{
        struct lineedit *le = editor(true);

        FEED(le, "one\rtwo\rhalf-ty");
        assert_keys_leave(le, UP UP DOWN, "two");
        assert_keys_leave(le, DOWN, "half-ty");
        assert_edit(le, DOWN, "half-ty", "");
        assert_string_equal(FEED(le, "ped\r"), "[half-typed]");
}

static void test_down_without_recall_does_nothing(void **state)
{
        struct lineedit *le = editor(true);

        FEED(le, "one\rab");
        assert_edit(le, DOWN, "ab", "");
}

static void test_up_with_no_history_does_nothing(void **state)
{
        assert_edit(editor(true), "ab" UP, "ab", "ab");
}

static void test_recall_erases_what_is_shown_and_echoes_the_line(void **state)
{
        struct lineedit *le = editor(true);

        FEED(le, "cat /proc/cmdline\r\xc3\xa9x");
        assert_edit(le, UP, "cat /proc/cmdline", ERASE1 ERASE1 "cat /proc/cmdline");
        assert_edit(le, DOWN, "\xc3\xa9x",
                    ERASE1 ERASE1 ERASE1 ERASE1 ERASE1 ERASE1 ERASE1 ERASE1 ERASE1
                    ERASE1 ERASE1 ERASE1 ERASE1 ERASE1 ERASE1 ERASE1 ERASE1 "\xc3\xa9x");
}

static void test_recalled_line_can_be_edited_and_entered(void **state)
{
        struct lineedit *le = editor(true);

        FEED(le, "mount /dev/vda1\r");
        assert_string_equal(FEED(le, UP "\b2\r"), "[mount /dev/vda2]");
        assert_string_equal(FEED(le, UP "\r"), "[mount /dev/vda2]");
        assert_string_equal(FEED(le, UP UP "\r"), "[mount /dev/vda1]");
}

static void test_a_line_ends_recall(void **state)
{
        struct lineedit *le = editor(true);

        FEED(le, "one\rtwo\r" UP UP "\r");
        assert_keys_leave(le, UP, "one");
        assert_keys_leave(le, UP, "two");
}

static void test_history_skips_empty_lines_and_a_repeat_of_the_newest(void **state)
{
        struct lineedit *le = editor(true);

        FEED(le, "one\rtwo\r\r\rtwo\rtwo\r");
        assert_keys_leave(le, UP UP, "one");
        assert_keys_leave(le, UP, "one");
}

static void test_history_keeps_the_newest_lines(void **state)
{
        struct lineedit *le = editor(true);
        char line[16];
        int i;

        for (i = 0; i < LINEEDIT_HISTORY + 5; i++) {
                int n = snprintf(line, sizeof(line), "cmd%d\r", i);

                feed(le, line, (size_t)n);
        }
        for (i = 0; i < LINEEDIT_HISTORY + 3; i++)
                FEED(le, UP);
        assert_string_equal(lineedit_line(le), "cmd5");
        FEED(le, DOWN);
        assert_string_equal(lineedit_line(le), "cmd6");
}

static void test_password_mode_echoes_nothing(void **state)
{
        struct lineedit *le = editor(false);

        assert_string_equal(FEED(le, "s3cr\xc3\xa9t\b\x17pw\r"), "[pw]");
        assert_no_echo(le);
        assert_string_equal(FEED(le, "x\x15y\x03"), "C");
        assert_no_echo(le);
        assert_string_equal(FEED(le, "\x04"), "D");
        assert_no_echo(le);
}

static void test_password_mode_records_no_history(void **state)
{
        struct lineedit *le = editor(false);

        FEED(le, "hunter2\r");
        assert_string_equal(FEED(le, UP "\r"), "[]");
        assert_string_equal(FEED(le, "\x1bOA\r"), "[]");
}

static void test_unknown_escape_sequences_are_swallowed(void **state)
{
        static const char *const sequences[] = {
                "\x1b[C", "\x1b[D", "\x1b[H", "\x1b[F", "\x1b[3~", "\x1b[1;5C",
                "\x1b[200~", "\x1b[?1h", "\x1bOP", "\x1bOC", "\x1bx", "\x1b ",
                "\x1b[[A", "\x1b[ q",
        };
        struct lineedit *le = editor(true);

        FEED(le, "old\r");
        lineedit_output_clear(le);
        for (size_t i = 0; i < sizeof(sequences) / sizeof(*sequences); i++) {
                FEED(le, "a");
                feed(le, sequences[i], strlen(sequences[i]));
                assert_string_equal(FEED(le, "b\r"), "[ab]");
                ASSERT_ECHO(le, "ab\r\n");
        }
}

static void test_arrow_with_parameters_does_not_recall(void **state)
{
        struct lineedit *le = editor(true);

        FEED(le, "old\r");
        assert_string_equal(FEED(le, "\x1b[1;2A\x1b[5B\r"), "[]");
}

static void test_control_byte_inside_escape_sequence_is_taken_as_input(void **state)
{
        struct lineedit *le = editor(true);

        FEED(le, "old\r");
        assert_string_equal(FEED(le, "ab\x1b[\r"), "[ab]");
        assert_string_equal(FEED(le, "ab\x1b[1\x7f\r"), "[a]");
        assert_string_equal(FEED(le, "xy\x1b\x1b[A\r"), "[a]");
        assert_string_equal(FEED(le, "ab\x1bO\x03"), "C");
        assert_string_equal(FEED(le, "\x1b\x04"), "D");
}

static void test_utf8_byte_inside_escape_sequence_is_taken_as_input(void **state)
{
        struct lineedit *le = editor(true);

        assert_string_equal(FEED(le, "\x1b[1\xc3\xa9\r"), "[\xc3\xa9]");
}

static void test_escape_sequence_of_the_longest_length_is_swallowed(void **state)
{
        char seq[LINEEDIT_ESCAPE_MAX + 8] = "\x1b[";
        struct lineedit *le = editor(true);

        fill(seq + 2, '1', LINEEDIT_ESCAPE_MAX - 3);
        strcat(seq, "~x\r");
        assert_int_equal(strlen(seq), LINEEDIT_ESCAPE_MAX + 2);
        assert_string_equal(feed(le, seq, strlen(seq)), "[x]");
}

static void test_overlong_escape_sequence_is_given_up(void **state)
{
        char seq[LINEEDIT_ESCAPE_MAX + 8] = "\x1b[";
        struct lineedit *le = editor(true);

        /* A parameter byte as the 16th leaves no room for a final byte: it is input. */
        fill(seq + 2, '1', LINEEDIT_ESCAPE_MAX - 3);
        strcat(seq, "2\r");
        assert_string_equal(feed(le, seq, strlen(seq)), "[2]");
}

static void test_endless_parameter_bytes_do_not_swallow_input(void **state)
{
        static char junk[10000];
        struct lineedit *le = editor(true);

        junk[0] = '\x1b';
        junk[1] = '[';
        memset(junk + 2, ';', sizeof(junk) - 2);
        feed(le, junk, sizeof(junk));
        assert_string_equal(FEED(le, "\x15ls\r"), "[ls]");
}

static void test_line_of_the_longest_length_is_accepted(void **state)
{
        static char line[LINEEDIT_MAX + 1];
        struct lineedit *le = editor(true);

        fill(line, 'a', LINEEDIT_MAX - 1);
        feed(le, line, LINEEDIT_MAX - 1);
        assert_int_equal(FEED(le, "\r")[0], '[');
        assert_string_equal(lineedit_line(le), line);
}

static void test_overlong_line_is_toolong_then_the_next_line_works(void **state)
{
        struct lineedit *le = editor(true);
        size_t len;

        type_overlong_line(le);
        assert_string_equal(FEED(le, "aaa"), "");
        lineedit_output(le, &len);
        assert_int_equal(len, LINEEDIT_MAX - 1);
        lineedit_output_clear(le);
        assert_string_equal(FEED(le, "\r\n"), "T");
        ASSERT_ECHO(le, "\r\n");
        assert_string_equal(FEED(le, "ls\r\n"), "[ls]");
}

static void test_overlong_line_ignores_editing_until_its_end(void **state)
{
        struct lineedit *le = editor(true);

        FEED(le, "old\r");
        type_overlong_line(le);
        lineedit_output_clear(le);
        assert_string_equal(FEED(le, "\b\x17" UP "\x04"), "");
        assert_no_echo(le);
        assert_string_equal(FEED(le, "\r"), "T");
}

static void test_overlong_line_is_not_in_history(void **state)
{
        struct lineedit *le = editor(true);

        FEED(le, "old\r");
        type_overlong_line(le);
        assert_string_equal(FEED(le, "\r" UP "\r"), "T[old]");
}

static void test_ctrl_u_and_ctrl_c_recover_from_an_overlong_line(void **state)
{
        struct lineedit *le = editor(true);

        type_overlong_line(le);
        assert_string_equal(FEED(le, "\x15ls\r"), "[ls]");
        type_overlong_line(le);
        assert_string_equal(FEED(le, "\x03ls\r"), "C[ls]");
}

static void test_pasted_burst_gives_each_line_in_order(void **state)
{
        struct lineedit *le = editor(true);

        assert_string_equal(FEED(le, "mkdir /mnt\r\nmount /dev/vda1 /mnt\n\nls /mnt\rexit\r"),
                            "[mkdir /mnt][mount /dev/vda1 /mnt][][ls /mnt][exit]");
        FEED(le, UP UP UP);
        assert_string_equal(lineedit_line(le), "mount /dev/vda1 /mnt");
}

/* Random bytes, then ^U to drop whatever they left, then a real command. */
static void test_random_garbage_then_a_valid_line_gives_that_line(void **state)
{
        static char junk[3 * LINEEDIT_MAX];
        struct lineedit *le = editor(true);
        unsigned seed = 4242;

        for (int round = 0; round < 300; round++) {
                size_t n = (size_t)round * 37 % sizeof(junk), len;
                const char *log;

                for (size_t i = 0; i < n; i++) {
                        seed = seed * 1103515245u + 12345u;
                        junk[i] = (char)(seed >> 16);
                }
                feed(le, junk, n);
                lineedit_output(le, &len);
                assert_true(len <= LINEEDIT_OUTPUT_MAX);
                lineedit_output_clear(le);
                log = FEED(le, "\x15mount /dev/vda1 /sysroot\r");
                assert_string_equal(log, "[mount /dev/vda1 /sysroot]");
        }
}

static void test_recall_of_a_full_line_over_a_full_line_fits_the_echo(void **state)
{
        static char line[LINEEDIT_MAX + 1];
        struct lineedit *le = editor(true);
        size_t len;
        const char *out;

        fill(line, 'a', LINEEDIT_MAX - 1);
        feed(le, line, LINEEDIT_MAX - 1);
        FEED(le, "\r");
        fill(line, 'b', LINEEDIT_MAX - 1);
        feed(le, line, LINEEDIT_MAX - 1);
        lineedit_output_clear(le);
        FEED(le, UP);
        out = lineedit_output(le, &len);
        assert_int_equal(len, 4 * (LINEEDIT_MAX - 1));
        assert_memory_equal(out + len - 4, "aaaa", 4);
        assert_memory_equal(out, ERASE1, 3);
}

static void test_echo_never_clear_is_dropped_not_overflowed(void **state)
{
        struct lineedit *le = editor(true);
        size_t len;

        for (int i = 0; i < LINEEDIT_OUTPUT_MAX; i++)
                assert_string_equal(FEED(le, "ab\r"), "[ab]");
        lineedit_output(le, &len);
        assert_true(len <= LINEEDIT_OUTPUT_MAX);
        assert_true(len > LINEEDIT_OUTPUT_MAX - 4);
        lineedit_output_clear(le);
        FEED(le, "ok");
        ASSERT_ECHO(le, "ok");
}

static void test_editor_fits_in_200_kib(void **state)
{
        assert_true(sizeof(struct lineedit) < 200 * 1024);
}

int main(void)
{
        const struct CMUnitTest tests[] = {
                cmocka_unit_test(test_printable_bytes_are_appended_and_echoed),
                cmocka_unit_test(test_utf8_bytes_are_appended_and_echoed),
                cmocka_unit_test(test_other_control_bytes_are_ignored),
                cmocka_unit_test(test_tab_is_taken_as_a_space),
                cmocka_unit_test(test_cr_lf_and_crlf_each_end_one_line),
                cmocka_unit_test(test_finished_line_stays_until_next_byte),
                cmocka_unit_test(test_backspace_and_del_erase_the_last_character),
                cmocka_unit_test(test_backspace_erases_a_whole_utf8_character),
                cmocka_unit_test(test_backspace_erases_one_byte_of_broken_utf8),
                cmocka_unit_test(test_backspace_on_empty_line_echoes_nothing),
                cmocka_unit_test(test_ctrl_u_erases_the_whole_line),
                cmocka_unit_test(test_ctrl_u_on_empty_line_echoes_nothing),
                cmocka_unit_test(test_ctrl_w_erases_trailing_spaces_then_the_word),
                cmocka_unit_test(test_ctrl_w_erases_a_utf8_word_by_characters),
                cmocka_unit_test(test_ctrl_c_drops_the_line_and_echoes_caret_c),
                cmocka_unit_test(test_ctrl_c_does_not_enter_history),
                cmocka_unit_test(test_ctrl_d_on_empty_line_is_eof),
                cmocka_unit_test(test_ctrl_d_on_nonempty_line_is_ignored),
                cmocka_unit_test(test_up_arrow_in_both_forms_recalls_the_newest_line),
                cmocka_unit_test(test_down_arrow_in_both_forms_goes_newer),
                cmocka_unit_test(test_up_goes_older_and_stops_at_the_oldest),
                cmocka_unit_test(test_down_past_the_newest_restores_the_typed_line),
                cmocka_unit_test(test_down_without_recall_does_nothing),
                cmocka_unit_test(test_up_with_no_history_does_nothing),
                cmocka_unit_test(test_recall_erases_what_is_shown_and_echoes_the_line),
                cmocka_unit_test(test_recalled_line_can_be_edited_and_entered),
                cmocka_unit_test(test_a_line_ends_recall),
                cmocka_unit_test(test_history_skips_empty_lines_and_a_repeat_of_the_newest),
                cmocka_unit_test(test_history_keeps_the_newest_lines),
                cmocka_unit_test(test_password_mode_echoes_nothing),
                cmocka_unit_test(test_password_mode_records_no_history),
                cmocka_unit_test(test_unknown_escape_sequences_are_swallowed),
                cmocka_unit_test(test_arrow_with_parameters_does_not_recall),
                cmocka_unit_test(test_control_byte_inside_escape_sequence_is_taken_as_input),
                cmocka_unit_test(test_utf8_byte_inside_escape_sequence_is_taken_as_input),
                cmocka_unit_test(test_escape_sequence_of_the_longest_length_is_swallowed),
                cmocka_unit_test(test_overlong_escape_sequence_is_given_up),
                cmocka_unit_test(test_endless_parameter_bytes_do_not_swallow_input),
                cmocka_unit_test(test_line_of_the_longest_length_is_accepted),
                cmocka_unit_test(test_overlong_line_is_toolong_then_the_next_line_works),
                cmocka_unit_test(test_overlong_line_ignores_editing_until_its_end),
                cmocka_unit_test(test_overlong_line_is_not_in_history),
                cmocka_unit_test(test_ctrl_u_and_ctrl_c_recover_from_an_overlong_line),
                cmocka_unit_test(test_pasted_burst_gives_each_line_in_order),
                cmocka_unit_test(test_random_garbage_then_a_valid_line_gives_that_line),
                cmocka_unit_test(test_recall_of_a_full_line_over_a_full_line_fits_the_echo),
                cmocka_unit_test(test_echo_never_clear_is_dropped_not_overflowed),
                cmocka_unit_test(test_editor_fits_in_200_kib),
        };

        return cmocka_run_group_tests(tests, NULL, NULL);
}
