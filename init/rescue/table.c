/* SPDX-License-Identifier: MIT */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "log.h"
#include "table.h"

#define TABLE_MAX_COLS 8

int table_add(struct table *t, ...)
{
        size_t before = t->cells.n;
        va_list ap;
        int r = 0;

        va_start(ap, t);
        for (size_t c = 0; c < t->cols && r == 0; c++) {
                const char *s = va_arg(ap, const char *);

                r = strlist_push(&t->cells, s ? s : "-");
        }
        va_end(ap);
        if (r < 0) {
                /* Half a row would shift every row after it. */
                while (t->cells.n > before)
                        free(t->cells.items[--t->cells.n]);
                if (t->cells.items)
                        t->cells.items[t->cells.n] = NULL;
        }
        return r;
}

void table_print(const struct table *t)
{
        size_t width[TABLE_MAX_COLS] = { 0 };
        size_t cols = t->cols < TABLE_MAX_COLS ? t->cols : TABLE_MAX_COLS;

        if (cols == 0)
                return;
        for (size_t i = 0; i < t->cells.n; i++) {
                size_t len = strlen(t->cells.items[i]);

                if (i % t->cols < cols && len > width[i % t->cols])
                        width[i % t->cols] = len;
        }
        for (size_t row = 0; row + t->cols <= t->cells.n; row += t->cols) {
                for (size_t c = 0; c < cols; c++) {
                        const char *s = t->cells.items[row + c];
                        int w = c + 1 == cols && !(t->right & (1u << c)) ? 0 : (int)width[c];

                        console_printf("%s%*s", c ? "  " : "", t->right & (1u << c) ? w : -w, s);
                }
                console_printf("\n");
        }
}

void table_free(struct table *t)
{
        strlist_free(&t->cells);
}
