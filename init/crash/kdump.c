/* SPDX-License-Identifier: MIT */
/*
 * The capture kernel's steps (kdump.h): the dump target in place of root,
 * mounted read-write, the crashed kernel's log, then its memory, then the
 * final action.  Each step is a checkpoint in the capture column of the
 * stage table, so a failure is an ordinary one: status line, diagnosis,
 * prompt with its timeout.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "engine.h"
#include "kdump.h"
#include "log.h"
#include "mountfs.h"
#include "sparsecopy.h"
#include "stages.h"
#include "util.h"
#include "vmcore.h"

#define VMCORE                  "/proc/vmcore"
/* Nobody may be at a capture kernel's console: its prompt always ends. */
#define KDUMP_PROMPT_TIMEOUT    30
#define PROGRESS_MIN_MS         2000

static const char *kdump_path(const struct boot *boot)
{
        return boot->cmd.kdump_path ? boot->cmd.kdump_path : KDUMP_DEFAULT_PATH;
}

/* The directory as the user will look for it, without SYSROOT. */
static const char *on_target(const struct boot *boot)
{
        return boot->kdump.dir + strlen(SYSROOT);
}

void kdump_setup(struct boot *boot, bool capture_image)
{
        struct kdump *k = &boot->kdump;
        struct cmdline *c = &boot->cmd;
        char spec[300];
        struct stat st;
        time_t now = time(NULL);
        struct tm tm;

        if (stat(VMCORE, &st) < 0) {
                if (capture_image)
                        log_info("kdump capture image without %s: this is not a capture kernel; booting "
                                 "as an ordinary initramfs", VMCORE);
                return;
        }
        k->active = true;
        k->vmcore_size = (unsigned long long)st.st_size;
        strftime(k->stamp, sizeof(k->stamp), "%Y%m%d%H%M", gmtime_r(&now, &tm));
        if (c->kdump_target.kind != ROOT_NONE) {
                root_spec_free(&c->root);
                c->root = c->kdump_target;
                memset(&c->kdump_target, 0, sizeof(c->kdump_target));
                /* The root's type and options say nothing about another disk. */
                free(c->rootfstype);
                free(c->rootflags);
                c->rootfstype = c->rootflags = NULL;
        }
        if (c->prompt_timeout == 0)
                c->prompt_timeout = KDUMP_PROMPT_TIMEOUT;
        log_info("kdump capture vmcore_size=%llu target=%s path=%s final=%s prompt_timeout=%d",
                 k->vmcore_size, c->root.kind == ROOT_NONE ? "none" : root_spec_format(&c->root, spec, sizeof(spec)),
                 kdump_path(boot), onfail_name(c->kdump_final), c->prompt_timeout);
}

int kdump_disks_check(struct boot *boot, struct verdict *v)
{
        int r;

        if (boot->cmd.root.kind == ROOT_NONE)
                return verdict_set(v, STATUS_FAIL, "no dump target: the capture kernel's command line "
                                   "has neither rd.kdump.target= nor root=");
        r = disks_check(boot, v);
        /* disks_check speaks of the root; what it looked for here is the dump target. */
        if (strncmp(v->detail, "root ", 5) == 0) {
                char detail[sizeof(v->detail)];

                snprintf(detail, sizeof(detail), "dump target %s", v->detail + 5);
                memcpy(v->detail, detail, sizeof(detail));
        }
        return r;
}

int kdump_filesystems_check(struct boot *boot, struct verdict *v)
{
        if (!boot->root_dev[0])
                return verdict_set(v, STATUS_SKIP, "no dump target device");
        return filesystems_check(boot, v);
}

static bool device_read_only(const char *dev)
{
        char path[PATH_MAX], text[8];

        if (strncmp(dev, "/dev/", 5) || strchr(dev + 5, '/'))
                return false;
        snprintf(path, sizeof(path), "/sys/class/block/%s/ro", dev + 5);
        return read_text(path, text, sizeof(text)) > 0 && text[0] == '1';
}

