/* SPDX-License-Identifier: MIT */
#pragma once

#include <stddef.h>

#include "engine.h"

/*
 * A command of the rescue prompt.  Output is plain text for an 80-column
 * serial line, through console_printf(); an error is one line that starts
 * with the command's name ("blkid: /dev/vdb: No such file or directory").
 */
struct command {
        const char *name;
        const char *usage;      /* "blkid [DEV]" */
        const char *summary;    /* one line, for "help" */
        const char *help;       /* the longer text, for "help blkid" */
        /* argv[0] is the name; returns 0, or -errno after saying what went wrong. */
        int (*run)(struct boot *boot, int argc, char **argv);
};

/* The commands that look around and fix things (inspect.c), in help order. */
extern const struct command inspect_commands[];
extern const size_t inspect_command_count;

/* Stacked roots: stack, unlock, lvm, mdadm (init/storage/commands.c). */
extern const struct command storage_commands[];
extern const size_t storage_command_count;

/* The command called @name in any of the tables above, or NULL. */
const struct command *command_find(const char *name);

/* Each table in help order, NULL-terminated, with its length. */
struct command_table {
        const struct command *list;
        const size_t *count;
};
extern const struct command_table command_tables[];
