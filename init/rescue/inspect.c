/* SPDX-License-Identifier: MIT */
/*
 * The rescue prompt's commands that look around (env, dmesg, lsblk, ls,
 * cat, ...) and fix things (mount, modprobe, ...).  They print plain ASCII
 * through console_printf(), in columns an expect script can match; a
 * failure is one line that starts with the command's name.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/utsname.h>
#include <unistd.h>

#include <libkmod.h>

#include "devclass.h"
#include "devscan.h"
#include "initenv.h"
#include "inspect.h"
#include "kmsg.h"
#include "log.h"
#include "modload.h"
#include "mountfs.h"
#include "report.h"
#include "table.h"
#include "util.h"

#define CAT_MAX         (64 * 1024)     /* a page of a config file, not a disk image */
#define DMESG_TAIL_MAX  10000
#define DMESG_RECORDS_MAX 100000        /* a kernel flooding its log cannot keep us here */
#define TEXT_MAX        (256 * 1024)    /* /proc/modules with a thousand modules is ~60 KiB */

/* "NAME: WHAT: reason": the one line of a failure.  Returns @err. */
static int fail(const char *cmd, const char *what, int err)
{
        if (what)
                console_printf("%s: %s: %s\n", cmd, what, strerror(-err));
        else
                console_printf("%s: %s\n", cmd, strerror(-err));
        return err;
}

static int usage_error(const char *cmd)
{
        for (size_t i = 0; i < inspect_command_count; i++)
                if (strcmp(inspect_commands[i].name, cmd) == 0)
                        console_printf("%s: usage: %s\n", cmd, inspect_commands[i].usage);
        return -EINVAL;
}

/* Text longer than console_printf()'s buffer, a piece at a time. */
static void print_text(const char *s, size_t len)
{
        while (len > 0) {
                int n = len > 2048 ? 2048 : (int)len;

                console_printf("%.*s", n, s);
                s += n;
                len -= (size_t)n;
        }
}

/* Control characters would drive the terminal: they show as '?'. */
static void make_printable(char *s, size_t len)
{
        for (size_t i = 0; i < len; i++)
                if (((unsigned char)s[i] < 0x20 && s[i] != '\n' && s[i] != '\t') || s[i] == 0x7f)
                        s[i] = '?';
}

static int cmd_env(struct boot *boot, int argc, char **argv)
{
        struct strv built = { 0 };
        const struct strv *env = &boot->init_env;
        int r;

        if (argc > 1)
                return usage_error(argv[0]);
        if (!boot->ran[checkpoint_index("env")]) {
                r = init_env_build(boot->kernel_envp, &boot->cmd.env_set, &boot->cmd.env_unset,
                                   &built);
                if (r < 0) {
                        strlist_free(&built);
                        return fail(argv[0], NULL, r);
                }
                env = &built;
        }
        for (size_t i = 0; i < env->n; i++)
                console_printf("%s\n", env->items[i]);
        strlist_free(&built);
        return 0;
}

static int cmd_report(struct boot *boot, int argc, char **argv)
{
        struct json j;
        int r;

        if (argc > 1)
                return usage_error(argv[0]);
        json_init(&j, JSON_INDENT);
        r = report_render(boot, &j);
        if (r == 0) {
                print_text(j.buf, j.len);
                console_printf("\n");
        } else {
                fail(argv[0], NULL, r);
        }
        json_free(&j);
        return r;
}

/* "[    5.140900] text", as the kernel prints it on the console. */
static int dmesg_format(const char *rec, size_t len, char *line, size_t size)
{
        unsigned long long us;
        char text[1024];

        if (kmsg_record_usec(rec, len, &us) < 0 || kmsg_record_text(rec, len, text, sizeof(text)) < 0)
                return -EINVAL;
        snprintf(line, size, "[%5llu.%06llu] %s", us / 1000000, us % 1000000, text);
        return 0;
}

/* The last @tail lines kept in @ring (@seen of them read), oldest first. */
static void dmesg_ring_print(char **ring, size_t tail, size_t seen)
{
        size_t n = seen < tail ? seen : tail;

        for (size_t i = 0; i < n; i++)
                console_printf("%s\n", ring[(seen - n + i) % tail]);
}

/* Every record /dev/kmsg still holds; with @tail, only the last @tail of them. */
static int dmesg_read(int fd, size_t tail)
{
        char rec[8192], line[1100];
        char **ring = NULL;
        size_t seen = 0;
        int r = 0;

        if (tail && !(ring = calloc(tail, sizeof(*ring))))
                return -ENOMEM;
        while (r == 0 && seen < DMESG_RECORDS_MAX) {
                ssize_t n = read(fd, rec, sizeof(rec) - 1);

                if (n < 0 && (errno == EINTR || errno == EPIPE))
                        continue;       /* EPIPE: overwritten while we read; go on */
                if (n <= 0)
                        break;
                rec[n] = '\0';
                if (dmesg_format(rec, (size_t)n, line, sizeof(line)) < 0)
                        continue;
                if (!ring) {
                        console_printf("%s\n", line);
                } else {
                        free(ring[seen % tail]);
                        ring[seen % tail] = strdup(line);
                        if (!ring[seen % tail])
                                r = -ENOMEM;
                }
                seen++;
        }
        if (ring) {
                if (r == 0)
                        dmesg_ring_print(ring, tail, seen);
                for (size_t i = 0; i < tail; i++)
                        free(ring[i]);
                free(ring);
        }
        return r;
}

