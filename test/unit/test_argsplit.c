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

#include "argsplit.h"

#define MAX_WORDS 8
#define WORDS(...) ((const char *const[]){ __VA_ARGS__, NULL })
#define NO_WORDS ((const char *const[]){ NULL })

/* @line splits into exactly @expected (NULL-terminated). */
static void assert_split(const char *line, const char *const *expected)
{
        char *buf = strdup(line);
        char *argv[MAX_WORDS + 1];
        const char *error = NULL;
        int argc, n = 0;

        assert_non_null(buf);
        while (expected[n])
                n++;
        argc = argsplit(buf, argv, MAX_WORDS, &error);
        if (argc < 0)
                fail_msg("\"%s\": %s", line, error);
        assert_int_equal(argc, n);
        for (int i = 0; i < n; i++)
                assert_string_equal(argv[i], expected[i]);
        assert_null(argv[argc]);
        assert_null(error);
        free(buf);
}

static void assert_split_error(const char *line, int max, int err, const char *message)
{
        char *buf = strdup(line);
        char **argv = calloc((size_t)max + 1, sizeof(*argv));
        const char *error = NULL;

        assert_non_null(buf);
        assert_non_null(argv);
        assert_int_equal(argsplit(buf, argv, max, &error), err);
        assert_non_null(error);
        assert_string_equal(error, message);
        free(argv);
        free(buf);
}

static void test_blank_line_gives_no_words(void **state)
{
        assert_split("", NO_WORDS);
        assert_split("   ", NO_WORDS);
        assert_split(" \t \t", NO_WORDS);
}

static void test_words_split_on_spaces_and_tabs(void **state)
{
        assert_split("ls", WORDS("ls"));
        assert_split("  ls  -l\t/dev\t\t", WORDS("ls", "-l", "/dev"));
        assert_split("mount\t/dev/vda1 /sysroot", WORDS("mount", "/dev/vda1", "/sysroot"));
}

static void test_single_quotes_are_literal(void **state)
{
        assert_split("echo 'a  b\\c\"d'", WORDS("echo", "a  b\\c\"d"));
        assert_split("'\\'", WORDS("\\"));
}

static void test_double_quotes_escape_only_quote_and_backslash(void **state)
{
        assert_split("\"a \\\"b\\\" \\\\ \\n\"", WORDS("a \"b\" \\ \\n"));
        assert_split("\"it's\"", WORDS("it's"));
}

static void test_backslash_outside_quotes_escapes_the_next_byte(void **state)
{
        assert_split("a\\ b \\' \\\" \\\\ \\x", WORDS("a b", "'", "\"", "\\", "x"));
}

static void test_quoted_parts_join_what_is_next_to_them(void **state)
{
        assert_split("a'b c'\"d\"e", WORDS("ab cde"));
        assert_split("root=\"/dev/disk/by-label/my root\" ro",
                     WORDS("root=/dev/disk/by-label/my root", "ro"));
}

static void test_empty_quotes_give_an_empty_word(void **state)
{
        assert_split("'' \"\" x", WORDS("", "", "x"));
        assert_split("set NAME ''", WORDS("set", "NAME", ""));
}

static void test_utf8_words_are_kept_as_they_are(void **state)
{
        assert_split("ls /mnt/caf\xc3\xa9 '\xe2\x82\xac 1'", WORDS("ls", "/mnt/caf\xc3\xa9", "\xe2\x82\xac 1"));
}

static void test_words_point_into_the_line(void **state)
{
        char line[] = "cat  'a b'  c";
        char *argv[4];
        const char *error;

        assert_int_equal(argsplit(line, argv, 3, &error), 3);
        for (int i = 0; i < 3; i++)
                assert_true(argv[i] >= line && argv[i] < line + sizeof(line));
        assert_string_equal(argv[1], "a b");
}

static void test_unterminated_single_quote_is_einval(void **state)
{
        assert_split_error("echo 'abc", MAX_WORDS, -EINVAL, "unterminated quote");
        assert_split_error("'", MAX_WORDS, -EINVAL, "unterminated quote");
}

