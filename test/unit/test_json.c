/* SPDX-License-Identifier: MIT */
/*
 * The JSON writer: exact output, escaping, UTF-8 repair, limits.  A small
 * strict RFC 8259 reader below checks that what the writer makes is JSON
 * and decodes back to what went in.
 */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include "json.h"

#define FFFD "\xef\xbf\xbd"

/* ---- a strict reader, independent of the writer ---- */

struct reader {
        const char *p;
        char *out;              /* decoded string value, or NULL */
        size_t out_len, out_size;
};

static void skip_ws(struct reader *r)
{
        while (*r->p == ' ' || *r->p == '\t' || *r->p == '\n' || *r->p == '\r')
                r->p++;
}

static void out_byte(struct reader *r, unsigned char c)
{
        if (r->out && r->out_len + 1 < r->out_size) {
                r->out[r->out_len++] = (char)c;
                r->out[r->out_len] = '\0';
        }
}

static void out_code_point(struct reader *r, unsigned long cp)
{
        if (cp < 0x80) {
                out_byte(r, (unsigned char)cp);
        } else if (cp < 0x800) {
                out_byte(r, (unsigned char)(0xc0 | cp >> 6));
                out_byte(r, (unsigned char)(0x80 | (cp & 0x3f)));
        } else if (cp < 0x10000) {
                out_byte(r, (unsigned char)(0xe0 | cp >> 12));
                out_byte(r, (unsigned char)(0x80 | (cp >> 6 & 0x3f)));
                out_byte(r, (unsigned char)(0x80 | (cp & 0x3f)));
        } else {
                out_byte(r, (unsigned char)(0xf0 | cp >> 18));
                out_byte(r, (unsigned char)(0x80 | (cp >> 12 & 0x3f)));
                out_byte(r, (unsigned char)(0x80 | (cp >> 6 & 0x3f)));
                out_byte(r, (unsigned char)(0x80 | (cp & 0x3f)));
        }
}

static bool read_hex4(struct reader *r, unsigned long *v)
{
        *v = 0;
        for (int i = 0; i < 4; i++) {
                char c = *r->p++;

                *v <<= 4;
                if (c >= '0' && c <= '9')
                        *v |= (unsigned long)(c - '0');
                else if (c >= 'a' && c <= 'f')
                        *v |= (unsigned long)(c - 'a' + 10);
                else if (c >= 'A' && c <= 'F')
                        *v |= (unsigned long)(c - 'A' + 10);
                else
                        return false;
        }
        return true;
}

/* One UTF-8 character, decoded to a code point and checked for what UTF-8 forbids. */
static bool read_utf8(struct reader *r)
{
        const unsigned char *s = (const unsigned char *)r->p;
        unsigned long cp, min;
        int n;

        if (s[0] < 0x80)
                n = 1, cp = s[0], min = 0;
        else if ((s[0] & 0xe0) == 0xc0)
                n = 2, cp = s[0] & 0x1f, min = 0x80;
        else if ((s[0] & 0xf0) == 0xe0)
                n = 3, cp = s[0] & 0x0f, min = 0x800;
        else if ((s[0] & 0xf8) == 0xf0)
                n = 4, cp = s[0] & 0x07, min = 0x10000;
        else
                return false;
        for (int i = 1; i < n; i++) {
                if ((s[i] & 0xc0) != 0x80)
                        return false;
                cp = cp << 6 | (s[i] & 0x3f);
        }
        if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
                return false;
        for (int i = 0; i < n; i++)
                out_byte(r, s[i]);
        r->p += n;
        return true;
}

