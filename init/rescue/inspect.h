/* SPDX-License-Identifier: MIT */
#pragma once

#include <stddef.h>

#include "commands.h"

/*
 * The parts of the prompt's commands that read text or arguments and touch
 * nothing, so that tests can feed them what /proc would say.
 */

enum meminfo_field {
        MEM_TOTAL,
        MEM_FREE,
        MEM_AVAILABLE,
        MEM_BUFFERS,
        MEM_CACHED,
        MEM_SHMEM,
        MEMINFO_FIELDS
};

extern const char *const meminfo_names[MEMINFO_FIELDS];        /* "MemTotal", ... */

struct meminfo {
        long long kib[MEMINFO_FIELDS];  /* -1: not in the text */
};

/* Read the fields "free" shows from /proc/meminfo text.  Returns how many were found. */
int meminfo_parse(const char *text, struct meminfo *m);

/* Print /proc/modules text as lsmod does: Module, Size, Used by.  Returns the module count. */
int lsmod_print(const char *text);

struct mount_args {
        const char *dev, *dir;
        const char *fstype;     /* -t; NULL: libblkid decides */
        char opts[512];         /* the -o options, with "ro" unless "rw" was asked */
};

/* "mount [-t TYPE] [-o OPTIONS] DEV DIR" into @a.  Returns 0, -EINVAL or -ENAMETOOLONG. */
int mount_args_parse(int argc, char **argv, struct mount_args *a);

/*
 * The modules tree for kernel @kver under @dir: @dir itself when its last
 * component is @kver, else DIR/lib/modules/KVER.  Returns 0 or -ENAMETOOLONG.
 */
int modules_dir_for(const char *dir, const char *kver, char *out, size_t size);
