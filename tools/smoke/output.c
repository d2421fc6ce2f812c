/* SPDX-License-Identifier: MIT */
/*
 * The run's results for CI servers: JUnit XML (one testcase per checkpoint
 * per target, the form Jenkins, GitLab and GitHub read; test/smoke/junit.xsd
 * is the schema it keeps to), JSON, and TAP.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <json-c/json.h>

#include "smoke.h"

static const char *const verdict_names[] = {
        [SMOKE_PASSED] = "passed", [SMOKE_FAILED] = "failed", [SMOKE_PANIC] = "panic",
        [SMOKE_TIMEOUT] = "timeout", [SMOKE_NO_QEMU] = "qemu",
};

const char *smoke_verdict_name(enum smoke_verdict v)
{
        return verdict_names[v];
}

static FILE *output_open(const char *path)
{
        return strcmp(path, "-") == 0 ? stdout : fopen(path, "we");
}

static int output_close(FILE *f, const char *path)
{
        int r = ferror(f) ? -EIO : 0;

        if (f == stdout)
                return fflush(f) == 0 ? r : -errno;
        if (fclose(f) != 0 && r == 0)
                r = -errno;
        if (r < 0)
                fprintf(stderr, "%s: %s: %s\n", PROG, path, strerror(-r));
        return r;
}

/* Bytes of a valid UTF-8 sequence at @s, or 0. */
static size_t utf8_len(const unsigned char *s)
{
        size_t n = s[0] >= 0xf0 && s[0] <= 0xf4 ? 4 : s[0] >= 0xe0 ? 3 : s[0] >= 0xc2 && s[0] < 0xe0 ? 2 : 0;

        for (size_t i = 1; i < n; i++)
                if ((s[i] & 0xc0) != 0x80)
                        return 0;
        return n;
}

/* XML text: markup escaped; what XML 1.0 cannot hold (control bytes, broken UTF-8) as '?'. */
static void xml_put(FILE *f, const char *text)
{
        for (const unsigned char *s = (const unsigned char *)text; *s; s++) {
                size_t n;

                switch (*s) {
                case '&': fputs("&amp;", f); continue;
                case '<': fputs("&lt;", f); continue;
                case '>': fputs("&gt;", f); continue;
                case '"': fputs("&quot;", f); continue;
                case '\'': fputs("&apos;", f); continue;
                case '\n': case '\t': fputc(*s, f); continue;
                }
                if (*s < 0x20 || *s == 0x7f) {
                        fputc('?', f);
                } else if (*s < 0x80) {
                        fputc(*s, f);
                } else if ((n = utf8_len(s)) > 0) {
                        fwrite(s, 1, n, f);
                        s += n - 1;
                } else {
                        fputc('?', f);
                }
        }
}

static const struct smoke_expect *expect_for(const struct smoke_target *t, int i)
{
        for (size_t k = 0; k < t->n_expects; k++)
                if (t->expects[k].checkpoint == i)
                        return &t->expects[k];
        return NULL;
}

/* The checkpoint a boot that ended without its verdict was in: the first without a status line. */
static int first_unseen(const struct smoke_result *r)
{
        for (int i = 0; i < CHECKPOINT_COUNT; i++)
                if (!r->ev.cp[i].seen)
                        return i;
        return CHECKPOINT_COUNT - 1;
}

enum case_outcome { CASE_PASSED, CASE_FAILED, CASE_ERROR, CASE_SKIPPED };

static enum case_outcome case_outcome(const struct smoke_result *r, int i, char *msg, size_t size)
{
        const struct smoke_checkpoint *cp = &r->ev.cp[i];
        const struct smoke_expect *e = expect_for(r->target, i);
        const char *was = cp->seen ? cp->status : "none";

        msg[0] = '\0';
        if (e && strcmp(e->status, was) != 0) {
                snprintf(msg, size, "%s expected, was %s%s%s", e->status, was, cp->seen ? ": " : "",
                         cp->seen ? cp->detail : "");
                return CASE_FAILED;
        }
        if (e && !smoke_detail_matches(e, cp)) {
                snprintf(msg, size, "detail \"%s\" does not match \"%s\"", cp->detail, e->detail);
                return CASE_FAILED;
        }
        if (r->verdict >= SMOKE_PANIC && i == first_unseen(r)) {
                snprintf(msg, size, "%s", r->reason);
                return CASE_ERROR;
        }
        if (!cp->seen) {
                if (e)
                        return CASE_PASSED;
                snprintf(msg, size, "did not run");
                return CASE_SKIPPED;
        }
        snprintf(msg, size, "%s", cp->detail);
        if (strcmp(cp->status, "fail") == 0 && !e)
                return CASE_FAILED;
        if (strcmp(cp->status, "skip") == 0)
                return CASE_SKIPPED;
        return CASE_PASSED;
}

struct case_counts {
        int failures, errors, skipped;
};

