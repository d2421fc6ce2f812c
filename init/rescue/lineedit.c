/* SPDX-License-Identifier: MIT */
#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#include "lineedit.h"

#define CTRL(c) ((c) & 0x1f)
#define ESC     0x1b
#define DEL     0x7f

void lineedit_init(struct lineedit *le, bool echo)
{
        memset(le, 0, sizeof(*le));
        le->echo = echo;
}

const char *lineedit_line(const struct lineedit *le)
{
        return le->line;
}

const char *lineedit_output(const struct lineedit *le, size_t *len)
{
        *len = le->output_len;
        return le->output;
}

void lineedit_output_clear(struct lineedit *le)
{
        le->output_len = 0;
}

/* All of @s or none of it: half an erase would leave the screen wrong in a worse way. */
static void echo(struct lineedit *le, const char *s, size_t n)
{
        if (!le->echo || n > sizeof(le->output) - le->output_len)
                return;
        memcpy(le->output + le->output_len, s, n);
        le->output_len += n;
}

static void line_set(struct lineedit *le, size_t len)
{
        le->len = len;
        le->line[len] = '\0';
}

static void append(struct lineedit *le, unsigned char c)
{
        if (le->len >= sizeof(le->line) - 1) {
                le->toolong = true;
                return;
        }
        le->line[le->len] = (char)c;
        line_set(le, le->len + 1);
        echo(le, (const char *)&c, 1);
}

static size_t utf8_lead_len(unsigned char c)
{
        if (c >= 0xc0 && c < 0xe0)
                return 2;
        if (c >= 0xe0 && c < 0xf0)
                return 3;
        if (c >= 0xf0 && c < 0xf8)
                return 4;
        return 0;
}

/*
 * Bytes of the last character: a lead byte with exactly the continuation
 * bytes it announces, else a single byte (a terminal shows a stray byte as
 * one cell).
 */
static size_t last_char_len(const struct lineedit *le)
{
        const unsigned char *s = (const unsigned char *)le->line;

        for (size_t n = 1; n <= 4 && n <= le->len; n++) {
                unsigned char c = s[le->len - n];

                if ((c & 0xc0) != 0x80)
                        return utf8_lead_len(c) == n ? n : 1;
        }
        return 1;
}

static void erase_char(struct lineedit *le)
{
        if (!le->len)
                return;
        line_set(le, le->len - last_char_len(le));
        echo(le, "\b \b", 3);
}

static void erase_line(struct lineedit *le)
{
        while (le->len)
                erase_char(le);
        le->toolong = false;
}

static bool last_is_space(const struct lineedit *le)
{
        return le->line[le->len - 1] == ' ';
}

static void erase_word(struct lineedit *le)
{
        while (le->len && last_is_space(le))
                erase_char(le);
        while (le->len && !last_is_space(le))
                erase_char(le);
}

/* Show @s in place of the line. */
static void line_replace(struct lineedit *le, const char *s)
{
        erase_line(le);
        for (; *s; s++)
                append(le, (unsigned char)*s);
}

/* @age 0 is the newest line. */
static const char *history_entry(const struct lineedit *le, unsigned age)
{
        unsigned slot = (le->history_next + LINEEDIT_HISTORY - 1 - age) % LINEEDIT_HISTORY;

        return le->history[slot];
}

static void history_add(struct lineedit *le)
{
        if (!le->echo || !le->len)
                return;
        if (le->history_count && !strcmp(history_entry(le, 0), le->line))
                return;
        memcpy(le->history[le->history_next], le->line, le->len + 1);
        le->history_next = (le->history_next + 1) % LINEEDIT_HISTORY;
        if (le->history_count < LINEEDIT_HISTORY)
                le->history_count++;
}

static void history_older(struct lineedit *le)
{
        if (le->toolong || le->recall >= le->history_count)
                return;
        if (!le->recall)
                memcpy(le->typed, le->line, le->len + 1);
        le->recall++;
        line_replace(le, history_entry(le, le->recall - 1));
}

static void history_newer(struct lineedit *le)
{
        if (le->toolong || !le->recall)
                return;
        le->recall--;
        line_replace(le, le->recall ? history_entry(le, le->recall - 1) : le->typed);
}

static void arrow(struct lineedit *le, unsigned char c)
{
        if (c == 'A')
                history_older(le);
        else if (c == 'B')
                history_newer(le);
}

/* ESC [ [ A to E are the Linux console's F1 to F5. */
static bool escape_param(unsigned len, unsigned char c)
{
        return (c >= 0x20 && c <= 0x3f) || (len == 2 && c == '[');
}

/*
 * One byte inside an escape sequence.  False when the sequence is given up
 * and @c is to be taken as ordinary input.
 */
static bool escape_feed(struct lineedit *le, unsigned char c)
{
        unsigned len = le->escape_len;

        le->escape_len = 0;
        if (len == 1 && (c == '[' || c == 'O')) {
                le->escape_len = 2;
                le->escape_params = false;
                return true;
        }
        if (len >= 2 && escape_param(len, c) && len + 1 < LINEEDIT_ESCAPE_MAX) {
                le->escape_len = len + 1;
                le->escape_params = true;
                return true;
        }
        /* A final byte, or after a lone ESC any printable: Alt+key. */
        if (c >= 0x20 && c < DEL && (len == 1 || c >= 0x40)) {
                if (len >= 2 && !le->escape_params)
                        arrow(le, c);
                return true;
        }
        return false;
}

/* A fresh empty line; the history stays. */
static void line_reset(struct lineedit *le)
{
        line_set(le, 0);
        le->recall = 0;
        le->toolong = false;
}

static enum lineedit_event line_end(struct lineedit *le)
{
        echo(le, "\r\n", 2);
        if (le->toolong) {
                line_reset(le);
                return LINEEDIT_TOOLONG;
        }
        history_add(le);
        le->recall = 0;
        le->ended = true;
        return LINEEDIT_LINE;
}

static enum lineedit_event cancel(struct lineedit *le)
{
        echo(le, "^C\r\n", 4);
        line_reset(le);
        return LINEEDIT_CANCEL;
}

static enum lineedit_event end_of_input(struct lineedit *le)
{
        if (le->len || le->toolong)
                return LINEEDIT_NONE;
        line_reset(le);
        return LINEEDIT_EOF;
}

static void edit(struct lineedit *le, unsigned char c)
{
        if (c == CTRL('U')) {
                erase_line(le);
                return;
        }
        if (le->toolong)
                return;
        if (c == '\b' || c == DEL)
                erase_char(le);
        else if (c == CTRL('W'))
                erase_word(le);
        else if (c == '\t')
                append(le, ' ');
        else if (c >= 0x20)
                append(le, c);
}

static enum lineedit_event key(struct lineedit *le, unsigned char c)
{
        switch (c) {
        case '\r':
                le->after_cr = true;
                return line_end(le);
        case '\n':
                return line_end(le);
        case CTRL('C'):
                return cancel(le);
        case CTRL('D'):
                return end_of_input(le);
        case ESC:
                le->escape_len = 1;
                return LINEEDIT_NONE;
        }
        edit(le, c);
        return LINEEDIT_NONE;
}

enum lineedit_event lineedit_feed(struct lineedit *le, unsigned char c)
{
        bool after_cr = le->after_cr;

        if (le->ended) {
                le->ended = false;
                line_set(le, 0);
        }
        le->after_cr = false;
        if (after_cr && c == '\n')
                return LINEEDIT_NONE;
        if (le->escape_len && escape_feed(le, c))
                return LINEEDIT_NONE;
        return key(le, c);
}