static int cmd_dmesg(struct boot *boot, int argc, char **argv)
{
        long tail = 0;
        char *end;
        int fd, r;

        if (argc == 3 && strcmp(argv[1], "-n") == 0) {
                errno = 0;
                tail = strtol(argv[2], &end, 10);
                if (errno || end == argv[2] || *end || tail < 1 || tail > DMESG_TAIL_MAX) {
                        console_printf("%s: -n %s: not a number of lines from 1 to %d\n", argv[0],
                                       argv[2], DMESG_TAIL_MAX);
                        return -EINVAL;
                }
        } else if (argc != 1) {
                return usage_error(argv[0]);
        }
        fd = open("/dev/kmsg", O_RDONLY | O_NONBLOCK | O_CLOEXEC);
        if (fd < 0)
                return fail(argv[0], "/dev/kmsg", -errno);
        r = dmesg_read(fd, (size_t)tail);
        close(fd);
        return r < 0 ? fail(argv[0], NULL, r) : 0;
}

static const char *or_dash(const char *s)
{
        return *s ? s : "-";
}

static int cmd_lsblk(struct boot *boot, int argc, char **argv)
{
        struct blockdev_list list = { 0 };
        struct table t = { .cols = 6, .right = 1u << 1 };
        char size[32];
        int r;

        if (argc > 1)
                return usage_error(argv[0]);
        r = blockdev_scan(&list);
        if (r < 0)
                return fail(argv[0], "/sys/class/block", r);
        if (r == 0) {
                console_printf("%s: no block devices\n", argv[0]);
                return 0;
        }
        table_add(&t, "NAME", "SIZE", "TYPE", "LABEL", "UUID", "DRIVER");
        for (size_t i = 0; i < list.n; i++) {
                const struct blockdev *b = &list.items[i];

                table_add(&t, b->name, size_human(b->bytes, size, sizeof(size)),
                          or_dash(b->tags.type[0] ? b->tags.type : b->tags.pttype),
                          or_dash(b->tags.label), or_dash(b->tags.uuid), or_dash(b->driver));
        }
        table_print(&t);
        table_free(&t);
        blockdev_list_free(&list);
        return 0;
}

/* ' NAME="value"', with '"' and '\' escaped as blkid(8) does; nothing for an empty value. */
static void tag_append(char *line, size_t size, const char *name, const char *value)
{
        size_t len = strlen(line);

        if (!*value || len + strlen(name) + 4 >= size)
                return;
        len += (size_t)snprintf(line + len, size - len, " %s=\"", name);
        for (; *value && len + 3 < size; value++) {
                char c = (unsigned char)*value < 0x20 || *value == 0x7f ? '?' : *value;

                if (c == '"' || c == '\\')
                        line[len++] = '\\';
                line[len++] = c;
        }
        snprintf(line + len, size - len, "\"");
}

static bool blkid_print(const char *dev, const struct probe_result *p)
{
        char line[1024];

        snprintf(line, sizeof(line), "%s:", dev);
        tag_append(line, sizeof(line), "UUID", p->uuid);
        tag_append(line, sizeof(line), "LABEL", p->label);
        tag_append(line, sizeof(line), "TYPE", p->type);
        tag_append(line, sizeof(line), "PTTYPE", p->pttype);
        tag_append(line, sizeof(line), "PARTLABEL", p->partlabel);
        tag_append(line, sizeof(line), "PARTUUID", p->partuuid);
        if (!strchr(line, '='))
                return false;
        console_printf("%s\n", line);
        return true;
}

static int blkid_one(const char *cmd, const char *arg)
{
        struct probe_result p;
        char dev[PATH_MAX];
        struct stat st;
        int r;

        snprintf(dev, sizeof(dev), "%s%s", strchr(arg, '/') ? "" : "/dev/", arg);
        if (stat(dev, &st) < 0)
                return fail(cmd, dev, -errno);
        r = probe_device(dev, &p);
        if (r < 0)
                return fail(cmd, dev, r);
        if (!blkid_print(dev, &p)) {
                console_printf("%s: %s: no filesystem, partition table or other signature\n", cmd, dev);
                return -ENODATA;
        }
        return 0;
}