static bool read_string(struct reader *r)
{
        if (*r->p++ != '"')
                return false;
        for (;;) {
                unsigned char c = (unsigned char)*r->p;
                unsigned long cp, lo;

                if (c == '"') {
                        r->p++;
                        return true;
                }
                if (c < 0x20)           /* also the end of the text */
                        return false;
                if (c != '\\') {
                        if (!read_utf8(r))
                                return false;
                        continue;
                }
                r->p++;
                switch (*r->p++) {
                case '"':  out_byte(r, '"'); break;
                case '\\': out_byte(r, '\\'); break;
                case '/':  out_byte(r, '/'); break;
                case 'b':  out_byte(r, '\b'); break;
                case 'f':  out_byte(r, '\f'); break;
                case 'n':  out_byte(r, '\n'); break;
                case 'r':  out_byte(r, '\r'); break;
                case 't':  out_byte(r, '\t'); break;
                case 'u':
                        if (!read_hex4(r, &cp))
                                return false;
                        if (cp >= 0xdc00 && cp <= 0xdfff)
                                return false;
                        if (cp >= 0xd800 && cp <= 0xdbff) {
                                if (r->p[0] != '\\' || r->p[1] != 'u')
                                        return false;
                                r->p += 2;
                                if (!read_hex4(r, &lo) || lo < 0xdc00 || lo > 0xdfff)
                                        return false;
                                cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
                        }
                        out_code_point(r, cp);
                        break;
                default:
                        return false;
                }
        }
}

static bool read_digits(struct reader *r)
{
        if (*r->p < '0' || *r->p > '9')
                return false;
        while (*r->p >= '0' && *r->p <= '9')
                r->p++;
        return true;
}

static bool read_number(struct reader *r)
{
        if (*r->p == '-')
                r->p++;
        if (*r->p == '0')
                r->p++;
        else if (!read_digits(r))
                return false;
        if (*r->p == '.') {
                r->p++;
                if (!read_digits(r))
                        return false;
        }
        if (*r->p == 'e' || *r->p == 'E') {
                r->p++;
                if (*r->p == '+' || *r->p == '-')
                        r->p++;
                if (!read_digits(r))
                        return false;
        }
        return true;
}

static bool read_literal(struct reader *r, const char *word)
{
        size_t n = strlen(word);

        if (strncmp(r->p, word, n) != 0)
                return false;
        r->p += n;
        return true;
}

static bool read_value(struct reader *r);

static bool read_members(struct reader *r, char close, bool object)
{
        r->p++;
        skip_ws(r);
        if (*r->p == close) {
                r->p++;
                return true;
        }
        for (;;) {
                skip_ws(r);
                if (object) {
                        if (*r->p != '"' || !read_string(r))
                                return false;
                        skip_ws(r);
                        if (*r->p++ != ':')
                                return false;
                }
                if (!read_value(r))
                        return false;
                skip_ws(r);
                if (*r->p == close) {
                        r->p++;
                        return true;
                }
                if (*r->p++ != ',')
                        return false;
        }
}

static bool read_value(struct reader *r)
{
        skip_ws(r);
        switch (*r->p) {
        case '{': return read_members(r, '}', true);
        case '[': return read_members(r, ']', false);
        case '"': return read_string(r);
        case 't': return read_literal(r, "true");
        case 'f': return read_literal(r, "false");
        case 'n': return read_literal(r, "null");
        default:  return read_number(r);
        }
}

/* Whether @text is exactly one JSON value (with whitespace around). */
static bool json_valid(const char *text)
{
        struct reader r = { .p = text };

        if (!read_value(&r))
                return false;
        skip_ws(&r);
        return *r.p == '\0';
}

/* Decode @text, a JSON string, into @out. */
static bool json_decode_string(const char *text, char *out, size_t size)
{
        struct reader r = { .p = text, .out = out, .out_size = size };

        out[0] = '\0';
        return read_string(&r) && *r.p == '\0';
}

