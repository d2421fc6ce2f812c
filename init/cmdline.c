/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmdline.h"
#include "util.h"

const char *const checkpoint_names[CHECKPOINT_COUNT] = {
        "drivers", "modules", "disks", "filesystems", "mounts", "env", "switch_root",
};

/* A kdump capture kernel (init/crash/kdump.h) writes the log and the dump where a boot hands over. */
static const char *const capture_names[CHECKPOINT_COUNT] = {
        [CHECKPOINT_COUNT - 2] = "dmesg",
        [CHECKPOINT_COUNT - 1] = "dump",
};

const char *checkpoint_name(int i, bool capture)
{
        if (i < 0 || i >= CHECKPOINT_COUNT)
                return "?";
        return capture && capture_names[i] ? capture_names[i] : checkpoint_names[i];
}

/* CONFIG_INIT_ENV_ARG_LIMIT: init/main.c MAX_INIT_ARGS and MAX_INIT_ENVS. */
#define INIT_MAX_ARGS           32
#define INIT_MAX_ENVS           32
#define TIMEOUT_MAX             86400
#define KDUMP_PATH_MAX          256
#define LOGLEVEL_MAX            15      /* CONSOLE_LOGLEVEL_MOTORMOUTH */
#define ERROR_WORD_MAX          64      /* longer words are shortened in messages */

/*
 * One word of the command line, as the kernel hands an unknown one to init:
 * "name=value" with quotes removed, or "name".  value points into text.
 */
struct word {
        char *text;
        size_t name_len;
        const char *value;      /* NULL: no '=' */
        bool unterminated;      /* an opening '"' was never closed */
};

/*
 * Parameters the kernel consumes itself (__setup, early_param, core_param),
 * so init never sees them.  An approximation: the kernel has hundreds.
 */
static const char *const kernel_params[] = {
        "acpi", "amd_iommu", "apic", "apparmor", "audit", "audit_backlog_limit",
        "cgroup_disable", "cgroup_enable", "cgroup_no_v1", "clocksource", "cma",
        "console", "consoleblank", "crashkernel", "debug", "default_hugepagesz",
        "dyndbg", "earlycon", "earlyprintk", "efi", "elevator", "enforcing",
        "fbcon", "hibernate", "hpet", "hugepages", "hugepagesz", "idle",
        "ignore_loglevel", "init", "init_on_alloc", "init_on_free",
        "initcall_blacklist", "initcall_debug", "initrd", "intel_iommu", "iommu",
        "ip", "irqaffinity", "isolcpus", "kaslr", "keep_bootcon", "load_ramdisk",
        "log_buf_len", "loglevel", "lpj", "lsm", "maxcpus", "mce", "mem", "memmap",
        "mitigations", "module_blacklist", "nfsroot", "nfsrootdebug",
        "no_console_suspend", "noapic", "noefi", "noexec", "nohz", "nohz_full",
        "noinitrd", "nokaslr", "nolapic", "nomodeset", "nopti", "norandmaps",
        "noresume", "nosmp", "nospectre_v1", "nospectre_v2", "nowatchdog",
        "nox2apic", "nr_cpus", "numa", "numa_balancing", "nmi_watchdog", "panic",
        "panic_on_warn", "pci", "possible_cpus", "prompt_ramdisk", "pti", "quiet",
        "ramdisk_size", "ramdisk_start", "rcu_nocbs", "rdinit", "reboot", "resume",
        "resume_offset", "resumedelay", "resumewait", "ro", "root", "rootdelay",
        "rootflags", "rootfstype", "rootwait", "rw", "security", "selinux",
        "slub_debug", "softlockup_panic", "spectre_v2", "swiotlb",
        "sysrq_always_enabled", "threadirqs", "transparent_hugepage", "tsc",
        "vga", "video",
};

static bool is_blank(char ch)
{
        return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\v' || ch == '\f' || ch == '\r';
}

static char *skip_blanks(char *s)
{
        while (is_blank(*s))
                s++;
        return s;
}

/* kernel/params.c parameq(): '-' and '_' are the same in parameter names. */
static bool name_eq(const char *a, size_t len, const char *b)
{
        for (size_t i = 0; i < len; i++, b++) {
                char x = a[i] == '-' ? '_' : a[i];
                char y = *b == '-' ? '_' : *b;

                if (!*b || x != y)
                        return false;
        }
        return *b == '\0';
}

static bool word_is(const struct word *w, const char *name)
{
        return name_eq(w->text, w->name_len, name);
}

/*
 * Split the next word off @s in place, as lib/cmdline.c next_arg() does: a
 * leading '"' quotes the whole word, a '"' right after the first '=' quotes
 * the value, and a trailing '"' closing either goes.  The word is left whole
 * ("name=value"), as init/main.c repair_env_string() leaves it for init.
 * With @to_end, whitespace does not split: the rest of @s is one word.
 * Returns where the next word starts.
 */
static char *word_next(char *s, struct word *w, bool to_end)
{
        size_t i, end, equals = 0, vstart = 0;
        bool in_quote = false, quoted = false, value_quoted = false;
        char *next;

        if (*s == '"') {
                s++;
                in_quote = quoted = true;
        }
        /* equals == 0 means none: like next_arg(), a leading '=' is not one. */
        for (i = 0; s[i]; i++) {
                if (!to_end && !in_quote && is_blank(s[i]))
                        break;
                if (!equals && s[i] == '=')
                        equals = i;
                if (s[i] == '"')
                        in_quote = !in_quote;
        }
        next = s[i] ? s + i + 1 : s + i;
        end = i;

        if (equals) {
                vstart = equals + 1;
                if (s[vstart] == '"') {
                        value_quoted = true;
                        vstart++;
                        if (end > vstart && s[end - 1] == '"')
                                end--;
                }
        }
        if (quoted && !value_quoted && end > 0 && s[end - 1] == '"')
                end--;
        if (value_quoted) {
                memmove(s + equals + 1, s + vstart, end - vstart);
                end--;
        }
        s[end] = '\0';

        w->text = s;
        w->name_len = equals ? equals : end;
        w->value = equals ? s + equals + 1 : NULL;
        w->unterminated = in_quote;
        return skip_blanks(next);
}

