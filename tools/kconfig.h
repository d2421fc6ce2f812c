/* SPDX-License-Identifier: MIT */
#pragma once

#include <stddef.h>

/*
 * The config of kernel @kver: @given (--kconfig) if not NULL, else
 * /boot/config-KVER, else boot/config-KVER beside @moddir's lib/modules (an
 * unpacked kernel package).  Returns 0 with the path in @path, or -ENOENT.
 */
int kconfig_find(const char *given, const char *kver, const char *moddir, char *path, size_t size);

/* Whether the config at @path sets @option: 1 (=y), -1 (not set), 0 (not mentioned), or -errno. */
int kconfig_enabled(const char *path, const char *option);
