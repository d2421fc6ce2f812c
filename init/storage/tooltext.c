/* SPDX-License-Identifier: MIT */
/* What the storage tools and device-mapper print, read without trusting it. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "tooltext.h"

void text_append(char *buf, size_t size, const char *text)
{
        size_t len = strnlen(buf, size);

        if (len + 1 < size)
                snprintf(buf + len, size - len, "%s", text);
}

const char *export_value(const char *text, const char *key, char *buf, size_t size)
{
        size_t klen = strlen(key);

        buf[0] = '\0';
        for (const char *p = text; (p = strstr(p, key)); p += klen) {
                size_t len;

                if ((p != text && !isspace((unsigned char)p[-1])) || p[klen] != '=')
                        continue;
                p += klen + 1;
                if (*p == '\'') {
                        p++;
                        len = strcspn(p, "'\n");
                } else {
                        len = strcspn(p, " \t\n");
                }
                snprintf(buf, size, "%.*s", (int)len, p);
                return buf;
        }
        return buf;
}

bool dm_lvm_split(const char *dm, char *vg, size_t vsize, char *lv, size_t lsize)
{
        char *out = vg;
        size_t len = 0, size = vsize;

        vg[0] = lv[0] = '\0';
        for (const char *p = dm; *p; p++) {
                char ch = *p;

                if (p[0] == '-' && p[1] == '-') {
                        p++;
                } else if (ch == '-' && out == vg) {
                        out = lv;
                        len = 0;
                        size = lsize;
                        continue;
                }
                if (len + 1 < size) {
                        out[len++] = ch;
                        out[len] = '\0';
                }
        }
        return out == lv && vg[0] && lv[0];
}
