/* SPDX-License-Identifier: MIT */
/*
 * Targets: the --disk and --expect specs, and the matrix file, a JSON
 * object {"targets": [...]} read with json-c.  Each entry starts from the
 * command line's flags and overrides what it names.  Strings may hold
 * ${NAME}, taken from the environment (a CI job's paths).
 */
#include <errno.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "smoke.h"

#define MATRIX_MAX_TARGETS 256

static const char *const bus_names[] = {
        [BUS_VIRTIO] = "virtio", [BUS_NVME] = "nvme", [BUS_AHCI] = "ahci",
        [BUS_SCSI] = "scsi", [BUS_USB] = "usb",
};

const char *smoke_bus_name(enum smoke_bus b)
{
        return bus_names[b];
}

bool smoke_status_valid(const char *s)
{
        static const char *const names[] = { "pass", "warn", "fail", "skip", "pause", "none" };

        for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
                if (strcmp(s, names[i]) == 0)
                        return true;
        return false;
}

/* FILE[,bus=BUS][,format=FMT][,writable] */
int smoke_disk_parse(const char *spec, struct smoke_disk *d, char *why, size_t size)
{
        char *copy = strdup(spec), *opt, *rest;

        if (!copy)
                return -ENOMEM;
        memset(d, 0, sizeof(*d));
        rest = strchr(copy, ',');
        if (rest)
                *rest++ = '\0';
        if (!*copy) {
                snprintf(why, size, "--disk %s: no file before the options", spec);
                goto bad;
        }
        d->file = strdup(copy);
        d->format = strdup("raw");
        while (rest && (opt = strsep(&rest, ","))) {
                if (strncmp(opt, "bus=", 4) == 0) {
                        size_t i;

                        for (i = 0; i < sizeof(bus_names) / sizeof(bus_names[0]); i++)
                                if (strcmp(opt + 4, bus_names[i]) == 0)
                                        break;
                        if (i == sizeof(bus_names) / sizeof(bus_names[0])) {
                                snprintf(why, size, "--disk %s: bus \"%s\" is not virtio, nvme, ahci, scsi or usb",
                                         spec, opt + 4);
                                goto bad;
                        }
                        d->bus = i;
                } else if (strcmp(opt, "format=raw") == 0 || strcmp(opt, "format=qcow2") == 0) {
                        free(d->format);
                        d->format = strdup(opt + 7);
                } else if (strcmp(opt, "writable") == 0) {
                        d->writable = true;
                } else {
                        snprintf(why, size, "--disk %s: \"%s\" is not bus=, format=raw|qcow2 or writable",
                                 spec, opt);
                        goto bad;
                }
        }
        free(copy);
        if (!d->file || !d->format)
                return -ENOMEM;
        return 0;
bad:
        free(copy);
        free(d->file);
        free(d->format);
        memset(d, 0, sizeof(*d));
        return -EINVAL;
}

/*
 * glibc's regcomp() takes exponential time on stacked repetitions
 * ("a**...*"): a detail is one line, and no expression for it needs more
 * than a few repetitions, none of them repeated directly.
 */
static bool regex_tame(const char *re)
{
        int repeats = 0;
        bool after_repeat = false;

        for (const char *c = re; *c; c++) {
                bool repeat = strchr("*+?{", *c) != NULL;

                if (*c == '\\' && c[1]) {
                        c++;
                        after_repeat = false;
                        continue;
                }
                if (*c == '{')
                        c += strcspn(c, "}") - (c[strcspn(c, "}")] ? 0 : 1);
                if (repeat && (after_repeat || ++repeats > 16))
                        return false;
                after_repeat = repeat;
        }
        return true;
}