static int record_error(struct cmdline *c, const char *word, const char *fmt, ...)
        __attribute__((format(printf, 3, 4)));

static int record_error(struct cmdline *c, const char *word, const char *fmt, ...)
{
        char msg[512];
        size_t len = 0;
        va_list ap;

        if (c->n_errors >= CMDLINE_MAX_ERRORS) {
                c->n_errors_dropped++;
                return -EINVAL;
        }
        if (word) {
                size_t n = strlen(word);

                if (n > ERROR_WORD_MAX)
                        len = (size_t)snprintf(msg, sizeof(msg), "%.*s...: ", ERROR_WORD_MAX - 4, word);
                else
                        len = (size_t)snprintf(msg, sizeof(msg), "%s: ", word);
        }
        va_start(ap, fmt);
        vsnprintf(msg + len, sizeof(msg) - len, fmt, ap);
        va_end(ap);

        c->errors[c->n_errors] = strdup(msg);
        if (!c->errors[c->n_errors])
                return -ENOMEM;
        c->n_errors++;
        return -EINVAL;
}

/* Decimal digits only, at most @max. */
static bool parse_uint(const char *s, long max, long *out)
{
        long n = 0;

        if (!*s)
                return false;
        for (; *s; s++) {
                int d = *s - '0';

                if (d < 0 || d > 9 || n > (max - d) / 10)
                        return false;
                n = n * 10 + d;
        }
        *out = n;
        return true;
}

int strlist_push(struct strv *v, const char *s)
{
        size_t cap = 4;
        char *copy;

        if (!s)
                return -EINVAL;
        /* Capacity is the power of two above n, so a struct strv needs no cap field. */
        while (cap < v->n + 1)
                cap *= 2;
        if (!v->items || v->n + 2 > cap) {
                char **items;

                while (cap < v->n + 2)
                        cap *= 2;
                items = realloc(v->items, cap * sizeof(*items));
                if (!items)
                        return -ENOMEM;
                v->items = items;
        }
        copy = strdup(s);
        if (!copy)
                return -ENOMEM;
        v->items[v->n++] = copy;
        v->items[v->n] = NULL;
        return 0;
}

void strlist_join(char *buf, size_t size, const struct strv *v, size_t max)
{
        size_t len = 0;

        if (size == 0)
                return;
        buf[0] = '\0';
        for (size_t i = 0; i < v->n && i < max; i++) {
                int n = snprintf(buf + len, size - len, "%s%s", i ? ", " : "", v->items[i]);

                if (n < 0 || (size_t)n >= size - len)
                        return;
                len += (size_t)n;
        }
        if (v->n > max)
                snprintf(buf + len, size - len, ", +%zu more", v->n - max);
}

void strlist_free(struct strv *v)
{
        for (size_t i = 0; i < v->n; i++)
                free(v->items[i]);
        free(v->items);
        v->items = NULL;
        v->n = 0;
}

static int strv_push_split(struct strv *v, const char *list)
{
        while (*list) {
                size_t len = strcspn(list, ",");

                if (len > 0) {
                        char *item = strndup(list, len);
                        int r;

                        if (!item)
                                return -ENOMEM;
                        r = strlist_push(v, item);
                        free(item);
                        if (r < 0)
                                return r;
                }
                list += len;
                if (*list == ',')
                        list++;
        }
        return 0;
}

static bool has_prefix(const char *s, const char *prefix)
{
        return strncmp(s, prefix, strlen(prefix)) == 0;
}

/* A hex number, with the optional "0x" simple_strtoul() allows. */
static bool is_hex_word(const char *s)
{
        if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X') && hex_digit(s[2]) >= 0)
                s += 2;
        if (!*s)
                return false;
        for (; *s; s++)
                if (hex_digit(*s) < 0)
                        return false;
        return true;
}

static int root_parse_devt(const char *v, struct root_spec *r, const char **why)
{
        const char *colon = strchr(v, ':');
        long major, minor;

        if (colon) {
                char *maj = strndup(v, (size_t)(colon - v));
                bool ok;

                if (!maj)
                        return -ENOMEM;
                ok = parse_uint(maj, LONG_MAX, &major) && parse_uint(colon + 1, LONG_MAX, &minor);
                free(maj);
                if (!ok) {
                        *why = "not MAJ:MIN (two decimal numbers)";
                        return -EINVAL;
                }
                /* MKDEV(): 12 bits of major, 20 of minor. */
                if (major > 0xfff || minor > 0xfffff) {
                        *why = "major or minor number out of range";
                        return -EINVAL;
                }
        } else {
                unsigned long long dev = strtoull(v, NULL, 16);

                /* ULLONG_MAX also catches overflow. */
                if (dev > 0xffffffffULL) {
                        *why = "device number out of range";
                        return -EINVAL;
                }
                /* include/linux/kdev_t.h new_decode_dev() */
                major = (long)((dev & 0xfff00) >> 8);
                minor = (long)((dev & 0xff) | ((dev >> 12) & 0xfff00));
        }
        /* init/do_mounts.c: a dev_t of 0 means "no such device". */
        if (major == 0 && minor == 0) {
                *why = "device 0:0 does not exist";
                return -EINVAL;
        }
        r->kind = ROOT_DEVT;
        r->major = (unsigned)major;
        r->minor = (unsigned)minor;
        return 0;
}

