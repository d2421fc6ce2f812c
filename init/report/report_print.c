/* SPDX-License-Identifier: MIT */
/*
 * rdcheck report's text: a boot report (checked by report_read.c, so every
 * key read here is there with its type) for a person at an 80-column
 * terminal or in a mail.  Plain text whatever stdout is: the report's
 * strings are printed with control characters as '?'.
 */
#include <stdint.h>
#include <string.h>
#include <json-c/json.h>

#include "report_read.h"

#define WIDTH 80
/* "filesystems  pass    1234  ": the detail starts here. */
#define DETAIL_COLUMN 27
/* "    2911 ms  69.3%  ": the part's name starts here. */
#define BLAME_NAME_COLUMN 20

/* Words written one after another, wrapped before WIDTH, continued at @indent. */
struct wrap {
        FILE *f;
        int col;
        int indent;
        bool line_empty;        /* nothing since the indent: no space before the next word */
};

static const char *get_string(struct json_object *o, const char *key)
{
        struct json_object *v = NULL;

        json_object_object_get_ex(o, key, &v);
        return json_object_is_type(v, json_type_string) ? json_object_get_string(v) : NULL;
}

/* -1 for null. */
static long long get_int(struct json_object *o, const char *key)
{
        struct json_object *v = NULL;

        json_object_object_get_ex(o, key, &v);
        return json_object_is_type(v, json_type_int) ? json_object_get_int64(v) : -1;
}

static struct json_object *get(struct json_object *o, const char *key)
{
        struct json_object *v = NULL;

        json_object_object_get_ex(o, key, &v);
        return v;
}

/* Lists from an older rdcheck may be missing: none. */
static size_t array_len(struct json_object *a)
{
        return json_object_is_type(a, json_type_array) ? json_object_array_length(a) : 0;
}

/* C0 controls, DEL, and C1 controls (U+0080..U+009F, UTF-8 C2 80..C2 9F) could steer a terminal. */
static size_t control_len(const unsigned char *s, size_t left)
{
        if (s[0] < 0x20 || s[0] == 0x7f)
                return 1;
        if (left >= 2 && s[0] == 0xc2 && s[1] >= 0x80 && s[1] <= 0x9f)
                return 2;
        return 0;
}

static void put_clean(FILE *f, const char *s, size_t len)
{
        const unsigned char *p = (const unsigned char *)s;

        for (size_t i = 0; i < len;) {
                size_t c = control_len(p + i, len - i);

                fputc(c ? '?' : p[i], f);
                i += c ? c : 1;
        }
}

/* Columns @len bytes of UTF-8 take: continuation bytes take none. */
static int text_width(const char *s, size_t len)
{
        int w = 0;

        for (size_t i = 0; i < len; i++)
                w += ((unsigned char)s[i] & 0xc0) != 0x80;
        return w;
}

/* The bytes of @s that fit in @cols columns, not splitting a UTF-8 sequence. */
static size_t fit(const char *s, size_t len, int cols)
{
        size_t i = 0;

        for (int w = 0; i < len; i++) {
                if (((unsigned char)s[i] & 0xc0) != 0x80 && w++ == cols)
                        break;
        }
        return i;
}

static void wrap_begin(struct wrap *w, FILE *f, int col, int indent)
{
        w->f = f;
        w->col = col;
        w->indent = indent;
        w->line_empty = true;
}

static void wrap_newline(struct wrap *w)
{
        fprintf(w->f, "\n%*s", w->indent, "");
        w->col = w->indent;
        w->line_empty = true;
}

/* One word: on this line if it fits, else on the next; broken only if no line holds it. */
static void wrap_word(struct wrap *w, const char *s, size_t len)
{
        int width = text_width(s, len);

        if (!w->line_empty && w->col + 1 + width > WIDTH)
                wrap_newline(w);
        if (!w->line_empty) {
                fputc(' ', w->f);
                w->col++;
        }
        while (w->col + width > WIDTH && WIDTH - w->col > 0) {
                size_t n = fit(s, len, WIDTH - w->col);

                put_clean(w->f, s, n);
                s += n;
                len -= n;
                width = text_width(s, len);
                wrap_newline(w);
        }
        put_clean(w->f, s, len);
        w->col += width;
        w->line_empty = false;
}

static void wrap_text(struct wrap *w, const char *s)
{
        while (*s) {
                size_t n = strcspn(s, " ");

                if (n)
                        wrap_word(w, s, n);
                s += n;
                s += strspn(s, " ");
        }
}

static void wrap_end(struct wrap *w)
{
        fputc('\n', w->f);
}

/* "label text", wrapped, continued two columns further in than the label. */
static void print_wrapped(FILE *f, const char *label, const char *text)
{
        struct wrap w;

        fputs(label, f);
        wrap_begin(&w, f, (int)strlen(label), (int)strlen(label) + 2);
        wrap_text(&w, text);
        wrap_end(&w);
}

