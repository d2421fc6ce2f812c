/* SPDX-License-Identifier: MIT */
#pragma once

#include <stdbool.h>
#include <stddef.h>

/*
 * A JSON writer (RFC 8259) into a growable heap buffer.  Commas, colons and
 * indentation are written for the caller.  Nothing here crashes or aborts:
 * the first problem is kept in j->error as a negative errno and every later
 * call does nothing, so a caller writes a whole document and checks once.
 *
 *      -ENOMEM  the buffer could not grow (or would pass j->limit)
 *      -E2BIG   more than JSON_MAX_DEPTH containers open
 *      -EINVAL  misuse: a key outside an object, a value in an object
 *               without its key, an end that does not match, a second
 *               top-level value
 *
 * Strings are C strings taken as UTF-8: '"', '\' and control characters are
 * escaped, and each byte that is not part of a valid UTF-8 sequence
 * (overlong forms, surrogates, past U+10FFFF, cut short) becomes U+FFFD, so
 * the output is valid JSON whatever the input.
 */

#define JSON_MAX_DEPTH  32
#define JSON_MAX_LEN    (16u << 20)     /* default j->limit: 16 MiB */

enum json_flags {
        JSON_INDENT = 1 << 0,   /* a member per line, two spaces a level, as jq prints */
};

struct json {
        char *buf;              /* NUL-terminated; NULL until something is written */
        size_t len, cap;
        size_t limit;           /* the buffer never grows past this */
        int depth;              /* containers open */
        bool need_comma[JSON_MAX_DEPTH];        /* the open container has a member */
        bool is_object[JSON_MAX_DEPTH];
        bool have_key;          /* a key waits for its value */
        bool done;              /* the top-level value is complete */
        unsigned flags;         /* enum json_flags */
        int error;              /* 0, or the first -errno */
};

void json_init(struct json *j, unsigned flags);
void json_free(struct json *j);

/* 0 when one complete top-level value was written, else j->error or -EINVAL. */
int json_finish(struct json *j);

void json_object_begin(struct json *j);
void json_object_end(struct json *j);
void json_array_begin(struct json *j);
void json_array_end(struct json *j);

void json_key(struct json *j, const char *name);
void json_string(struct json *j, const char *s);       /* NULL writes null */
void json_int(struct json *j, long long n);
void json_bool(struct json *j, bool b);
void json_null(struct json *j);

void json_kv_string(struct json *j, const char *name, const char *s);
void json_kv_int(struct json *j, const char *name, long long n);
void json_kv_bool(struct json *j, const char *name, bool b);