static void cases_count(const struct smoke_result *r, struct case_counts *c)
{
        char msg[1024];

        for (int i = 0; i < CHECKPOINT_COUNT; i++) {
                enum case_outcome o = case_outcome(r, i, msg, sizeof(msg));

                c->failures += o == CASE_FAILED;
                c->errors += o == CASE_ERROR;
                c->skipped += o == CASE_SKIPPED;
        }
}

static void junit_suite(FILE *f, const struct smoke_result *r)
{
        const char *name = r->target->name;
        struct case_counts c = { 0 };
        enum case_outcome outcome[CHECKPOINT_COUNT];
        char msg[CHECKPOINT_COUNT][1024];

        for (int i = 0; i < CHECKPOINT_COUNT; i++)
                outcome[i] = case_outcome(r, i, msg[i], sizeof(msg[i]));
        cases_count(r, &c);
        fprintf(f, "  <testsuite name=\"");
        xml_put(f, name);
        fprintf(f, "\" tests=\"%d\" failures=\"%d\" errors=\"%d\" skipped=\"%d\" time=\"%.3f\">\n",
                CHECKPOINT_COUNT, c.failures, c.errors, c.skipped, r->ms / 1000.0);
        fprintf(f, "    <properties>\n      <property name=\"verdict\" value=\"%s\"/>\n"
                "      <property name=\"exit\" value=\"%d\"/>\n", smoke_verdict_name(r->verdict), r->verdict);
        if (r->accel)
                fprintf(f, "      <property name=\"accel\" value=\"%s\"/>\n", r->accel);
        fprintf(f, "    </properties>\n");
        for (int i = 0; i < CHECKPOINT_COUNT; i++) {
                const struct smoke_checkpoint *cp = &r->ev.cp[i];

                fprintf(f, "    <testcase classname=\"rdcheck-smoke.");
                xml_put(f, name);
                fprintf(f, "\" name=\"%s\" time=\"%.3f\"", checkpoint_names[i], cp->seen ? cp->ms / 1000.0 : 0.0);
                if (outcome[i] == CASE_PASSED && !(cp->seen && strcmp(cp->status, "pass"))) {
                        fprintf(f, "/>\n");
                        continue;
                }
                fprintf(f, ">\n");
                if (outcome[i] == CASE_FAILED || outcome[i] == CASE_ERROR) {
                        const char *tag = outcome[i] == CASE_FAILED ? "failure" : "error";

                        fprintf(f, "      <%s message=\"", tag);
                        xml_put(f, msg[i]);
                        fprintf(f, "\" type=\"%s\">", outcome[i] == CASE_FAILED ? "checkpoint" :
                                smoke_verdict_name(r->verdict));
                        xml_put(f, cp->diagnosis[0] ? cp->diagnosis : r->reason);
                        fprintf(f, "</%s>\n", tag);
                } else if (outcome[i] == CASE_SKIPPED) {
                        fprintf(f, "      <skipped message=\"");
                        xml_put(f, msg[i]);
                        fprintf(f, "\"/>\n");
                } else {
                        /* warn, pause, or a failure --expect asked for: passed, with its words kept. */
                        fprintf(f, "      <system-out>status=%s: ", cp->status);
                        xml_put(f, cp->detail);
                        fprintf(f, "</system-out>\n");
                }
                fprintf(f, "    </testcase>\n");
        }
        fprintf(f, "    <system-out>");
        fprintf(f, "%s: ", smoke_verdict_name(r->verdict));
        xml_put(f, r->reason);
        fprintf(f, "\nconsole: ");
        xml_put(f, r->console_log);
        if (r->reproducer) {
                fprintf(f, "\nreproduce: ");
                xml_put(f, r->reproducer);
        }
        fprintf(f, "</system-out>\n  </testsuite>\n");
}

