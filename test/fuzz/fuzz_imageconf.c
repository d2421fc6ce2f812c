/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer target for the image settings reader (/etc/rdcheck.conf: read
 * by the init from its image, and by rdcheck-mkimage as its defaults): any
 * text gives settings or -EINVAL with a reason; what is read is always
 * NUL-terminated, a policy it names, and a password prompt only with a
 * hash that looks like one (a broken file fails closed).
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "imageconf.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
        struct imageconf ic;
        char why[512] = "";
        /* NUL-terminated, exactly as long as the input, so a read past it is caught. */
        char *text = malloc(size + 1);
        int r;

        if (!text)
                return 0;
        memcpy(text, data, size);
        text[size] = '\0';
        r = imageconf_parse(text, &ic, why, sizeof(why));
        if (r != 0 && (r != -EINVAL || !why[0]))
                abort();
        if (!memchr(ic.password_hash, '\0', sizeof(ic.password_hash)) ||
            !memchr(ic.cmdline, '\0', sizeof(ic.cmdline)) || !rescue_policy_name(ic.rescue) ||
            (ic.has_onfail && !onfail_name(ic.onfail)))
                abort();
        if (ic.rescue == RESCUE_PASSWORD && !password_hash_valid(ic.password_hash))
                abort();
        free(text);
        return 0;
}