static int cmd_blkid(struct boot *boot, int argc, char **argv)
{
        struct blockdev_list list = { 0 };
        char dev[48];
        size_t shown = 0;
        int r = 0;

        if (argc > 1) {
                for (int i = 1; i < argc; i++) {
                        int e = blkid_one(argv[0], argv[i]);

                        if (e < 0)
                                r = e;
                }
                return r;
        }
        r = blockdev_scan(&list);
        if (r < 0)
                return fail(argv[0], "/sys/class/block", r);
        for (size_t i = 0; i < list.n; i++) {
                snprintf(dev, sizeof(dev), "/dev/%s", list.items[i].name);
                shown += blkid_print(dev, &list.items[i].tags);
        }
        if (shown == 0)
                console_printf("%s: no block device carries a filesystem or partition table\n",
                               argv[0]);
        blockdev_list_free(&list);
        return 0;
}

/* One line of /proc/modules: "ext4 1000000 1 mbcache,jbd2, Live 0x0" */
static int lsmod_row(struct table *t, const char *line)
{
        char name[64], size[32], refs[16], holders[1024], used[1100];
        size_t len;

        if (sscanf(line, "%63s %31s %15s %1023s", name, size, refs, holders) != 4)
                return -EINVAL;
        len = strlen(holders);
        if (len > 0 && holders[len - 1] == ',')
                holders[--len] = '\0';
        snprintf(used, sizeof(used), "%s%s%s", refs, strcmp(holders, "-") ? " " : "",
                 strcmp(holders, "-") ? holders : "");
        return table_add(t, name, size, used);
}

int lsmod_print(const char *text)
{
        struct table t = { .cols = 3, .right = 1u << 1 };
        char line[1200];
        int n = 0;

        table_add(&t, "Module", "Size", "Used by");
        for (const char *p = text; *p; ) {
                size_t len = strcspn(p, "\n");

                snprintf(line, sizeof(line), "%.*s", (int)len, p);
                if (lsmod_row(&t, line) == 0)
                        n++;
                p += len + (p[len] == '\n');
        }
        if (n > 0)
                table_print(&t);
        table_free(&t);
        return n;
}

static int cmd_lsmod(struct boot *boot, int argc, char **argv)
{
        char *text;
        ssize_t len;

        if (argc > 1)
                return usage_error(argv[0]);
        text = malloc(TEXT_MAX);
        if (!text)
                return fail(argv[0], NULL, -ENOMEM);
        len = read_text("/proc/modules", text, TEXT_MAX);
        if (len < 0) {
                free(text);
                return fail(argv[0], "/proc/modules", (int)len);
        }
        if (lsmod_print(text) == 0)
                console_printf("%s: no modules loaded\n", argv[0]);
        free(text);
        return 0;
}

struct lsdev {
        struct kmod_ctx *kmod;
        const char *bus;        /* "pci", or NULL for all */
        struct table *t;
};

/* What the image holds for a device no driver took: "no driver; image has virtio_blk". */
static const char *unbound_what(struct kmod_ctx *kmod, const char *alias, char *buf, size_t size)
{
        struct kmod_list *list = NULL;
        struct kmod_module *mod;

        if (!kmod)
                return "no driver";
        if (kmod_module_new_from_lookup(kmod, alias, &list) < 0 || !list)
                return "no driver; none in image";
        mod = kmod_module_get_module(list);
        snprintf(buf, size, "no driver; image has %s", kmod_module_get_name(mod));
        kmod_module_unref(mod);
        kmod_module_unref_list(list);
        return buf;
}

static int lsdev_row(const char *name, const char *alias, const char *driver, void *ctx)
{
        struct lsdev *l = ctx;
        char desc[96], what[128];

        if (l->bus && (strncmp(alias, l->bus, strlen(l->bus)) != 0 || alias[strlen(l->bus)] != ':'))
                return 0;
        table_add(l->t, name, modalias_describe(alias, desc, sizeof(desc)),
                  driver ? driver : unbound_what(l->kmod, alias, what, sizeof(what)));
        return 1;
}

static int cmd_lsdev(struct boot *boot, int argc, char **argv)
{
        struct table t = { .cols = 3 };
        struct lsdev l = { boot->kmod, argc > 1 ? argv[1] : NULL, &t };
        int r;

        if (argc > 2)
                return usage_error(argv[0]);
        table_add(&t, "DEVICE", "DESCRIPTION", "DRIVER");
        r = devscan_modaliases(lsdev_row, &l);
        if (r > 0)
                table_print(&t);
        table_free(&t);
        if (r < 0)
                return fail(argv[0], "/sys/devices", r);
        if (r == 0)
                console_printf("%s: no devices%s%s\n", argv[0], l.bus ? " on bus " : "",
                               l.bus ? l.bus : "");
        return 0;
}