static void test_reader_rejects_what_is_not_json(void **state)
{
        assert_true(json_valid("{\"a\": [1, -2.5e3, true, false, null, \"x\\u00e9\"]}"));
        assert_true(json_valid("\"\\ud83d\\ude00\""));
        assert_false(json_valid("[1,]"));
        assert_false(json_valid("{\"a\" 1}"));
        assert_false(json_valid("{\"a\":1,}"));
        assert_false(json_valid("\"a\nb\""));
        assert_false(json_valid("\"\\x41\""));
        assert_false(json_valid("\"\xc0\x80\""));
        assert_false(json_valid("\"\xed\xa0\x80\""));
        assert_false(json_valid("\"\xf4\x90\x80\x80\""));
        assert_false(json_valid("\"\\udc00\""));
        assert_false(json_valid("01"));
        assert_false(json_valid("[] []"));
        assert_false(json_valid("\"open"));
}

/* ---- helpers ---- */

/* @s written as a lone compact string value. */
static char *string_json(const char *s)
{
        struct json j;
        char *text;

        json_init(&j, 0);
        json_string(&j, s);
        assert_int_equal(json_finish(&j), 0);
        text = strdup(j.buf);
        json_free(&j);
        return text;
}

static void assert_string_json(const char *in, const char *expected)
{
        char *text = string_json(in);

        assert_string_equal(text, expected);
        assert_true(json_valid(text));
        free(text);
}

/* ---- structure ---- */

static void test_empty_object_and_array(void **state)
{
        struct json j;

        json_init(&j, 0);
        json_object_begin(&j);
        json_object_end(&j);
        assert_int_equal(json_finish(&j), 0);
        assert_string_equal(j.buf, "{}");
        json_free(&j);

        json_init(&j, JSON_INDENT);
        json_array_begin(&j);
        json_array_end(&j);
        assert_int_equal(json_finish(&j), 0);
        assert_string_equal(j.buf, "[]");
        json_free(&j);
}

static void write_nested(struct json *j)
{
        json_object_begin(j);
        json_kv_string(j, "name", "disks");
        json_kv_int(j, "ms", 412);
        json_key(j, "list");
        json_array_begin(j);
        json_int(j, 1);
        json_bool(j, true);
        json_bool(j, false);
        json_null(j);
        json_string(j, "x");
        json_array_begin(j);
        json_array_end(j);
        json_object_begin(j);
        json_object_end(j);
        json_array_end(j);
        json_key(j, "inner");
        json_object_begin(j);
        json_kv_bool(j, "ok", true);
        json_key(j, "deep");
        json_array_begin(j);
        json_array_begin(j);
        json_string(j, "y");
        json_array_end(j);
        json_array_end(j);
        json_object_end(j);
        json_object_end(j);
}

static void test_nested_compact_exact(void **state)
{
        struct json j;

        json_init(&j, 0);
        write_nested(&j);
        assert_int_equal(json_finish(&j), 0);
        assert_string_equal(j.buf,
                "{\"name\":\"disks\",\"ms\":412,\"list\":[1,true,false,null,\"x\",[],{}],"
                "\"inner\":{\"ok\":true,\"deep\":[[\"y\"]]}}");
        assert_int_equal(j.len, strlen(j.buf));
        json_free(&j);
}

/* The same layout as `jq .` gives. */
static void test_nested_indented_exact(void **state)
{
        struct json j;

        json_init(&j, JSON_INDENT);
        write_nested(&j);
        assert_int_equal(json_finish(&j), 0);
        assert_string_equal(j.buf,
                "{\n"
                "  \"name\": \"disks\",\n"
                "  \"ms\": 412,\n"
                "  \"list\": [\n"
                "    1,\n"
                "    true,\n"
                "    false,\n"
                "    null,\n"
                "    \"x\",\n"
                "    [],\n"
                "    {}\n"
                "  ],\n"
                "  \"inner\": {\n"
                "    \"ok\": true,\n"
                "    \"deep\": [\n"
                "      [\n"
                "        \"y\"\n"
                "      ]\n"
                "    ]\n"
                "  }\n"
                "}");
        assert_true(json_valid(j.buf));
        json_free(&j);
}

static void test_scalar_at_top_level(void **state)
{
        struct json j;

        json_init(&j, JSON_INDENT);
        json_int(&j, 7);
        assert_int_equal(json_finish(&j), 0);
        assert_string_equal(j.buf, "7");
        json_free(&j);
}

