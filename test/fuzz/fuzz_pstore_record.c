/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer target for the pstore record reader: the input is cut at NUL
 * bytes into up to eight files, each named from its first two bytes as a
 * ramoops record, an EFI part (of one of two dumps), an undecompressed
 * .enc.z, or a name of its own; the rest is its content.  Whatever the
 * files hold, the records rebuild and summarise into a line that keeps its
 * grammar: a reason of lower-case letters, a count no larger than the
 * files, a record as long as it says.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pstore.h"

#define FILES_MAX 8

static void name_make(const uint8_t *p, size_t n, char *name, size_t size)
{
        unsigned kind = n > 0 ? p[0] % 4 : 0, arg = n > 1 ? p[1] : 0;
        unsigned long long id = (1764370000ULL * 100 + arg % 100) * 1000 + (arg >> 7) + 1;

        if (kind == 0)
                snprintf(name, size, "dmesg-ramoops-%u", arg % 4);
        else if (kind == 1)
                snprintf(name, size, "dmesg-efi-%llu", id);
        else if (kind == 2)
                snprintf(name, size, "dmesg-efi-%llu.enc.z", id);
        else
                snprintf(name, size, "%.*s", (int)(n > 2 ? (n - 2 < 40 ? n - 2 : 40) : 0), (const char *)p + 2);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
        struct pstore_set set = { 0 };
        struct previous_boot pb = { 0 };
        struct strv problems = { 0 };
        char line[1200], path[300];
        size_t start = 0;

        for (int i = 0; i < FILES_MAX && start <= size; i++) {
                const uint8_t *end = memchr(data + start, 0, size - start);
                size_t n = end ? (size_t)(end - (data + start)) : size - start;
                const uint8_t *p = data + start;
                size_t body = n > 2 ? 2 : n;
                char name[64];

                name_make(p, n, name, sizeof(name));
                if (pstore_set_add(&set, name, (const char *)p + body, n - body, 1764370000 + i, 0) < 0)
                        abort();
                if (pstore_layout_path(name, path, sizeof(path)) == 0 && !strstr(path, name))
                        abort();
                start += n + 1;
                if (!end)
                        break;
        }
        if (pstore_summarise(&set, &pb, &problems) < 0)
                abort();
        if (pb.records < 0 || (size_t)pb.records > set.n || strspn(pb.ended, "abcdefghijklmnopqrstuvwxyz") !=
            strlen(pb.ended) || !memchr(pb.detail, '\0', sizeof(pb.detail)))
                abort();
        if (pb.record && strlen(pb.record) != pb.record_len)
                abort();
        previous_boot_line(line, sizeof(line), &pb);
        if (strncmp(line, "rdcheck: previous_boot ended=", 29) != 0 || strchr(line, '\n'))
                abort();
        for (size_t i = 0; i < problems.n; i++)
                if (strncmp(problems.items[i], "pstore: ", 8) != 0)
                        abort();
        previous_boot_free(&pb);
        strlist_free(&problems);
        pstore_set_free(&set);
        return 0;
}