int smoke_expect_parse(const char *spec, struct smoke_expect *e, char *why, size_t size)
{
        const char *eq = strchr(spec, '='), *colon;
        char name[32], status[16];
        regex_t re;
        int r;

        if (!eq || (size_t)(eq - spec) >= sizeof(name)) {
                snprintf(why, size, "--expect %s: not CHECKPOINT=STATUS", spec);
                return -EINVAL;
        }
        memcpy(name, spec, eq - spec);
        name[eq - spec] = '\0';
        e->checkpoint = checkpoint_index(name);
        if (e->checkpoint < 0) {
                snprintf(why, size, "--expect %s: \"%s\" is not a checkpoint (drivers, modules, disks, "
                         "filesystems, mounts, env, switch_root)", spec, name);
                return -EINVAL;
        }
        colon = strchr(eq + 1, ':');
        snprintf(status, sizeof(status), "%.*s", colon ? (int)(colon - eq - 1) : (int)strlen(eq + 1), eq + 1);
        if (strlen(status) >= sizeof(e->status) || !smoke_status_valid(status)) {
                snprintf(why, size, "--expect %s: \"%s\" is not pass, warn, fail, skip, pause or none",
                         spec, status);
                return -EINVAL;
        }
        strcpy(e->status, status);
        e->detail[0] = '\0';
        if (!colon)
                return 0;
        if (strlen(colon + 1) >= sizeof(e->detail)) {
                snprintf(why, size, "--expect %.40s...: the expression is over %zu bytes", spec, sizeof(e->detail) - 1);
                return -EINVAL;
        }
        if (!regex_tame(colon + 1)) {
                snprintf(why, size, "--expect %.60s: over 16 repetitions, or a repetition repeated", spec);
                return -EINVAL;
        }
        r = regcomp(&re, colon + 1, REG_EXTENDED | REG_NOSUB);
        if (r != 0) {
                char msg[128];

                regerror(r, &re, msg, sizeof(msg));
                snprintf(why, size, "--expect %s: \"%s\" is not an extended regular expression: %s",
                         spec, colon + 1, msg);
                return -EINVAL;
        }
        regfree(&re);
        strcpy(e->detail, colon + 1);
        return 0;
}

static char *dup_or_null(const char *s)
{
        return s ? strdup(s) : NULL;
}

static int strv_copy(struct strv *dst, const struct strv *src)
{
        memset(dst, 0, sizeof(*dst));
        for (size_t i = 0; i < src->n; i++)
                if (strlist_push(dst, src->items[i]) < 0)
                        return -ENOMEM;
        return 0;
}

int smoke_target_copy(struct smoke_target *dst, const struct smoke_target *src)
{
        *dst = *src;
        dst->name = dup_or_null(src->name);
        dst->kernel = dup_or_null(src->kernel);
        dst->image = dup_or_null(src->image);
        dst->moddir = dup_or_null(src->moddir);
        dst->kver = dup_or_null(src->kver);
        dst->machine = dup_or_null(src->machine);
        dst->arch = dup_or_null(src->arch);
        for (size_t i = 0; i < src->n_disks; i++) {
                dst->disks[i].file = strdup(src->disks[i].file);
                dst->disks[i].format = strdup(src->disks[i].format);
        }
        if (strv_copy(&dst->mkimage_args, &src->mkimage_args) < 0 || strv_copy(&dst->words, &src->words) < 0)
                return -ENOMEM;
        return 0;
}

void smoke_target_free(struct smoke_target *t)
{
        free(t->name);
        free(t->kernel);
        free(t->image);
        free(t->moddir);
        free(t->kver);
        free(t->machine);
        free(t->arch);
        for (size_t i = 0; i < t->n_disks; i++) {
                free(t->disks[i].file);
                free(t->disks[i].format);
        }
        strlist_free(&t->mkimage_args);
        strlist_free(&t->words);
        memset(t, 0, sizeof(*t));
}