/* <path>/<stamp> on the target, never one that leads off it (a symlink out). */
static int crash_dir_make(struct boot *boot, struct verdict *v)
{
        struct kdump *k = &boot->kdump;
        char base[PATH_MAX];
        struct stat root, st;
        int r;

        snprintf(base, sizeof(base), "%s%s", SYSROOT, kdump_path(boot));
        r = dir_create_parents(base, 0755);
        if (r < 0)
                return verdict_set(v, STATUS_FAIL, "mkdir %s on %s: %s", kdump_path(boot), boot->root_dev,
                                   strerror(-r));
        if (stat(SYSROOT, &root) < 0 || stat(base, &st) < 0 || st.st_dev != root.st_dev)
                return verdict_set(v, STATUS_FAIL, "%s leads off the dump target %s (a symlink?): "
                                   "nothing written", kdump_path(boot), boot->root_dev);
        /* Two crashes in one minute: the second gets <stamp>-2, never the first one's files. */
        for (int n = 1; n <= 9; n++) {
                snprintf(k->dir, sizeof(k->dir), n == 1 ? "%s/%s" : "%s/%s-%d", base, k->stamp, n);
                if (mkdir(k->dir, 0700) == 0)
                        return 0;
                if (errno != EEXIST)
                        break;
        }
        r = errno;
        k->dir[0] = '\0';
        return verdict_set(v, STATUS_FAIL, "mkdir %s/%s on %s: %s", kdump_path(boot), k->stamp,
                           boot->root_dev, strerror(r));
}

int kdump_mounts_check(struct boot *boot, struct verdict *v)
{
        char opts[512], why[300];
        int r;

        boot->kdump.dir[0] = '\0';
        if (!boot->root_fstype[0])
                return verdict_set(v, STATUS_SKIP, "no dump target filesystem");
        if (boot->root_mounted) {
                if (umount2(SYSROOT, 0) < 0 && errno != EINVAL)
                        return verdict_set(v, STATUS_FAIL, "cannot unmount the earlier %s: %s", SYSROOT,
                                           strerror(errno));
                boot->root_mounted = false;
        }
        if (device_read_only(boot->root_dev))
                return verdict_set(v, STATUS_FAIL, "dump target %s is a read-only device: nothing can be "
                                   "saved there", boot->root_dev);
        r = dir_create_parents(SYSROOT, 0755);
        if (r < 0)
                return verdict_set(v, STATUS_FAIL, "mkdir %s: %s", SYSROOT, strerror(-r));
        snprintf(opts, sizeof(opts), "%s%srw", boot->cmd.rootflags ? boot->cmd.rootflags : "",
                 boot->cmd.rootflags ? "," : "");
        r = mount_fs(boot->root_dev, SYSROOT, boot->root_fstype, opts, why, sizeof(why));
        if (r < 0) {
                verdict_explain(v, "mount -t %s -o %s %s %s: %s%s", boot->root_fstype, opts, boot->root_dev,
                                SYSROOT, strerror(-r), why);
                return verdict_set(v, STATUS_FAIL, "dump target %s (%s) cannot be mounted read-write: %s%s",
                                   boot->root_dev, boot->root_fstype, strerror(-r), why);
        }
        boot->root_mounted = true;
        mount_list_read(&boot->mounts);
        r = crash_dir_make(boot, v);
        if (r < 0 || v->status == STATUS_FAIL)
                return r;
        return verdict_set(v, STATUS_PASS, "dump target %s (%s) mounted rw on %s, saving to %s",
                           boot->root_dev, boot->root_fstype, SYSROOT, on_target(boot));
}

/* fsync a file, then the directory that names it: both or the file may be lost. */
static int file_sync(int fd, const char *dir)
{
        int dfd, r = 0;

        if (fsync(fd) < 0)
                return -errno;
        dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (dfd < 0)
                return -errno;
        if (fsync(dfd) < 0)
                r = -errno;
        close(dfd);
        return r;
}

struct dmesg_out {
        int fd;
        unsigned long long bytes;
        unsigned long lines;
        int error;              /* the write's errno, 0 if none */
        char last[160];         /* the line being read */
        size_t last_len;
        bool line_done;
        char panic[160];        /* the last "Kernel panic - ..." line, for the status line */
};

static void last_line_track(struct dmesg_out *o, const char *buf, size_t len)
{
        for (size_t i = 0; i < len; i++) {
                if (buf[i] == '\n') {
                        o->lines++;
                        o->line_done = true;
                        if (strstr(o->last, "Kernel panic - "))
                                snprintf(o->panic, sizeof(o->panic), "%s", o->last);
                        continue;
                }
                if (o->line_done) {
                        o->last_len = 0;
                        o->line_done = false;
                }
                if (o->last_len + 1 < sizeof(o->last))
                        o->last[o->last_len++] = buf[i];
                o->last[o->last_len] = '\0';
        }
}