static void test_unterminated_double_quote_is_einval(void **state)
{
        assert_split_error("echo \"abc", MAX_WORDS, -EINVAL, "unterminated quote");
        assert_split_error("\"abc\\\"", MAX_WORDS, -EINVAL, "unterminated quote");
        assert_split_error("\"abc\\", MAX_WORDS, -EINVAL, "unterminated quote");
}

static void test_trailing_backslash_is_einval(void **state)
{
        assert_split_error("ls \\", MAX_WORDS, -EINVAL, "trailing backslash");
        assert_split_error("\\", MAX_WORDS, -EINVAL, "trailing backslash");
}

static void test_more_than_max_words_is_e2big(void **state)
{
        assert_split_error("a b c d", 3, -E2BIG, "too many words");
        assert_split_error("a", 0, -E2BIG, "too many words");
}

static void test_exactly_max_words_is_fine(void **state)
{
        char line[] = "a b c  ";
        char *argv[4];
        const char *error;

        assert_int_equal(argsplit(line, argv, 3, &error), 3);
        assert_null(argv[3]);
}

static void test_max_zero_takes_a_blank_line(void **state)
{
        char line[] = "  ";
        char *argv[1] = { line };
        const char *error;

        assert_int_equal(argsplit(line, argv, 0, &error), 0);
        assert_null(argv[0]);
}

static void test_first_problem_from_the_left_is_reported(void **state)
{
        assert_split_error("a b 'c", 1, -E2BIG, "too many words");
        assert_split_error("a 'b c d e", 2, -EINVAL, "unterminated quote");
}

/*
 * Lines from the bytes that matter, in a buffer of the exact size so that
 * ASan sees any overrun: whatever the outcome, the words lie in the line.
 */
static void test_random_lines_stay_inside_the_line(void **state)
{
        static const char alphabet[] = " \t'\"\\ab\xc3";
        unsigned seed = 99;

        for (int round = 0; round < 20000; round++) {
                size_t n = (size_t)round % 24;
                char *line = malloc(n + 1);
                char *argv[MAX_WORDS + 1];
                const char *error = NULL;
                int argc;

                assert_non_null(line);
                for (size_t i = 0; i < n; i++) {
                        seed = seed * 1103515245u + 12345u;
                        line[i] = alphabet[(seed >> 16) % (sizeof(alphabet) - 1)];
                }
                line[n] = '\0';
                argc = argsplit(line, argv, MAX_WORDS, &error);
                if (argc < 0) {
                        assert_true(argc == -EINVAL || argc == -E2BIG);
                        assert_non_null(error);
                } else {
                        assert_true(argc <= MAX_WORDS);
                        assert_null(argv[argc]);
                        for (int i = 0; i < argc; i++)
                                assert_true(argv[i] >= line &&
                                            argv[i] + strlen(argv[i]) <= line + n);
                }
                free(line);
        }
}

int main(void)
{
        const struct CMUnitTest tests[] = {
                cmocka_unit_test(test_blank_line_gives_no_words),
                cmocka_unit_test(test_words_split_on_spaces_and_tabs),
                cmocka_unit_test(test_single_quotes_are_literal),
                cmocka_unit_test(test_double_quotes_escape_only_quote_and_backslash),
                cmocka_unit_test(test_backslash_outside_quotes_escapes_the_next_byte),
                cmocka_unit_test(test_quoted_parts_join_what_is_next_to_them),
                cmocka_unit_test(test_empty_quotes_give_an_empty_word),
                cmocka_unit_test(test_utf8_words_are_kept_as_they_are),
                cmocka_unit_test(test_words_point_into_the_line),
                cmocka_unit_test(test_unterminated_single_quote_is_einval),
                cmocka_unit_test(test_unterminated_double_quote_is_einval),
                cmocka_unit_test(test_trailing_backslash_is_einval),
                cmocka_unit_test(test_more_than_max_words_is_e2big),
                cmocka_unit_test(test_exactly_max_words_is_fine),
                cmocka_unit_test(test_max_zero_takes_a_blank_line),
                cmocka_unit_test(test_first_problem_from_the_left_is_reported),
                cmocka_unit_test(test_random_lines_stay_inside_the_line),
        };

        return cmocka_run_group_tests(tests, NULL, NULL);
}