static void test_integers_full_range(void **state)
{
        struct json j;

        json_init(&j, 0);
        json_array_begin(&j);
        json_int(&j, 0);
        json_int(&j, -1);
        json_int(&j, LLONG_MAX);
        json_int(&j, LLONG_MIN);
        json_array_end(&j);
        assert_int_equal(json_finish(&j), 0);
        assert_string_equal(j.buf, "[0,-1,9223372036854775807,-9223372036854775808]");
        json_free(&j);
}

static void test_null_string_is_null(void **state)
{
        struct json j;

        json_init(&j, 0);
        json_object_begin(&j);
        json_kv_string(&j, "init", NULL);
        json_key(&j, "list");
        json_array_begin(&j);
        json_string(&j, NULL);
        json_string(&j, "");
        json_array_end(&j);
        json_object_end(&j);
        assert_int_equal(json_finish(&j), 0);
        assert_string_equal(j.buf, "{\"init\":null,\"list\":[null,\"\"]}");
        json_free(&j);
}

/* ---- escaping ---- */

static void test_quote_and_backslash_escaped(void **state)
{
        assert_string_json("a\"b\\c", "\"a\\\"b\\\\c\"");
}

static void test_short_escapes(void **state)
{
        assert_string_json("\b\f\n\r\t", "\"\\b\\f\\n\\r\\t\"");
}

static void test_other_control_characters_as_u00xx(void **state)
{
        static const char *const expected[0x20] = {
                [0x01] = "\\u0001", [0x02] = "\\u0002", [0x03] = "\\u0003",
                [0x04] = "\\u0004", [0x05] = "\\u0005", [0x06] = "\\u0006",
                [0x07] = "\\u0007", [0x08] = "\\b",     [0x09] = "\\t",
                [0x0a] = "\\n",     [0x0b] = "\\u000b", [0x0c] = "\\f",
                [0x0d] = "\\r",     [0x0e] = "\\u000e", [0x0f] = "\\u000f",
                [0x10] = "\\u0010", [0x11] = "\\u0011", [0x12] = "\\u0012",
                [0x13] = "\\u0013", [0x14] = "\\u0014", [0x15] = "\\u0015",
                [0x16] = "\\u0016", [0x17] = "\\u0017", [0x18] = "\\u0018",
                [0x19] = "\\u0019", [0x1a] = "\\u001a", [0x1b] = "\\u001b",
                [0x1c] = "\\u001c", [0x1d] = "\\u001d", [0x1e] = "\\u001e",
                [0x1f] = "\\u001f",
        };

        for (int c = 1; c < 0x20; c++) {
                char in[4] = { 'a', (char)c, 'z', '\0' };
                char want[16];

                snprintf(want, sizeof(want), "\"a%sz\"", expected[c]);
                assert_string_json(in, want);
        }
}

static void test_del_slash_and_printable_as_is(void **state)
{
        assert_string_json("\x7f/ ~{}[]:,", "\"\x7f/ ~{}[]:,\"");
}

static void test_key_is_escaped(void **state)
{
        struct json j;

        json_init(&j, 0);
        json_object_begin(&j);
        json_kv_int(&j, "a\"\n\x80", 1);
        json_object_end(&j);
        assert_int_equal(json_finish(&j), 0);
        assert_string_equal(j.buf, "{\"a\\\"\\n" FFFD "\":1}");
        json_free(&j);
}

/* ---- UTF-8 ---- */

