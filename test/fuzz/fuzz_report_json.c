/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer target for rdcheck report: any bytes are either refused with a
 * message, or a report whose text for people is plain (no control
 * character but the line ends) and fits 80 columns.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <json-c/json.h>

#include "report_read.h"

static void text_check(const char *out, size_t len)
{
        int col = 0;

        for (size_t i = 0; i < len; i++) {
                unsigned char c = (unsigned char)out[i];

                if (c == '\n') {
                        col = 0;
                        continue;
                }
                if (c < 0x20 || c == 0x7f || (c == 0xc2 && i + 1 < len && (unsigned char)out[i + 1] >= 0x80 &&
                                              (unsigned char)out[i + 1] <= 0x9f))
                        abort();
                if ((c & 0xc0) != 0x80 && ++col > 80)
                        abort();
        }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
        /* NUL-terminated, exactly as long as the input, so a read past it is caught. */
        char *text = malloc(size + 1);
        struct json_object *report;
        char why[256], *out = NULL;
        size_t out_len = 0;
        FILE *f;

        if (!text)
                return 0;
        memcpy(text, data, size);
        text[size] = '\0';
        why[0] = '\0';
        report = report_parse(text, size, why, sizeof(why));
        if (!report && !why[0])
                abort();
        if (report) {
                f = open_memstream(&out, &out_len);
                if (f) {
                        report_print(f, report);
                        fclose(f);
                        text_check(out, out_len);
                        free(out);
                }
                json_object_put(report);
        }
        free(text);
        return 0;
}
