/* SPDX-License-Identifier: MIT */
#pragma once

/* Between stack.c and the file of each kind of layer. */

#include <stdbool.h>
#include <stddef.h>

#include "stack.h"
#include "tooltext.h"

struct boot;
struct probe_result;

void luks_device(struct boot *boot, const char *name, const struct probe_result *pr);
void md_device(struct boot *boot, const char *name, const struct probe_result *pr);
void lvm_device(struct boot *boot, const char *name);


/* Root names an LV: /dev/mapper/VG-LV or /dev/VG/LV.  Fills @vg and @lv. */
bool root_names_lv(const struct boot *boot, char *vg, size_t vsize, char *lv, size_t lsize);

/* The explanation of each kind, a diagnosis line per layer; the first problem into @lead. */
void luks_explain(struct boot *boot, struct verdict *v, char *lead, size_t size);
void md_explain(struct boot *boot, struct verdict *v, char *lead, size_t size);
void lvm_explain(struct boot *boot, struct verdict *v, char *lead, size_t size);

/*
 * Load @module (dm_mod, dm_crypt, md_mod...) through libkmod.  0 when it is
 * loaded or built in; -ENOENT when the image does not have it.
 */
int stack_module(struct boot *boot, const char *module);

/*
 * Whether @tool and @module are in the image for member @name (a @what:
 * "LVM PV"); the first one missing becomes the stack's problem, "LVM PV
 * /dev/vda: no lvm tool in the image (rdcheck-mkimage --lvm)".
 */
bool stack_ready(struct boot *boot, const char *what, const char *name, const char *tool,
                 const char *tool_name, const char *flag, const char *module);

/* Write @why for a layer, the first one also into the stack's problem. */
void stack_problem(struct boot *boot, char *why, size_t size, const char *fmt, ...)
        __attribute__((format(printf, 4, 5)));



