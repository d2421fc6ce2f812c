/* SPDX-License-Identifier: MIT */
#include <string.h>

#include <crypt.h>

#include "password.h"

bool password_check(const char *given, const char *hash)
{
        const char *got;
        unsigned char diff = 0;
        size_t len;

        if (!hash || strncmp(hash, "$6$", 3) != 0)
                return false;
        got = crypt(given, hash);
        if (!got)
                return false;
        len = strlen(hash);
        if (strlen(got) != len)
                return false;
        /* No early exit: the time taken says nothing about where they differ. */
        for (size_t i = 0; i < len; i++)
                diff |= (unsigned char)(got[i] ^ hash[i]);
        return diff == 0;
}
