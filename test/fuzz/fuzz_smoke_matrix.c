/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer target for rdcheck-smoke's matrix reader (a JSON file of
 * targets, tools/smoke/matrix.c): any text gives targets or -EINVAL with a
 * reason; every target read has a valid name, at most SMOKE_MAX_DISKS disks
 * and expectations on real checkpoints with real statuses.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "smoke.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
        struct smoke_target base = { .memory_mb = 512, .cpus = 1 }, *ts;
        char why[512] = "";
        size_t n;
        int r;

        base.name = strdup("base");
        r = smoke_matrix_parse((const char *)data, size, &base, &ts, &n, why, sizeof(why));
        if (r != 0 && (r != -EINVAL || !why[0] || !memchr(why, '\0', sizeof(why))))
                abort();
        for (size_t i = 0; r == 0 && i < n; i++) {
                const struct smoke_target *t = &ts[i];

                if (!t->name || !*t->name || strlen(t->name) > 64 || t->n_disks > SMOKE_MAX_DISKS ||
                    t->n_expects > CHECKPOINT_COUNT || t->memory_mb < 64 || t->cpus < 1)
                        abort();
                for (size_t k = 0; k < t->n_disks; k++)
                        if (!t->disks[k].file || !t->disks[k].format || !smoke_bus_name(t->disks[k].bus))
                                abort();
                for (size_t k = 0; k < t->n_expects; k++)
                        if (t->expects[k].checkpoint < 0 || t->expects[k].checkpoint >= CHECKPOINT_COUNT ||
                            !smoke_status_valid(t->expects[k].status))
                                abort();
                for (size_t k = 0; k < i; k++)
                        if (strcmp(ts[k].name, t->name) == 0)
                                abort();
        }
        for (size_t i = 0; r == 0 && i < n; i++)
                smoke_target_free(&ts[i]);
        if (r == 0)
                free(ts);
        smoke_target_free(&base);
        return 0;
}