static int root_parse_partuuid(const char *v, struct root_spec *r, const char **why)
{
        const char *slash = strchr(v, '/');
        size_t len = slash ? (size_t)(slash - v) : strlen(v);

        if (len == 0) {
                *why = "empty PARTUUID";
                return -EINVAL;
        }
        if (slash) {
                const char *n = slash + 1;
                bool negative = false;
                long off;

                if (!has_prefix(n, "PARTNROFF=")) {
                        *why = "expected /PARTNROFF=N after the PARTUUID";
                        return -EINVAL;
                }
                n += strlen("PARTNROFF=");
                if (*n == '-' || *n == '+') {
                        negative = *n == '-';
                        n++;
                }
                if (!parse_uint(n, INT_MAX, &off)) {
                        *why = "PARTNROFF= is not a number";
                        return -EINVAL;
                }
                r->partnroff = negative ? -(int)off : (int)off;
        }
        r->value = strndup(v, len);
        if (!r->value)
                return -ENOMEM;
        r->kind = ROOT_PARTUUID;
        return 0;
}

/* The forms of init/do_mounts.c, plus the UUID= and LABEL= every initramfs knows. */
static int root_parse(const char *v, struct root_spec *r, const char **why)
{
        static const struct {
                const char *prefix;
                enum root_kind kind;
                const char *empty;
        } tags[] = {
                { "UUID=", ROOT_UUID, "empty UUID" },
                { "LABEL=", ROOT_LABEL, "empty label" },
                { "PARTLABEL=", ROOT_PARTLABEL, "empty partition label" },
        };

        memset(r, 0, sizeof(*r));
        if (!v || !*v) {
                *why = "empty value";
                return -EINVAL;
        }
        if (strlen(v) > CMDLINE_MAX_VALUE) {
                *why = "value too long";
                return -EINVAL;
        }
        if (v[0] == '/') {
                r->value = strdup(v);
                if (!r->value)
                        return -ENOMEM;
                r->kind = ROOT_PATH;
                return 0;
        }
        for (size_t i = 0; i < sizeof(tags) / sizeof(tags[0]); i++) {
                const char *rest = v + strlen(tags[i].prefix);

                if (!has_prefix(v, tags[i].prefix))
                        continue;
                if (!*rest) {
                        *why = tags[i].empty;
                        return -EINVAL;
                }
                r->value = strdup(rest);
                if (!r->value)
                        return -ENOMEM;
                r->kind = tags[i].kind;
                return 0;
        }
        if (has_prefix(v, "PARTUUID="))
                return root_parse_partuuid(v + strlen("PARTUUID="), r, why);
        /* Like the kernel, a hex number is a dev_t before it is a name: root=fd0 is 0:253. */
        if (strchr(v, ':') || is_hex_word(v))
                return root_parse_devt(v, r, why);
        if (strchr(v, '=')) {
                *why = "unknown form, expected /dev/NAME, NAME, UUID=, LABEL=, PARTUUID=, PARTLABEL= or MAJ:MIN";
                return -EINVAL;
        }
        if (asprintf(&r->value, "/dev/%s", v) < 0) {
                r->value = NULL;
                return -ENOMEM;
        }
        r->kind = ROOT_PATH;
        return 0;
}

int root_spec_parse(const char *value, struct root_spec *r)
{
        struct root_spec parsed;
        const char *why;
        int ret;

        ret = root_parse(value, &parsed, &why);
        if (ret < 0)
                return ret;
        *r = parsed;
        return 0;
}

void root_spec_free(struct root_spec *r)
{
        free(r->value);
        memset(r, 0, sizeof(*r));
}

const char *root_spec_format(const struct root_spec *r, char *buf, size_t size)
{
        const char *v = r->value ? r->value : "";

        if (!buf || size == 0)
                return "";
        switch (r->kind) {
        case ROOT_PATH:
                snprintf(buf, size, "%s", v);
                break;
        case ROOT_UUID:
                snprintf(buf, size, "UUID=%s", v);
                break;
        case ROOT_LABEL:
                snprintf(buf, size, "LABEL=%s", v);
                break;
        case ROOT_PARTUUID:
                if (r->partnroff)
                        snprintf(buf, size, "PARTUUID=%s/PARTNROFF=%d", v, r->partnroff);
                else
                        snprintf(buf, size, "PARTUUID=%s", v);
                break;
        case ROOT_PARTLABEL:
                snprintf(buf, size, "PARTLABEL=%s", v);
                break;
        case ROOT_DEVT:
                snprintf(buf, size, "%u:%u", r->major, r->minor);
                break;
        default:
                buf[0] = '\0';
                break;
        }
        return buf;
}

int checkpoint_index(const char *name)
{
        if (!name)
                return -1;
        for (int i = 0; i < CHECKPOINT_COUNT; i++)
                if (name_eq(name, strlen(name), checkpoint_names[i]))
                        return i;
        return -1;
}

static const char *const onfail_names[] = {
        [ONFAIL_SHELL] = "shell",
        [ONFAIL_REBOOT] = "reboot",
        [ONFAIL_POWEROFF] = "poweroff",
        [ONFAIL_HALT] = "halt",
};

const char *onfail_name(enum onfail o)
{
        if ((unsigned)o >= sizeof(onfail_names) / sizeof(onfail_names[0]))
                return "unknown";
        return onfail_names[o];
}

/* Checks shared by every word we interpret that takes a value. */
static int need_value(struct cmdline *c, const struct word *w)
{
        if (!w->value)
                return record_error(c, w->text, "needs a value");
        if (strlen(w->value) > CMDLINE_MAX_VALUE)
                return record_error(c, w->text, "value longer than %d bytes", CMDLINE_MAX_VALUE);
        return 0;
}

static int no_value(struct cmdline *c, const struct word *w)
{
        if (w->value)
                return record_error(c, w->text, "takes no value");
        return 0;
}

static int set_string(struct cmdline *c, const struct word *w, char **field)
{
        char *copy = NULL;
        int r;

        r = need_value(c, w);
        if (r < 0)
                return r;
        /* An empty value clears: "set rootflags=" at the prompt. */
        if (*w->value) {
                copy = strdup(w->value);
                if (!copy)
                        return -ENOMEM;
        }
        free(*field);
        *field = copy;
        return 0;
}

