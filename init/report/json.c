/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"

#define JSON_INITIAL_CAP 256

void json_init(struct json *j, unsigned flags)
{
        memset(j, 0, sizeof(*j));
        j->flags = flags;
        j->limit = JSON_MAX_LEN;
}

void json_free(struct json *j)
{
        free(j->buf);
        j->buf = NULL;
        j->len = j->cap = 0;
}

/* Keep the first error: it is the cause, the later ones only follow from it. */
static void fail(struct json *j, int err)
{
        if (!j->error)
                j->error = err;
}

/* Room for @n more bytes and the NUL. */
static bool reserve(struct json *j, size_t n)
{
        size_t need, cap;
        char *buf;

        if (j->error)
                return false;
        if (n >= SIZE_MAX - j->len || j->len + n + 1 > j->limit) {
                fail(j, -ENOMEM);
                return false;
        }
        need = j->len + n + 1;
        if (need <= j->cap)
                return true;
        cap = j->cap ? j->cap : JSON_INITIAL_CAP;
        while (cap < need)
                cap = cap > SIZE_MAX / 2 ? need : cap * 2;
        if (cap > j->limit)
                cap = j->limit;
        buf = realloc(j->buf, cap);
        if (!buf) {
                fail(j, -ENOMEM);
                return false;
        }
        j->buf = buf;
        j->cap = cap;
        return true;
}

static void put(struct json *j, const char *s, size_t n)
{
        if (!reserve(j, n))
                return;
        memcpy(j->buf + j->len, s, n);
        j->len += n;
        j->buf[j->len] = '\0';
}

static void put_str(struct json *j, const char *s)
{
        put(j, s, strlen(s));
}

static void put_newline(struct json *j)
{
        if (!(j->flags & JSON_INDENT))
                return;
        put(j, "\n", 1);
        for (int i = 0; i < j->depth; i++)
                put(j, "  ", 2);
}

/*
 * Length of the valid UTF-8 sequence at @s, or 0.  The ranges are those of
 * RFC 3629 section 4, which leave out overlong forms (C0, C1, E0 80..9F,
 * F0 80..8F), surrogates (ED A0..BF) and code points past U+10FFFF (F4 90..,
 * F5..FF).  A NUL is never a continuation byte, so this stops at the end.
 */
static size_t utf8_sequence_len(const unsigned char *s)
{
        unsigned char lo = 0x80, hi = 0xbf;
        size_t n;

        if (s[0] < 0x80)
                return 1;
        if (s[0] >= 0xc2 && s[0] <= 0xdf)
                n = 2;
        else if (s[0] >= 0xe0 && s[0] <= 0xef)
                n = 3;
        else if (s[0] >= 0xf0 && s[0] <= 0xf4)
                n = 4;
        else
                return 0;
        if (s[0] == 0xe0)
                lo = 0xa0;
        else if (s[0] == 0xed)
                hi = 0x9f;
        else if (s[0] == 0xf0)
                lo = 0x90;
        else if (s[0] == 0xf4)
                hi = 0x8f;
        if (s[1] < lo || s[1] > hi)
                return 0;
        for (size_t i = 2; i < n; i++)
                if ((s[i] & 0xc0) != 0x80)
                        return 0;
        return n;
}

static void put_escaped(struct json *j, unsigned char c)
{
        char buf[8];

        switch (c) {
        case '"':  put_str(j, "\\\""); return;
        case '\\': put_str(j, "\\\\"); return;
        case '\b': put_str(j, "\\b"); return;
        case '\f': put_str(j, "\\f"); return;
        case '\n': put_str(j, "\\n"); return;
        case '\r': put_str(j, "\\r"); return;
        case '\t': put_str(j, "\\t"); return;
        }
        if (c < 0x20) {
                snprintf(buf, sizeof(buf), "\\u%04x", c);
                put_str(j, buf);
                return;
        }
        /* An invalid UTF-8 byte: U+REPLACEMENT CHARACTER, one per byte. */
        put_str(j, "\xef\xbf\xbd");
}

