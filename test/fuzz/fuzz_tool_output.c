/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer target for what rdcheck reads from the storage tools' output
 * (mdadm --export, lvm --nameprefixes) and from device-mapper names: any
 * text gives values that are strings within their buffers, never a read
 * past the input.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tooltext.h"

static void check_string(const char *buf, size_t size)
{
        if (!memchr(buf, '\0', size))
                abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
        static const char *const keys[] = { "MD_UUID", "MD_NAME", "MD_EVENTS", "LVM2_VG_NAME",
                                            "LVM2_PV_MISSING", "K" };
        /* NUL-terminated, exactly as long as the input, so a read past it is caught. */
        char *text = malloc(size + 1);
        char val[64], vg[32], lv[32], joined[16] = "";

        if (!text)
                return 0;
        memcpy(text, data, size);
        text[size] = '\0';
        for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
                export_value(text, keys[i], val, sizeof(val));
                check_string(val, sizeof(val));
        }
        if (dm_lvm_split(text, vg, sizeof(vg), lv, sizeof(lv)) && (!vg[0] || !lv[0]))
                abort();
        check_string(vg, sizeof(vg));
        check_string(lv, sizeof(lv));
        text_append(joined, sizeof(joined), text);
        check_string(joined, sizeof(joined));
        free(text);
        return 0;
}
