/* SPDX-License-Identifier: MIT */
/*
 * The panic trail: one kernel-log line before each step that can take the
 * kernel down, so that a panic's pstore record says what rdcheck was doing.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "kmsg.h"
#include "modload.h"
#include "pstore.h"
#include "trail.h"
#include "util.h"

#define CHECKPOINT_FILE "/run/rdcheck/checkpoint"

static char running[32];

void trail_checkpoint_enter(const char *checkpoint)
{
        snprintf(running, sizeof(running), "%s", checkpoint);
        mkdir("/run/rdcheck", 0755);
        write_text(CHECKPOINT_FILE, running);
}

const char *trail_checkpoint(void)
{
        /* The module helper starts with nothing: PID 1 wrote it down. */
        if (!running[0] && read_text(CHECKPOINT_FILE, running, sizeof(running)) <= 0)
                snprintf(running, sizeof(running), "start");
        return running;
}

int trail_line_format(char *buf, size_t size, const char *checkpoint, const char *step,
                      const char *object)
{
        int n;

        if (size == 0)
                return -EINVAL;
        n = snprintf(buf, size, TRAIL_PREFIX "checkpoint=%s step=%s object=%s", checkpoint, step,
                     object);
        if (n < 0)
                return -EINVAL;
        for (char *p = buf; *p; p++)
                if ((unsigned char)*p < 0x20 || *p == 0x7f)
                        *p = '?';
        return (size_t)n < size ? n : -ENAMETOOLONG;
}

void trail_step(const char *checkpoint, const char *step, const char *object)
{
        char line[512];

        /* A cut line still names the step: better than none. */
        trail_line_format(line, sizeof(line), checkpoint, step, object);
        kmsg_write(line);
}

bool trail_blames_module(const struct previous_boot *prev, const char *module)
{
        return prev->found && strcmp(prev->ended, "panic") == 0 &&
               strcmp(prev->trail_step, "insert") == 0 && prev->trail_object[0] &&
               module_name_eq(prev->trail_object, module);
}
