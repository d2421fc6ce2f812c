/* SPDX-License-Identifier: MIT */
#pragma once

#include "engine.h"

/*
 * rdcheck --checks [--until CHECKPOINT]: the checkpoints run inside another
 * initramfs's init (initramfs-tools, dracut, mkinitcpio), which loads the
 * modules, mounts root and switches to it itself.  We check, pause where
 * asked, and return to it.
 */

/* Whether argv asks for this mode. */
bool hostinit_requested(int argc, char **argv);

/*
 * Reads "--checks [--until NAME]" into boot->last.  Returns 0, or -EINVAL
 * after saying what is wrong on stderr.
 */
int hostinit_args_parse(int argc, char **argv, struct boot *boot);

/*
 * The modules checkpoint in this mode: loading is the host's (its udev's);
 * report what it loaded, and storage devices still waiting for a module the
 * image has.
 */
int hostinit_modules_check(struct boot *boot, struct verdict *v);
