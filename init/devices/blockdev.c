/* SPDX-License-Identifier: MIT */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "blockdev.h"
#include "util.h"

static int by_name(const void *a, const void *b)
{
        const struct blockdev *x = a, *y = b;

        return strcmp(x->name, y->name);
}

static void blockdev_fill(struct blockdev *b, const char *name, unsigned long long bytes)
{
        char path[PATH_MAX];

        memset(b, 0, sizeof(*b));
        snprintf(b->name, sizeof(b->name), "%s", name);
        b->bytes = bytes;
        block_driver(name, b->driver, sizeof(b->driver));
        /* SCSI, ATA and NVMe disks name their model; virtio ones do not. */
        snprintf(path, sizeof(path), "/sys/class/block/%s/device/model", name);
        if (read_text(path, b->model, sizeof(b->model)) > 0) {
                size_t len = strlen(b->model);

                /* SCSI pads the inquiry string with blanks. */
                while (len > 0 && b->model[len - 1] == ' ')
                        b->model[--len] = '\0';
        } else {
                b->model[0] = '\0';
        }
        snprintf(path, sizeof(path), "/dev/%s", name);
        if (probe_device(path, &b->tags) < 0)
                memset(&b->tags, 0, sizeof(b->tags));
}

int blockdev_scan(struct blockdev_list *list)
{
        struct blockdev *items = NULL;
        struct dirent *de;
        size_t n = 0, cap = 0;
        DIR *d;

        blockdev_list_free(list);
        d = opendir("/sys/class/block");
        if (!d)
                return -errno;
        while ((de = readdir(d))) {
                unsigned long long bytes;

                if (de->d_name[0] == '.' || strlen(de->d_name) >= sizeof(items->name))
                        continue;
                /* Empty loop devices and ejected drives have nothing to look at. */
                bytes = block_size(de->d_name);
                if (bytes == 0)
                        continue;
                if (n == cap) {
                        size_t ncap = cap ? cap * 2 : 8;
                        struct blockdev *grown = realloc(items, ncap * sizeof(*items));

                        if (!grown) {
                                closedir(d);
                                free(items);
                                return -ENOMEM;
                        }
                        items = grown;
                        cap = ncap;
                }
                blockdev_fill(&items[n++], de->d_name, bytes);
        }
        closedir(d);
        if (n)
                qsort(items, n, sizeof(*items), by_name);
        list->items = items;
        list->n = n;
        return (int)n;
}

void blockdev_list_free(struct blockdev_list *list)
{
        free(list->items);
        list->items = NULL;
        list->n = 0;
}
