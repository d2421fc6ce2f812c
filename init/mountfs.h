/* SPDX-License-Identifier: MIT */
#pragma once

#include <stddef.h>

/*
 * Mount @dev on @target through libmount, exactly as given: no
 * /sbin/mount.* helpers, no fstab.  @fstype NULL or "auto" lets libblkid
 * decide.  Returns 0, or -errno with the kernel's lines about it in @why
 * (" (kernel: EXT4-fs (vda): ...)", or "" when it said nothing).
 */
int mount_fs(const char *dev, const char *target, const char *fstype, const char *opts,
             char *why, size_t size);

/*
 * The options a mount from the prompt gets: @given (may be NULL or ""),
 * with "ro" added unless it names "rw" or "ro" itself.  Returns 0 or
 * -ENAMETOOLONG.
 */
int mount_options_ro_default(const char *given, char *out, size_t size);
