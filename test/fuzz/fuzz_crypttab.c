/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer target for the /etc/crypttab reader: any text gives a table or
 * -EINVAL with a message naming a line; every entry read holds a name and
 * a source that are strings of their buffers, and the name is usable under
 * /dev/mapper.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "crypttab.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
        struct crypttab tab;
        char err[256];
        /* NUL-terminated, exactly as long as the input, so a read past it is caught. */
        char *text = malloc(size + 1);
        int r;

        if (!text)
                return 0;
        memcpy(text, data, size);
        text[size] = '\0';
        r = crypttab_parse(text, &tab, err, sizeof(err));
        if (r == 0) {
                for (size_t i = 0; i < tab.n; i++) {
                        const struct crypttab_entry *e = &tab.items[i];

                        if (!memchr(e->name, '\0', sizeof(e->name)) || !memchr(e->source, '\0', sizeof(e->source)) ||
                            !e->name[0] || strchr(e->name, '/') || !e->source[0])
                                abort();
                }
        } else if (r != -EINVAL || strncmp(err, "line ", 5) != 0) {
                abort();
        }
        crypttab_free(&tab);
        free(text);
        return 0;
}
