/* SPDX-License-Identifier: MIT */
/*
 * The boot report: what the boot learned, as one JSON object, for tools and
 * for people after the fact (schema "rdcheck-report/1", pinned by
 * test/unit/test_report.c).  Keys, in order:
 *
 *   schema       "rdcheck-report/1"
 *   kernel       {release}
 *   cmdline      the words rdcheck acted on: root (as written), rootfstype,
 *                rootflags, rw, rootwait, rootdelay, init, modules_load,
 *                driver_pre, blacklist, consoles, pause (checkpoint names),
 *                onfail, timeout, errors (the messages about bad words)
 *   checkpoints  seven {name, ran, status, ms, detail, diagnosis[]}, in boot
 *                order; status, ms and detail are null for one that has not run
 *   modules      {loaded, failed ("name: reason"), blacklisted}
 *   root         {device, fstype, mounted, init}
 *   memory       {peak_rss_kib}: getrusage() ru_maxrss of PID 1 so far
 *   previous_boot  null when pstore held nothing; else {ended, records,
 *                detail, trail (null, or {checkpoint, step, object}: the
 *                last rdcheck step the crashed kernel logged), saved_dir,
 *                archived_dir}
 *   crash_readiness  {pstore_backend, crashkernel_bytes,
 *                capture_kernel_loaded}: what would catch the next crash
 *   timing       {init_start_ms, switch_root_ms}: CLOCK_BOOTTIME (ms since
 *                the kernel started) when rdcheck started and when it
 *                exec'd the real init; null when not known or not yet
 *
 * A string the boot has not learned is null, never "".  Nothing from
 * rd.env.* is written: the values may be secrets, and /run is readable.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "report.h"
#include "util.h"

static const char *or_null(const char *s)
{
        return s && *s ? s : NULL;
}

static void render_strv(struct json *j, const char *name, const struct strv *v)
{
        json_key(j, name);
        json_array_begin(j);
        for (size_t i = 0; i < v->n; i++)
                json_string(j, v->items[i]);
        json_array_end(j);
}

static void render_blockdevs(struct json *j, const struct blockdev_list *l)
{
        json_key(j, "block_devices");
        json_array_begin(j);
        for (size_t i = 0; i < l->n; i++) {
                const struct blockdev *b = &l->items[i];
                const struct probe_result *t = &b->tags;

                json_object_begin(j);
                json_kv_string(j, "name", b->name);
                json_kv_int(j, "bytes", (long long)b->bytes);
                json_kv_string(j, "driver", or_null(b->driver));
                json_kv_string(j, "model", or_null(b->model));
                json_kv_string(j, "type", or_null(t->type));
                json_kv_string(j, "usage", or_null(t->usage));
                json_kv_string(j, "uuid", or_null(t->uuid));
                json_kv_string(j, "label", or_null(t->label));
                json_kv_string(j, "partuuid", or_null(t->partuuid));
                json_kv_string(j, "partlabel", or_null(t->partlabel));
                json_kv_string(j, "pttype", or_null(t->pttype));
                json_object_end(j);
        }
        json_array_end(j);
}

static void render_mounts(struct json *j, const struct mount_list *l)
{
        json_key(j, "mounts");
        json_array_begin(j);
        for (size_t i = 0; i < l->n; i++) {
                const struct mountent *m = &l->items[i];

                json_object_begin(j);
                json_kv_string(j, "source", m->source);
                json_kv_string(j, "target", m->target);
                json_kv_string(j, "fstype", m->fstype);
                json_kv_string(j, "options", m->options);
                json_object_end(j);
        }
        json_array_end(j);
}

static void render_cmdline(struct json *j, const struct cmdline *c)
{
        char root[CMDLINE_MAX_VALUE + 64];

        json_key(j, "cmdline");
        json_object_begin(j);
        json_kv_string(j, "root", c->root.kind == ROOT_NONE ? NULL :
                       root_spec_format(&c->root, root, sizeof(root)));
        json_kv_string(j, "rootfstype", c->rootfstype);
        json_kv_string(j, "rootflags", c->rootflags);
        json_kv_bool(j, "rw", c->rw);
        json_kv_bool(j, "rootwait", c->rootwait);
        json_kv_int(j, "rootdelay", c->rootdelay);
        json_kv_string(j, "init", c->init);
        render_strv(j, "modules_load", &c->modules_load);
        render_strv(j, "driver_pre", &c->driver_pre);
        render_strv(j, "blacklist", &c->blacklist);
        render_strv(j, "consoles", &c->consoles);

        json_key(j, "pause");
        json_array_begin(j);
        for (int i = 0; i < CHECKPOINT_COUNT; i++)
                if (c->pause & (1u << i))
                        json_string(j, checkpoint_names[i]);
        json_array_end(j);

        json_kv_string(j, "onfail", onfail_name(c->onfail));
        json_kv_int(j, "timeout", c->timeout);

        json_key(j, "errors");
        json_array_begin(j);
        for (size_t i = 0; i < c->n_errors && i < CMDLINE_MAX_ERRORS; i++)
                json_string(j, c->errors[i]);
        json_array_end(j);
        json_object_end(j);
}

/*
 * The diagnosis is lines ending in '\n' (verdict_explain()): one string each,
 * empty ones left out.  @v NULL: an empty list.
 */