static int dmesg_emit(void *ctx, const char *buf, size_t len)
{
        struct dmesg_out *o = ctx;
        size_t off = 0;

        while (off < len) {
                ssize_t n = write(o->fd, buf + off, len - off);

                if (n < 0 && errno == EINTR)
                        continue;
                if (n <= 0) {
                        o->error = n < 0 ? errno : EIO;
                        return -o->error;
                }
                off += (size_t)n;
        }
        o->bytes += len;
        last_line_track(o, buf, len);
        return 0;
}

/* "[   12.345678] text": the text alone. */
static const char *without_time(const char *line)
{
        const char *end = line[0] == '[' ? strstr(line, "] ") : NULL;

        return end ? end + 2 : line;
}

int kdump_dmesg_check(struct boot *boot, struct verdict *v)
{
        struct kdump *k = &boot->kdump;
        struct dmesg_out o = { .line_done = true };
        char path[PATH_MAX], why[256] = "", size[32];
        int in, r;

        if (!boot->root_mounted || !k->dir[0])
                return verdict_set(v, STATUS_SKIP, "no dump target mounted: the crashed kernel's log is "
                                   "not saved");
        snprintf(path, sizeof(path), "%s/dmesg.%s", k->dir, k->stamp);
        in = open(VMCORE, O_RDONLY | O_CLOEXEC);
        if (in < 0)
                return verdict_set(v, STATUS_FAIL, "vmcore unreadable: open %s: %s", VMCORE, strerror(errno));
        o.fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
        if (o.fd < 0) {
                r = errno;
                close(in);
                return verdict_set(v, STATUS_FAIL, "create %s/dmesg.%s: %s", on_target(boot), k->stamp,
                                   strerror(r));
        }
        r = vmcore_dmesg(in, dmesg_emit, &o, why, sizeof(why));
        close(in);
        if (r == 0)
                r = file_sync(o.fd, k->dir);
        close(o.fd);
        if (r < 0 && o.error)
                return verdict_set(v, STATUS_FAIL, "writing %s/dmesg.%s on %s: %s", on_target(boot),
                                   k->stamp, boot->root_dev, strerror(o.error));
        if (r < 0) {
                if (o.bytes == 0)
                        unlink(path);
                verdict_explain(v, "%s: %s", VMCORE, why[0] ? why : strerror(-r));
                verdict_explain(v, "The dump step still runs: crash(8) can read the log from the dump.");
                return verdict_set(v, STATUS_FAIL, "the crashed kernel's log cannot be read from %s: %s",
                                   VMCORE, why[0] ? why : strerror(-r));
        }
        return verdict_set(v, STATUS_PASS, "the crashed kernel's log, %lu lines (%s), in %s/dmesg.%s%s%s",
                           o.lines, size_human(o.bytes, size, sizeof(size)), on_target(boot), k->stamp,
                           o.panic[0] ? ": " : "", without_time(o.panic));
}

struct progress {
        long t0, last_ms;
        int last_tenth;
};

/* A line at each tenth, at most one every PROGRESS_MIN_MS: ten lines at most, whatever the size. */
static void progress_show(void *ctx, const struct sparse_copy *c)
{
        struct progress *p = ctx;
        int tenth = c->size ? (int)(c->done * 10 / c->size) : 10;
        long now = now_ms();

        if (tenth <= p->last_tenth || (tenth < 10 && now - p->last_ms < PROGRESS_MIN_MS))
                return;
        p->last_tenth = tenth;
        p->last_ms = now;
        log_info("kdump dump progress=%d%% read_mib=%llu of_mib=%llu ms=%ld", tenth * 10, c->done >> 20,
                 c->size >> 20, now - p->t0);
}