/* "drwxr-xr-x", as ls -l shows a mode. */
static const char *mode_string(mode_t m, char *buf)
{
        static const char rwx[] = "rwxrwxrwx";

        buf[0] = S_ISDIR(m) ? 'd' : S_ISLNK(m) ? 'l' : S_ISCHR(m) ? 'c' : S_ISBLK(m) ? 'b' :
                 S_ISFIFO(m) ? 'p' : S_ISSOCK(m) ? 's' : '-';
        for (int i = 0; i < 9; i++)
                buf[1 + i] = m & (0400 >> i) ? rwx[i] : '-';
        if (m & S_ISUID)
                buf[3] = m & S_IXUSR ? 's' : 'S';
        if (m & S_ISGID)
                buf[6] = m & S_IXGRP ? 's' : 'S';
        if (m & S_ISVTX)
                buf[9] = m & S_IXOTH ? 't' : 'T';
        buf[10] = '\0';
        return buf;
}

/* One entry of a listing; @dirfd/@name to look at it, @shown as it is printed. */
static int ls_entry(struct table *t, int dirfd, const char *name, const char *shown, bool long_form)
{
        char mode[11], size[48], label[PATH_MAX * 2 + 8], target[PATH_MAX];
        struct stat st;
        ssize_t n;

        snprintf(label, sizeof(label), "%s", shown);
        make_printable(label, strlen(label));
        if (!long_form)
                return table_add(t, label);
        if (fstatat(dirfd, name, &st, AT_SYMLINK_NOFOLLOW) < 0)
                return table_add(t, "?", "?", label);
        if (S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode))
                snprintf(size, sizeof(size), "%u, %u", major(st.st_rdev), minor(st.st_rdev));
        else
                snprintf(size, sizeof(size), "%lld", (long long)st.st_size);
        if (S_ISLNK(st.st_mode) && (n = readlinkat(dirfd, name, target, sizeof(target) - 1)) >= 0) {
                target[n] = '\0';
                make_printable(target, (size_t)n);
                snprintf(label + strlen(label), sizeof(label) - strlen(label), " -> %s", target);
        }
        return table_add(t, mode_string(st.st_mode, mode), size, label);
}

static int not_dots(const struct dirent *de)
{
        return strcmp(de->d_name, ".") != 0 && strcmp(de->d_name, "..") != 0;
}

static int by_bytes(const struct dirent **a, const struct dirent **b)
{
        return strcmp((*a)->d_name, (*b)->d_name);
}

static int ls_dir(struct table *t, const char *path, bool long_form)
{
        struct dirent **names;
        int fd, n;

        fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (fd < 0)
                return -errno;
        n = scandir(path, &names, not_dots, by_bytes);
        if (n < 0) {
                close(fd);
                return -errno;
        }
        for (int i = 0; i < n; i++) {
                ls_entry(t, fd, names[i]->d_name, names[i]->d_name, long_form);
                free(names[i]);
        }
        free(names);
        close(fd);
        return 0;
}

static int ls_path(const char *cmd, const char *path, bool long_form, bool heading)
{
        struct table t = { .cols = long_form ? 3 : 1, .right = 1u << 1 };
        struct stat st;
        int r = 0;

        if (stat(path, &st) < 0 && lstat(path, &st) < 0)
                return fail(cmd, path, -errno);
        if (S_ISDIR(st.st_mode))
                r = ls_dir(&t, path, long_form);
        else
                ls_entry(&t, AT_FDCWD, path, path, long_form);
        if (r < 0)
                fail(cmd, path, r);
        else if (heading)
                console_printf("%s:\n", path);
        table_print(&t);
        table_free(&t);
        return r;
}

static int cmd_ls(struct boot *boot, int argc, char **argv)
{
        bool long_form = false, listed = false;
        int first = 1, r = 0;

        if (first < argc && strcmp(argv[first], "-l") == 0) {
                long_form = true;
                first++;
        }
        for (int i = first; i < argc; i++)
                if (argv[i][0] == '-')
                        return usage_error(argv[0]);
        if (first == argc)
                return ls_path(argv[0], ".", long_form, false);
        for (int i = first; i < argc; i++) {
                int e;

                if (listed)
                        console_printf("\n");
                e = ls_path(argv[0], argv[i], long_form, argc - first > 1);
                if (e < 0)
                        r = e;
                listed = listed || e == 0;
        }
        return r;
}

