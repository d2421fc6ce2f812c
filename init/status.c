/* SPDX-License-Identifier: MIT */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "status.h"

static const char *const names[] = {
        [STATUS_PASS] = "pass",
        [STATUS_WARN] = "warn",
        [STATUS_FAIL] = "fail",
        [STATUS_SKIP] = "skip",
        [STATUS_PAUSE] = "pause",
};

const char *status_name(enum status s)
{
        if ((unsigned)s >= sizeof(names) / sizeof(names[0]))
                return "fail";
        return names[s];
}

static bool is_safe(unsigned char c)
{
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
               (c >= '0' && c <= '9') || strchr("._/:,+-@%", c);
}

static bool needs_quotes(const char *s)
{
        if (!*s)
                return true;
        for (; *s; s++)
                if (!is_safe((unsigned char)*s))
                        return true;
        return false;
}

/* Appends @s to buf[*len], keeping room for a terminating NUL. */
static bool put(char *buf, size_t size, size_t *len, const char *s, size_t n)
{
        if (*len + n + 1 > size)
                return false;
        memcpy(buf + *len, s, n);
        *len += n;
        buf[*len] = '\0';
        return true;
}

size_t status_value_quote(char *buf, size_t size, const char *value)
{
        size_t len = 0;

        if (size == 0)
                return 0;
        buf[0] = '\0';
        if (!value)
                value = "";
        if (!needs_quotes(value)) {
                put(buf, size, &len, value, strnlen(value, size - 1));
                return len;
        }
        /* Keep room for the closing quote whatever gets cut. */
        if (size < 3)
                return 0;
        size--;
        put(buf, size, &len, "\"", 1);
        for (const unsigned char *p = (const unsigned char *)value; *p; p++) {
                char esc[5];
                size_t n;

                if (*p == '"' || *p == '\\')
                        n = (size_t)snprintf(esc, sizeof(esc), "\\%c", *p);
                else if (*p == '\n')
                        n = (size_t)snprintf(esc, sizeof(esc), "\\n");
                else if (*p == '\t')
                        n = (size_t)snprintf(esc, sizeof(esc), "\\t");
                else if (*p < 0x20 || *p == 0x7f)
                        n = (size_t)snprintf(esc, sizeof(esc), "\\x%02x", *p);
                else
                        n = (size_t)snprintf(esc, sizeof(esc), "%c", *p);
                if (!put(buf, size, &len, esc, n))
                        break;
        }
        size++;
        put(buf, size, &len, "\"", 1);
        return len;
}

size_t status_line_format(char *buf, size_t size, const char *checkpoint,
                          enum status s, long ms, const char *detail)
{
        char value[512];
        int n;

        status_value_quote(value, sizeof(value), detail);
        n = snprintf(buf, size, "rdcheck: checkpoint=%s status=%s ms=%ld detail=%s",
                     checkpoint, status_name(s), ms < 0 ? 0 : ms, value);
        if (n < 0)
                return 0;
        return (size_t)n < size ? (size_t)n : size - 1;
}
