/* SPDX-License-Identifier: MIT */
/*
 * One target's boot: its image built (rdcheck-mkimage) unless given, QEMU
 * run with the console piped through us and a time bound on the whole and
 * on silence, and the verdict read from QEMU's exit status, which PID 1
 * chose through the isa-debug-exit device.  Everything is kept in the
 * target's own directory under --log-dir.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <regex.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "smoke.h"
#include "verdict_line.h"

#define DEFAULT_TIMEOUT_S 60    /* under KVM; TCG multiplies (struct smoke_machine) */
#define DEFAULT_SILENCE_S 30
#define LOG_READ_MAX (64u << 20)
#define EXIT_EXEC_FAILED 127

static long now_ms(void)
{
        struct timespec ts;

        clock_gettime(CLOCK_MONOTONIC, &ts);
        return ts.tv_sec * 1000L + ts.tv_nsec / 1000000;
}

static void say(struct smoke_result *r, enum smoke_verdict v, const char *fmt, ...)
        __attribute__((format(printf, 3, 4)));
static void say(struct smoke_result *r, enum smoke_verdict v, const char *fmt, ...)
{
        va_list ap;

        r->verdict = v;
        va_start(ap, fmt);
        vsnprintf(r->reason, sizeof(r->reason), fmt, ap);
        va_end(ap);
}

/* The last non-empty line of a small file (QEMU's or mkimage's complaint), or "". */
static void last_line_of(const char *path, char *buf, size_t size)
{
        char line[512];
        FILE *f = fopen(path, "re");

        buf[0] = '\0';
        if (!f)
                return;
        while (fgets(line, sizeof(line), f)) {
                line[strcspn(line, "\r\n")] = '\0';
                if (line[0])
                        snprintf(buf, size, "%s", line);
        }
        fclose(f);
}

static char *file_read(const char *path, size_t *len)
{
        char *buf = NULL;
        struct stat st;
        ssize_t n;
        int fd = open(path, O_RDONLY | O_CLOEXEC);

        *len = 0;
        if (fd < 0)
                return NULL;
        if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) {
                size_t want = (size_t)st.st_size < LOG_READ_MAX ? (size_t)st.st_size : LOG_READ_MAX;

                /* A flood is read from its end: the last words matter most. */
                if ((size_t)st.st_size > want)
                        lseek(fd, st.st_size - (off_t)want, SEEK_SET);
                buf = malloc(want + 1);
                if (buf) {
                        n = read(fd, buf, want);
                        *len = n > 0 ? (size_t)n : 0;
                        buf[*len] = '\0';
                }
        }
        close(fd);
        return buf;
}

/* A word as a POSIX shell reads it back. */
static int shell_quote_append(char **out, const char *word)
{
        size_t len = *out ? strlen(*out) : 0, need = len + 4 * strlen(word) + 4;
        bool plain = *word != '\0';
        char *s = realloc(*out, need), *p;

        if (!s)
                return -ENOMEM;
        *out = s;
        for (const char *c = word; *c; c++)
                if (!strchr("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789@%_+=:,./-", *c))
                        plain = false;
        p = s + len;
        if (len)
                *p++ = ' ';
        if (plain) {
                strcpy(p, word);
                return 0;
        }
        *p++ = '\'';
        for (const char *c = word; *c; c++) {
                if (*c == '\'') {
                        memcpy(p, "'\\''", 4);
                        p += 4;
                } else {
                        *p++ = *c;
                }
        }
        *p++ = '\'';
        *p = '\0';
        return 0;
}

static int quote_all(char **out, char *const *words, size_t n)
{
        for (size_t i = 0; i < n; i++)
                if (shell_quote_append(out, words[i]) < 0)
                        return -ENOMEM;
        return 0;
}

static void push_number(struct strv *w, const char *flag, int n)
{
        char buf[32];

        snprintf(buf, sizeof(buf), "%d", n);
        strlist_push(w, flag);
        strlist_push(w, buf);
}