static int cat_one(const char *cmd, const char *path, char *buf)
{
        struct stat st;
        ssize_t n;
        int fd;

        /* O_NONBLOCK: a FIFO or a terminal must not hang the prompt. */
        fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
        if (fd < 0)
                return fail(cmd, path, -errno);
        n = read_full(fd, buf, CAT_MAX + 1);
        if (fstat(fd, &st) < 0)
                st.st_size = 0;
        close(fd);
        if (n < 0)
                return fail(cmd, path, (int)n);
        if (memchr(buf, '\0', (size_t)n)) {
                console_printf("%s: %s: binary file (NUL bytes), not shown\n", cmd, path);
                return -EINVAL;
        }
        make_printable(buf, (size_t)n > CAT_MAX ? CAT_MAX : (size_t)n);
        print_text(buf, (size_t)n > CAT_MAX ? CAT_MAX : (size_t)n);
        if (n > 0 && buf[(n > CAT_MAX ? CAT_MAX : n) - 1] != '\n')
                console_printf("\n");
        if (n > CAT_MAX && st.st_size > CAT_MAX)
                console_printf("%s: %s: truncated: the first %d KiB of %lld bytes shown\n", cmd, path,
                               CAT_MAX / 1024, (long long)st.st_size);
        else if (n > CAT_MAX)
                console_printf("%s: %s: truncated: the first %d KiB shown\n", cmd, path, CAT_MAX / 1024);
        return 0;
}

static int cmd_cat(struct boot *boot, int argc, char **argv)
{
        char *buf;
        int r = 0;

        if (argc < 2)
                return usage_error(argv[0]);
        buf = malloc(CAT_MAX + 1);
        if (!buf)
                return fail(argv[0], NULL, -ENOMEM);
        for (int i = 1; i < argc; i++) {
                int e = cat_one(argv[0], argv[i], buf);

                if (e < 0)
                        r = e;
        }
        free(buf);
        return r;
}

int mount_args_parse(int argc, char **argv, struct mount_args *a)
{
        const char *opts = NULL;
        int i = 1;

        memset(a, 0, sizeof(*a));
        for (; i < argc && argv[i][0] == '-'; i += 2) {
                if (i + 1 >= argc)
                        return -EINVAL;
                if (strcmp(argv[i], "-t") == 0)
                        a->fstype = argv[i + 1];
                else if (strcmp(argv[i], "-o") == 0)
                        opts = argv[i + 1];
                else
                        return -EINVAL;
        }
        if (argc - i != 2)
                return -EINVAL;
        a->dev = argv[i];
        a->dir = argv[i + 1];
        return mount_options_ro_default(opts, a->opts, sizeof(a->opts));
}

static int mount_list_print(const char *cmd)
{
        struct mount_list list = { 0 };
        int r = mount_list_read(&list);

        if (r < 0)
                return fail(cmd, "/proc/self/mountinfo", r);
        for (size_t i = 0; i < list.n; i++)
                console_printf("%s on %s type %s (%s)\n", list.items[i].source, list.items[i].target,
                               list.items[i].fstype, list.items[i].options);
        mount_list_free(&list);
        return 0;
}

static int cmd_mount(struct boot *boot, int argc, char **argv)
{
        struct mount_args a;
        char why[600];
        int r;

        if (argc == 1)
                return mount_list_print(argv[0]);
        r = mount_args_parse(argc, argv, &a);
        if (r == -EINVAL)
                return usage_error(argv[0]);
        if (r < 0)
                return fail(argv[0], "-o", r);
        r = dir_create_parents(a.dir, 0755);
        if (r < 0) {
                console_printf("%s: mkdir %s: %s\n", argv[0], a.dir, strerror(-r));
                return r;
        }
        r = mount_fs(a.dev, a.dir, a.fstype, a.opts, why, sizeof(why));
        if (r < 0) {
                console_printf("%s: %s on %s (%s): %s%s\n", argv[0], a.dev, a.dir, a.opts,
                               strerror(-r), why);
                return r;
        }
        console_printf("mounted %s on %s (%s)\n", a.dev, a.dir, a.opts);
        return 0;
}

static int cmd_umount(struct boot *boot, int argc, char **argv)
{
        if (argc != 2 || argv[1][0] == '-')
                return usage_error(argv[0]);
        if (umount2(argv[1], 0) < 0) {
                if (errno != EINVAL)
                        return fail(argv[0], argv[1], -errno);
                console_printf("%s: %s: not a mount point\n", argv[0], argv[1]);
                return -EINVAL;
        }
        console_printf("unmounted %s\n", argv[1]);
        return 0;
}

const char *const meminfo_names[MEMINFO_FIELDS] = {
        [MEM_TOTAL] = "MemTotal",
        [MEM_FREE] = "MemFree",
        [MEM_AVAILABLE] = "MemAvailable",
        [MEM_BUFFERS] = "Buffers",
        [MEM_CACHED] = "Cached",
        [MEM_SHMEM] = "Shmem",
};

int meminfo_parse(const char *text, struct meminfo *m)
{
        int found = 0;

        for (int f = 0; f < MEMINFO_FIELDS; f++)
                m->kib[f] = -1;
        for (const char *p = text; *p; p += strcspn(p, "\n"), p += *p == '\n') {
                size_t name = strcspn(p, ":\n");
                char *end;

                if (p[name] != ':')
                        continue;
                for (int f = 0; f < MEMINFO_FIELDS; f++) {
                        long long v;

                        if (strlen(meminfo_names[f]) != name || strncmp(p, meminfo_names[f], name) != 0)
                                continue;
                        v = strtoll(p + name + 1, &end, 10);
                        if (end == p + name + 1 || v < 0 || m->kib[f] >= 0)
                                break;
                        m->kib[f] = v;
                        found++;
                }
        }
        return found;
}

