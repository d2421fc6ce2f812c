/* SPDX-License-Identifier: MIT */
/*
 * The evidence of one boot, read from its logs.  The verdict tty carries
 * only what PID 1 wrote there: its status lines, the boot report, the
 * verdict line.  The console (which the kernel writes to as well) is read
 * for what only it can show: a panic's line, the last words before a hang,
 * and status lines when the image's rdcheck wrote no verdict tty.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "report_read.h"
#include "smoke.h"
#include "util.h"

#define STATUS_PREFIX "rdcheck: checkpoint="
#define REPORT_PREFIX "rdcheck: report bytes="
#define VERDICT_PREFIX "rdcheck: verdict="

/* One line of @text from @*pos, without its '\n' or '\r', into @buf (cut to fit). */
static bool next_line(const char *text, size_t len, size_t *pos, char *buf, size_t size)
{
        size_t start = *pos, end, n;

        if (start >= len)
                return false;
        end = start;
        while (end < len && text[end] != '\n')
                end++;
        *pos = end < len ? end + 1 : end;
        while (end > start && (text[end - 1] == '\r' || text[end - 1] == '\0'))
                end--;
        n = end - start < size - 1 ? end - start : size - 1;
        memcpy(buf, text + start, n);
        buf[n] = '\0';
        return true;
}

/* A status-line value, bare or quoted (status_value_quote()'s escapes undone); false: malformed. */
static bool value_unquote(const char *in, char *out, size_t size)
{
        size_t n = 0;

        if (*in != '"') {
                if (strchr(in, ' ') || strchr(in, '"'))
                        return false;
                snprintf(out, size, "%s", in);
                return true;
        }
        for (in++; *in && *in != '"'; in++) {
                char c = *in;

                if (c == '\\') {
                        in++;
                        if (*in == 'n')
                                c = '\n';
                        else if (*in == 't')
                                c = '\t';
                        else if (*in == 'x' && hex_digit(in[1]) >= 0 && hex_digit(in[2]) >= 0) {
                                c = (char)(hex_digit(in[1]) * 16 + hex_digit(in[2]));
                                in += 2;
                        } else if (*in == '"' || *in == '\\')
                                c = *in;
                        else
                                return false;
                }
                if (n + 1 < size)
                        out[n++] = c;
        }
        out[n] = '\0';
        return in[0] == '"' && in[1] == '\0';
}

/* "rdcheck: checkpoint=NAME status=S ms=N detail=V" into @ev; other lines are left alone. */
static void status_line_read(const char *line, struct smoke_evidence *ev)
{
        char name[32], status[8];
        struct smoke_checkpoint *cp;
        const char *detail;
        long ms;
        int i, used = 0;

        if (sscanf(line, STATUS_PREFIX "%31[a-z_] status=%7[a-z] ms=%ld detail=%n", name, status, &ms, &used) != 3 ||
            used == 0 || ms < 0)
                return;
        detail = line + used;
        /* A capture kernel's last checkpoint is "dump": the same place. */
        i = strcmp(name, "dump") == 0 ? CHECKPOINT_COUNT - 1 : checkpoint_index(name);
        if (i < 0 || !smoke_status_valid(status) || strcmp(status, "none") == 0)
                return;
        cp = &ev->cp[i];
        if (!value_unquote(detail, cp->detail, sizeof(cp->detail)))
                snprintf(cp->detail, sizeof(cp->detail), "%s", detail);
        snprintf(cp->status, sizeof(cp->status), "%s", status);
        cp->ms = ms;
        cp->seen = true;
}

static void verdict_line_read(const char *line, struct smoke_evidence *ev)
{
        char verdict[8], name[32];

        if (sscanf(line, VERDICT_PREFIX "%7[a-z] checkpoint=%31[a-z_]", verdict, name) != 2)
                return;
        if (strcmp(verdict, "pass") != 0 && strcmp(verdict, "fail") != 0)
                return;
        snprintf(ev->verdict, sizeof(ev->verdict), "%s", verdict);
        ev->verdict_checkpoint = checkpoint_index(name);
}

