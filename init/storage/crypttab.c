/* SPDX-License-Identifier: MIT */
/*
 * /etc/crypttab, read by the rules Debian's cryptsetup scripts and
 * systemd's cryptsetup generator agree on, for the one case rdcheck
 * supports: a LUKS device opened with a passphrase.
 *
 * - A line is stripped of blanks at both ends; an empty one, or one
 *   starting with '#', is skipped.  A '#' later in a line is not a comment.
 * - Fields are separated by runs of blanks.  Quotes are not special
 *   (neither reader unquotes); "\0NNN" (octal) stands for one byte, as
 *   Debian's crypttab(5) says, so "\040" is a space.  Any other backslash
 *   is refused: Debian calls it undefined, systemd keeps it.
 * - Two to four fields.  A fifth is refused, as systemd does (Debian's
 *   shell 'read' would glue it to the options).
 *
 * What is refused is refused by name, so that whoever builds the image
 * knows which line to change; the image is never built around a line the
 * init would then misread.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crypttab.h"

#define FIELDS_MAX 4
#define BLANKS " \t\r\v\f"

struct field {
        const char *s;
        size_t len;
};

enum option_effect {
        OPTION_LUKS,            /* the mode: the only one supported, and the default */
        OPTION_DISCARD,         /* pass discards down (dm-crypt allow_discards) */
        OPTION_NO_EFFECT,       /* means nothing in an initramfs that opens only root's stack */
};

static const struct {
        const char *name;
        enum option_effect effect;
} options[] = {
        { "luks",               OPTION_LUKS },
        { "discard",            OPTION_DISCARD },
        /* "This device is needed in the initramfs": the image is the initramfs. */
        { "initramfs",          OPTION_NO_EFFECT },
        { "x-initrd.attach",    OPTION_NO_EFFECT },
        /* Debian's ordering and verbosity of its own boot scripts. */
        { "noearly",            OPTION_NO_EFFECT },
        { "loud",               OPTION_NO_EFFECT },
        { "quiet",              OPTION_NO_EFFECT },
        /*
         * Whether the boot may go on without the device: the init opens
         * only what root is on, and without root it cannot go on anyway.
         */
        { "nofail",             OPTION_NO_EFFECT },
        { "noauto",             OPTION_NO_EFFECT },
};

/* Other modes than LUKS, refused with that reason. */
static const char *const modes[] = {
        "plain", "tcrypt", "tcrypt-veracrypt", "veracrypt", "bitlk", "fvault2", "loopaes",
};

static int refuse(char *err, size_t size, unsigned line, const char *name, const char *fmt, ...)
        __attribute__((format(printf, 5, 6)));
static int refuse(char *err, size_t size, unsigned line, const char *name, const char *fmt, ...)
{
        va_list ap;
        int n;

        if (!size)
                return -EINVAL;
        n = name ? snprintf(err, size, "line %u (%s): ", line, name) : snprintf(err, size, "line %u: ", line);
        if (n >= 0 && (size_t)n < size) {
                va_start(ap, fmt);
                vsnprintf(err + n, size - (size_t)n, fmt, ap);
                va_end(ap);
        }
        return -EINVAL;
}

/* Splits @line into fields; returns how many there are, even beyond @max. */
static size_t fields_split(const char *line, size_t len, struct field *f, size_t max)
{
        size_t n = 0, i = 0;

        while (i < len) {
                size_t start;

                while (i < len && strchr(BLANKS, line[i]))
                        i++;
                if (i == len)
                        break;
                start = i;
                while (i < len && !strchr(BLANKS, line[i]))
                        i++;
                if (n < max) {
                        f[n].s = line + start;
                        f[n].len = i - start;
                }
                n++;
        }
        return n;
}

/*
 * Copies @f into @out (of @size bytes, NUL-terminated) with "\0NNN"
 * decoded.  Returns the length, -EINVAL for a backslash that starts no
 * such sequence or stands for a NUL, -ENAMETOOLONG when it does not fit.
 */
static int field_decode(const struct field *f, char *out, size_t size)
{
        size_t o = 0;

        for (size_t i = 0; i < f->len; i++) {
                unsigned v = 0, digits = 0;
                char c = f->s[i];

                if (c == '\\') {
                        if (i + 1 >= f->len || f->s[i + 1] != '0')
                                return -EINVAL;
                        for (i += 2; digits < 3 && i < f->len && f->s[i] >= '0' && f->s[i] <= '7'; i++, digits++)
                                v = v * 8 + (unsigned)(f->s[i] - '0');
                        i--;
                        if (v == 0 || v > 0xff)
                                return -EINVAL;
                        c = (char)v;
                }
                if (o + 1 >= size)
                        return -ENAMETOOLONG;
                out[o++] = c;
        }
        out[o] = '\0';
        return (int)o;
}

static bool source_supported(const char *s)
{
        static const char *const prefixes[] = { "UUID=", "PARTUUID=", "LABEL=", "PARTLABEL=", "/dev/" };

        for (size_t i = 0; i < sizeof(prefixes) / sizeof(prefixes[0]); i++)
                if (!strncmp(s, prefixes[i], strlen(prefixes[i])) && s[strlen(prefixes[i])])
                        return true;
        return false;
}

static bool is_mode(const char *key, size_t len)
{
        for (size_t i = 0; i < sizeof(modes) / sizeof(modes[0]); i++)
                if (strlen(modes[i]) == len && !strncmp(modes[i], key, len))
                        return true;
        return false;
}