/* @s as a JSON string; runs of bytes that need nothing are copied whole. */
static void put_string(struct json *j, const char *s)
{
        const unsigned char *p = (const unsigned char *)s;
        const unsigned char *run = p;

        put(j, "\"", 1);
        while (*p) {
                size_t n = 1;

                if (*p >= 0x20 && *p != '"' && *p != '\\' &&
                    (*p < 0x80 || (n = utf8_sequence_len(p)) > 0)) {
                        p += n;
                        continue;
                }
                put(j, (const char *)run, (size_t)(p - run));
                put_escaped(j, *p);
                run = ++p;
        }
        put(j, (const char *)run, (size_t)(p - run));
        put(j, "\"", 1);
}

/* Before a member of an array, or the key of a member of an object. */
static void put_separator(struct json *j)
{
        bool *need_comma = &j->need_comma[j->depth - 1];

        if (*need_comma)
                put(j, ",", 1);
        *need_comma = true;
        put_newline(j);
}

/* Whether a value may go here; writes what comes before it. */
static bool value_begin(struct json *j)
{
        if (j->error)
                return false;
        if (j->depth == 0) {
                if (j->done)
                        fail(j, -EINVAL);
        } else if (j->is_object[j->depth - 1]) {
                if (!j->have_key)
                        fail(j, -EINVAL);
                j->have_key = false;
        } else {
                put_separator(j);
        }
        return !j->error;
}

static void value_end(struct json *j)
{
        if (j->depth == 0)
                j->done = true;
}

static void container_begin(struct json *j, bool object)
{
        if (j->error)
                return;
        if (j->depth >= JSON_MAX_DEPTH) {
                fail(j, -E2BIG);
                return;
        }
        if (!value_begin(j))
                return;
        put(j, object ? "{" : "[", 1);
        j->is_object[j->depth] = object;
        j->need_comma[j->depth] = false;
        j->depth++;
}

static void container_end(struct json *j, bool object)
{
        if (j->error)
                return;
        if (j->depth == 0 || j->is_object[j->depth - 1] != object || j->have_key) {
                fail(j, -EINVAL);
                return;
        }
        j->depth--;
        /* An empty container stays on one line: {} and []. */
        if (j->need_comma[j->depth])
                put_newline(j);
        put(j, object ? "}" : "]", 1);
        value_end(j);
}

void json_object_begin(struct json *j)
{
        container_begin(j, true);
}

void json_object_end(struct json *j)
{
        container_end(j, true);
}

void json_array_begin(struct json *j)
{
        container_begin(j, false);
}

void json_array_end(struct json *j)
{
        container_end(j, false);
}

void json_key(struct json *j, const char *name)
{
        if (j->error)
                return;
        if (!name || j->depth == 0 || !j->is_object[j->depth - 1] || j->have_key) {
                fail(j, -EINVAL);
                return;
        }
        put_separator(j);
        put_string(j, name);
        put_str(j, j->flags & JSON_INDENT ? ": " : ":");
        j->have_key = true;
}

/* A scalar written as it is: a number, true, false or null. */
static void put_literal(struct json *j, const char *text)
{
        if (!value_begin(j))
                return;
        put_str(j, text);
        value_end(j);
}

void json_string(struct json *j, const char *s)
{
        if (!s) {
                json_null(j);
                return;
        }
        if (!value_begin(j))
                return;
        put_string(j, s);
        value_end(j);
}

void json_int(struct json *j, long long n)
{
        char buf[24];

        snprintf(buf, sizeof(buf), "%lld", n);
        put_literal(j, buf);
}

void json_bool(struct json *j, bool b)
{
        put_literal(j, b ? "true" : "false");
}

void json_null(struct json *j)
{
        put_literal(j, "null");
}

void json_kv_string(struct json *j, const char *name, const char *s)
{
        json_key(j, name);
        json_string(j, s);
}

void json_kv_int(struct json *j, const char *name, long long n)
{
        json_key(j, name);
        json_int(j, n);
}

void json_kv_bool(struct json *j, const char *name, bool b)
{
        json_key(j, name);
        json_bool(j, b);
}

int json_finish(struct json *j)
{
        if (j->error)
                return j->error;
        return j->done ? 0 : -EINVAL;
}
