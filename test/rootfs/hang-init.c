/* SPDX-License-Identifier: MIT */
/*
 * An /init that says one line and then nothing, forever: a boot that hangs
 * (test/smoke/run wants rdcheck-smoke's silence bound to end it, exit 3).
 */
#include <stdio.h>
#include <unistd.h>

int main(void)
{
        printf("hang-init: waiting for nothing\n");
        fflush(stdout);
        for (;;)
                pause();
}