static void test_valid_multibyte_utf8_kept(void **state)
{
        static const char *const valid[] = {
                "\xc2\x80",             /* U+0080, the first two-byte */
                "\xc3\xa9",             /* e acute */
                "\xdf\xbf",             /* U+07FF */
                "\xe0\xa0\x80",         /* U+0800, the first three-byte */
                "\xe2\x82\xac",         /* euro sign */
                "\xed\x9f\xbf",         /* U+D7FF, just below the surrogates */
                "\xee\x80\x80",         /* U+E000, just above */
                "\xef\xbf\xbf",         /* U+FFFF */
                "\xf0\x90\x80\x80",     /* U+10000, the first four-byte */
                "\xf0\x9f\x98\x80",     /* an emoji */
                "\xf4\x8f\xbf\xbf",     /* U+10FFFF, the last */
        };

        for (size_t i = 0; i < sizeof(valid) / sizeof(valid[0]); i++) {
                char want[16];

                snprintf(want, sizeof(want), "\"%s\"", valid[i]);
                assert_string_json(valid[i], want);
        }
        assert_string_json("caf\xc3\xa9 \xe2\x82\xac", "\"caf\xc3\xa9 \xe2\x82\xac\"");
}

static void test_invalid_utf8_byte_becomes_fffd(void **state)
{
        static const struct {
                const char *in, *out;
        } cases[] = {
                { "\x80", FFFD },                               /* lone continuation */
                { "\xbf", FFFD },
                { "a\xffz", "a" FFFD "z" },
                { "\xfe\xff", FFFD FFFD },
                { "\xc0\x80", FFFD FFFD },                      /* overlong NUL */
                { "\xc1\xbf", FFFD FFFD },                      /* overlong U+007F */
                { "\xe0\x80\x80", FFFD FFFD FFFD },             /* overlong three-byte */
                { "\xe0\x9f\xbf", FFFD FFFD FFFD },
                { "\xf0\x80\x80\x80", FFFD FFFD FFFD FFFD },    /* overlong four-byte */
                { "\xf0\x8f\xbf\xbf", FFFD FFFD FFFD FFFD },
                { "\xed\xa0\x80", FFFD FFFD FFFD },             /* U+D800 */
                { "\xed\xbf\xbf", FFFD FFFD FFFD },             /* U+DFFF */
                { "\xf4\x90\x80\x80", FFFD FFFD FFFD FFFD },    /* U+110000 */
                { "\xf5\x80\x80\x80", FFFD FFFD FFFD FFFD },
                { "\xe2\x82", FFFD FFFD },                      /* cut short at the end */
                { "\xe2\x82z", FFFD FFFD "z" },                 /* cut short by ASCII */
                { "\xf0\x9f\x98", FFFD FFFD FFFD },
                { "\xc3\n", FFFD "\\n" },                       /* cut short by a control */
                { "\xc3\"", FFFD "\\\"" },
                { "\xc3\xc3\xa9", FFFD "\xc3\xa9" },            /* a lead byte, then a character */
        };

        for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
                char want[64];

                snprintf(want, sizeof(want), "\"%s\"", cases[i].out);
                assert_string_json(cases[i].in, want);
        }
}

/* Any bytes at all: the output is JSON, and valid UTF-8 comes back as it went in. */
static void test_random_bytes_give_valid_json(void **state)
{
        unsigned seed = 12345;

        for (int round = 0; round < 2000; round++) {
                char in[64], decoded[512];
                size_t n = 1 + (size_t)round % (sizeof(in) - 1);
                char *text;

                for (size_t i = 0; i < n - 1; i++) {
                        seed = seed * 1103515245u + 12345u;
                        in[i] = (char)(1 + (seed >> 16) % 255);
                }
                in[n - 1] = '\0';
                text = string_json(in);
                assert_true(json_valid(text));
                assert_true(json_decode_string(text, decoded, sizeof(decoded)));
                if (!strstr(decoded, FFFD))
                        assert_string_equal(decoded, in);
                free(text);
        }
}

static void test_escapes_decode_back(void **state)
{
        static const char in[] = "q\"b\\s/\b\f\n\r\t\x01\x1f\x7f \xc3\xa9\xf0\x9f\x98\x80";
        char decoded[128];
        char *text = string_json(in);

        assert_true(json_decode_string(text, decoded, sizeof(decoded)));
        assert_string_equal(decoded, in);
        free(text);
}

/* ---- errors ---- */

