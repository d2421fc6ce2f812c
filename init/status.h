/* SPDX-License-Identifier: MIT */
#pragma once

#include <stddef.h>

enum status {
        STATUS_PASS,
        STATUS_WARN,
        STATUS_FAIL,
        STATUS_SKIP,
        STATUS_PAUSE,
};

const char *status_name(enum status s);

/*
 * Write @value into @buf as a status-line value: bare when it holds only
 * safe characters, else in double quotes with '"' and '\' escaped and
 * control characters written as \n, \t or \xNN.  Truncates cleanly.
 */
size_t status_value_quote(char *buf, size_t size, const char *value);

/* "rdcheck: checkpoint=NAME status=S ms=N detail=..." without newline. */
size_t status_line_format(char *buf, size_t size, const char *checkpoint,
                          enum status s, long ms, const char *detail);