static int cmd_free(struct boot *boot, int argc, char **argv)
{
        struct table t = { .cols = 3, .right = 1u << 1 | 1u << 2 };
        char text[8192], kib[32], mib[32];
        struct meminfo m;
        ssize_t len;

        if (argc > 1)
                return usage_error(argv[0]);
        len = read_text("/proc/meminfo", text, sizeof(text));
        if (len < 0)
                return fail(argv[0], "/proc/meminfo", (int)len);
        if (meminfo_parse(text, &m) == 0) {
                console_printf("%s: /proc/meminfo: none of the usual fields\n", argv[0]);
                return -EINVAL;
        }
        table_add(&t, "", "KiB", "MiB");
        for (int f = 0; f < MEMINFO_FIELDS; f++) {
                snprintf(kib, sizeof(kib), "%lld", m.kib[f]);
                snprintf(mib, sizeof(mib), "%lld", m.kib[f] / 1024);
                table_add(&t, meminfo_names[f], m.kib[f] < 0 ? NULL : kib, m.kib[f] < 0 ? NULL : mib);
        }
        table_print(&t);
        table_free(&t);
        return 0;
}

int modules_dir_for(const char *dir, const char *kver, char *out, size_t size)
{
        size_t len = strlen(dir), klen = strlen(kver);
        int n;

        while (len > 1 && dir[len - 1] == '/')
                len--;
        if (len >= klen && strncmp(dir + len - klen, kver, klen) == 0 &&
            (len == klen || dir[len - klen - 1] == '/'))
                n = snprintf(out, size, "%.*s", (int)len, dir);
        else
                n = snprintf(out, size, "%.*s/lib/modules/%s", (int)len, dir, kver);
        return n < 0 || (size_t)n >= size ? -ENAMETOOLONG : 0;
}

/* A libkmod context on another modules tree (modprobe -d), or NULL after saying why. */
static struct kmod_ctx *kmod_other_tree(const char *cmd, const struct boot *boot, const char *dir)
{
        char path[PATH_MAX], kver[65];
        struct kmod_ctx *ctx;
        struct utsname u;
        int r;

        snprintf(kver, sizeof(kver), "%s", boot->kver);
        if (!kver[0] && uname(&u) == 0)
                snprintf(kver, sizeof(kver), "%s", u.release);
        if (modules_dir_for(dir, kver, path, sizeof(path)) < 0) {
                fail(cmd, dir, -ENAMETOOLONG);
                return NULL;
        }
        if (!path_exists(path)) {
                console_printf("%s: %s: no modules for kernel %s there\n", cmd, path, kver);
                return NULL;
        }
        ctx = kmod_new(path, NULL);
        if (!ctx) {
                fail(cmd, path, -ENOMEM);
                return NULL;
        }
        kmod_set_log_priority(ctx, 0);
        r = kmod_load_resources(ctx);
        if (r < 0) {
                console_printf("%s: %s: module indexes unreadable: %s\n", cmd, path, strerror(-r));
                kmod_unref(ctx);
                return NULL;
        }
        return ctx;
}

/* Inserts one module found for the name asked; says what happened. */
static int modprobe_insert(struct boot *boot, const char *cmd, struct kmod_module *mod,
                           const char *options)
{
        const char *name = kmod_module_get_name(mod);
        char reason[600];
        int r;

        switch (kmod_module_get_initstate(mod)) {
        case KMOD_MODULE_BUILTIN:
                console_printf("%s is built into the kernel\n", name);
                return 0;
        case KMOD_MODULE_LIVE:
        case KMOD_MODULE_COMING:
                console_printf("%s is already loaded\n", name);
                return 0;
        default:
                break;
        }
        /* No blacklist: the person asked for this module by name. */
        r = module_insert(mod, 0, options, reason, sizeof(reason));
        if (r < 0 && r != -EEXIST) {
                console_printf("%s: %s\n", cmd, reason);
                return r;
        }
        if (!module_list_has(&boot->modlog.loaded, name))
                strlist_push(&boot->modlog.loaded, name);
        console_printf("loaded %s\n", name);
        return 0;
}

static int modprobe_lookup(struct boot *boot, const char *cmd, struct kmod_ctx *ctx,
                           const char *name, const char *options)
{
        struct kmod_list *list = NULL, *it;
        int r;

        r = kmod_module_new_from_lookup(ctx, name, &list);
        if (r < 0)
                return fail(cmd, name, r);
        if (!list) {
                console_printf("%s: %s: not found in %s\n", cmd, name, kmod_get_dirname(ctx));
                return -ENOENT;
        }
        kmod_list_foreach(it, list) {
                struct kmod_module *mod = kmod_module_get_module(it);
                int e = modprobe_insert(boot, cmd, mod, options);

                if (e < 0)
                        r = e;
                kmod_module_unref(mod);
        }
        kmod_module_unref_list(list);
        return r;
}