static int dump_failed(struct boot *boot, struct verdict *v, const char *tmp, const struct sparse_copy *c,
                       int err)
{
        struct kdump *k = &boot->kdump;

        if (err == ENOSPC) {
                /* The target is often the root: a full root would break the next boot. */
                unlink(tmp);
                verdict_explain(v, "%llu of %llu MiB of %s read when the target filled up.", c->done >> 20,
                                c->size >> 20, VMCORE);
                return verdict_set(v, STATUS_FAIL, "dump target %s is full (%s) after %llu MiB of %llu: "
                                   "removed dump.%s-incomplete so it is not left full; %s/dmesg.%s is kept",
                                   boot->root_dev, strerror(err), c->done >> 20, c->size >> 20, k->stamp,
                                   on_target(boot), k->stamp);
        }
        return verdict_set(v, STATUS_FAIL, "writing %s/dump.%s-incomplete on %s: %s after %llu MiB of %llu; "
                           "the part written stays under that name", on_target(boot), k->stamp,
                           boot->root_dev, strerror(err), c->done >> 20, c->size >> 20);
}

int kdump_dump_check(struct boot *boot, struct verdict *v)
{
        struct kdump *k = &boot->kdump;
        struct progress p = { .t0 = now_ms(), .last_ms = now_ms() };
        struct sparse_copy c = { .progress = progress_show, .ctx = &p };
        char tmp[PATH_MAX], final[PATH_MAX], ondisk[32];
        struct stat st;
        int in, out, r;

        if (!boot->root_mounted || !k->dir[0])
                return verdict_set(v, STATUS_SKIP, "no dump target mounted: the dump is not saved");
        in = open(VMCORE, O_RDONLY | O_CLOEXEC);
        if (in < 0 || fstat(in, &st) < 0) {
                r = errno;
                if (in >= 0)
                        close(in);
                return verdict_set(v, STATUS_FAIL, "vmcore unreadable: %s: %s", VMCORE, strerror(r));
        }
        c.size = (unsigned long long)st.st_size;
        snprintf(tmp, sizeof(tmp), "%s/dump.%s-incomplete", k->dir, k->stamp);
        snprintf(final, sizeof(final), "%s/dump.%s", k->dir, k->stamp);
        out = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
        if (out < 0) {
                r = errno;
                close(in);
                return verdict_set(v, STATUS_FAIL, "create %s/dump.%s-incomplete on %s: %s", on_target(boot),
                                   k->stamp, boot->root_dev, strerror(r));
        }
        r = sparse_copy(in, out, &c);
        close(in);
        if (r == 0)
                r = file_sync(out, k->dir);
        if (r == 0 && fstat(out, &st) < 0)
                r = -errno;
        close(out);
        if (r < 0)
                return dump_failed(boot, v, tmp, &c, -r);
        if (rename(tmp, final) < 0)
                return verdict_set(v, STATUS_FAIL, "rename dump.%s-incomplete to dump.%s: %s", k->stamp,
                                   k->stamp, strerror(errno));
        r = open(k->dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (r < 0 || fsync(r) < 0)
                verdict_explain(v, "fsync %s after the rename: %s", on_target(boot), strerror(errno));
        if (r >= 0)
                close(r);
        size_human((unsigned long long)st.st_blocks * 512, ondisk, sizeof(ondisk));
        if (c.unreadable)
                return verdict_set(v, STATUS_WARN, "%s size=%llu in %s/dump.%s (%s on disk), but %llu KiB "
                                   "could not be read (%s) and are zeros", VMCORE, c.size, on_target(boot),
                                   k->stamp, ondisk, c.unreadable >> 10, strerror(c.read_error));
        return verdict_set(v, STATUS_PASS, "%s size=%llu in %s/dump.%s (%s on disk, zero pages skipped)",
                           VMCORE, c.size, on_target(boot), k->stamp, ondisk);
}

static void target_unmount(struct boot *boot)
{
        if (!boot->root_mounted)
                return;
        sync();
        if (umount2(SYSROOT, 0) == 0)
                boot->root_mounted = false;
}

int kdump_finish(struct boot *boot)
{
        enum onfail final = boot->cmd.kdump_final;
        int next;

        log_info("kdump final=%s saved=%s", onfail_name(final),
                 boot->kdump.dir[0] ? on_target(boot) : "nothing");
        if (final != ONFAIL_SHELL) {
                target_unmount(boot);
                engine_action_final(final);
        }
        /* The target stays mounted on /sysroot for whoever is at the prompt. */
        next = engine_rescue(boot, CHECKPOINT_COUNT - 1, false);
        if (next >= CHECKPOINT_COUNT) {
                target_unmount(boot);
                engine_action_final(ONFAIL_REBOOT);
        }
        return next;
}