int smoke_write_junit(const char *path, const struct smoke_result *r, size_t n)
{
        FILE *f = output_open(path);
        struct case_counts c = { 0 };
        long ms = 0;

        if (!f) {
                fprintf(stderr, "%s: %s: %s\n", PROG, path, strerror(errno));
                return -errno;
        }
        for (size_t i = 0; i < n; i++) {
                cases_count(&r[i], &c);
                ms += r[i].ms;
        }
        fprintf(f, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        fprintf(f, "<testsuites name=\"rdcheck-smoke\" tests=\"%zu\" failures=\"%d\" errors=\"%d\" "
                "skipped=\"%d\" time=\"%.3f\">\n", n * CHECKPOINT_COUNT, c.failures, c.errors, c.skipped, ms / 1000.0);
        for (size_t i = 0; i < n; i++)
                junit_suite(f, &r[i]);
        fprintf(f, "</testsuites>\n");
        return output_close(f, path);
}

static struct json_object *string_or_null(const char *s)
{
        return s && *s ? json_object_new_string(s) : NULL;
}

static struct json_object *diagnosis_lines(const char *text)
{
        struct json_object *a = json_object_new_array();

        while (text && *text) {
                size_t n = strcspn(text, "\n");

                json_object_array_add(a, json_object_new_string_len(text, (int)n));
                text += n + (text[n] == '\n');
        }
        return a;
}

static struct json_object *result_json(const struct smoke_result *r)
{
        struct json_object *o = json_object_new_object(), *cps = json_object_new_array(), *logs;

        json_object_object_add(o, "name", json_object_new_string(r->target->name));
        json_object_object_add(o, "verdict", json_object_new_string(smoke_verdict_name(r->verdict)));
        json_object_object_add(o, "exit", json_object_new_int(r->verdict));
        json_object_object_add(o, "reason", json_object_new_string(r->reason));
        json_object_object_add(o, "failed_checkpoint", r->failed_checkpoint >= 0 ?
                               json_object_new_string(checkpoint_names[r->failed_checkpoint]) : NULL);
        json_object_object_add(o, "accel", string_or_null(r->accel));
        json_object_object_add(o, "ms", json_object_new_int64(r->ms));
        json_object_object_add(o, "timeout_s", json_object_new_int(r->timeout_s));
        json_object_object_add(o, "silence_s", json_object_new_int(r->silence_s));
        json_object_object_add(o, "evidence", json_object_new_string(r->ev.from_console ? "console" : "verdict-tty"));
        json_object_object_add(o, "report", json_object_new_boolean(r->ev.has_report));
        json_object_object_add(o, "panic", string_or_null(r->ev.panic));
        logs = json_object_new_object();
        json_object_object_add(logs, "console", json_object_new_string(r->console_log));
        json_object_object_add(logs, "verdict", json_object_new_string(r->verdict_log));
        json_object_object_add(logs, "qemu", json_object_new_string(r->qemu_log));
        json_object_object_add(o, "logs", logs);
        json_object_object_add(o, "reproducer", string_or_null(r->reproducer));
        for (int i = 0; i < CHECKPOINT_COUNT; i++) {
                const struct smoke_checkpoint *cp = &r->ev.cp[i];
                struct json_object *c = json_object_new_object();

                json_object_object_add(c, "name", json_object_new_string(checkpoint_names[i]));
                json_object_object_add(c, "status", cp->seen ? json_object_new_string(cp->status) : NULL);
                json_object_object_add(c, "ms", cp->seen ? json_object_new_int64(cp->ms) : NULL);
                json_object_object_add(c, "detail", cp->seen ? json_object_new_string(cp->detail) : NULL);
                json_object_object_add(c, "diagnosis", diagnosis_lines(cp->diagnosis));
                json_object_array_add(cps, c);
        }
        json_object_object_add(o, "checkpoints", cps);
        return o;
}

int smoke_write_json(const char *path, const struct smoke_result *r, size_t n)
{
        struct json_object *root = json_object_new_object(), *list = json_object_new_array();
        FILE *f = output_open(path);
        size_t passed = 0;

        if (!f) {
                fprintf(stderr, "%s: %s: %s\n", PROG, path, strerror(errno));
                json_object_put(root);
                json_object_put(list);
                return -errno;
        }
        for (size_t i = 0; i < n; i++) {
                passed += r[i].verdict == SMOKE_PASSED;
                json_object_array_add(list, result_json(&r[i]));
        }
        json_object_object_add(root, "schema", json_object_new_string("rdcheck-smoke/1"));
        json_object_object_add(root, "passed", json_object_new_int64((int64_t)passed));
        json_object_object_add(root, "failed", json_object_new_int64((int64_t)(n - passed)));
        json_object_object_add(root, "targets", list);
        fprintf(f, "%s\n", json_object_to_json_string_ext(root, JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_NOSLASHESCAPE));
        json_object_put(root);
        return output_close(f, path);
}

/* A YAML double-quoted scalar: JSON's string syntax is one. */
static void yaml_put(FILE *f, const char *key, const char *value)
{
        struct json_object *s = json_object_new_string(value);

        fprintf(f, "  %s: %s\n", key, json_object_to_json_string_ext(s, JSON_C_TO_STRING_NOSLASHESCAPE));
        json_object_put(s);
}

int smoke_write_tap(const char *path, const struct smoke_result *r, size_t n)
{
        FILE *f = output_open(path);

        if (!f) {
                fprintf(stderr, "%s: %s: %s\n", PROG, path, strerror(errno));
                return -errno;
        }
        fprintf(f, "TAP version 13\n1..%zu\n", n);
        for (size_t i = 0; i < n; i++) {
                bool ok = r[i].verdict == SMOKE_PASSED;

                fprintf(f, "%s %zu - %s\n", ok ? "ok" : "not ok", i + 1, r[i].target->name);
                fprintf(f, "  ---\n");
                yaml_put(f, "verdict", smoke_verdict_name(r[i].verdict));
                fprintf(f, "  exit: %d\n", r[i].verdict);
                yaml_put(f, "message", r[i].reason);
                yaml_put(f, "console", r[i].console_log);
                if (!ok && r[i].reproducer)
                        yaml_put(f, "reproduce", r[i].reproducer);
                fprintf(f, "  ...\n");
        }
        return output_close(f, path);
}
