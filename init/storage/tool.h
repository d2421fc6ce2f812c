/* SPDX-License-Identifier: MIT */
#pragma once

#include <stddef.h>

/*
 * The storage tools of the image (lvm, mdadm, rdcheck-luks) run as child
 * processes with a time bound; what they print becomes evidence.
 */

/*
 * Run @argv (argv[0] an absolute path) with @input on its stdin (NULL:
 * nothing), its stdout and stderr together into @out (NUL-terminated,
 * trailing newlines removed, cut at @size), killed after @timeout_ms.
 * The child's environment is @envp (NULL: an empty one).  Returns the exit
 * status 0..255, -ETIMEDOUT when it was killed for taking too long,
 * -ENOENT when the program is not there, or another -errno.
 */
int tool_run(char *const argv[], char *const envp[], const char *input, int timeout_ms,
             char *out, size_t size);

/* The first line of @text into @buf, without the tool's own "  " indents. */
const char *tool_first_line(const char *text, char *buf, size_t size);