/* ${NAME} from the environment; an unset one is an error, not an empty path. */
static int expand(const char *in, char **out, const char *where, char *why, size_t size)
{
        size_t cap = strlen(in) + 1, len = 0;
        char *buf = malloc(cap);

        if (!buf)
                return -ENOMEM;
        while (*in) {
                const char *end, *val;
                char name[128];
                size_t n;

                if (in[0] != '$' || in[1] != '{') {
                        buf[len++] = *in++;
                        continue;
                }
                end = strchr(in + 2, '}');
                n = end ? (size_t)(end - in - 2) : 0;
                if (!end || n == 0 || n >= sizeof(name)) {
                        snprintf(why, size, "%s: \"${\" without a name and a closing \"}\"", where);
                        free(buf);
                        return -EINVAL;
                }
                memcpy(name, in + 2, n);
                name[n] = '\0';
                val = getenv(name);
                if (!val) {
                        snprintf(why, size, "%s: ${%s} is not set in the environment", where, name);
                        free(buf);
                        return -EINVAL;
                }
                cap += strlen(val);
                char *grown = realloc(buf, cap);
                if (!grown) {
                        free(buf);
                        return -ENOMEM;
                }
                buf = grown;
                memcpy(buf + len, val, strlen(val));
                len += strlen(val);
                in = end + 1;
        }
        buf[len] = '\0';
        *out = buf;
        return 0;
}

static int get_string(struct json_object *v, const char *where, char **out, char *why, size_t size)
{
        char *s;
        int r;

        if (!json_object_is_type(v, json_type_string)) {
                snprintf(why, size, "%s: %s, not a string", where, json_type_to_name(json_object_get_type(v)));
                return -EINVAL;
        }
        r = expand(json_object_get_string(v), &s, where, why, size);
        if (r < 0)
                return r;
        free(*out);
        *out = s;
        return 0;
}

static int get_number(struct json_object *v, const char *where, int min, int max, int *out, char *why, size_t size)
{
        int64_t n;

        if (!json_object_is_type(v, json_type_int)) {
                snprintf(why, size, "%s: %s, not a whole number", where, json_type_to_name(json_object_get_type(v)));
                return -EINVAL;
        }
        n = json_object_get_int64(v);
        if (n < min || n > max) {
                snprintf(why, size, "%s: %lld is out of range (%d to %d)", where, (long long)n, min, max);
                return -EINVAL;
        }
        *out = (int)n;
        return 0;
}

/* A list of strings replaces the flags' list. */
static int get_strings(struct json_object *v, const char *where, struct strv *out, char *why, size_t size)
{
        struct strv list = { 0 };
        size_t n;

        if (!json_object_is_type(v, json_type_array)) {
                snprintf(why, size, "%s: %s, not a list of strings", where, json_type_to_name(json_object_get_type(v)));
                return -EINVAL;
        }
        n = json_object_array_length(v);
        for (size_t i = 0; i < n; i++) {
                char at[96], *s = NULL;
                int r;

                snprintf(at, sizeof(at), "%s[%zu]", where, i);
                r = get_string(json_object_array_get_idx(v, i), at, &s, why, size);
                if (r == 0)
                        r = strlist_push(&list, s);
                free(s);
                if (r < 0) {
                        strlist_free(&list);
                        return r;
                }
        }
        strlist_free(out);
        *out = list;
        return 0;
}

static int get_disks(struct json_object *v, const char *where, struct smoke_target *t, char *why, size_t size)
{
        struct strv specs = { 0 };
        int r = get_strings(v, where, &specs, why, size);

        if (r < 0)
                return r;
        if (specs.n > SMOKE_MAX_DISKS) {
                snprintf(why, size, "%s: %zu disks, at most %d", where, specs.n, SMOKE_MAX_DISKS);
                strlist_free(&specs);
                return -EINVAL;
        }
        for (size_t i = 0; i < t->n_disks; i++) {
                free(t->disks[i].file);
                free(t->disks[i].format);
        }
        t->n_disks = 0;
        for (size_t i = 0; i < specs.n && r == 0; i++) {
                char msg[512];

                r = smoke_disk_parse(specs.items[i], &t->disks[i], msg, sizeof(msg));
                if (r == 0)
                        t->n_disks++;
                else if (r == -EINVAL)
                        snprintf(why, size, "%s[%zu]: %s", where, i, msg);
        }
        strlist_free(&specs);
        return r;
}

