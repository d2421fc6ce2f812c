/* SPDX-License-Identifier: MIT */
#pragma once

#include <stddef.h>

/* One line of /proc/self/mountinfo, as the report and the prompt show it. */
struct mountent {
        char *source;           /* /dev/vda1, proc, ... */
        char *target;
        char *fstype;
        char *options;          /* VFS and filesystem options together: "ro,relatime" */
};

struct mount_list {
        struct mountent *items;
        size_t n;
};

/* What is mounted now, in mount order, through libmount.  Replaces @list.  Returns the count or -errno. */
int mount_list_read(struct mount_list *list);
/* Add one entry (copies the strings); NULL strings become "".  Returns 0 or -ENOMEM. */
int mount_list_push(struct mount_list *list, const char *source, const char *target,
                    const char *fstype, const char *options);
void mount_list_free(struct mount_list *list);
