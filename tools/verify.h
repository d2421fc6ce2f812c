/* SPDX-License-Identifier: MIT */
#pragma once

/* Exit statuses of --list and --verify. */
enum {
        VERIFY_BOOTS = 0,       /* every check passed */
        VERIFY_WOULD_FAIL = 1,  /* a check failed: the reasons are printed */
        VERIFY_UNREADABLE = 2,  /* usage, or an image that cannot be read */
};

/*
 * --list: every entry of every segment of the image at @path, a header per
 * segment (offset, compression, entry count).  Returns an exit status.
 */
int image_list(const char *path);

/*
 * --verify: whether the image at @path would boot kernel @kver on this
 * machine, whose module tree for @kver is @moddir (for what is built in and
 * what this machine's root needs) and whose config is @kconfig (NULL: looked
 * for as kconfig_find() does).  When root is on LVM, LUKS or MD RAID, each
 * layer's tool and modules must be there too; an /etc/crypttab in the image
 * must parse.  @host_root stands for this machine's "/" ("" for the real
 * one).  One "ok"/"FAIL" line per check on stdout.  Returns an exit status.
 */
int image_verify(const char *path, const char *kver, const char *moddir, const char *kconfig,
                 const char *host_root);