static int cmd_modprobe(struct boot *boot, int argc, char **argv)
{
        struct kmod_ctx *ctx = boot->kmod;
        const char *dir = NULL;
        char options[1024] = "";
        int i = 1, r;

        if (argc >= 3 && strcmp(argv[1], "-d") == 0) {
                dir = argv[2];
                i = 3;
        }
        if (i >= argc || argv[i][0] == '-')
                return usage_error(argv[0]);
        for (int p = i + 1; p < argc; p++) {
                size_t len = strlen(options);

                if (snprintf(options + len, sizeof(options) - len, "%s%s", len ? " " : "",
                             argv[p]) >= (int)(sizeof(options) - len))
                        return fail(argv[0], "parameters", -E2BIG);
        }
        if (dir) {
                ctx = kmod_other_tree(argv[0], boot, dir);
                if (!ctx)
                        return -ENOENT;
        } else if (!ctx) {
                console_printf("%s: the image has no modules for kernel %s\n", argv[0],
                               boot->kver[0] ? boot->kver : "(unknown)");
                return -ENOENT;
        }
        r = modprobe_lookup(boot, argv[0], ctx, argv[i], options[0] ? options : NULL);
        if (dir)
                kmod_unref(ctx);
        return r;
}

/* Why @mod cannot be removed now, said; or 0. */
static int rmmod_refused(const char *cmd, struct kmod_module *mod)
{
        const char *name = kmod_module_get_name(mod);
        struct kmod_list *holders, *it;
        int state = kmod_module_get_initstate(mod);
        char users[256] = "";

        if (state == -ENOENT) {
                console_printf("%s: %s is not loaded\n", cmd, name);
                return -ENOENT;
        }
        if (state == KMOD_MODULE_BUILTIN) {
                console_printf("%s: %s is built into the kernel\n", cmd, name);
                return -EPERM;
        }
        holders = kmod_module_get_holders(mod);
        kmod_list_foreach(it, holders) {
                struct kmod_module *h = kmod_module_get_module(it);
                size_t len = strlen(users);

                snprintf(users + len, sizeof(users) - len, "%s%s", len ? ", " : "",
                         kmod_module_get_name(h));
                kmod_module_unref(h);
        }
        kmod_module_unref_list(holders);
        if (users[0]) {
                console_printf("%s: %s is in use by %s\n", cmd, name, users);
                return -EBUSY;
        }
        if (kmod_module_get_refcnt(mod) > 0) {
                console_printf("%s: %s is in use\n", cmd, name);
                return -EBUSY;
        }
        return 0;
}

static int cmd_blacklist(struct boot *boot, int argc, char **argv)
{
        struct strv *list = &boot->cmd.blacklist;
        char names[512];

        for (int i = 1; i < argc; i++)
                if (argv[i][0] == '-' || strpbrk(argv[i], "/=,"))
                        return usage_error(argv[0]);
        for (int i = 1; i < argc; i++) {
                if (!module_list_has(list, argv[i]))
                        strlist_push(list, argv[i]);
                console_printf("blacklist: %s stays out for this boot\n", argv[i]);
        }
        strlist_join(names, sizeof(names), list, 16);
        console_printf("blacklisted: %s\n", list->n ? names : "none");
        return 0;
}

static int cmd_rmmod(struct boot *boot, int argc, char **argv)
{
        struct kmod_ctx *ctx = boot->kmod;
        struct kmod_module *mod = NULL;
        int r;

        if (argc != 2 || argv[1][0] == '-')
                return usage_error(argv[0]);
        /* Removing needs no index: a context without one will do. */
        if (!ctx && !(ctx = kmod_new(NULL, NULL)))
                return fail(argv[0], NULL, -ENOMEM);
        r = kmod_module_new_from_name(ctx, argv[1], &mod);
        if (r < 0) {
                fail(argv[0], argv[1], r);
        } else {
                r = rmmod_refused(argv[0], mod);
                if (r == 0 && (r = kmod_module_remove_module(mod, 0)) < 0)
                        fail(argv[0], argv[1], r);
                else if (r == 0)
                        console_printf("removed %s\n", kmod_module_get_name(mod));
                kmod_module_unref(mod);
        }
        if (ctx != boot->kmod)
                kmod_unref(ctx);
        return r;
}

