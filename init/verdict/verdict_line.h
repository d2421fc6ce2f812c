/* SPDX-License-Identifier: MIT */
#pragma once

#include <stdbool.h>
#include <stddef.h>

/*
 * The verdict channel's words (rd.verdict=): the line that ends a boot's
 * story, the header of the report block on the verdict tty, and the byte
 * QEMU's isa-debug-exit turns into its exit status, (byte << 1) | 1.
 */

#define VERDICT_BYTE_PASS       0x10    /* QEMU exits 33: the real init is about to be exec'd */
#define VERDICT_BYTE_FAIL       0x11    /* + checkpoint index i: QEMU exits 35 + 2 * i */

/* The byte for a pass, or for checkpoint @checkpoint (0 = drivers) failing. */
unsigned char verdict_exit_byte(bool pass, int checkpoint);

/* What QEMU's isa-debug-exit makes of @byte: its exit status. */
int verdict_exit_status(unsigned char byte);

/*
 * The other way, for a host reading QEMU's exit status: 0 with *@pass and
 * (on a fail) *@checkpoint set, or -EINVAL for a status no verdict gives.
 */
int verdict_from_exit_status(int status, bool *pass, int *checkpoint);

/* "rdcheck: verdict=pass checkpoint=switch_root" into @buf; the length, as snprintf. */
int verdict_line_format(char *buf, size_t size, bool pass, const char *checkpoint);

/* "rdcheck: report bytes=N", the line before the report's N bytes. */
int verdict_report_header(char *buf, size_t size, size_t bytes);
