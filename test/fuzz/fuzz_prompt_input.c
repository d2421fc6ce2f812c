/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer target: bytes as they come from the serial console, through the
 * line editor (echo on, and a second one with echo off as for a password),
 * and each finished line through argsplit.
 *
 * Besides what the sanitizers see, it checks that lines stay within
 * LINEEDIT_MAX, that words stay inside their line, that the silent editor
 * never echoes, and, for ASCII input, that a dumb terminal fed the echo
 * shows exactly the line when it ends.
 */
#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "argsplit.h"
#include "lineedit.h"

#define MAX_WORDS 16

/* Not assert(): the checks must hold in any build. */
#define CHECK(cond) do { if (!(cond)) abort(); } while (0)

/* The row a line is typed on: no wrapping, the prompt left of column 0. */
struct screen {
        char cell[LINEEDIT_MAX + 2];    /* a full line, then "^C" */
        size_t cursor, width;
};

static void screen_write(struct screen *sc, const char *s, size_t n)
{
        for (size_t i = 0; i < n; i++) {
                switch (s[i]) {
                case '\b':
                        CHECK(sc->cursor > 0);  /* never into the prompt */
                        sc->cursor--;
                        break;
                case '\r':
                        sc->cursor = 0;
                        break;
                case '\n':
                        sc->width = 0;
                        break;
                default:
                        CHECK(sc->cursor < sizeof(sc->cell));
                        sc->cell[sc->cursor++] = s[i];
                        if (sc->cursor > sc->width)
                                sc->width = sc->cursor;
                }
        }
}

/* The row holds @line, the cursor after it, and only blanks past it. */
static void screen_check(const struct screen *sc, const char *line)
{
        size_t len = strlen(line);

        CHECK(sc->cursor == len);
        CHECK(sc->width >= len);
        CHECK(!memcmp(sc->cell, line, len));
        for (size_t i = len; i < sc->width; i++)
                CHECK(sc->cell[i] == ' ');
}

static void line_check(const char *line)
{
        size_t len = strnlen(line, LINEEDIT_MAX);
        char *argv[MAX_WORDS + 1];
        const char *error = NULL;
        char *buf;
        int argc;

        CHECK(len < LINEEDIT_MAX);
        /* Exactly its size, so that ASan sees a byte read past the end. */
        buf = malloc(len + 1);
        CHECK(buf);
        memcpy(buf, line, len + 1);
        argc = argsplit(buf, argv, MAX_WORDS, &error);
        if (argc < 0) {
                CHECK(argc == -EINVAL || argc == -E2BIG);
                CHECK(error && *error);
        } else {
                CHECK(argc <= MAX_WORDS && !argv[argc]);
                for (int i = 0; i < argc; i++)
                        CHECK(argv[i] >= buf && argv[i] + strlen(argv[i]) <= buf + len);
        }
        free(buf);
}

static bool is_ascii(const uint8_t *data, size_t size)
{
        for (size_t i = 0; i < size; i++)
                if (data[i] >= 0x80)
                        return false;
        return true;
}

struct run {
        struct lineedit shown, hidden;
        struct screen screen;
        bool model;             /* ASCII: one cell a byte, so the screen can be modelled */
        bool alike;             /* no ESC: without recall the two editors differ only in echo */
        bool line_ended;        /* the last byte ended a line: the row is a new one */
};

static void feed_check(struct run *r, unsigned char c)
{
        enum lineedit_event ev = lineedit_feed(&r->shown, c);
        enum lineedit_event ev_hidden = lineedit_feed(&r->hidden, c);
        const char *line = lineedit_line(&r->shown);
        size_t len;
        const char *out = lineedit_output(&r->shown, &len);

        CHECK(len <= LINEEDIT_OUTPUT_MAX);
        r->line_ended = ev == LINEEDIT_LINE;
        if (ev == LINEEDIT_LINE) {
                line_check(line);
                CHECK(len == 2 && !memcmp(out, "\r\n", 2));
                if (r->alike)
                        CHECK(!strcmp(line, lineedit_line(&r->hidden)));
                if (r->model)
                        screen_check(&r->screen, line);
        }
        if (r->model)
                screen_write(&r->screen, out, len);
        lineedit_output_clear(&r->shown);

        lineedit_output(&r->hidden, &len);
        CHECK(len == 0);
        if (ev_hidden == LINEEDIT_LINE)
                line_check(lineedit_line(&r->hidden));
        if (r->alike)
                CHECK(ev == ev_hidden);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
        static struct run r;

        lineedit_init(&r.shown, true);
        lineedit_init(&r.hidden, false);
        memset(&r.screen, 0, sizeof(r.screen));
        r.model = is_ascii(data, size);
        r.alike = !size || !memchr(data, 0x1b, size);
        r.line_ended = false;
        for (size_t i = 0; i < size; i++)
                feed_check(&r, data[i]);
        if (r.model)
                screen_check(&r.screen, r.line_ended ? "" : lineedit_line(&r.shown));
        return 0;
}