static void test_depth_limit_sets_error(void **state)
{
        struct json j;
        size_t len;

        json_init(&j, 0);
        for (int i = 0; i < JSON_MAX_DEPTH; i++)
                json_array_begin(&j);
        assert_int_equal(j.error, 0);
        assert_int_equal(j.depth, JSON_MAX_DEPTH);
        len = j.len;

        json_array_begin(&j);
        assert_int_equal(j.error, -E2BIG);
        /* Nothing more is written once in error. */
        json_string(&j, "x");
        for (int i = 0; i < JSON_MAX_DEPTH + 2; i++)
                json_array_end(&j);
        assert_int_equal(j.len, len);
        assert_int_equal(json_finish(&j), -E2BIG);
        json_free(&j);
}

static void test_deepest_allowed_nesting_is_valid(void **state)
{
        struct json j;

        json_init(&j, JSON_INDENT);
        for (int i = 0; i < JSON_MAX_DEPTH; i++) {
                json_object_begin(&j);
                json_key(&j, "k");
        }
        json_null(&j);
        for (int i = 0; i < JSON_MAX_DEPTH; i++)
                json_object_end(&j);
        assert_int_equal(json_finish(&j), 0);
        assert_true(json_valid(j.buf));
        json_free(&j);
}

static void test_value_without_key_in_object_is_einval(void **state)
{
        struct json j;

        json_init(&j, 0);
        json_object_begin(&j);
        json_int(&j, 1);
        assert_int_equal(json_finish(&j), -EINVAL);
        assert_string_equal(j.buf, "{");
        json_free(&j);
}

static void test_key_outside_object_is_einval(void **state)
{
        struct json j;

        json_init(&j, 0);
        json_array_begin(&j);
        json_key(&j, "a");
        assert_int_equal(j.error, -EINVAL);
        json_free(&j);

        json_init(&j, 0);
        json_key(&j, "a");
        assert_int_equal(j.error, -EINVAL);
        json_free(&j);

        json_init(&j, 0);
        json_object_begin(&j);
        json_key(&j, NULL);
        assert_int_equal(j.error, -EINVAL);
        json_free(&j);
}

static void test_key_twice_is_einval(void **state)
{
        struct json j;

        json_init(&j, 0);
        json_object_begin(&j);
        json_key(&j, "a");
        json_key(&j, "b");
        assert_int_equal(j.error, -EINVAL);
        json_free(&j);

        /* A key left without its value when the object closes. */
        json_init(&j, 0);
        json_object_begin(&j);
        json_key(&j, "a");
        json_object_end(&j);
        assert_int_equal(j.error, -EINVAL);
        json_free(&j);
}

static void test_mismatched_end_is_einval(void **state)
{
        struct json j;

        json_init(&j, 0);
        json_object_begin(&j);
        json_array_end(&j);
        assert_int_equal(j.error, -EINVAL);
        json_free(&j);

        json_init(&j, 0);
        json_object_end(&j);
        assert_int_equal(j.error, -EINVAL);
        assert_null(j.buf);
        json_free(&j);
}

static void test_second_top_level_value_is_einval(void **state)
{
        struct json j;

        json_init(&j, 0);
        json_object_begin(&j);
        json_object_end(&j);
        json_int(&j, 1);
        assert_int_equal(json_finish(&j), -EINVAL);
        assert_string_equal(j.buf, "{}");
        json_free(&j);
}

static void test_unfinished_document_is_einval(void **state)
{
        struct json j;

        json_init(&j, 0);
        assert_int_equal(json_finish(&j), -EINVAL);
        json_array_begin(&j);
        assert_int_equal(json_finish(&j), -EINVAL);
        /* Unfinished is not an error of the writer: it can go on. */
        assert_int_equal(j.error, 0);
        json_array_end(&j);
        assert_int_equal(json_finish(&j), 0);
        json_free(&j);
}

/* ---- the buffer ---- */

