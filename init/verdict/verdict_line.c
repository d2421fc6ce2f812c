/* SPDX-License-Identifier: MIT */
/*
 * The verdict channel's words and numbers, apart from any device, so that
 * the init's tests and a host tool read them the same way.
 */
#include <errno.h>
#include <stdio.h>

#include "cmdline.h"
#include "verdict_line.h"

unsigned char verdict_exit_byte(bool pass, int checkpoint)
{
        if (pass)
                return VERDICT_BYTE_PASS;
        /* Never from the engine; still a failure, and a byte the host can read. */
        if (checkpoint < 0 || checkpoint >= CHECKPOINT_COUNT)
                checkpoint = CHECKPOINT_COUNT - 1;
        return (unsigned char)(VERDICT_BYTE_FAIL + checkpoint);
}

int verdict_exit_status(unsigned char byte)
{
        return (byte << 1) | 1;
}

int verdict_from_exit_status(int status, bool *pass, int *checkpoint)
{
        if (status == verdict_exit_status(VERDICT_BYTE_PASS)) {
                *pass = true;
                return 0;
        }
        for (int i = 0; i < CHECKPOINT_COUNT; i++) {
                if (status == verdict_exit_status(verdict_exit_byte(false, i))) {
                        *pass = false;
                        *checkpoint = i;
                        return 0;
                }
        }
        return -EINVAL;
}

int verdict_line_format(char *buf, size_t size, bool pass, const char *checkpoint)
{
        return snprintf(buf, size, "rdcheck: verdict=%s checkpoint=%s", pass ? "pass" : "fail", checkpoint);
}

int verdict_report_header(char *buf, size_t size, size_t bytes)
{
        return snprintf(buf, size, "rdcheck: report bytes=%zu", bytes);
}