const struct command inspect_commands[] = {
        {
                "env", "env",
                "the environment the real init will get",
                "One NAME=VALUE a line: what the env checkpoint built, or before it\n"
                "has run, the kernel's environment for init with rd.env.* on top.\n"
                "Example: env\n",
                cmd_env,
        },
        {
                "report", "report",
                "the boot report as JSON",
                "What the boot has learned so far, as written to " REPORT_PATH ",\n"
                "indented.\n"
                "Example: report\n",
                cmd_report,
        },
        {
                "dmesg", "dmesg [-n N]",
                "the kernel log, or its last N lines",
                "The kernel's messages from /dev/kmsg, each with its [seconds] since\n"
                "boot as the kernel prints them; -n N shows only the last N lines\n"
                "(1 to 10000).\n"
                "Example: dmesg -n 20\n",
                cmd_dmesg,
        },
        {
                "lsblk", "lsblk",
                "block devices: size, filesystem, label, UUID, driver",
                "Every block device with a size, looked at afresh: its size, the\n"
                "filesystem or partition table libblkid finds, its label and UUID,\n"
                "and the driver behind it.  '-' where there is none.\n"
                "Example: lsblk\n",
                cmd_lsblk,
        },
        {
                "blkid", "blkid [DEV...]",
                "the tags libblkid reads from devices, as blkid prints them",
                "UUID, LABEL, TYPE, PTTYPE, PARTLABEL and PARTUUID of each block\n"
                "device, or of DEV (a name under /dev or a path, a disk image too).\n"
                "Devices without any are left out of the full list.\n"
                "Example: blkid vda1\n",
                cmd_blkid,
        },
        {
                "lsmod", "lsmod",
                "the modules loaded in the kernel",
                "Each loaded module from /proc/modules: its size, how many users it\n"
                "has and which modules use it.\n"
                "Example: lsmod\n",
                cmd_lsmod,
        },
        {
                "lsdev", "lsdev [BUS]",
                "devices and their drivers, bound or missing",
                "Every device under /sys/devices that has a modalias: its name, what\n"
                "it is, and the driver bound to it; a device without one says whether\n"
                "the image has a module that would serve it.  BUS keeps only one bus\n"
                "(pci, virtio, usb, scsi, acpi, platform, ...).\n"
                "Example: lsdev pci\n",
                cmd_lsdev,
        },
        {
                "ls", "ls [-l] [PATH...]",
                "list a directory, sorted",
                "The entries of each directory (a file shows itself), sorted byte by\n"
                "byte, dot files included.  -l adds the mode, the size (major, minor\n"
                "for a device) and where a symlink points.\n"
                "Example: ls -l /sysroot/sbin\n",
                cmd_ls,
        },
        {
                "cat", "cat FILE...",
                "print a text file (the first 64 KiB)",
                "Prints each FILE; at most 64 KiB of it, and says when there is more.\n"
                "A file with NUL bytes is binary and is not printed; control\n"
                "characters show as '?'.\n"
                "Example: cat /sysroot/etc/fstab\n",
                cmd_cat,
        },
        {
                "mount", "mount [[-t TYPE] [-o OPTIONS] DEV DIR]",
                "list mounts, or mount DEV on DIR (read-only unless -o rw)",
                "With no argument, what is mounted.  Otherwise mounts DEV on DIR\n"
                "(made if missing), read-only unless OPTIONS say rw; TYPE is found\n"
                "by libblkid when not given.  A failure names the kernel's reason.\n"
                "Example: mount -t ext4 /dev/vdb1 /mnt\n",
                cmd_mount,
        },
        {
                "umount", "umount DIR",
                "unmount what is mounted on DIR",
                "Unmounts the filesystem mounted on DIR.\n"
                "Example: umount /mnt\n",
                cmd_umount,
        },
        {
                "free", "free",
                "memory: total, free, available, buffers, cached, shmem",
                "The memory figures from /proc/meminfo, in KiB and MiB.\n"
                "Example: free\n",
                cmd_free,
        },
        {
                "modprobe", "modprobe [-d DIR] MOD [PARAM=VALUE...]",
                "load a module with its dependencies",
                "Loads MOD (a name or an alias) and what it depends on, with the\n"
                "parameters given; a failure gives the kernel's reason.  -d DIR loads\n"
                "from another modules tree: DIR/lib/modules/RELEASE, or DIR itself if\n"
                "it ends in the release, e.g. a root disk mounted on /mnt.\n"
                "Example: modprobe -d /mnt virtio_scsi\n",
                cmd_modprobe,
        },
        {
                "blacklist", "blacklist [MOD...]",
                "keep modules out for this boot",
                "Adds each MOD to rd.driver.blacklist= for this boot: no checkpoint\n"
                "inserts it for a device or by name ('modprobe' here still does).\n"
                "Without MOD, lists what is kept out.  Example: blacklist crashme\n",
                cmd_blacklist,
        },
        {
                "rmmod", "rmmod MOD",
                "unload a module",
                "Removes MOD from the kernel, unless it is built in or in use.\n"
                "Example: rmmod virtio_blk\n",
                cmd_rmmod,
        },
};

const size_t inspect_command_count = sizeof(inspect_commands) / sizeof(inspect_commands[0]);

