/* SPDX-License-Identifier: MIT */
/*
 * rdcheck report: the boot report (report.c wrote it) read back on the
 * booted system, checked against schema "rdcheck-report/1" with json-c, and
 * handed to the printer (report_print.c) or passed through as it is.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <json-c/json.h>

#include "report_read.h"
#include "report_schema.h"
#include "util.h"

#define T(type) (1u << (type))
#define STRING_OR_NULL (T(json_type_string) | T(json_type_null))
#define INT_OR_NULL (T(json_type_int) | T(json_type_null))
#define OBJECT_OR_NULL (T(json_type_object) | T(json_type_null))
/*
 * Keys came into schema 1 one after another (timing, previous_boot, prompt,
 * devices ... later than checkpoints), and the report may come from the
 * rdcheck of an older image: a key may be missing unless REQUIRED, but one
 * that is there has its type.
 */
#define REQUIRED (1u << 31)

/* Checkpoint entries a report may hold: seven today, room to grow. */
#define REPORT_CHECKPOINTS_MAX 32

static int report_fd_read(int fd, char **text, size_t *len)
{
        struct stat st;
        char *buf;
        ssize_t n;

        if (fstat(fd, &st) < 0)
                return -errno;
        if (!S_ISREG(st.st_mode))
                return -EINVAL;
        if (st.st_size > REPORT_READ_MAX)
                return -EFBIG;
        /* One byte more than allowed: a file that grew past the limit is caught too. */
        buf = malloc(REPORT_READ_MAX + 2);
        if (!buf)
                return -ENOMEM;
        n = read_full(fd, buf, REPORT_READ_MAX + 1);
        if (n == 0)
                n = -ENODATA;
        else if (n > REPORT_READ_MAX)
                n = -EFBIG;
        if (n < 0) {
                free(buf);
                return (int)n;
        }
        buf[n] = '\0';
        *text = buf;
        *len = (size_t)n;
        return 0;
}

int report_file_read(const char *path, char **text, size_t *len)
{
        int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
        int r;

        if (fd < 0)
                return -errno;
        r = report_fd_read(fd, text, len);
        close(fd);
        return r;
}