/* A device in root='s forms into *@field, replacing what was there. */
static int root_spec_value(struct cmdline *c, const struct word *w, struct root_spec *field)
{
        struct root_spec parsed;
        const char *why;
        int r;

        r = need_value(c, w);
        if (r < 0)
                return r;
        r = root_parse(w->value, &parsed, &why);
        if (r == -EINVAL)
                return record_error(c, w->text, "%s", why);
        if (r < 0)
                return r;
        root_spec_free(field);
        *field = parsed;
        return 0;
}

static int opt_root(struct cmdline *c, const struct word *w)
{
        return root_spec_value(c, w, &c->root);
}

static int opt_rootfstype(struct cmdline *c, const struct word *w)
{
        return set_string(c, w, &c->rootfstype);
}

static int opt_rootflags(struct cmdline *c, const struct word *w)
{
        return set_string(c, w, &c->rootflags);
}

static int opt_ro(struct cmdline *c, const struct word *w)
{
        int r = no_value(c, w);

        if (r < 0)
                return r;
        c->rw = false;
        return 0;
}

static int opt_rw(struct cmdline *c, const struct word *w)
{
        int r = no_value(c, w);

        if (r < 0)
                return r;
        c->rw = true;
        return 0;
}

static int opt_rootwait(struct cmdline *c, const struct word *w)
{
        int r = no_value(c, w);

        if (r < 0)
                return r;
        c->rootwait = true;
        return 0;
}

static int opt_quiet(struct cmdline *c, const struct word *w)
{
        int r = no_value(c, w);

        if (r < 0)
                return r;
        c->quiet = true;
        return 0;
}

static int opt_rootdelay(struct cmdline *c, const struct word *w)
{
        long n;
        int r;

        r = need_value(c, w);
        if (r < 0)
                return r;
        if (!parse_uint(w->value, INT_MAX, &n))
                return record_error(c, w->text, "not a number of seconds");
        c->rootdelay = (int)n;
        return 0;
}

static int opt_loglevel(struct cmdline *c, const struct word *w)
{
        long n;
        int r;

        r = need_value(c, w);
        if (r < 0)
                return r;
        if (!parse_uint(w->value, LOGLEVEL_MAX, &n))
                return record_error(c, w->text, "not a log level 0..%d", LOGLEVEL_MAX);
        c->loglevel = (int)n;
        return 0;
}

static int opt_init(struct cmdline *c, const struct word *w)
{
        int r;

        r = need_value(c, w);
        if (r < 0)
                return r;
        if (w->value[0] != '/')
                return record_error(c, w->text, "not an absolute path");
        return set_string(c, w, &c->init);
}

static int push_list(struct cmdline *c, const struct word *w, struct strv *v)
{
        int r = need_value(c, w);

        if (r < 0)
                return r;
        return strv_push_split(v, w->value);
}

static int opt_modules_load(struct cmdline *c, const struct word *w)
{
        return push_list(c, w, &c->modules_load);
}

static int opt_driver_pre(struct cmdline *c, const struct word *w)
{
        return push_list(c, w, &c->driver_pre);
}

static int opt_blacklist(struct cmdline *c, const struct word *w)
{
        return push_list(c, w, &c->blacklist);
}

static int opt_console(struct cmdline *c, const struct word *w)
{
        int r;

        r = need_value(c, w);
        if (r < 0)
                return r;
        if (!*w->value)
                return record_error(c, w->text, "empty value");
        return strlist_push(&c->consoles, w->value);
}

static int checkpoint_list_error(struct cmdline *c, const struct word *w, const char *name, size_t len)
{
        char known[160];
        size_t n = 0;

        known[0] = '\0';
        for (int i = 0; i < CHECKPOINT_COUNT; i++)
                n += (size_t)snprintf(known + n, sizeof(known) - n, "%s, ", checkpoint_names[i]);
        snprintf(known + n, sizeof(known) - n, "all");
        if (len > ERROR_WORD_MAX)
                len = ERROR_WORD_MAX;
        return record_error(c, w->text, "unknown checkpoint \"%.*s\" (known: %s)", (int)len, name, known);
}

static int opt_checkpoint(struct cmdline *c, const struct word *w)
{
        unsigned pause = 0;
        const char *s;
        int r;

        r = need_value(c, w);
        if (r < 0)
                return r;
        for (s = w->value; *s; ) {
                size_t len = strcspn(s, ",");
                int i;

                if (name_eq(s, len, "all")) {
                        pause |= (1u << CHECKPOINT_COUNT) - 1;
                } else if (len > 0) {
                        for (i = 0; i < CHECKPOINT_COUNT; i++)
                                if (name_eq(s, len, checkpoint_names[i]))
                                        break;
                        if (i == CHECKPOINT_COUNT)
                                return checkpoint_list_error(c, w, s, len);
                        pause |= 1u << i;
                }
                s += len;
                if (*s == ',')
                        s++;
        }
        c->pause |= pause;
        return 0;
}

/* One of @n @names into *@out (its index); else @expected is the message. */
static int name_value(struct cmdline *c, const struct word *w, const char *const *names, size_t n,
                      int *out, const char *expected)
{
        int r = need_value(c, w);

        if (r < 0)
                return r;
        for (size_t i = 0; i < n; i++) {
                if (strcmp(w->value, names[i]) == 0) {
                        *out = (int)i;
                        return 0;
                }
        }
        return record_error(c, w->text, "%s", expected);
}

static int onfail_value(struct cmdline *c, const struct word *w, enum onfail *out)
{
        int i = 0;
        int r = name_value(c, w, onfail_names, sizeof(onfail_names) / sizeof(onfail_names[0]), &i,
                           "expected shell, reboot, poweroff or halt");

        if (r == 0)
                *out = (enum onfail)i;
        return r;
}

static int opt_onfail(struct cmdline *c, const struct word *w)
{
        return onfail_value(c, w, &c->onfail);
}

static int opt_kdump_final(struct cmdline *c, const struct word *w)
{
        return onfail_value(c, w, &c->kdump_final);
}

static const char *const pstore_policy_names[] = { "keep", "archive", "erase" };

const char *pstore_policy_name(enum pstore_policy p)
{
        return (unsigned)p < sizeof(pstore_policy_names) / sizeof(pstore_policy_names[0]) ?
               pstore_policy_names[p] : "keep";
}

