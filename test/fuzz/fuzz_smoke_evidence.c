/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer target for what rdcheck-smoke reads from a boot's logs
 * (tools/smoke/evidence.c): the verdict tty's text (status lines, the
 * report block, the verdict line) and the console's.  The first byte says
 * where the input splits into the two.  Whatever the logs hold, the
 * evidence is NUL-terminated strings, statuses rdcheck prints and a
 * checkpoint index in range.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "smoke.h"

#define TERMINATED(a) memchr((a), '\0', sizeof(a))

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
        struct smoke_evidence ev;
        size_t split;
        char *verdict, *console;

        if (size < 1)
                return 0;
        split = size > 1 ? data[0] * (size - 1) / 255 : 0;
        /* Exactly as long as each part, so that a read past either is caught. */
        verdict = malloc(split ? split : 1);
        console = malloc(size - 1 - split ? size - 1 - split : 1);
        if (!verdict || !console)
                abort();
        memcpy(verdict, data + 1, split);
        memcpy(console, data + 1 + split, size - 1 - split);
        smoke_evidence_parse(verdict, split, console, size - 1 - split, &ev);
        for (int i = 0; i < CHECKPOINT_COUNT; i++) {
                const struct smoke_checkpoint *cp = &ev.cp[i];

                if (!TERMINATED(cp->detail) || !TERMINATED(cp->diagnosis) || !TERMINATED(cp->status))
                        abort();
                if (cp->seen && (!smoke_status_valid(cp->status) || cp->ms < 0))
                        abort();
        }
        if (!TERMINATED(ev.verdict) || !TERMINATED(ev.panic) || !TERMINATED(ev.last_line))
                abort();
        if (ev.verdict[0] && strcmp(ev.verdict, "pass") && strcmp(ev.verdict, "fail"))
                abort();
        if (ev.verdict_checkpoint < -1 || ev.verdict_checkpoint >= CHECKPOINT_COUNT)
                abort();
        free(verdict);
        free(console);
        return 0;
}
