/* SPDX-License-Identifier: MIT */
#pragma once

#include <stddef.h>

#include "cmdline.h"

/*
 * Rows of text printed in aligned columns through console_printf(), two
 * spaces apart, the last column unpadded so no line ends in blanks.
 */
struct table {
        size_t cols;
        unsigned right;         /* bit i: column i is right-aligned (numbers) */
        struct strv cells;      /* row after row */
};

/* One row of t->cols strings (NULL shows as "-").  Returns 0 or -ENOMEM. */
int table_add(struct table *t, ...);
void table_print(const struct table *t);
void table_free(struct table *t);