static void render_diagnosis(struct json *j, const struct verdict *v)
{
        char line[sizeof(v->diagnosis) + 1];
        const char *text = v ? v->diagnosis : "";
        size_t len = strnlen(text, sizeof(v->diagnosis));

        json_key(j, "diagnosis");
        json_array_begin(j);
        while (len > 0) {
                const char *nl = memchr(text, '\n', len);
                size_t n = nl ? (size_t)(nl - text) : len;

                if (n > 0) {
                        memcpy(line, text, n);
                        line[n] = '\0';
                        json_string(j, line);
                }
                if (!nl)
                        break;
                text += n + 1;
                len -= n + 1;
        }
        json_array_end(j);
}

static void render_checkpoint(struct json *j, const struct boot *boot, int i)
{
        const struct verdict *v = &boot->verdicts[i];
        bool ran = boot->ran[i];

        json_object_begin(j);
        json_kv_string(j, "name", checkpoint_name(i, boot->kdump.active));
        json_kv_bool(j, "ran", ran);
        /* A verdict that has not run is zeroes, which would read as "pass". */
        if (ran) {
                json_kv_string(j, "status", status_name(v->status));
                json_kv_int(j, "ms", v->ms);
                json_kv_string(j, "detail", v->detail);
                render_diagnosis(j, v);
        } else {
                json_key(j, "status");
                json_null(j);
                json_key(j, "ms");
                json_null(j);
                json_key(j, "detail");
                json_null(j);
                render_diagnosis(j, NULL);
        }
        json_object_end(j);
}

static void render_memory(struct json *j)
{
        struct rusage ru;

        json_key(j, "memory");
        json_object_begin(j);
        json_key(j, "peak_rss_kib");
        /* Linux counts ru_maxrss in KiB. */
        if (getrusage(RUSAGE_SELF, &ru) == 0)
                json_int(j, ru.ru_maxrss);
        else
                json_null(j);
        json_object_end(j);
}

static void render_previous_boot(struct json *j, const struct previous_boot *pb)
{
        json_key(j, "previous_boot");
        if (!pb->found) {
                json_null(j);
                return;
        }
        json_object_begin(j);
        json_kv_string(j, "ended", or_null(pb->ended));
        json_kv_int(j, "records", pb->records);
        json_kv_string(j, "detail", or_null(pb->detail));
        json_key(j, "trail");
        if (pb->trail_step[0]) {
                json_object_begin(j);
                json_kv_string(j, "checkpoint", pb->trail_checkpoint);
                json_kv_string(j, "step", pb->trail_step);
                json_kv_string(j, "object", pb->trail_object);
                json_object_end(j);
        } else {
                json_null(j);
        }
        json_kv_string(j, "saved_dir", or_null(pb->saved_dir));
        json_kv_string(j, "archived_dir", or_null(pb->archived_dir));
        json_object_end(j);
}