static int fail(char *why, size_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static int fail(char *why, size_t size, const char *fmt, ...)
{
        va_list ap;

        va_start(ap, fmt);
        vsnprintf(why, size, fmt, ap);
        va_end(ap);
        return -EINVAL;
}

static const char *types_name(unsigned types)
{
        switch (types) {
        case STRING_OR_NULL:
                return "string or null";
        case INT_OR_NULL:
                return "int or null";
        case OBJECT_OR_NULL:
                return "object or null";
        }
        for (int t = json_type_null; t <= json_type_string; t++)
                if (types == T(t))
                        return json_type_to_name(t);
        return "something else";
}

/*
 * @obj's member @key, of one of @types, into *@out (NULL when missing);
 * @where names @obj in the message ("checkpoints[2]").
 */
static int member(struct json_object *obj, const char *where, const char *key, unsigned types,
                  struct json_object **out, char *why, size_t size)
{
        struct json_object *v = NULL;
        enum json_type t;

        if (out)
                *out = NULL;
        if (!json_object_object_get_ex(obj, key, &v))
                return types & REQUIRED ? fail(why, size, "%s%sno key \"%s\"", where, *where ? ": " : "", key) : 0;
        t = json_object_get_type(v);
        if (!(types & T(t)))
                return fail(why, size, "%s%s%s: %s, not %s", where, *where ? "." : "", key,
                            json_type_to_name(t), types_name(types & ~REQUIRED));
        if (t == json_type_int &&
            (json_object_get_int64(v) < 0 || json_object_get_int64(v) > REPORT_NUMBER_MAX))
                return fail(why, size, "%s%s%s: %lld is out of range", where, *where ? "." : "", key,
                            (long long)json_object_get_int64(v));
        if (out)
                *out = v;
        return 0;
}

/* Each of @keys in @obj is of @types. */
static int members(struct json_object *obj, const char *where, const char *const *keys, unsigned types,
                   char *why, size_t size)
{
        for (; *keys; keys++) {
                int r = member(obj, where, *keys, types, NULL, why, size);

                if (r < 0)
                        return r;
        }
        return 0;
}

static int string_array(struct json_object *obj, const char *where, const char *key, char *why, size_t size)
{
        struct json_object *a;
        int r = member(obj, where, key, T(json_type_array), &a, why, size);

        for (size_t i = 0; r == 0 && a && i < json_object_array_length(a); i++) {
                struct json_object *v = json_object_array_get_idx(a, i);

                if (!json_object_is_type(v, json_type_string))
                        r = fail(why, size, "%s%s%s[%zu]: %s, not string", where, *where ? "." : "",
                                 key, i, json_type_to_name(json_object_get_type(v)));
        }
        return r;
}

static int checkpoint_check(struct json_object *c, size_t i, char *why, size_t size)
{
        static const char *const strings[] = { "status", "detail", NULL };
        char where[32];
        int r;

        snprintf(where, sizeof(where), "checkpoints[%zu]", i);
        if (!json_object_is_type(c, json_type_object))
                return fail(why, size, "%s: %s, not object", where, json_type_to_name(json_object_get_type(c)));
        r = member(c, where, "name", REQUIRED | T(json_type_string), NULL, why, size);
        if (r == 0)
                r = member(c, where, "ran", T(json_type_boolean), NULL, why, size);
        if (r == 0)
                r = members(c, where, strings, STRING_OR_NULL, why, size);
        if (r == 0)
                r = member(c, where, "ms", INT_OR_NULL, NULL, why, size);
        return r;
}

static int checkpoints_check(struct json_object *report, char *why, size_t size)
{
        struct json_object *a;
        size_t n;
        int r = member(report, "", "checkpoints", REQUIRED | T(json_type_array), &a, why, size);

        if (r < 0)
                return r;
        n = json_object_array_length(a);
        if (n == 0 || n > REPORT_CHECKPOINTS_MAX)
                return fail(why, size, "checkpoints: %zu entries, not 1 to %d", n, REPORT_CHECKPOINTS_MAX);
        for (size_t i = 0; r == 0 && i < n; i++)
                r = checkpoint_check(json_object_array_get_idx(a, i), i, why, size);
        return r;
}

/* An object member whose own members are all string lists. */
static int lists_check(struct json_object *report, const char *key, const char *const *lists,
                       char *why, size_t size)
{
        struct json_object *o;
        int r = member(report, "", key, T(json_type_object), &o, why, size);

        for (; r == 0 && o && *lists; lists++)
                r = string_array(o, key, *lists, why, size);
        return r;
}

static int previous_boot_check(struct json_object *report, char *why, size_t size)
{
        static const char *const strings[] = { "ended", "detail", "saved_dir", "archived_dir", NULL };
        static const char *const trail_strings[] = { "checkpoint", "step", "object", NULL };
        struct json_object *pb, *trail;
        int r = member(report, "", "previous_boot", OBJECT_OR_NULL, &pb, why, size);

        if (r < 0 || !pb)
                return r;
        r = members(pb, "previous_boot", strings, STRING_OR_NULL, why, size);
        if (r == 0)
                r = member(pb, "previous_boot", "records", T(json_type_int), NULL, why, size);
        if (r == 0)
                r = member(pb, "previous_boot", "trail", OBJECT_OR_NULL, &trail, why, size);
        if (r == 0 && trail)
                r = members(trail, "previous_boot.trail", trail_strings, STRING_OR_NULL, why, size);
        return r;
}

static int root_check(struct json_object *report, char *why, size_t size)
{
        static const char *const strings[] = { "device", "fstype", "init", NULL };
        static const char *const release[] = { "release", NULL };
        struct json_object *o;
        int r = member(report, "", "root", T(json_type_object), &o, why, size);

        if (r == 0)
                r = members(o, "root", strings, STRING_OR_NULL, why, size);
        if (r == 0)
                r = member(o, "root", "mounted", T(json_type_boolean), NULL, why, size);
        if (r == 0)
                r = member(report, "", "kernel", T(json_type_object), &o, why, size);
        if (r == 0)
                r = members(o, "kernel", release, STRING_OR_NULL, why, size);
        return r;
}

static int timing_check(struct json_object *report, char *why, size_t size)
{
        static const char *const numbers[] = { "init_start_ms", "switch_root_ms", NULL };
        struct json_object *o;
        int r = member(report, "", "timing", T(json_type_object), &o, why, size);

        if (r == 0)
                r = members(o, "timing", numbers, INT_OR_NULL, why, size);
        return r;
}

static int schema_check(struct json_object *report, char *why, size_t size)
{
        struct json_object *s;

        if (!json_object_is_type(report, json_type_object))
                return fail(why, size, "a JSON %s, not a boot report",
                            json_type_to_name(json_object_get_type(report)));
        if (!json_object_object_get_ex(report, "schema", &s))
                return fail(why, size, "no \"schema\" key: not a boot report");
        if (!json_object_is_type(s, json_type_string) || strcmp(json_object_get_string(s), REPORT_SCHEMA) != 0)
                return fail(why, size, "schema %s, not %s", json_object_to_json_string(s), REPORT_SCHEMA);
        return 0;
}

static int report_check(struct json_object *report, char *why, size_t size)
{
        static const char *const modules[] = { "loaded", "failed", "blacklisted", NULL };
        static const char *const devices[] = { "unserved_storage", "unserved_other", NULL };
        int r = schema_check(report, why, size);

        if (r == 0)
                r = checkpoints_check(report, why, size);
        if (r == 0)
                r = lists_check(report, "modules", modules, why, size);
        if (r == 0)
                r = lists_check(report, "devices", devices, why, size);
        if (r == 0)
                r = string_array(report, "", "prompt", why, size);
        if (r == 0)
                r = root_check(report, why, size);
        if (r == 0)
                r = previous_boot_check(report, why, size);
        if (r == 0)
                r = timing_check(report, why, size);
        return r;
}

static struct json_object *text_parse(const char *text, size_t len, char *why, size_t size)
{
        /*
         * The report nests 4 deep; json-c's default allows 32.  Strict: RFC
         * 8259 only, and nothing but white space after the object.
         */
        struct json_tokener *tok = json_tokener_new_ex(16);
        struct json_object *report;
        enum json_tokener_error err;
        size_t end;

        if (!tok) {
                fail(why, size, "out of memory");
                return NULL;
        }
        json_tokener_set_flags(tok, JSON_TOKENER_STRICT | JSON_TOKENER_VALIDATE_UTF8);
        report = json_tokener_parse_ex(tok, text, (int)len);
        err = json_tokener_get_error(tok);
        end = json_tokener_get_parse_end(tok);
        json_tokener_free(tok);
        if (err == json_tokener_success)
                return report;
        if (err == json_tokener_continue)
                fail(why, size, "truncated: the JSON ends at byte %zu before it is complete", len);
        else
                fail(why, size, "not JSON at byte %zu: %s", end, json_tokener_error_desc(err));
        json_object_put(report);
        return NULL;
}

struct json_object *report_parse(const char *text, size_t len, char *why, size_t size)
{
        struct json_object *report;

        if (len > REPORT_READ_MAX) {
                fail(why, size, "larger than %u bytes: not a boot report", REPORT_READ_MAX);
                return NULL;
        }
        if (strnlen(text, len) < len) {
                fail(why, size, "not JSON: a NUL at byte %zu", strnlen(text, len));
                return NULL;
        }
        /* json-c would wait for more after a bare number: say what it is now. */
        if (text[strspn(text, " \t\r\n")] != '{') {
                fail(why, size, "not JSON: no object at byte %zu, not a boot report", strspn(text, " \t\r\n"));
                return NULL;
        }
        report = text_parse(text, len, why, size);
        if (report && report_check(report, why, size) < 0) {
                json_object_put(report);
                report = NULL;
        }
        return report;
}

bool report_requested(int argc, char **argv)
{
        return argc >= 2 && strcmp(argv[1], "report") == 0;
}

static void report_usage(FILE *f)
{
        fprintf(f, "usage: rdcheck report [--json] [FILE]\n"
                   "Print the boot report (default %s) for a person; --json prints it as\n"
                   "it is, once checked to be a whole rdcheck-report/1 report.\n"
                   "Exit: 0 printed, 1 the file is missing or not a report, 2 usage.\n", REPORT_PATH);
}

struct report_args {
        const char *path;
        bool json;
        bool have_path;
};

/* Returns 0, 1 for --help, or -EINVAL after saying what is wrong on @err. */
static int report_args_parse(int argc, char **argv, struct report_args *a, FILE *err)
{
        bool options = true;

        a->path = REPORT_PATH;
        a->json = false;
        a->have_path = false;
        for (int i = 2; i < argc; i++) {
                const char *arg = argv[i];

                if (options && strcmp(arg, "--") == 0) {
                        options = false;
                } else if (options && strcmp(arg, "--json") == 0) {
                        a->json = true;
                } else if (options && (strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0)) {
                        return 1;
                } else if (options && arg[0] == '-' && arg[1]) {
                        fprintf(err, "rdcheck report: unknown option %s\n", arg);
                        return -EINVAL;
                } else if (a->have_path) {
                        fprintf(err, "rdcheck report: one FILE only, not also %s\n", arg);
                        return -EINVAL;
                } else {
                        a->path = arg;
                        a->have_path = true;
                }
        }
        return 0;
}

static const char *read_error(int r)
{
        switch (r) {
        case -EFBIG:
                return "larger than 1 MiB: not a boot report";
        case -ENODATA:
                return "empty";
        case -EINVAL:
                return "not a regular file";
        }
        return strerror(-r);
}

int report_run(int argc, char **argv, FILE *out, FILE *err)
{
        struct report_args a;
        struct json_object *report;
        char why[256];
        char *text;
        size_t len;
        int r = report_args_parse(argc, argv, &a, err);

        if (r != 0) {
                report_usage(r > 0 ? out : err);
                return r > 0 ? 0 : 2;
        }
        r = report_file_read(a.path, &text, &len);
        if (r < 0) {
                fprintf(err, "rdcheck report: %s: %s\n", a.path, read_error(r));
                return 1;
        }
        report = report_parse(text, len, why, sizeof(why));
        if (!report) {
                fprintf(err, "rdcheck report: %s: %s\n", a.path, why);
                free(text);
                return 1;
        }
        if (a.json)
                fwrite(text, 1, len, out);
        else
                report_print(out, report);
        json_object_put(report);
        free(text);
        if (fflush(out) != 0 || ferror(out)) {
                fprintf(err, "rdcheck report: cannot write the report: %s\n", strerror(errno));
                return 1;
        }
        return 0;
}
