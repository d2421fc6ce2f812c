/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <stdbool.h>
#include <string.h>

#include "argsplit.h"

/*
 * Words are copied down over the line as it is read.  The copy never gets
 * ahead of the reading (each quote or backslash makes it fall further
 * behind), so one buffer serves both.
 */
struct split {
        char *r;                /* next byte to read */
        char *w;                /* next byte of the word being copied */
        const char **error;
};

static bool is_blank(char c)
{
        return c == ' ' || c == '\t';
}

static int fail(struct split *s, const char *what, int err)
{
        *s->error = what;
        return err;
}

/* After the opening quote of '...'. */
static int single_quoted(struct split *s)
{
        char *end = strchr(s->r, '\'');
        size_t n;

        if (!end)
                return fail(s, "unterminated quote", -EINVAL);
        n = (size_t)(end - s->r);
        memmove(s->w, s->r, n);
        s->w += n;
        s->r = end + 1;
        return 0;
}

/* After the opening quote of "...". */
static int double_quoted(struct split *s)
{
        for (; *s->r != '"'; s->r++) {
                if (!*s->r)
                        return fail(s, "unterminated quote", -EINVAL);
                if (*s->r == '\\' && (s->r[1] == '"' || s->r[1] == '\\'))
                        s->r++;
                *s->w++ = *s->r;
        }
        s->r++;
        return 0;
}

/* Copy one word without its quotes, NUL-terminated, and step past it. */
static int word_split(struct split *s)
{
        int err = 0;

        while (*s->r && !is_blank(*s->r) && !err) {
                char c = *s->r++;

                if (c == '\'') {
                        err = single_quoted(s);
                } else if (c == '"') {
                        err = double_quoted(s);
                } else if (c == '\\') {
                        if (!*s->r)
                                return fail(s, "trailing backslash", -EINVAL);
                        *s->w++ = *s->r++;
                } else {
                        *s->w++ = c;
                }
        }
        if (err)
                return err;
        /* Step past the blank before the NUL can land on it. */
        if (*s->r)
                s->r++;
        *s->w++ = '\0';
        return 0;
}

int argsplit(char *line, char **argv, int max, const char **error)
{
        struct split s = { .r = line, .w = line, .error = error };
        int argc = 0, err;

        for (;;) {
                while (is_blank(*s.r))
                        s.r++;
                if (!*s.r)
                        break;
                if (argc >= max)
                        return fail(&s, "too many words", -E2BIG);
                argv[argc++] = s.w;
                err = word_split(&s);
                if (err < 0)
                        return err;
        }
        argv[argc] = NULL;
        return argc;
}