/* One option of the comma list: applied to @e, or refused by name. */
static int option_apply(const char *opt, size_t len, struct crypttab_entry *e, unsigned line,
                        char *err, size_t errsize)
{
        size_t key = strcspn(opt, "=");
        bool valued = key < len;

        if (key > len)
                key = len;
        for (size_t i = 0; !valued && i < sizeof(options) / sizeof(options[0]); i++) {
                if (strlen(options[i].name) != key || strncmp(options[i].name, opt, key))
                        continue;
                if (options[i].effect == OPTION_DISCARD)
                        e->discard = true;
                return 0;
        }
        if (is_mode(opt, key))
                return refuse(err, errsize, line, e->name, "option %.*s%s is not supported: rdcheck opens "
                              "LUKS devices only", (int)key, opt, valued ? "=" : "");
        return refuse(err, errsize, line, e->name, "option %.*s%s is not supported", (int)key, opt,
                      valued ? "=" : "");
}

static int options_apply(const struct field *f, struct crypttab_entry *e, unsigned line,
                         char *err, size_t errsize)
{
        char *text = malloc(f->len + 1), *p;
        int r;

        if (!text)
                return -ENOMEM;
        r = field_decode(f, text, f->len + 1);
        if (r < 0) {
                free(text);
                return refuse(err, errsize, line, e->name, "options: a backslash that is not an octal "
                              "sequence \\0NNN");
        }
        for (p = text, r = 0; r == 0; p++) {
                size_t len = strcspn(p, ",");

                if (len)
                        r = option_apply(p, len, e, line, err, errsize);
                p += len;
                if (!*p)
                        break;
        }
        free(text);
        return r;
}

static int entry_append(struct crypttab *tab, const struct crypttab_entry *e)
{
        struct crypttab_entry *items = reallocarray(tab->items, tab->n + 1, sizeof(*items));

        if (!items)
                return -ENOMEM;
        tab->items = items;
        tab->items[tab->n++] = *e;
        return 0;
}

static int name_read(const struct field *f, struct crypttab_entry *e, unsigned line, char *err, size_t errsize)
{
        int r = field_decode(f, e->name, sizeof(e->name));

        if (r == -ENAMETOOLONG)
                return refuse(err, errsize, line, NULL, "name of %zu bytes: device mapper names have "
                              "at most %zu", f->len, sizeof(e->name) - 1);
        if (r < 0)
                return refuse(err, errsize, line, NULL, "name: a backslash that is not an octal "
                              "sequence \\0NNN");
        if (strchr(e->name, '/') || !strcmp(e->name, ".") || !strcmp(e->name, ".."))
                return refuse(err, errsize, line, NULL, "name '%s' is not a plain file name for "
                              "/dev/mapper", e->name);
        return 0;
}

static int line_parse(const char *line, size_t len, unsigned lineno, struct crypttab *tab,
                      char *err, size_t errsize)
{
        struct crypttab_entry e = { 0 };
        struct field f[FIELDS_MAX];
        char key[8];
        size_t n = fields_split(line, len, f, FIELDS_MAX);
        int r;

        if (n == 0 || f[0].s[0] == '#')
                return 0;
        r = name_read(&f[0], &e, lineno, err, errsize);
        if (r < 0)
                return r;
        if (n < 2)
                return refuse(err, errsize, lineno, e.name, "no source device");
        if (n > FIELDS_MAX)
                return refuse(err, errsize, lineno, e.name, "%zu fields; a line is NAME SOURCE "
                              "[KEYFILE [OPTIONS]]", n);
        for (size_t i = 0; i < tab->n; i++)
                if (!strcmp(tab->items[i].name, e.name))
                        return refuse(err, errsize, lineno, e.name, "the name is already used by an "
                                      "earlier line");
        r = field_decode(&f[1], e.source, sizeof(e.source));
        if (r == -ENAMETOOLONG)
                return refuse(err, errsize, lineno, e.name, "source of %zu bytes is too long (at most %zu)",
                              f[1].len, sizeof(e.source) - 1);
        if (r < 0)
                return refuse(err, errsize, lineno, e.name, "source: a backslash that is not an octal "
                              "sequence \\0NNN");
        if (!source_supported(e.source))
                return refuse(err, errsize, lineno, e.name, "source %s is not supported: give /dev/..., "
                              "UUID=, PARTUUID=, LABEL= or PARTLABEL=", e.source);
        if (n >= 3) {
                r = field_decode(&f[2], key, sizeof(key));
                if (r < 0 || (strcmp(key, "none") && strcmp(key, "-")))
                        return refuse(err, errsize, lineno, e.name, "key file %.*s is not supported: the "
                                      "passphrase is asked (write none or -)", (int)f[2].len, f[2].s);
        }
        if (n == 4) {
                r = options_apply(&f[3], &e, lineno, err, errsize);
                if (r < 0)
                        return r;
        }
        return entry_append(tab, &e);
}

int crypttab_parse(const char *text, struct crypttab *tab, char *err, size_t errsize)
{
        unsigned lineno = 0;
        int r = 0;

        tab->items = NULL;
        tab->n = 0;
        if (errsize)
                err[0] = '\0';
        while (text && *text && r == 0) {
                const char *end = strchrnul(text, '\n');

                r = line_parse(text, (size_t)(end - text), ++lineno, tab, err, errsize);
                text = *end ? end + 1 : end;
        }
        if (r == -ENOMEM && errsize)
                snprintf(err, errsize, "line %u: %s", lineno, strerror(ENOMEM));
        if (r < 0)
                crypttab_free(tab);
        return r;
}

void crypttab_free(struct crypttab *tab)
{
        free(tab->items);
        tab->items = NULL;
        tab->n = 0;
}
