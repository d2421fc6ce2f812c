/* SPDX-License-Identifier: MIT */
#pragma once

#include "engine.h"
#include "json.h"
#include "report_schema.h"

/*
 * Write what the boot learned into @j (begun with json_init(), nothing
 * written yet) as one JSON object.  Returns 0 or -errno (j->error).
 */
int report_render(const struct boot *boot, struct json *j);

/*
 * Render the report indented and write it to @path: to "@path.tmp" first,
 * then renamed over @path, so a reader never sees half a report.  The
 * parent directory is created (0755) if missing.  Returns 0 or -errno.
 */
int report_write(const struct boot *boot, const char *path);
