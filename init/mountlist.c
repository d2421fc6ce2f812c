/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <libmount.h>

#include "mountlist.h"

static char *dup_or_empty(const char *s)
{
        return strdup(s ? s : "");
}

int mount_list_push(struct mount_list *list, const char *source, const char *target,
                    const char *fstype, const char *options)
{
        struct mountent *grown, *e;

        grown = realloc(list->items, (list->n + 1) * sizeof(*grown));
        if (!grown)
                return -ENOMEM;
        list->items = grown;
        e = &grown[list->n];
        e->source = dup_or_empty(source);
        e->target = dup_or_empty(target);
        e->fstype = dup_or_empty(fstype);
        e->options = dup_or_empty(options);
        if (!e->source || !e->target || !e->fstype || !e->options) {
                free(e->source);
                free(e->target);
                free(e->fstype);
                free(e->options);
                return -ENOMEM;
        }
        list->n++;
        return 0;
}

int mount_list_read(struct mount_list *list)
{
        struct libmnt_table *tb;
        struct libmnt_iter *it;
        struct libmnt_fs *fs;
        int r = 0;

        mount_list_free(list);
        tb = mnt_new_table_from_file("/proc/self/mountinfo");
        if (!tb)
                return errno ? -errno : -EIO;
        it = mnt_new_iter(MNT_ITER_FORWARD);
        if (!it) {
                mnt_unref_table(tb);
                return -ENOMEM;
        }
        while (r == 0 && mnt_table_next_fs(tb, it, &fs) == 0) {
                /* VFS options and the filesystem's own, as mount(8) shows them. */
                char *opts = mnt_fs_strdup_options(fs);

                r = mount_list_push(list, mnt_fs_get_source(fs), mnt_fs_get_target(fs),
                                    mnt_fs_get_fstype(fs), opts);
                free(opts);
        }
        mnt_free_iter(it);
        mnt_unref_table(tb);
        return r < 0 ? r : (int)list->n;
}

void mount_list_free(struct mount_list *list)
{
        for (size_t i = 0; i < list->n; i++) {
                free(list->items[i].source);
                free(list->items[i].target);
                free(list->items[i].fstype);
                free(list->items[i].options);
        }
        free(list->items);
        list->items = NULL;
        list->n = 0;
}
