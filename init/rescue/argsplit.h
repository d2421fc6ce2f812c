/* SPDX-License-Identifier: MIT */
#pragma once

/*
 * Split a command line of the rescue prompt into words, in place, quoting
 * as a shell does in the simple cases:
 *
 *      spaces and tabs     separate words
 *      '...'               literal, backslashes included
 *      "..."               literal, except that \" and \\ give a quote and a backslash
 *      \c                  outside quotes: c, even a space or a quote
 *
 * Quoted parts join with what is next to them: a'b c'"d" is one word,
 * "ab cd".  '' and "" give an empty word.  There is no other expansion.
 *
 * @argv has room for @max + 1 pointers.  Returns the number of words argc
 * (0 for a blank line), with argv[0..argc-1] pointing into @line and
 * argv[argc] = NULL.  On the first problem from the left it returns a
 * negative errno and sets *@error to what a person should read:
 *
 *      -EINVAL  "unterminated quote", "trailing backslash"
 *      -E2BIG   "too many words": more than @max
 *
 * After an error @line and @argv hold nothing useful.
 */
int argsplit(char *line, char **argv, int max, const char **error);
