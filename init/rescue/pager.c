/* SPDX-License-Identifier: MIT */
/*
 * A pager for the prompt: long text (the previous boot's kernel log) a
 * screen at a time on a serial terminal, which has no scrollback to speak of.
 */
#include "log.h"
#include "pager.h"

static const char more[] = "--More-- (q quits, any other key goes on)";

/* Rows line @n bytes long takes on the screen. */
static int rows_of(size_t n)
{
        return n == 0 ? 1 : (int)((n + PAGER_COLUMNS - 1) / PAGER_COLUMNS);
}

int pager_show(const char *text, size_t len, int (*wait_key)(void *ctx), void *ctx)
{
        size_t at = 0;
        int used = 0;

        while (at < len) {
                size_t n = 0;
                int rows, key;

                while (at + n < len && text[at + n] != '\n')
                        n++;
                rows = rows_of(n);
                if (used > 0 && used + rows > PAGER_ROWS - 1) {
                        console_printf("%s", more);
                        key = wait_key(ctx);
                        /* The prompt line goes: the screen shows only the text. */
                        console_printf("\r%*s\r", (int)sizeof(more) - 1, "");
                        if (key < 0)
                                return key;
                        if (key == 'q' || key == 'Q' || key == 3 || key == 4)
                                return 1;
                        used = 0;
                }
                console_printf("%.*s\n", (int)n, text + at);
                used += rows;
                at += n + 1;
        }
        return 0;
}
