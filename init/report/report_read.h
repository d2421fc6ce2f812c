/* SPDX-License-Identifier: MIT */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

struct json_object;

/* A real report is 5 to 20 KiB; anything past this is not one. */
#define REPORT_READ_MAX (1u << 20)

/* Checkpoint ms, boot times and record counts above this are not from a boot. */
#define REPORT_NUMBER_MAX 1000000000LL

/*
 * Read the file at @path (a regular file of at most REPORT_READ_MAX bytes)
 * into a NUL-terminated heap buffer *@text (free() it), its length in *@len.
 * Returns 0 or -errno; -EFBIG too large, -ENODATA empty, -EINVAL not a
 * regular file.  Never blocks on a FIFO or a device.
 */
int report_file_read(const char *path, char **text, size_t *len);

/*
 * Parse @len bytes of @text (NUL-terminated at @len, as report_file_read()
 * leaves it) as a boot report of schema "rdcheck-report/1"
 * and check the type of every key the printer reads.  Returns the report
 * (json_object_put() it), or NULL with @why saying what is wrong: "truncated
 * at byte 812", "not JSON at byte 3: unexpected character",
 * "schema \"x/2\", not rdcheck-report/1", "checkpoints[2].ms: string, not int".
 */
struct json_object *report_parse(const char *text, size_t len, char *why, size_t size);

/*
 * A parsed report for a person: one row a checkpoint, the time from kernel
 * start to switch_root with each part's share, modules, unserved devices,
 * the prompt's commands and the previous boot.  Plain text, 80 columns, no
 * control characters (those in the report's strings print as '?').
 */
void report_print(FILE *out, struct json_object *report);

bool report_requested(int argc, char **argv);

/*
 * rdcheck report [--json] [FILE]: the report on @out, problems on @err.
 * Returns the exit status: 0 printed, 1 the file is missing or not a
 * report, 2 usage.
 */
int report_run(int argc, char **argv, FILE *out, FILE *err);
