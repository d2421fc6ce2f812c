/* SPDX-License-Identifier: MIT */
/* Holding back a module the last boot panicked inserting, until someone decides. */
#include <stdio.h>

#include "engine.h"
#include "hold.h"
#include "modload.h"
#include "trail.h"
#include "util.h"

bool hold_wanted(const struct boot *boot, const char *module)
{
        return !boot->hold_decided && trail_blames_module(&boot->previous, module);
}

void hold_names(const struct boot *boot, char *buf, size_t size)
{
        const struct strv *held = &boot->modlog.held;
        size_t len = 0;

        if (size)
                buf[0] = '\0';
        for (size_t i = 0; i < held->n && len < size; i++)
                len += (size_t)snprintf(buf + len, size - len, "%s%s", i ? "," : "", held->items[i]);
}

void hold_decide(struct boot *boot, bool keep_out)
{
        const struct strv *held = &boot->modlog.held;

        boot->hold_decided = true;
        for (size_t i = 0; keep_out && i < held->n; i++)
                if (!module_list_has(&boot->cmd.blacklist, held->items[i]))
                        strlist_push(&boot->cmd.blacklist, held->items[i]);
}