/* The report's diagnosis lines for each checkpoint. */
static void report_read(const char *text, size_t len, struct smoke_evidence *ev)
{
        struct json_object *report, *cps;
        char why[256];
        char *copy = malloc(len + 1);

        if (!copy)
                return;
        memcpy(copy, text, len);
        copy[len] = '\0';
        report = report_parse(copy, len, why, sizeof(why));
        free(copy);
        if (!report)
                return;
        if (json_object_object_get_ex(report, "checkpoints", &cps)) {
                for (size_t i = 0; i < json_object_array_length(cps) && i < CHECKPOINT_COUNT; i++) {
                        struct json_object *c = json_object_array_get_idx(cps, i), *diag;
                        struct smoke_checkpoint *cp = &ev->cp[i];
                        size_t n = 0;

                        if (!json_object_object_get_ex(c, "diagnosis", &diag))
                                continue;
                        for (size_t k = 0; k < json_object_array_length(diag); k++) {
                                const char *s = json_object_get_string(json_object_array_get_idx(diag, k));
                                int w = snprintf(cp->diagnosis + n, sizeof(cp->diagnosis) - n, "%s\n", s ? s : "");

                                if (w < 0 || (size_t)w >= sizeof(cp->diagnosis) - n)
                                        break;
                                n += (size_t)w;
                        }
                }
        }
        ev->has_report = true;
        json_object_put(report);
}

static void verdict_text_read(const char *text, size_t len, struct smoke_evidence *ev, bool *any)
{
        size_t pos = 0;
        char line[1024];

        while (next_line(text, len, &pos, line, sizeof(line))) {
                unsigned long bytes;
                int used = 0;

                if (strncmp(line, STATUS_PREFIX, strlen(STATUS_PREFIX)) == 0) {
                        status_line_read(line, ev);
                        *any = true;
                } else if (strncmp(line, VERDICT_PREFIX, strlen(VERDICT_PREFIX)) == 0) {
                        verdict_line_read(line, ev);
                } else if (sscanf(line, REPORT_PREFIX "%lu%n", &bytes, &used) == 1 && line[used] == '\0' &&
                           bytes <= REPORT_READ_MAX && bytes <= len - pos) {
                        report_read(text + pos, bytes, ev);
                        pos += bytes;
                }
        }
}

/* Without the kernel's time stamp "[    1.234567] ". */
static const char *unstamped(const char *line)
{
        const char *end;

        if (line[0] != '[')
                return line;
        end = strchr(line, ']');
        if (!end)
                return line;
        return end[1] == ' ' ? end + 2 : end + 1;
}

static void console_text_read(const char *text, size_t len, struct smoke_evidence *ev, bool use_status)
{
        size_t pos = 0;
        char line[1024];

        while (next_line(text, len, &pos, line, sizeof(line))) {
                const char *s = unstamped(line);

                if (use_status && s == line && strncmp(line, STATUS_PREFIX, strlen(STATUS_PREFIX)) == 0)
                        status_line_read(line, ev);
                /* rdcheck's own words about an earlier panic (previous_boot) are not this one. */
                if (!ev->panic[0] && strncmp(s, "rdcheck: ", 9) != 0 && strstr(s, "Kernel panic - not syncing"))
                        snprintf(ev->panic, sizeof(ev->panic), "%s", strstr(s, "Kernel panic"));
                if (*s)
                        snprintf(ev->last_line, sizeof(ev->last_line), "%s", s);
        }
}

void smoke_evidence_parse(const char *verdict_text, size_t vlen, const char *console_text, size_t clen,
                          struct smoke_evidence *ev)
{
        bool any = false;

        memset(ev, 0, sizeof(*ev));
        ev->verdict_checkpoint = -1;
        if (verdict_text)
                verdict_text_read(verdict_text, vlen, ev, &any);
        ev->from_console = !any;
        if (console_text)
                console_text_read(console_text, clen, ev, !any);
}