static void push_flag(struct strv *w, const char *flag, const char *value)
{
        if (!value)
                return;
        strlist_push(w, flag);
        strlist_push(w, value);
}

/* The flags that boot this one target again, as it was given: an image, or how to build it. */
static void reproducer_build(const struct smoke_target *t, const struct smoke_options *o, struct smoke_result *r)
{
        struct strv w = { 0 };

        strlist_push(&w, o->self);
        push_flag(&w, "--kernel", t->kernel);
        push_flag(&w, "--image", t->image);
        if (!t->image) {
                push_flag(&w, "--moddir", t->moddir);
                push_flag(&w, "--kver", t->kver);
                push_flag(&w, "--mkimage", o->mkimage);
                for (size_t i = 0; i < t->mkimage_args.n; i++)
                        push_flag(&w, "--mkimage-arg", t->mkimage_args.items[i]);
        }
        for (size_t i = 0; i < t->n_disks; i++) {
                const struct smoke_disk *d = &t->disks[i];
                char *spec;

                if (asprintf(&spec, "%s,bus=%s%s%s%s", d->file, smoke_bus_name(d->bus),
                             strcmp(d->format, "raw") ? ",format=" : "", strcmp(d->format, "raw") ? d->format : "",
                             d->writable ? ",writable" : "") >= 0) {
                        push_flag(&w, "--disk", spec);
                        free(spec);
                }
        }
        push_number(&w, "--memory", t->memory_mb);
        push_number(&w, "--cpus", t->cpus);
        push_flag(&w, "--machine", t->machine);
        push_flag(&w, "--arch", t->arch);
        push_flag(&w, "--qemu", o->qemu);
        if (t->timeout_s)
                push_number(&w, "--timeout", t->timeout_s);
        if (t->silence_s)
                push_number(&w, "--silence", t->silence_s);
        for (size_t i = 0; i < t->n_expects; i++) {
                char *spec;

                if (asprintf(&spec, "%s=%s%s%s", checkpoint_names[t->expects[i].checkpoint], t->expects[i].status,
                             t->expects[i].detail[0] ? ":" : "", t->expects[i].detail) < 0)
                        continue;
                push_flag(&w, "--expect", spec);
                free(spec);
        }
        if (t->words.n)
                strlist_push(&w, "--");
        for (size_t i = 0; i < t->words.n; i++)
                strlist_push(&w, t->words.items[i]);
        quote_all(&r->reproducer, w.items, w.n);
        strlist_free(&w);
}