static int opt_pstore(struct cmdline *c, const struct word *w)
{
        int i = 0;
        int r = name_value(c, w, pstore_policy_names,
                           sizeof(pstore_policy_names) / sizeof(pstore_policy_names[0]), &i,
                           "expected keep, archive or erase");

        if (r == 0)
                c->pstore = (enum pstore_policy)i;
        return r;
}

static int opt_kdump_target(struct cmdline *c, const struct word *w)
{
        return root_spec_value(c, w, &c->kdump_target);
}

/* An absolute directory on the target, never above it: no ".." component. */
static int opt_kdump_path(struct cmdline *c, const struct word *w)
{
        const char *p;
        int r;

        r = need_value(c, w);
        if (r < 0)
                return r;
        if (w->value[0] != '/')
                return record_error(c, w->text, "not an absolute path");
        if (strlen(w->value) > KDUMP_PATH_MAX)
                return record_error(c, w->text, "longer than %d bytes", KDUMP_PATH_MAX);
        for (p = w->value; (p = strstr(p, "..")); p += 2)
                if (p[-1] == '/' && (p[2] == '/' || p[2] == '\0'))
                        return record_error(c, w->text, "has a \"..\" component");
        return set_string(c, w, &c->kdump_path);
}

/* A number of seconds 0..TIMEOUT_MAX into *@out. */
static int seconds_value(struct cmdline *c, const struct word *w, int *out)
{
        long n;
        int r;

        r = need_value(c, w);
        if (r < 0)
                return r;
        if (!parse_uint(w->value, TIMEOUT_MAX, &n))
                return record_error(c, w->text, "not a number of seconds 0..%d", TIMEOUT_MAX);
        *out = (int)n;
        return 0;
}

static int opt_timeout(struct cmdline *c, const struct word *w)
{
        return seconds_value(c, w, &c->timeout);
}

static int opt_prompt_timeout(struct cmdline *c, const struct word *w)
{
        return seconds_value(c, w, &c->prompt_timeout);
}

/* An I/O port: 0x-hex or decimal, 1..0xffff. */
static bool port_value(const char *s, unsigned *out)
{
        unsigned long n = 0;
        long dec;

        if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
                if (!s[2])
                        return false;
                for (s += 2; *s; s++) {
                        if (hex_digit(*s) < 0 || n > 0xffff)
                                return false;
                        n = n * 16 + (unsigned long)(*s <= '9' ? *s - '0' : (*s | 0x20) - 'a' + 10);
                }
        } else {
                if (!parse_uint(s, 0xffff, &dec))
                        return false;
                n = (unsigned long)dec;
        }
        if (n < 1 || n > 0xffff)
                return false;
        *out = (unsigned)n;
        return true;
}

/* rd.verdict=isa-debug-exit[:PORT]; anything else turns the channel off. */
static int opt_verdict(struct cmdline *c, const struct word *w)
{
        static const char device[] = "isa-debug-exit";
        size_t len = strlen(device);
        unsigned port = VERDICT_DEFAULT_PORT;
        int r;

        c->verdict = VERDICT_NONE;
        r = need_value(c, w);
        if (r < 0)
                return r;
        if (strncmp(w->value, device, len) != 0 || (w->value[len] && w->value[len] != ':'))
                return record_error(c, w->text, "expected isa-debug-exit or isa-debug-exit:PORT");
        if (w->value[len] == ':' && !port_value(w->value + len + 1, &port))
                return record_error(c, w->text, "PORT is not 1..0xffff (0x-hex or decimal)");
#if defined(__x86_64__) || defined(__i386__)
        c->verdict = VERDICT_ISA_DEBUG_EXIT;
        c->verdict_port = port;
        return 0;
#else
        return record_error(c, w->text, "the device does not exist on this architecture (x86 only)");
#endif
}

/* rd.verdict.tty=NAME: a device right under /dev, "ttyS1". */
static int opt_verdict_tty(struct cmdline *c, const struct word *w)
{
        int r = need_value(c, w);

        if (r < 0)
                return r;
        if (!*w->value || strchr(w->value, '/') || strcmp(w->value, ".") == 0 ||
            strcmp(w->value, "..") == 0)
                return record_error(c, w->text, "not a name under /dev (ttyS1, no '/')");
        if (strlen(w->value) > VERDICT_TTY_NAME_MAX)
                return record_error(c, w->text, "longer than %d bytes", VERDICT_TTY_NAME_MAX);
        return set_string(c, w, &c->verdict_tty);
}