static void test_large_output_grows_buffer(void **state)
{
        char item[101];
        struct json j;
        size_t expected;

        memset(item, 'a', sizeof(item) - 1);
        item[sizeof(item) - 1] = '\0';
        json_init(&j, 0);
        json_array_begin(&j);
        for (int i = 0; i < 10000; i++)
                json_string(&j, item);
        json_array_end(&j);
        assert_int_equal(json_finish(&j), 0);

        /* [ + 10000 quoted items + 9999 commas + ] */
        expected = 2 + 10000 * 102 + 9999;
        assert_int_equal(j.len, expected);
        assert_int_equal(strlen(j.buf), expected);
        assert_true(j.cap > j.len);
        assert_true(json_valid(j.buf));
        assert_memory_equal(j.buf + j.len - 104, ",\"aaaa", 6);
        json_free(&j);
}

/* The same path as a failed realloc(): the first error stays, the text stays a C string. */
static void test_growth_past_limit_sets_enomem(void **state)
{
        struct json j;
        size_t len;

        json_init(&j, 0);
        j.limit = 64;
        json_array_begin(&j);
        for (int i = 0; i < 100 && !j.error; i++)
                json_string(&j, "0123456789");
        assert_int_equal(j.error, -ENOMEM);
        assert_true(j.cap <= 64);
        assert_true(j.len < 64);
        assert_int_equal(strlen(j.buf), j.len);
        len = j.len;
        json_array_begin(&j);
        json_array_end(&j);
        json_array_end(&j);
        assert_int_equal(j.len, len);
        assert_int_equal(json_finish(&j), -ENOMEM);
        json_free(&j);
}

static void test_free_resets_for_reuse(void **state)
{
        struct json j;

        json_init(&j, 0);
        json_string(&j, "a");
        json_free(&j);
        assert_null(j.buf);
        assert_int_equal(j.len, 0);
        json_free(&j);          /* twice is harmless */

        json_init(&j, 0);
        json_string(&j, "b");
        assert_int_equal(json_finish(&j), 0);
        assert_string_equal(j.buf, "\"b\"");
        json_free(&j);
}

int main(void)
{
        const struct CMUnitTest tests[] = {
                cmocka_unit_test(test_reader_rejects_what_is_not_json),
                cmocka_unit_test(test_empty_object_and_array),
                cmocka_unit_test(test_nested_compact_exact),
                cmocka_unit_test(test_nested_indented_exact),
                cmocka_unit_test(test_scalar_at_top_level),
                cmocka_unit_test(test_integers_full_range),
                cmocka_unit_test(test_null_string_is_null),
                cmocka_unit_test(test_quote_and_backslash_escaped),
                cmocka_unit_test(test_short_escapes),
                cmocka_unit_test(test_other_control_characters_as_u00xx),
                cmocka_unit_test(test_del_slash_and_printable_as_is),
                cmocka_unit_test(test_key_is_escaped),
                cmocka_unit_test(test_valid_multibyte_utf8_kept),
                cmocka_unit_test(test_invalid_utf8_byte_becomes_fffd),
                cmocka_unit_test(test_random_bytes_give_valid_json),
                cmocka_unit_test(test_escapes_decode_back),
                cmocka_unit_test(test_depth_limit_sets_error),
                cmocka_unit_test(test_deepest_allowed_nesting_is_valid),
                cmocka_unit_test(test_value_without_key_in_object_is_einval),
                cmocka_unit_test(test_key_outside_object_is_einval),
                cmocka_unit_test(test_key_twice_is_einval),
                cmocka_unit_test(test_mismatched_end_is_einval),
                cmocka_unit_test(test_second_top_level_value_is_einval),
                cmocka_unit_test(test_unfinished_document_is_einval),
                cmocka_unit_test(test_large_output_grows_buffer),
                cmocka_unit_test(test_growth_past_limit_sets_enomem),
                cmocka_unit_test(test_free_resets_for_reuse),
        };

        return cmocka_run_group_tests(tests, NULL, NULL);
}
