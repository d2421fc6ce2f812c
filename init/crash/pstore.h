/* SPDX-License-Identifier: MIT */
#pragma once

#include <stdbool.h>

/*
 * What the previous boot left in pstore, as PID 1 read it before the drivers
 * checkpoint.  Filled by the pstore reader (pstore.c); read by the report,
 * the prompt and the modules checkpoint (a panic the trail pins on a module).
 */
struct previous_boot {
        bool found;             /* pstore held at least one record */
        int records;            /* records rebuilt (an EFI record's parts count once) */
        char ended[16];         /* panic, oops, emergency, shutdown, ... ("" if unknown) */
        char detail[512];       /* the status line's detail="..." text */
        char saved_dir[256];    /* where the records were copied, "" if not */
        /* The last rdcheck-trail line in the newest record; "" when none. */
        char trail_checkpoint[16];      /* modules */
        char trail_step[16];            /* insert, mount, exec */
        char trail_object[128];         /* crashme, /dev/vda1 on /sysroot, /sbin/init */
};