static void render_readiness(struct json *j, const struct crash_readiness *r)
{
        json_key(j, "crash_readiness");
        json_object_begin(j);
        json_kv_string(j, "pstore_backend", or_null(r->pstore_backend));
        json_key(j, "crashkernel_bytes");
        if (r->crash_bytes >= 0)
                json_int(j, r->crash_bytes);
        else
                json_null(j);
        json_key(j, "capture_kernel_loaded");
        if (r->capture_loaded >= 0)
                json_bool(j, r->capture_loaded > 0);
        else
                json_null(j);
        json_object_end(j);
}

static void render_ms_or_null(struct json *j, const char *name, long ms)
{
        json_key(j, name);
        if (ms > 0)
                json_int(j, ms);
        else
                json_null(j);
}

static void render_timing(struct json *j, const struct boot *boot)
{
        json_key(j, "timing");
        json_object_begin(j);
        render_ms_or_null(j, "init_start_ms", boot->start_ms);
        render_ms_or_null(j, "switch_root_ms", boot->switch_root_ms);
        json_object_end(j);
}

int report_render(const struct boot *boot, struct json *j)
{
        json_object_begin(j);
        json_kv_string(j, "schema", REPORT_SCHEMA);

        json_key(j, "kernel");
        json_object_begin(j);
        json_kv_string(j, "release", or_null(boot->kver));
        json_object_end(j);

        render_cmdline(j, &boot->cmd);

        json_key(j, "checkpoints");
        json_array_begin(j);
        for (int i = 0; i < CHECKPOINT_COUNT; i++)
                render_checkpoint(j, boot, i);
        json_array_end(j);

        json_key(j, "modules");
        json_object_begin(j);
        render_strv(j, "loaded", &boot->modlog.loaded);
        render_strv(j, "failed", &boot->modlog.failed);
        render_strv(j, "blacklisted", &boot->modlog.blacklisted);
        json_object_end(j);

        json_key(j, "devices");
        json_object_begin(j);
        render_strv(j, "unserved_storage", &boot->unserved_storage);
        render_strv(j, "unserved_other", &boot->unserved_other);
        json_object_end(j);

        render_blockdevs(j, &boot->blockdevs);
        render_mounts(j, &boot->mounts);
        render_strv(j, "prompt", &boot->prompt_log);

        json_key(j, "root");
        json_object_begin(j);
        json_kv_string(j, "device", or_null(boot->root_dev));
        json_kv_string(j, "fstype", or_null(boot->root_fstype));
        json_kv_bool(j, "mounted", boot->root_mounted);
        json_kv_string(j, "init", or_null(boot->init_path));
        json_object_end(j);

        render_memory(j);
        render_previous_boot(j, &boot->previous);
        render_readiness(j, &boot->previous.ready);
        render_timing(j, boot);
        json_object_end(j);
        return json_finish(j);
}

static int parent_create(const char *path)
{
        char dir[PATH_MAX];
        char *slash;

        if (strlen(path) >= sizeof(dir))
                return -ENAMETOOLONG;
        strcpy(dir, path);
        slash = strrchr(dir, '/');
        if (!slash || slash == dir)
                return 0;
        *slash = '\0';
        if (mkdir(dir, 0755) < 0 && errno != EEXIST)
                return -errno;
        return 0;
}

/* @text and a newline, as a text file ends. */
static int file_write(const char *path, const char *text, size_t len)
{
        int fd, r;

        fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0644);
        if (fd < 0)
                return -errno;
        r = write_all(fd, text, len);
        if (r == 0)
                r = write_all(fd, "\n", 1);
        /* On a disk rather than /run's tmpfs, the rename must not land before the data. */
        if (r == 0 && fsync(fd) < 0 && errno != EINVAL)
                r = -errno;
        if (close(fd) < 0 && r == 0)
                r = -errno;
        return r;
}

int report_write(const struct boot *boot, const char *path)
{
        char tmp[PATH_MAX];
        struct json j;
        int r;

        if (snprintf(tmp, sizeof(tmp), "%s.tmp", path) >= (int)sizeof(tmp))
                return -ENAMETOOLONG;
        r = parent_create(path);
        if (r < 0)
                return r;

        json_init(&j, JSON_INDENT);
        r = report_render(boot, &j);
        if (r == 0)
                r = file_write(tmp, j.buf, j.len);
        json_free(&j);
        if (r == 0 && rename(tmp, path) < 0)
                r = -errno;
        if (r < 0)
                unlink(tmp);
        return r;
}
