/* SPDX-License-Identifier: MIT */
#pragma once

#include <stdbool.h>
#include <stddef.h>

#include "cmdline.h"

struct kmod_module;

/* Whether two module names are the same to the kernel, which reads '-' as '_'. */
bool module_name_eq(const char *a, const char *b);

/* Whether @v holds the module @name. */
bool module_list_has(const struct strv *v, const char *name);

/*
 * Insert @mod with its dependencies through libkmod (@flags: KMOD_PROBE_*;
 * @options: "param=value ..." for @mod itself, or NULL).  Returns what
 * libkmod returned; on a failure other than -EEXIST, @reason gets the
 * module, the error and the kernel's own lines about it:
 * "virtio_blk: Invalid argument (kernel: virtio_blk: `abc' invalid for parameter `queue_depth')".
 */
int module_insert(struct kmod_module *mod, unsigned flags, const char *options,
                  char *reason, size_t size);
