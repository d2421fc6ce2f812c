/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "imageconf.h"

static const char *const policy_names[] = {
        [RESCUE_OPEN] = "open",
        [RESCUE_PASSWORD] = "password",
        [RESCUE_LOCKED] = "locked",
};

const char *rescue_policy_name(enum rescue_policy p)
{
        return (unsigned)p < sizeof(policy_names) / sizeof(policy_names[0]) ? policy_names[p] : "?";
}

static void why_add(char *why, size_t size, const char *fmt, ...)
{
        size_t len = strlen(why);
        va_list ap;

        if (len >= size)
                return;
        va_start(ap, fmt);
        vsnprintf(why + len, size - len, fmt, ap);
        va_end(ap);
        len = strlen(why);
        if (len + 1 < size) {
                why[len] = '\n';
                why[len + 1] = '\0';
        }
}

static bool crypt_chars(const char *s, size_t len)
{
        for (size_t i = 0; i < len; i++) {
                char c = s[i];

                if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                      c == '.' || c == '/'))
                        return false;
        }
        return true;
}

bool password_hash_valid(const char *hash)
{
        const char *salt, *dollar;

        if (strncmp(hash, "$6$", 3) != 0)
                return false;
        salt = hash + 3;
        if (strncmp(salt, "rounds=", 7) == 0) {
                salt += 7 + strspn(salt + 7, "0123456789");
                if (*salt++ != '$')
                        return false;
        }
        dollar = strchr(salt, '$');
        /* A SHA-512 crypt hash is 86 characters of [./0-9A-Za-z]; the salt at most 16. */
        return dollar && dollar > salt && dollar - salt <= 16 && crypt_chars(salt, (size_t)(dollar - salt)) &&
               strlen(dollar + 1) == 86 && crypt_chars(dollar + 1, 86);
}

static int lookup(const char *const *names, size_t n, const char *value)
{
        for (size_t i = 0; i < n; i++)
                if (strcmp(names[i], value) == 0)
                        return (int)i;
        return -1;
}

static int line_apply(struct imageconf *ic, const char *key, const char *value, bool *rescue_bad,
                      char *why, size_t size)
{
        int i;

        if (strcmp(key, "rescue") == 0) {
                i = lookup(policy_names, sizeof(policy_names) / sizeof(policy_names[0]), value);
                if (i < 0) {
                        *rescue_bad = true;
                        why_add(why, size, "rescue=%s: expected open, password or locked; locked instead", value);
                        return -EINVAL;
                }
                ic->rescue = (enum rescue_policy)i;
        } else if (strcmp(key, "password_hash") == 0) {
                if (!password_hash_valid(value) || strlen(value) >= sizeof(ic->password_hash)) {
                        why_add(why, size, "password_hash: not a SHA-512 crypt hash ($6$...)");
                        return -EINVAL;
                }
                snprintf(ic->password_hash, sizeof(ic->password_hash), "%s", value);
        } else if (strcmp(key, "onfail") == 0) {
                for (i = ONFAIL_HALT; i >= 0; i--)
                        if (strcmp(onfail_name((enum onfail)i), value) == 0)
                                break;
                if (i < 0) {
                        why_add(why, size, "onfail=%s: expected shell, reboot, poweroff or halt", value);
                        return -EINVAL;
                }
                ic->onfail = (enum onfail)i;
                ic->has_onfail = true;
        } else if (strcmp(key, "cmdline") == 0) {
                if (strlen(value) >= sizeof(ic->cmdline)) {
                        why_add(why, size, "cmdline: longer than %zu bytes", sizeof(ic->cmdline) - 1);
                        return -EINVAL;
                }
                snprintf(ic->cmdline, sizeof(ic->cmdline), "%s", value);
        } else if (strcmp(key, "kdump") == 0) {
                if (strcmp(value, "yes") && strcmp(value, "no")) {
                        why_add(why, size, "kdump=%s: expected yes or no", value);
                        return -EINVAL;
                }
                ic->kdump = strcmp(value, "yes") == 0;
        } else {
                why_add(why, size, "%s: unknown setting", key);
                return -EINVAL;
        }
        return 0;
}

int imageconf_parse(const char *text, struct imageconf *ic, char *why, size_t size)
{
        bool rescue_bad = false;
        int r = 0;

        memset(ic, 0, sizeof(*ic));
        if (size)
                why[0] = '\0';
        while (text && *text) {
                size_t len = strcspn(text, "\n");
                char line[CMDLINE_MAX_VALUE + 64];
                char *eq, *key;

                if (len >= sizeof(line)) {
                        why_add(why, size, "a line longer than %zu bytes", sizeof(line) - 1);
                        r = -EINVAL;
                } else {
                        memcpy(line, text, len);
                        line[len] = '\0';
                        key = line + strspn(line, " \t");
                        eq = strchr(key, '=');
                        if (*key && *key != '#') {
                                if (!eq) {
                                        why_add(why, size, "%s: expected key=value", key);
                                        r = -EINVAL;
                                } else {
                                        *eq = '\0';
                                        if (line_apply(ic, key, eq + 1, &rescue_bad, why, size) < 0)
                                                r = -EINVAL;
                                }
                        }
                }
                text += len;
                if (*text == '\n')
                        text++;
        }
        if (rescue_bad) {
                ic->rescue = RESCUE_LOCKED;
        } else if (ic->rescue == RESCUE_PASSWORD && !ic->password_hash[0]) {
                why_add(why, size, "rescue=password without a usable password_hash: locked instead");
                ic->rescue = RESCUE_LOCKED;
                r = -EINVAL;
        }
        return r;
}