/* Run @argv with stdout and stderr into @log; returns its exit status or -errno. */
static int run_logged(char *const *argv, const char *log)
{
        int status, fd = open(log, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
        pid_t pid;

        if (fd < 0)
                return -errno;
        pid = fork();
        if (pid < 0) {
                close(fd);
                return -errno;
        }
        if (pid == 0) {
                dup2(fd, 1);
                dup2(fd, 2);
                execvp(argv[0], argv);
                fprintf(stderr, "%s: %s\n", argv[0], strerror(errno));
                _exit(EXIT_EXEC_FAILED);
        }
        close(fd);
        while (waitpid(pid, &status, 0) < 0)
                if (errno != EINTR)
                        return -errno;
        return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

/* Whether rdcheck-mkimage's arguments choose the modules; if not, --all-storage does. */
static bool selects_modules(const struct strv *args)
{
        static const char *const flags[] = { "--module", "--host-only", "--no-host-only", "--all-storage" };

        for (size_t i = 0; i < args->n; i++)
                for (size_t k = 0; k < sizeof(flags) / sizeof(flags[0]); k++)
                        if (strncmp(args->items[i], flags[k], strlen(flags[k])) == 0 &&
                            (args->items[i][strlen(flags[k])] == '\0' || args->items[i][strlen(flags[k])] == '='))
                                return true;
        return false;
}

static int image_build(const struct smoke_target *t, const struct smoke_options *o, const char *dir,
                       struct smoke_result *r)
{
        char kver[128], log[4096], last[512];
        struct strv argv = { 0 };
        int status;

        if (t->kver) {
                snprintf(kver, sizeof(kver), "%s", t->kver);
        } else {
                int e = smoke_kernel_release(t->kernel, kver, sizeof(kver));

                if (e < 0) {
                        say(r, SMOKE_NO_QEMU, "%s: cannot read its release (%s); give --kver", t->kernel,
                            e == -ENOEXEC ? "not an x86 bzImage" : strerror(-e));
                        return -EINVAL;
                }
        }
        snprintf(r->image, sizeof(r->image), "%s/image.cpio", dir);
        snprintf(log, sizeof(log), "%s/mkimage.log", dir);
        strlist_push(&argv, o->mkimage);
        strlist_push(&argv, "--kver");
        strlist_push(&argv, kver);
        strlist_push(&argv, "--moddir");
        strlist_push(&argv, t->moddir);
        strlist_push(&argv, "-o");
        strlist_push(&argv, r->image);
        if (!selects_modules(&t->mkimage_args))
                strlist_push(&argv, "--all-storage");
        for (size_t i = 0; i < t->mkimage_args.n; i++)
                strlist_push(&argv, t->mkimage_args.items[i]);
        status = run_logged(argv.items, log);
        strlist_free(&argv);
        if (status == 0)
                return 0;
        last_line_of(log, last, sizeof(last));
        say(r, SMOKE_NO_QEMU, "%s failed (exit %d): %s (log: %s)", o->mkimage, status, last, log);
        return -EINVAL;
}

/* Every file the boot needs, before QEMU is asked (its complaint would be less clear). */
static int inputs_check(const struct smoke_target *t, struct smoke_result *r)
{
        if (!t->kernel) {
                say(r, SMOKE_NO_QEMU, "no kernel: give --kernel FILE");
                return -EINVAL;
        }
        if (access(t->kernel, R_OK) < 0) {
                say(r, SMOKE_NO_QEMU, "kernel %s: %s", t->kernel, strerror(errno));
                return -EINVAL;
        }
        if (t->image && access(t->image, R_OK) < 0) {
                say(r, SMOKE_NO_QEMU, "image %s: %s", t->image, strerror(errno));
                return -EINVAL;
        }
        if (!t->image && !t->moddir) {
                say(r, SMOKE_NO_QEMU, "no image: give --image FILE, or --moddir DIR to build one");
                return -EINVAL;
        }
        if (!t->image && access(t->moddir, R_OK | X_OK) < 0) {
                say(r, SMOKE_NO_QEMU, "module tree %s: %s", t->moddir, strerror(errno));
                return -EINVAL;
        }
        for (size_t i = 0; i < t->n_disks; i++)
                if (access(t->disks[i].file, t->disks[i].writable ? R_OK | W_OK : R_OK) < 0) {
                        say(r, SMOKE_NO_QEMU, "disk %s: %s", t->disks[i].file, strerror(errno));
                        return -EINVAL;
                }
        return 0;
}

struct qemu_run {
        pid_t pid;
        int status;
        bool timed_out, silent;
};

/* QEMU's console into @console_log until it exits or a bound is passed. */
static int qemu_watch(char *const *argv, const char *console_log, const char *qemu_log,
                      int timeout_s, int silence_s, struct qemu_run *q)
{
        int out[2], in[2], logfd, errfd;
        long start = now_ms(), last = start;
        bool eof = false;

        memset(q, 0, sizeof(*q));
        logfd = open(console_log, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
        if (logfd < 0)
                return -errno;
        errfd = open(qemu_log, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
        if (errfd < 0 || pipe2(out, O_CLOEXEC) < 0 || pipe2(in, O_CLOEXEC) < 0) {
                int e = -errno;

                close(logfd);
                if (errfd >= 0)
                        close(errfd);
                return e;
        }
        q->pid = fork();
        if (q->pid == 0) {
                /* stdin: a pipe nobody writes to, so that QEMU's serial input stays quiet, not at EOF. */
                dup2(in[0], 0);
                dup2(out[1], 1);
                dup2(errfd, 2);
                setpgid(0, 0);
                execvp(argv[0], argv);
                fprintf(stderr, "%s: %s\n", argv[0], strerror(errno));
                _exit(EXIT_EXEC_FAILED);
        }
        close(out[1]);
        close(in[0]);
        close(errfd);
        while (q->pid > 0 && !eof) {
                struct pollfd p = { .fd = out[0], .events = POLLIN };
                long now = now_ms();
                char buf[4096];
                ssize_t n;

                if (now - start >= timeout_s * 1000L || now - last >= silence_s * 1000L) {
                        q->timed_out = true;
                        q->silent = now - start < timeout_s * 1000L;
                        kill(q->pid, SIGKILL);
                        break;
                }
                if (poll(&p, 1, 200) <= 0)
                        continue;
                n = read(out[0], buf, sizeof(buf));
                if (n > 0) {
                        if (write(logfd, buf, (size_t)n) != n)
                                break;
                        last = now_ms();
                } else if (n == 0 || errno != EINTR) {
                        eof = true;
                }
        }
        close(out[0]);
        close(in[1]);
        close(logfd);
        if (q->pid < 0)
                return -errno;
        /* The console closes as QEMU exits; a QEMU that lingers after closing it is ended. */
        for (int i = 0; i < 100; i++) {
                if (waitpid(q->pid, &q->status, WNOHANG) == q->pid)
                        return 0;
                usleep(50000);
        }
        kill(q->pid, SIGKILL);
        waitpid(q->pid, &q->status, 0);
        return 0;
}

static void argv_write(const char *path, const struct strv *argv)
{
        char *line = NULL;
        FILE *f;

        if (quote_all(&line, argv->items, argv->n) < 0)
                return;
        f = fopen(path, "we");
        if (f) {
                fprintf(f, "%s\n", line);
                fclose(f);
        }
        free(line);
}

static const char *status_or_none(const struct smoke_checkpoint *cp)
{
        return cp->seen ? cp->status : "none";
}

bool smoke_detail_matches(const struct smoke_expect *e, const struct smoke_checkpoint *cp)
{
        regex_t re;
        bool ok;

        if (!e->detail[0])
                return true;
        if (!cp->seen || regcomp(&re, e->detail, REG_EXTENDED | REG_NOSUB) != 0)
                return false;
        ok = regexec(&re, cp->detail, 0, NULL, 0) == 0;
        regfree(&re);
        return ok;
}

/* --expect: every expectation met, and the boot reached the real init or stopped where one said it would. */
static void expectations_apply(const struct smoke_target *t, struct smoke_result *r)
{
        char unmet[1024] = "", met[256] = "";
        bool stop_expected = r->failed_checkpoint < 0;

        if (t->n_expects == 0 || (r->verdict != SMOKE_PASSED && r->verdict != SMOKE_FAILED))
                return;
        for (size_t i = 0; i < t->n_expects; i++) {
                const struct smoke_expect *e = &t->expects[i];
                const char *was = status_or_none(&r->ev.cp[e->checkpoint]);
                const char *name = checkpoint_names[e->checkpoint];

                if (strcmp(was, e->status) == 0 && !smoke_detail_matches(e, &r->ev.cp[e->checkpoint])) {
                        size_t len = strlen(unmet);

                        snprintf(unmet + len, sizeof(unmet) - len, "%s%s detail \"%s\" does not match \"%s\"",
                                 len ? "; " : "", name, r->ev.cp[e->checkpoint].detail, e->detail);
                } else if (strcmp(was, e->status) == 0) {
                        size_t len = strlen(met);

                        snprintf(met + len, sizeof(met) - len, "%s%s=%s", len ? ", " : "", name, was);
                        if (e->checkpoint == r->failed_checkpoint)
                                stop_expected = true;
                } else {
                        size_t len = strlen(unmet);

                        snprintf(unmet + len, sizeof(unmet) - len, "%s%s=%s expected, was %s",
                                 len ? "; " : "", name, e->status, was);
                }
        }
        if (unmet[0])
                say(r, SMOKE_FAILED, "%s", unmet);
        else if (!stop_expected)
                say(r, SMOKE_FAILED, "%s (no --expect names %s=fail)", r->reason,
                    checkpoint_names[r->failed_checkpoint]);
        else
                say(r, SMOKE_PASSED, "as expected: %s", met);
}

static void verdict_read(const struct qemu_run *q, struct smoke_result *r)
{
        const struct smoke_evidence *ev = &r->ev;
        char last[512];
        bool pass;
        int code, i;

        if (q->timed_out) {
                const char *said = ev->last_line[0] ? ev->last_line : "(none)";

                if (q->silent)
                        say(r, SMOKE_TIMEOUT, "no output for %d s; the console's last line: \"%s\"",
                            r->silence_s, said);
                else
                        say(r, SMOKE_TIMEOUT, "still running after %d s; the console's last line: \"%s\"",
                            r->timeout_s, said);
                return;
        }
        last_line_of(r->qemu_log, last, sizeof(last));
        if (!WIFEXITED(q->status)) {
                say(r, SMOKE_NO_QEMU, "QEMU was killed by signal %d%s%s", WTERMSIG(q->status),
                    last[0] ? ": " : "", last);
                return;
        }
        code = WEXITSTATUS(q->status);
        /* PID 1's byte on isa-debug-exit, which QEMU made its status (init/verdict/verdict_line.h). */
        if (verdict_from_exit_status(code, &pass, &i) == 0 && pass) {
                say(r, SMOKE_PASSED, "reached the real init%s%s", ev->cp[CHECKPOINT_COUNT - 1].seen ? ": " : "",
                    ev->cp[CHECKPOINT_COUNT - 1].detail);
        } else if (verdict_from_exit_status(code, &pass, &i) == 0) {
                r->failed_checkpoint = i;
                say(r, SMOKE_FAILED, "checkpoint %s failed: %s", checkpoint_names[i],
                    ev->cp[i].seen ? ev->cp[i].detail : "(its status line did not arrive)");
        } else if (code == 0) {
                /* -no-reboot and panic=-1: QEMU ends cleanly when the guest resets or powers off. */
                if (ev->panic[0])
                        say(r, SMOKE_PANIC, "%s", ev->panic);
                else
                        say(r, SMOKE_PANIC, "the guest reset or powered off without a verdict, and no panic line "
                            "on the console; its last line: \"%s\"", ev->last_line);
        } else {
                say(r, SMOKE_NO_QEMU, "QEMU exited with status %d%s%s", code, last[0] ? ": " : "", last);
        }
}

/*
 * Everything before QEMU starts, shared by the judged boot and the
 * interactive one: the machine, the target's directory, the inputs, the
 * image, QEMU's command line.  A problem is said in @r (SMOKE_NO_QEMU).
 */
static int boot_prepare(const struct smoke_target *t, const struct smoke_options *o, bool interactive,
                        const struct smoke_machine **m, bool *kvm, struct smoke_result *r, struct strv *argv)
{
        char dir[4096], why[512];
        int e;

        *m = smoke_machine_find(t->arch);
        if (!*m) {
                say(r, SMOKE_NO_QEMU, "architecture %s: %s has no machine for it (x86_64)",
                    t->arch ? t->arch : "of this host", PROG);
                return -EINVAL;
        }
        *kvm = smoke_kvm_usable(*m);
        snprintf(dir, sizeof(dir), "%s/%s", o->log_dir, t->name);
        if (mkdir(dir, 0755) < 0 && errno != EEXIST) {
                say(r, SMOKE_NO_QEMU, "%s: %s", dir, strerror(errno));
                return -EIO;
        }
        if (inputs_check(t, r) < 0)
                return -EINVAL;
        if (t->image)
                snprintf(r->image, sizeof(r->image), "%s", t->image);
        else if (image_build(t, o, dir, r) < 0)
                return -EINVAL;
        e = smoke_qemu_argv(t, *m, *kvm, r->image, r->verdict_log, interactive, argv, why, sizeof(why));
        if (e < 0) {
                say(r, SMOKE_NO_QEMU, "%s", e == -EINVAL ? why : strerror(-e));
                strlist_free(argv);
                return e;
        }
        if (o->qemu) {
                free(argv->items[0]);
                argv->items[0] = strdup(o->qemu);
        }
        return 0;
}

void smoke_run(const struct smoke_target *t, const struct smoke_options *o, struct smoke_result *r)
{
        const struct smoke_machine *m;
        char dir[4096], cmd[4096];
        struct strv argv = { 0 };
        struct qemu_run q;
        char *vtext, *ctext;
        size_t vlen, clen;
        long t0 = now_ms();
        bool kvm = false;
        int e;

        memset(r, 0, sizeof(*r));
        r->target = t;
        r->failed_checkpoint = -1;
        r->ev.verdict_checkpoint = -1;
        snprintf(dir, sizeof(dir), "%s/%s", o->log_dir, t->name);
        snprintf(r->console_log, sizeof(r->console_log), "%s/console.log", dir);
        snprintf(r->verdict_log, sizeof(r->verdict_log), "%s/verdict.log", dir);
        snprintf(r->qemu_log, sizeof(r->qemu_log), "%s/qemu.log", dir);
        snprintf(cmd, sizeof(cmd), "%s/qemu.cmd", dir);
        unlink(r->verdict_log);
        e = boot_prepare(t, o, false, &m, &kvm, r, &argv);
        if (m) {
                r->timeout_s = (t->timeout_s ? t->timeout_s : DEFAULT_TIMEOUT_S) * (kvm ? 1 : m->tcg_factor);
                r->silence_s = (t->silence_s ? t->silence_s : DEFAULT_SILENCE_S) * (kvm ? 1 : m->tcg_factor);
        }
        if (e < 0)
                return;
        argv_write(cmd, &argv);
        r->booted = true;
        r->accel = kvm ? "kvm" : "tcg";
        e = qemu_watch(argv.items, r->console_log, r->qemu_log, r->timeout_s, r->silence_s, &q);
        strlist_free(&argv);
        r->ms = now_ms() - t0;
        if (e < 0) {
                say(r, SMOKE_NO_QEMU, "cannot start QEMU: %s", strerror(-e));
                return;
        }
        vtext = file_read(r->verdict_log, &vlen);
        ctext = file_read(r->console_log, &clen);
        smoke_evidence_parse(vtext, vlen, ctext, clen, &r->ev);
        free(vtext);
        free(ctext);
        verdict_read(&q, r);
        if (WIFEXITED(q.status) && WEXITSTATUS(q.status) == EXIT_EXEC_FAILED && !q.timed_out)
                say(r, SMOKE_NO_QEMU, "cannot run %s: %s", o->qemu ? o->qemu : m->qemu, "not found or not executable");
        expectations_apply(t, r);
        reproducer_build(t, o, r);
        /* A built image is kept for the reproducer only when there is something to reproduce. */
        if (r->verdict == SMOKE_PASSED && !t->image)
                unlink(r->image);
}

int smoke_interactive(const struct smoke_target *t, const struct smoke_options *o)
{
        const struct smoke_machine *m;
        struct smoke_result r = { 0 };
        struct strv argv = { 0 };
        bool kvm;
        int status;
        pid_t pid;

        if (boot_prepare(t, o, true, &m, &kvm, &r, &argv) < 0) {
                fprintf(stderr, "%s: %s\n", PROG, r.reason);
                return SMOKE_NO_QEMU;
        }
        fprintf(stderr, "%s: %s: the serial console is this terminal; Ctrl-A x ends QEMU\n", PROG, t->name);
        pid = fork();
        if (pid == 0) {
                execvp(argv.items[0], argv.items);
                fprintf(stderr, "%s: %s: %s\n", PROG, argv.items[0], strerror(errno));
                _exit(EXIT_EXEC_FAILED);
        }
        strlist_free(&argv);
        if (pid < 0 || waitpid(pid, &status, 0) < 0)
                return SMOKE_NO_QEMU;
        return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : SMOKE_NO_QEMU;
}