static void print_header(FILE *f, struct json_object *report)
{
        struct json_object *root = get(report, "root");
        const char *release = get_string(get(report, "kernel"), "release");
        const char *device = get_string(root, "device");
        const char *fstype = get_string(root, "fstype");
        const char *init = get_string(root, "init");
        char line[1024];

        snprintf(line, sizeof(line), "kernel %s; root %s%s%s%s, %s; init %s",
                 release ? release : "unknown", device ? device : "not found",
                 fstype ? " (" : "", fstype ? fstype : "", fstype ? ")" : "",
                 json_object_get_boolean(get(root, "mounted")) ? "mounted" : "not mounted",
                 init ? init : "not chosen");
        print_wrapped(f, "", line);
}

static void print_checkpoint(FILE *f, struct json_object *c)
{
        const char *status = get_string(c, "status");
        const char *detail = get_string(c, "detail");
        long long ms = get_int(c, "ms");
        struct wrap w;
        char ms_text[24] = "-";
        size_t n;

        if (!json_object_get_boolean(get(c, "ran"))) {
                fprintf(f, "%-6s%7s  not run\n", "-", "-");
                return;
        }
        if (!status)
                status = "?";
        if (ms >= 0)
                snprintf(ms_text, sizeof(ms_text), "%lld", ms);
        /* Ours are at most 5 letters; a longer one is cut to its column. */
        n = fit(status, strlen(status), 5);
        put_clean(f, status, n);
        fprintf(f, "%*s%7s  ", 6 - text_width(status, n), "", ms_text);
        wrap_begin(&w, f, DETAIL_COLUMN, DETAIL_COLUMN);
        wrap_text(&w, detail ? detail : "");
        wrap_end(&w);
}

static void print_checkpoints(FILE *f, struct json_object *report)
{
        struct json_object *a = get(report, "checkpoints");

        fprintf(f, "%-12s%-6s%7s  %s\n", "checkpoint", "status", "ms", "detail");
        for (size_t i = 0; i < json_object_array_length(a); i++) {
                struct json_object *c = json_object_array_get_idx(a, i);
                const char *name = get_string(c, "name");
                size_t n = strlen(name);

                /* A name too long for its column gets lines of its own. */
                if (text_width(name, n) > 11) {
                        print_wrapped(f, "", name);
                        fprintf(f, "%-12s", "");
                } else {
                        put_clean(f, name, n);
                        fprintf(f, "%*s", 12 - text_width(name, n), "");
                }
                print_checkpoint(f, c);
        }
}

/* One row of the blame list: a part of the boot, its time and its share of @total. */
struct part {
        const char *name;
        long long ms;
};

static void parts_sort(struct part *p, size_t n)
{
        /* Insertion sort, longest first; equal times stay in boot order. */
        for (size_t i = 1; i < n; i++) {
                struct part x = p[i];
                size_t j = i;

                for (; j > 0 && p[j - 1].ms < x.ms; j--)
                        p[j] = p[j - 1];
                p[j] = x;
        }
}

static void parts_print(FILE *f, struct part *p, size_t n, long long total)
{
        parts_sort(p, n);
        for (size_t i = 0; i < n; i++) {
                long long tenths = total > 0 ? (p[i].ms * 1000 + total / 2) / total : 0;

                struct wrap w;

                fprintf(f, "%8lld ms %3lld.%lld%%  ", p[i].ms, tenths / 10, tenths % 10);
                wrap_begin(&w, f, BLAME_NAME_COLUMN, BLAME_NAME_COLUMN);
                wrap_text(&w, p[i].name);
                wrap_end(&w);
        }
}

/* The checkpoints that ran, into @p; their sum. */
static long long parts_checkpoints(struct json_object *report, struct part *p, size_t *n)
{
        struct json_object *a = get(report, "checkpoints");
        long long sum = 0;

        for (size_t i = 0; i < json_object_array_length(a); i++) {
                struct json_object *c = json_object_array_get_idx(a, i);
                long long ms = get_int(c, "ms");

                if (ms < 0)
                        continue;
                p[*n].name = get_string(c, "name");
                p[(*n)++].ms = ms;
                sum += ms;
        }
        return sum;
}