/* A name the real init can have in its environment: [A-Za-z_][A-Za-z0-9_]*. */
static bool env_name_valid(const char *s, size_t len)
{
        if (len == 0 || (s[0] >= '0' && s[0] <= '9'))
                return false;
        for (size_t i = 0; i < len; i++) {
                char ch = s[i];

                if (!(ch == '_' || (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
                      (ch >= '0' && ch <= '9')))
                        return false;
        }
        return true;
}

static int opt_env_require(struct cmdline *c, const struct word *w)
{
        struct strv items = { 0 };
        int r;

        r = need_value(c, w);
        if (r < 0)
                return r;
        r = strv_push_split(&items, w->value);
        for (size_t i = 0; r == 0 && i < items.n; i++)
                if (!env_name_valid(items.items[i], strcspn(items.items[i], "=")))
                        r = record_error(c, w->text, "\"%s\" is not NAME or NAME=VALUE", items.items[i]);
        for (size_t i = 0; r == 0 && i < items.n; i++)
                r = strlist_push(&c->env_require, items.items[i]);
        strlist_free(&items);
        return r;
}

/* rd.env.NAME=VALUE: a later NAME replaces the earlier one. */
static int opt_env_set(struct cmdline *c, const struct word *w)
{
        const char *name = w->text + strlen("rd.env.");
        size_t len = w->name_len - strlen("rd.env.");
        struct strv *v = &c->env_set;
        char *item;
        int r;

        r = need_value(c, w);
        if (r < 0)
                return r;
        if (!env_name_valid(name, len))
                return record_error(c, w->text, "not a variable name (letters, digits, _)");
        if (asprintf(&item, "%.*s=%s", (int)len, name, w->value) < 0)
                return -ENOMEM;
        for (size_t i = 0; i < v->n; i++) {
                if (strncmp(v->items[i], item, len + 1) == 0) {
                        free(v->items[i]);
                        v->items[i] = item;
                        return 0;
                }
        }
        r = strlist_push(v, item);
        free(item);
        return r;
}

/* rd.luks=0, rd.lvm=0, rd.md=0: systemd's and dracut's yes/no spellings. */
static int bool_value(struct cmdline *c, const struct word *w, bool *out)
{
        static const char *const yes[] = { "1", "yes", "y", "true", "on" };
        static const char *const no[] = { "0", "no", "n", "false", "off" };
        int r = need_value(c, w);

        if (r < 0)
                return r;
        for (size_t i = 0; i < sizeof(yes) / sizeof(yes[0]); i++) {
                if (strcmp(w->value, yes[i]) == 0 || strcmp(w->value, no[i]) == 0) {
                        *out = strcmp(w->value, yes[i]) == 0;
                        return 0;
                }
        }
        return record_error(c, w->text, "expected 0 or 1 (or yes/no)");
}

/* rd.X=0 turns X off. */
static int off_value(struct cmdline *c, const struct word *w, bool *off)
{
        bool on = true;
        int r = bool_value(c, w, &on);

        if (r == 0)
                *off = !on;
        return r;
}

static int opt_luks(struct cmdline *c, const struct word *w)
{
        return off_value(c, w, &c->luks_off);
}

static int opt_lvm(struct cmdline *c, const struct word *w)
{
        return off_value(c, w, &c->lvm_off);
}

static int opt_md(struct cmdline *c, const struct word *w)
{
        return off_value(c, w, &c->md_off);
}

/* dracut writes rd.luks.uuid=luks-UUID as often as UUID alone: both mean UUID. */
static int opt_luks_uuid(struct cmdline *c, const struct word *w)
{
        struct strv items = { 0 };
        int r = need_value(c, w);

        if (r < 0)
                return r;
        r = strv_push_split(&items, w->value);
        for (size_t i = 0; r == 0 && i < items.n; i++) {
                const char *u = items.items[i];

                r = strlist_push(&c->luks_uuid, strncmp(u, "luks-", 5) == 0 ? u + 5 : u);
        }
        strlist_free(&items);
        return r;
}

/* rd.luks.name=UUID=NAME: kept whole, as "UUID=NAME". */
static int opt_luks_name(struct cmdline *c, const struct word *w)
{
        const char *eq;
        int r = need_value(c, w);

        if (r < 0)
                return r;
        eq = strchr(w->value, '=');
        if (!eq || eq == w->value || !eq[1] || strchr(eq + 1, '/'))
                return record_error(c, w->text, "expected UUID=NAME (NAME becomes /dev/mapper/NAME)");
        return strlist_push(&c->luks_name, strncmp(w->value, "luks-", 5) == 0 ? w->value + 5 : w->value);
}

static int opt_lvm_vg(struct cmdline *c, const struct word *w)
{
        return push_list(c, w, &c->lvm_vg);
}

static int opt_lvm_lv(struct cmdline *c, const struct word *w)
{
        struct strv items = { 0 };
        int r = need_value(c, w);

        if (r < 0)
                return r;
        r = strv_push_split(&items, w->value);
        for (size_t i = 0; r == 0 && i < items.n; i++) {
                const char *slash = strchr(items.items[i], '/');

                if (!slash || slash == items.items[i] || !slash[1] || strchr(slash + 1, '/'))
                        r = record_error(c, w->text, "\"%s\" is not VG/LV", items.items[i]);
        }
        for (size_t i = 0; r == 0 && i < items.n; i++)
                r = strlist_push(&c->lvm_lv, items.items[i]);
        strlist_free(&items);
        return r;
}

static int opt_md_uuid(struct cmdline *c, const struct word *w)
{
        return push_list(c, w, &c->md_uuid);
}

static const struct option {
        const char *name;
        int (*apply)(struct cmdline *c, const struct word *w);
} options[] = {
        { "root", opt_root },
        { "rootfstype", opt_rootfstype },
        { "rootflags", opt_rootflags },
        { "ro", opt_ro },
        { "rw", opt_rw },
        { "rootwait", opt_rootwait },
        { "rootdelay", opt_rootdelay },
        { "init", opt_init },
        { "modules-load", opt_modules_load },
        { "rd.modules-load", opt_modules_load },
        { "rd.driver.pre", opt_driver_pre },
        { "rd.driver.blacklist", opt_blacklist },
        { "module_blacklist", opt_blacklist },
        { "console", opt_console },
        { "quiet", opt_quiet },
        { "loglevel", opt_loglevel },
        { "rd.env.require", opt_env_require },
        { "rd.checkpoint", opt_checkpoint },
        { "rd.checkpoint.onfail", opt_onfail },
        { "rd.checkpoint.timeout", opt_timeout },
        { "rd.checkpoint.prompt_timeout", opt_prompt_timeout },
        { "rd.luks", opt_luks },
        { "rd.luks.uuid", opt_luks_uuid },
        { "rd.luks.name", opt_luks_name },
        { "rd.lvm", opt_lvm },
        { "rd.lvm.vg", opt_lvm_vg },
        { "rd.lvm.lv", opt_lvm_lv },
        { "rd.md", opt_md },
        { "rd.md.uuid", opt_md_uuid },
        { "rd.pstore", opt_pstore },
        { "rd.kdump.target", opt_kdump_target },
        { "rd.kdump.path", opt_kdump_path },
        { "rd.kdump.final", opt_kdump_final },
        { "rd.verdict", opt_verdict },
        { "rd.verdict.tty", opt_verdict_tty },
};

static int init_arg_push(struct cmdline *c, const char *arg)
{
        if (c->init_argv.n >= INIT_MAX_ARGS)
                return record_error(c, arg, "more than %d arguments for init, dropped", INIT_MAX_ARGS);
        return strlist_push(&c->init_argv, arg);
}

/* init/main.c: a later NAME=value replaces an earlier NAME in place. */
static int init_env_set(struct cmdline *c, const struct word *w)
{
        struct strv *env = &c->init_envp;

        for (size_t i = 0; i < env->n; i++) {
                char *copy;

                if (strncmp(env->items[i], w->text, w->name_len + 1) != 0)
                        continue;
                copy = strdup(w->text);
                if (!copy)
                        return -ENOMEM;
                free(env->items[i]);
                env->items[i] = copy;
                return 0;
        }
        if (env->n >= INIT_MAX_ENVS)
                return record_error(c, w->text, "more than %d environment variables for init, dropped",
                                    INIT_MAX_ENVS);
        return strlist_push(env, w->text);
}

/* What init/main.c unknown_bootoption() does with a word before "--". */
static int init_hand_over(struct cmdline *c, const struct word *w)
{
        /* init_setup() and rdinit_setup() forget the arguments seen so far. */
        if (w->value && (word_is(w, "init") || word_is(w, "rdinit"))) {
                strlist_free(&c->init_argv);
                return 0;
        }
        for (size_t i = 0; i < sizeof(kernel_params) / sizeof(kernel_params[0]); i++)
                if (word_is(w, kernel_params[i]))
                        return 0;
        /* A module parameter: the kernel leaves it to modprobe. */
        if (memchr(w->text, '.', w->name_len))
                return 0;
        if (w->value)
                return init_env_set(c, w);
        return init_arg_push(c, w->text);
}

static bool is_module_option(const struct word *w)
{
        const char *dot = memchr(w->text, '.', w->name_len);

        if (!dot || dot == w->text || dot == w->text + w->name_len - 1)
                return false;
        return !(dot - w->text == 2 && strncmp(w->text, "rd", 2) == 0);
}

static const struct option *option_find(const struct word *w)
{
        for (size_t i = 0; i < sizeof(options) / sizeof(options[0]); i++)
                if (word_is(w, options[i].name))
                        return &options[i];
        return NULL;
}

static bool word_in_family(const struct word *w, const char *prefix)
{
        size_t len = strlen(prefix);

        return w->name_len >= len && name_eq(w->text, len, prefix);
}

/* Our reading of one word; returns -EINVAL when the word was wrong. */
static int word_apply(struct cmdline *c, const struct word *w)
{
        size_t errors = c->n_errors + c->n_errors_dropped;
        const struct option *opt;
        int r = 0;

        if (w->unterminated)
                r = record_error(c, w->text, "unterminated quote, taken to the end of the line");
        if (r == -ENOMEM)
                return r;
        r = init_hand_over(c, w);
        if (r == -ENOMEM)
                return r;

        opt = option_find(w);
        if (opt)
                r = opt->apply(c, w);
        else if (w->name_len > strlen("rd.env.") && strncmp(w->text, "rd.env.", strlen("rd.env.")) == 0)
                r = opt_env_set(c, w);
        else if (word_in_family(w, "rd.checkpoint."))
                r = record_error(c, w->text, "unknown option (known: rd.checkpoint=, "
                                 "rd.checkpoint.onfail=, rd.checkpoint.timeout=, "
                                 "rd.checkpoint.prompt_timeout=)");
        else if (word_in_family(w, "rd.kdump."))
                r = record_error(c, w->text, "unknown option (known: rd.kdump.target=, "
                                 "rd.kdump.path=, rd.kdump.final=)");
        else if (word_in_family(w, "rd.verdict."))
                r = record_error(c, w->text, "unknown option (known: rd.verdict=, rd.verdict.tty=)");
        else if (is_module_option(w))
                r = strlist_push(&c->module_options, w->text);
        if (r == -ENOMEM)
                return r;
        return c->n_errors + c->n_errors_dropped > errors ? -EINVAL : 0;
}

/* init/main.c set_init_arg(): after "--", every word goes to init, up to the next "--". */
static int init_args_after_dashes(struct cmdline *c, char *s)
{
        while (*s) {
                struct word w;
                int r;

                s = word_next(s, &w, false);
                if (!w.value && strcmp(w.text, "--") == 0)
                        return 0;
                if (w.unterminated) {
                        r = record_error(c, w.text, "unterminated quote, taken to the end of the line");
                        if (r == -ENOMEM)
                                return r;
                }
                r = init_arg_push(c, w.text);
                if (r == -ENOMEM)
                        return r;
        }
        return 0;
}

static void cmdline_init(struct cmdline *c)
{
        memset(c, 0, sizeof(*c));
        c->loglevel = -1;
        c->onfail = ONFAIL_SHELL;
        c->timeout = CMDLINE_DEFAULT_TIMEOUT;
        c->kdump_final = ONFAIL_REBOOT;
}

void strlist_remove_name(struct strv *v, const char *name, size_t len)
{
        size_t j = 0;

        for (size_t i = 0; i < v->n; i++) {
                char *item = v->items[i];

                if (strncmp(item, name, len) == 0 && (item[len] == '=' || item[len] == '\0')) {
                        free(item);
                        continue;
                }
                v->items[j++] = item;
        }
        v->n = j;
        if (v->items)
                v->items[j] = NULL;
}

int cmdline_unset_key(struct cmdline *c, const char *key)
{
        static const char *const lists[] = { "modules-load", "rd.modules-load", "rd.driver.pre",
                                             "rd.driver.blacklist", "module_blacklist" };
        struct cmdline fresh;

        cmdline_init(&fresh);
        if (strcmp(key, "root") == 0) {
                root_spec_free(&c->root);
        } else if (strcmp(key, "rootfstype") == 0) {
                free(c->rootfstype);
                c->rootfstype = NULL;
        } else if (strcmp(key, "rootflags") == 0) {
                free(c->rootflags);
                c->rootflags = NULL;
        } else if (strcmp(key, "init") == 0) {
                free(c->init);
                c->init = NULL;
        } else if (strcmp(key, "rw") == 0 || strcmp(key, "ro") == 0) {
                c->rw = false;
        } else if (strcmp(key, "rootwait") == 0) {
                c->rootwait = false;
        } else if (strcmp(key, "rootdelay") == 0) {
                c->rootdelay = 0;
        } else if (strcmp(key, "rd.checkpoint") == 0) {
                c->pause = 0;
        } else if (strcmp(key, "rd.checkpoint.onfail") == 0) {
                c->onfail = fresh.onfail;
        } else if (strcmp(key, "rd.checkpoint.timeout") == 0) {
                c->timeout = fresh.timeout;
        } else if (strcmp(key, "rd.checkpoint.prompt_timeout") == 0) {
                c->prompt_timeout = fresh.prompt_timeout;
        } else if (strcmp(key, "rd.pstore") == 0) {
                c->pstore = fresh.pstore;
        } else if (strcmp(key, "rd.kdump.target") == 0) {
                root_spec_free(&c->kdump_target);
        } else if (strcmp(key, "rd.kdump.path") == 0) {
                free(c->kdump_path);
                c->kdump_path = NULL;
        } else if (strcmp(key, "rd.kdump.final") == 0) {
                c->kdump_final = fresh.kdump_final;
        } else if (strcmp(key, "rd.verdict") == 0) {
                c->verdict = fresh.verdict;
                c->verdict_port = fresh.verdict_port;
        } else if (strcmp(key, "rd.verdict.tty") == 0) {
                free(c->verdict_tty);
                c->verdict_tty = NULL;
        } else if (strcmp(key, "rd.env.require") == 0) {
                strlist_free(&c->env_require);
        } else if (strcmp(key, "rd.luks") == 0) {
                c->luks_off = false;
        } else if (strcmp(key, "rd.lvm") == 0) {
                c->lvm_off = false;
        } else if (strcmp(key, "rd.md") == 0) {
                c->md_off = false;
        } else if (strcmp(key, "rd.luks.uuid") == 0) {
                strlist_free(&c->luks_uuid);
        } else if (strcmp(key, "rd.luks.name") == 0) {
                strlist_free(&c->luks_name);
        } else if (strcmp(key, "rd.lvm.vg") == 0) {
                strlist_free(&c->lvm_vg);
        } else if (strcmp(key, "rd.lvm.lv") == 0) {
                strlist_free(&c->lvm_lv);
        } else if (strcmp(key, "rd.md.uuid") == 0) {
                strlist_free(&c->md_uuid);
        } else if (strncmp(key, "rd.env.", 7) == 0 && key[7]) {
                strlist_remove_name(&c->env_set, key + 7, strlen(key + 7));
        } else {
                for (size_t i = 0; i < sizeof(lists) / sizeof(lists[0]); i++) {
                        if (strcmp(key, lists[i]) != 0)
                                continue;
                        strlist_free(i < 2 ? &c->modules_load : i == 2 ? &c->driver_pre : &c->blacklist);
                        return 0;
                }
                return record_error(c, key, "not a setting unset knows");
        }
        return 0;
}

int cmdline_parse(const char *text, struct cmdline *c)
{
        char *buf, *s;
        size_t len;
        int r = 0;

        cmdline_init(c);
        if (!text)
                return 0;
        len = strnlen(text, CMDLINE_MAX_LEN + 1);
        if (len > CMDLINE_MAX_LEN) {
                r = record_error(c, NULL, "command line longer than %d bytes, ignored", CMDLINE_MAX_LEN);
                return r == -ENOMEM ? r : 0;
        }
        buf = strndup(text, len);
        if (!buf)
                return -ENOMEM;

        s = skip_blanks(buf);
        while (*s) {
                struct word w;

                s = word_next(s, &w, false);
                if (!w.value && strcmp(w.text, "--") == 0) {
                        r = init_args_after_dashes(c, s);
                        break;
                }
                r = word_apply(c, &w);
                if (r == -ENOMEM)
                        break;
                r = 0;
        }
        free(buf);
        return r;
}

int cmdline_apply_word(struct cmdline *c, const char *word)
{
        struct word w;
        char *buf;
        size_t len;
        int r;

        if (!word)
                return record_error(c, NULL, "empty word");
        while (is_blank(*word))
                word++;
        len = strlen(word);
        while (len > 0 && is_blank(word[len - 1]))
                len--;
        if (len == 0)
                return record_error(c, NULL, "empty word");
        if (len > CMDLINE_MAX_LEN)
                return record_error(c, NULL, "word longer than %d bytes", CMDLINE_MAX_LEN);
        buf = strndup(word, len);
        if (!buf)
                return -ENOMEM;

        /* One word, even with blanks in it: "set rootflags=a b" means that. */
        word_next(buf, &w, true);
        r = 0;
        if (w.value || strcmp(w.text, "--") != 0)
                r = word_apply(c, &w);
        free(buf);
        return r;
}

void cmdline_free(struct cmdline *c)
{
        root_spec_free(&c->root);
        root_spec_free(&c->kdump_target);
        free(c->kdump_path);
        free(c->verdict_tty);
        free(c->rootfstype);
        free(c->rootflags);
        free(c->init);
        strlist_free(&c->modules_load);
        strlist_free(&c->driver_pre);
        strlist_free(&c->blacklist);
        strlist_free(&c->module_options);
        strlist_free(&c->env_set);
        strlist_free(&c->env_require);
        strlist_free(&c->luks_uuid);
        strlist_free(&c->luks_name);
        strlist_free(&c->lvm_vg);
        strlist_free(&c->lvm_lv);
        strlist_free(&c->md_uuid);
        strlist_free(&c->consoles);
        strlist_free(&c->env_unset);
        strlist_free(&c->init_argv);
        strlist_free(&c->init_envp);
        for (size_t i = 0; i < c->n_errors; i++)
                free(c->errors[i]);
        memset(c, 0, sizeof(*c));
}
