/* SPDX-License-Identifier: MIT */
#pragma once

/* What the storage tools and device-mapper print: outside input, read carefully. */

#include <stdbool.h>
#include <stddef.h>

/* Append @text to the string in @buf, cut to fit. */
void text_append(char *buf, size_t size, const char *text);

/*
 * The value of KEY=VALUE (or KEY='VALUE') in a tool's output, where KEY
 * starts a line or follows a blank: mdadm --export, lvm --nameprefixes.
 * Into @buf; "" when absent.
 */
const char *export_value(const char *text, const char *key, char *buf, size_t size);

/*
 * A dm name of LVM's, "VG-LV" with each '-' inside a name doubled, into
 * @vg and @lv.  False when it is not of that form.
 */
bool dm_lvm_split(const char *dm, char *vg, size_t vsize, char *lv, size_t lsize);
