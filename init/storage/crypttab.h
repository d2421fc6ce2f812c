/* SPDX-License-Identifier: MIT */
#pragma once

#include <stdbool.h>
#include <stddef.h>

struct crypttab_entry {
        char name[128];         /* the mapping: /dev/mapper/NAME */
        char source[256];       /* as written: UUID=..., PARTUUID=..., LABEL=..., /dev/... */
        bool discard;
};

struct crypttab {
        struct crypttab_entry *items;
        size_t n;
};

/*
 * Parse /etc/crypttab text: NAME SOURCE [KEYFILE [OPTIONS]], comments and
 * blank lines, by the rules Debian's and systemd's readers share (see
 * crypttab.c).  Only LUKS opened with a passphrase is supported: keyfile
 * "none", "-" or absent; options luks and discard, and a few that change
 * nothing in an initramfs.  Anything else is refused by name: -EINVAL,
 * with e.g. "line 3 (cryptroot): option keyscript= is not supported" in
 * @err.  Returns 0 or -errno; @tab is empty on an error.
 */
int crypttab_parse(const char *text, struct crypttab *tab, char *err, size_t errsize);
void crypttab_free(struct crypttab *tab);