static int get_expects(struct json_object *v, const char *where, struct smoke_target *t, char *why, size_t size)
{
        if (!json_object_is_type(v, json_type_object)) {
                snprintf(why, size, "%s: %s, not an object {\"checkpoint\": \"status\"}", where,
                         json_type_to_name(json_object_get_type(v)));
                return -EINVAL;
        }
        t->n_expects = 0;
        json_object_object_foreach(v, key, val) {
                char spec[600], msg[1024], at[128];
                char *value = NULL;
                int r;

                snprintf(at, sizeof(at), "%s.%.40s", where, key);
                r = get_string(val, at, &value, why, size);
                if (r < 0)
                        return r;
                if (strlen(key) + strlen(value) + 2 > sizeof(spec)) {
                        snprintf(why, size, "%s: over %zu bytes", at, sizeof(spec) - 2);
                        free(value);
                        return -EINVAL;
                }
                snprintf(spec, sizeof(spec), "%s=%s", key, value);
                free(value);
                if (smoke_expect_parse(spec, &t->expects[t->n_expects], msg, sizeof(msg)) < 0) {
                        snprintf(why, size, "%s: %s", where, msg);
                        return -EINVAL;
                }
                /* A checkpoint named twice in JSON keeps the last, as json-c does. */
                t->n_expects++;
                if (t->n_expects == CHECKPOINT_COUNT)
                        break;
        }
        return 0;
}

static bool name_ok(const char *s)
{
        if (!*s || strlen(s) > 64)
                return false;
        for (; *s; s++)
                if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') ||
                      *s == '-' || *s == '_' || *s == '.'))
                        return false;
        return true;
}

static int target_parse(struct json_object *o, const char *where, struct smoke_target *t, char *why, size_t size)
{
        char at[128];
        int r = 0;

        if (!json_object_is_type(o, json_type_object)) {
                snprintf(why, size, "%s: %s, not an object", where, json_type_to_name(json_object_get_type(o)));
                return -EINVAL;
        }
        json_object_object_foreach(o, key, v) {
                snprintf(at, sizeof(at), "%s.%.40s", where, key);
                if (strcmp(key, "name") == 0)
                        r = get_string(v, at, &t->name, why, size);
                else if (strcmp(key, "kernel") == 0)
                        r = get_string(v, at, &t->kernel, why, size);
                else if (strcmp(key, "image") == 0)
                        r = get_string(v, at, &t->image, why, size);
                else if (strcmp(key, "moddir") == 0)
                        r = get_string(v, at, &t->moddir, why, size);
                else if (strcmp(key, "kver") == 0)
                        r = get_string(v, at, &t->kver, why, size);
                else if (strcmp(key, "machine") == 0)
                        r = get_string(v, at, &t->machine, why, size);
                else if (strcmp(key, "arch") == 0)
                        r = get_string(v, at, &t->arch, why, size);
                else if (strcmp(key, "mkimage_args") == 0)
                        r = get_strings(v, at, &t->mkimage_args, why, size);
                else if (strcmp(key, "cmdline") == 0)
                        r = get_strings(v, at, &t->words, why, size);
                else if (strcmp(key, "disks") == 0)
                        r = get_disks(v, at, t, why, size);
                else if (strcmp(key, "expect") == 0)
                        r = get_expects(v, at, t, why, size);
                else if (strcmp(key, "memory") == 0)
                        r = get_number(v, at, SMOKE_MEMORY_MIN, SMOKE_MEMORY_MAX, &t->memory_mb, why, size);
                else if (strcmp(key, "cpus") == 0)
                        r = get_number(v, at, 1, SMOKE_CPUS_MAX, &t->cpus, why, size);
                else if (strcmp(key, "timeout") == 0)
                        r = get_number(v, at, 1, SMOKE_SECONDS_MAX, &t->timeout_s, why, size);
                else if (strcmp(key, "silence") == 0)
                        r = get_number(v, at, 1, SMOKE_SECONDS_MAX, &t->silence_s, why, size);
                else {
                        snprintf(why, size, "%s: not a target key (name, kernel, image, moddir, kver, "
                                 "mkimage_args, disks, cmdline, expect, memory, cpus, machine, arch, "
                                 "timeout, silence)", at);
                        r = -EINVAL;
                }
                if (r < 0)
                        return r;
        }
        if (!t->name) {
                snprintf(why, size, "%s: no \"name\"", where);
                return -EINVAL;
        }
        if (!name_ok(t->name)) {
                snprintf(why, size, "%s.name: \"%.64s\" is not 1 to 64 of A-Z a-z 0-9 . _ -", where, t->name);
                return -EINVAL;
        }
        return 0;
}

