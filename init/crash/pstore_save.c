/* SPDX-License-Identifier: MIT */
/*
 * Save before erase: the pstore records copied byte for byte, fsynced, in
 * systemd-pstore's layout (src/pstore/pstore.c: an EFI dump's parts under
 * TIME/COUNT/ with their dmesg.txt, anything else at the top), and deleted
 * from the backend only where a copy reads back identical.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "pstore.h"
#include "util.h"

int pstore_layout_path(const char *name, char *out, size_t size)
{
        struct pstore_name rn;
        int n;

        if (pstore_name_parse(name, &rn) == 0 && pstore_name_is_efi(&rn) && !rn.compressed && rn.id >= 100000)
                n = snprintf(out, size, "%llu/%03llu/%s", rn.id / 100000, rn.id % 1000, name);
        else
                n = snprintf(out, size, "%s", name);
        return n < 0 || (size_t)n >= size ? -ENAMETOOLONG : 0;
}

/* mkdir -p for the directories of @path below @dir. */
static int parents_create(const char *path)
{
        char dir[PATH_MAX];
        char *slash;

        snprintf(dir, sizeof(dir), "%s", path);
        slash = strrchr(dir, '/');
        if (!slash || slash == dir)
                return 0;
        *slash = '\0';
        return dir_create_parents(dir, 0755);
}

static int dir_sync(const char *path)
{
        char dir[PATH_MAX];
        char *slash;
        int fd, r = 0;

        snprintf(dir, sizeof(dir), "%s", path);
        slash = strrchr(dir, '/');
        if (slash && slash != dir)
                *slash = '\0';
        fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (fd < 0)
                return -errno;
        if (fsync(fd) < 0 && errno != EINVAL)
                r = -errno;
        close(fd);
        return r;
}

/* @path holds @data, fsynced: written to "@path.tmp", then renamed. */
static int file_write_synced(const char *path, const char *data, size_t size, bool append)
{
        char tmp[PATH_MAX];
        int fd, r;

        if (snprintf(tmp, sizeof(tmp), "%s.tmp", path) >= (int)sizeof(tmp))
                return -ENAMETOOLONG;
        r = parents_create(path);
        if (r < 0)
                return r;
        fd = open(append ? path : tmp, O_WRONLY | O_CREAT | O_CLOEXEC | O_NOFOLLOW |
                  (append ? O_APPEND : O_TRUNC), 0600);
        if (fd < 0)
                return -errno;
        r = write_all(fd, data, size);
        if (r == 0 && fsync(fd) < 0 && errno != EINVAL)
                r = -errno;
        if (close(fd) < 0 && r == 0)
                r = -errno;
        if (r == 0 && !append && rename(tmp, path) < 0)
                r = -errno;
        if (r < 0 && !append)
                unlink(tmp);
        return r == 0 ? dir_sync(path) : r;
}

/* TIME/COUNT/dmesg.txt gets each part whole, oldest first, as systemd-pstore appends them. */
static int dmesg_txt_write(const struct pstore_set *set, const char *dir, char *why, size_t size)
{
        char rel[PATH_MAX], path[PATH_MAX];
        int r;

        for (size_t i = 0; i < set->n; i++) {
                const struct pstore_file *f = &set->files[i];
                char *slash;

                if (pstore_layout_path(f->name, rel, sizeof(rel)) < 0 || !strchr(rel, '/'))
                        continue;
                slash = strrchr(rel, '/');
                snprintf(slash + 1, sizeof(rel) - (size_t)(slash + 1 - rel), "dmesg.txt");
                if (path_join(path, sizeof(path), dir, rel) < 0)
                        return -ENAMETOOLONG;
                unlink(path);
        }
        /* Sorted by name, so from the end: PartN first. */
        for (size_t i = set->n; i-- > 0;) {
                const struct pstore_file *f = &set->files[i];
                char *slash;

                if (!f->data || pstore_layout_path(f->name, rel, sizeof(rel)) < 0 || !strchr(rel, '/'))
                        continue;
                slash = strrchr(rel, '/');
                snprintf(slash + 1, sizeof(rel) - (size_t)(slash + 1 - rel), "dmesg.txt");
                if (path_join(path, sizeof(path), dir, rel) < 0)
                        return -ENAMETOOLONG;
                r = file_write_synced(path, f->data, f->size, true);
                if (r < 0) {
                        snprintf(why, size, "%s", path);
                        return r;
                }
        }
        return 0;
}

int pstore_save(const struct pstore_set *set, const char *dir, char *why, size_t size)
{
        char rel[PATH_MAX], path[PATH_MAX];
        int r = dir_create_parents(dir, 0755);

        snprintf(why, size, "%s", dir);
        if (r < 0)
                return r;
        for (size_t i = 0; i < set->n; i++) {
                const struct pstore_file *f = &set->files[i];

                if (!f->data)
                        continue;
                if (pstore_layout_path(f->name, rel, sizeof(rel)) < 0 ||
                    path_join(path, sizeof(path), dir, rel) < 0)
                        return -ENAMETOOLONG;
                snprintf(why, size, "%s", path);
                r = file_write_synced(path, f->data, f->size, false);
                if (r < 0)
                        return r;
        }
        return dmesg_txt_write(set, dir, why, size);
}

/* Whether @path holds exactly @size bytes equal to @data. */
static bool same_bytes(const char *path, const char *data, size_t size)
{
        char buf[4096];
        size_t off = 0;
        bool same = true;
        int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);

        if (fd < 0)
                return false;
        for (;;) {
                ssize_t n = read(fd, buf, sizeof(buf));

                if (n < 0 && errno == EINTR)
                        continue;
                if (n <= 0) {
                        same = n == 0 && off == size;
                        break;
                }
                if (off + (size_t)n > size || memcmp(buf, data + off, (size_t)n) != 0) {
                        same = false;
                        break;
                }
                off += (size_t)n;
        }
        close(fd);
        return same;
}

int pstore_erase_saved(const char *src, const struct pstore_set *set, const char *dir, struct strv *problems)
{
        char rel[PATH_MAX], path[PATH_MAX], line[600];
        int erased = 0;

        for (size_t i = 0; i < set->n; i++) {
                const struct pstore_file *f = &set->files[i];

                if (!f->data || pstore_layout_path(f->name, rel, sizeof(rel)) < 0 ||
                    path_join(path, sizeof(path), dir, rel) < 0 || !same_bytes(path, f->data, f->size)) {
                        snprintf(line, sizeof(line), "pstore: %s: kept in the backend: no identical copy under %s",
                                 f->name, dir);
                        strlist_push(problems, line);
                        continue;
                }
                if (path_join(path, sizeof(path), src, f->name) < 0 || unlink(path) < 0) {
                        snprintf(line, sizeof(line), "pstore: %s: cannot erase from the backend: %s", f->name,
                                 strerror(errno));
                        strlist_push(problems, line);
                        continue;
                }
                erased++;
        }
        return erased;
}