static void print_blame(FILE *f, struct json_object *report)
{
        struct json_object *timing = get(report, "timing");
        long long start = timing ? get_int(timing, "init_start_ms") : -1;
        long long end = timing ? get_int(timing, "switch_root_ms") : -1;
        struct part p[40];
        size_t n = 0;
        long long sum = parts_checkpoints(report, p, &n);

        if (start >= 0) {
                p[n].name = "kernel, until rdcheck started";
                p[n++].ms = start;
        }
        if (start >= 0 && end >= start) {
                long long rest = end - start - sum;

                p[n].name = "rdcheck outside checkpoints (prompt, report)";
                p[n++].ms = rest > 0 ? rest : 0;
                fprintf(f, "kernel start to switch_root: %lld.%03lld s\n", end / 1000, end % 1000);
                parts_print(f, p, n, end > sum + start ? end : sum + start);
                return;
        }
        if (start >= 0)
                fprintf(f, "kernel start to switch_root: not reached; %lld.%03lld s in these parts:\n",
                        (start + sum) / 1000, (start + sum) % 1000);
        else
                fprintf(f, "kernel start to switch_root: not in this report; %lld.%03lld s in checkpoints:\n",
                        sum / 1000, sum % 1000);
        parts_print(f, p, n, start > 0 ? start + sum : sum);
}

/* "label (N): a, b, c" on wrapped lines, "label: none", or nothing for a list not in the report. */
static void print_list_inline(FILE *f, const char *label, struct json_object *a)
{
        size_t n = array_len(a);
        char head[128];
        struct wrap w;

        if (!a)
                return;
        if (n == 0) {
                fprintf(f, "%s: none\n", label);
                return;
        }
        snprintf(head, sizeof(head), "%s (%zu):", label, n);
        fputs(head, f);
        wrap_begin(&w, f, (int)strlen(head), 2);
        w.line_empty = false;
        for (size_t i = 0; i < n; i++) {
                struct json_object *v = json_object_array_get_idx(a, i);
                char item[256];

                snprintf(item, sizeof(item), "%s%s", json_object_get_string(v), i + 1 < n ? "," : "");
                wrap_word(&w, item, strlen(item));
        }
        wrap_end(&w);
}

/* Each string of @a on a line of its own, two columns in, after @prefix. */
static void print_items(FILE *f, struct json_object *a, const char *prefix)
{
        for (size_t i = 0; i < array_len(a); i++) {
                char item[1024];

                snprintf(item, sizeof(item), "%s%s", prefix, json_object_get_string(json_object_array_get_idx(a, i)));
                print_wrapped(f, "  ", item);
        }
}

/* "label (N):" and an item a line, "label: none", or nothing for a list not in the report. */
static void print_list(FILE *f, const char *label, struct json_object *a)
{
        size_t n = array_len(a);

        if (!a)
                return;
        if (n == 0)
                fprintf(f, "%s: none\n", label);
        else
                fprintf(f, "%s (%zu):\n", label, n);
        print_items(f, a, "");
}

static void print_devices(FILE *f, struct json_object *report)
{
        struct json_object *d = get(report, "devices");
        struct json_object *storage = get(d, "unserved_storage");
        struct json_object *other = get(d, "unserved_other");
        size_t n = array_len(storage) + array_len(other);

        if (!d)
                return;
        if (n == 0) {
                fprintf(f, "devices without a driver: none\n");
                return;
        }
        fprintf(f, "devices without a driver (%zu):\n", n);
        print_items(f, storage, "storage: ");
        print_items(f, other, "other: ");
}

static void print_previous_boot(FILE *f, struct json_object *report)
{
        struct json_object *pb = get(report, "previous_boot");
        struct json_object *trail;
        const char *ended, *detail, *saved, *archived;
        char line[1024];

        if (!pb)
                return;
        ended = get_string(pb, "ended");
        detail = get_string(pb, "detail");
        snprintf(line, sizeof(line), "previous boot: ended in %s, %lld pstore records", ended ? ended : "?",
                 get_int(pb, "records"));
        print_wrapped(f, "", line);
        if (detail)
                print_wrapped(f, "  ", detail);
        trail = get(pb, "trail");
        if (trail) {
                const char *cp = get_string(trail, "checkpoint");
                const char *step = get_string(trail, "step");
                const char *object = get_string(trail, "object");

                snprintf(line, sizeof(line), "last rdcheck step: %s %s (checkpoint %s)", step ? step : "?",
                         object ? object : "", cp ? cp : "?");
                print_wrapped(f, "  ", line);
        }
        saved = get_string(pb, "saved_dir");
        archived = get_string(pb, "archived_dir");
        if (saved || archived) {
                snprintf(line, sizeof(line), "evidence: %s%s%s", saved ? saved : "",
                         saved && archived ? ", " : "", archived ? archived : "");
                print_wrapped(f, "  ", line);
        }
}

void report_print(FILE *out, struct json_object *report)
{
        struct json_object *modules = get(report, "modules");

        print_header(out, report);
        fputc('\n', out);
        print_checkpoints(out, report);
        fputc('\n', out);
        print_blame(out, report);
        fputc('\n', out);
        print_list_inline(out, "modules loaded", get(modules, "loaded"));
        print_list(out, "modules failed", get(modules, "failed"));
        print_list_inline(out, "modules blacklisted", get(modules, "blacklisted"));
        print_devices(out, report);
        print_list(out, "at the prompt", get(report, "prompt"));
        print_previous_boot(out, report);
}