int smoke_matrix_parse(const char *text, size_t len, const struct smoke_target *base,
                       struct smoke_target **targets, size_t *n, char *why, size_t size)
{
        struct json_tokener *tok = json_tokener_new();
        struct json_object *root, *list;
        struct smoke_target *ts = NULL;
        size_t count, done = 0;
        int r = -EINVAL;

        *targets = NULL;
        *n = 0;
        if (!tok)
                return -ENOMEM;
        root = json_tokener_parse_ex(tok, text, (int)len);
        if (!root || json_tokener_get_parse_end(tok) < len) {
                enum json_tokener_error e = json_tokener_get_error(tok);

                if (!root && e == json_tokener_continue)
                        snprintf(why, size, "not JSON: it ends before the top-level object closes");
                else if (!root)
                        snprintf(why, size, "not JSON at byte %zu: %s", json_tokener_get_parse_end(tok),
                                 json_tokener_error_desc(e));
                else
                        snprintf(why, size, "not JSON at byte %zu: text after the top-level object",
                                 json_tokener_get_parse_end(tok));
                goto out;
        }
        if (!json_object_object_get_ex(root, "targets", &list) || !json_object_is_type(list, json_type_array)) {
                snprintf(why, size, "no \"targets\" list at the top");
                goto out;
        }
        count = json_object_array_length(list);
        if (count == 0 || count > MATRIX_MAX_TARGETS) {
                snprintf(why, size, "targets: %zu entries, expected 1 to %d", count, MATRIX_MAX_TARGETS);
                goto out;
        }
        json_object_object_foreach(root, key, val) {
                (void)val;
                if (strcmp(key, "targets") != 0) {
                        snprintf(why, size, "%.40s: not a top-level key (only \"targets\")", key);
                        goto out;
                }
        }
        ts = calloc(count, sizeof(*ts));
        if (!ts) {
                r = -ENOMEM;
                goto out;
        }
        for (; done < count; done++) {
                char where[32];

                snprintf(where, sizeof(where), "targets[%zu]", done);
                r = smoke_target_copy(&ts[done], base);
                free(ts[done].name);
                ts[done].name = NULL;
                if (r == 0)
                        r = target_parse(json_object_array_get_idx(list, done), where, &ts[done], why, size);
                if (r < 0) {
                        done++;
                        goto out;
                }
                for (size_t j = 0; j < done; j++)
                        if (strcmp(ts[j].name, ts[done].name) == 0) {
                                snprintf(why, size, "%s.name: \"%s\" is already targets[%zu]'s", where,
                                         ts[done].name, j);
                                r = -EINVAL;
                                done++;
                                goto out;
                        }
        }
        *targets = ts;
        *n = count;
        ts = NULL;
        r = 0;
out:
        if (ts) {
                for (size_t j = 0; j < done; j++)
                        smoke_target_free(&ts[j]);
                free(ts);
        }
        json_object_put(root);
        json_tokener_free(tok);
        return r;
}
