/* SPDX-License-Identifier: MIT */
/*
 * rdcheck-smoke: boot smoke tests in QEMU for any kernel.  The flags make
 * one target, or the defaults of a matrix's targets; -j runs that many at
 * once.  Exit status: the worst verdict (README, "Smoke tests").
 */
#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <getopt.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "smoke.h"

#ifndef RDCHECK_MKIMAGE_PATH
#define RDCHECK_MKIMAGE_PATH "/usr/sbin/rdcheck-mkimage"
#endif
#define MATRIX_READ_MAX (1u << 20)
#define JOBS_MAX 64

struct args {
        struct smoke_target base;
        struct smoke_options opt;
        const char *junit, *json, *tap;
        struct strv filters;
        int jobs;
};

static void usage(FILE *f)
{
        fputs("Usage: rdcheck-smoke --kernel FILE (--image FILE | --moddir DIR [--kver KVER])\n"
              "       [--disk FILE[,bus=BUS][,format=raw|qcow2][,writable]]... [--expect CHECKPOINT=STATUS]...\n"
              "       [--junit FILE] [--json FILE] [--tap FILE] [--matrix FILE [--filter GLOB]... [-j N]]\n"
              "       [OPTION]... [--] [WORD]...\n"
              "\n"
              "Boot a kernel with an rdcheck image in QEMU and judge the boot by what\n"
              "rdcheck (PID 1) says through QEMU's exit status: 0 passed, 1 a checkpoint\n"
              "failed, 2 kernel panic, 3 timeout, 4 QEMU could not run, 64 usage.\n"
              "WORDs go on the kernel command line.\n"
              "\n"
              "  --kernel FILE          the kernel (an x86 bzImage)\n"
              "  --image FILE           the initramfs to boot, as it is\n"
              "  --moddir DIR           build the image from this module tree with\n"
              "                         rdcheck-mkimage (--all-storage unless a\n"
              "                         --mkimage-arg selects modules)\n"
              "  --kver KVER            the modules' release (default: read from the kernel)\n"
              "  --mkimage-arg ARG      one more argument for rdcheck-mkimage (repeatable)\n"
              "  --mkimage PATH         rdcheck-mkimage to run (default " RDCHECK_MKIMAGE_PATH ")\n"
              "  --disk SPEC            a disk: FILE[,bus=virtio|nvme|ahci|scsi|usb]\n"
              "                         [,format=raw|qcow2][,writable]; the guest's writes\n"
              "                         are thrown away unless writable (repeatable)\n"
              "  --memory MB            guest memory (default 512)\n"
              "  --cpus N               guest CPUs (default 1)\n"
              "  --machine TYPE         QEMU machine: q35 (default) or pc\n"
              "  --arch ARCH            guest architecture (default: this host's; x86_64)\n"
              "  --qemu PATH            QEMU to run (default: the architecture's)\n"
              "  --timeout S            bound on the whole boot (default 60; times 4 without KVM)\n"
              "  --silence S            bound on a silent console (default 30; times 4 without KVM)\n"
              "  --expect CP=STATUS[:ERE]\n"
              "                         checkpoint CP must end with STATUS (pass, warn,\n"
              "                         fail, skip, pause; none: must not run), its detail\n"
              "                         matching ERE if given; an expected fail is a\n"
              "                         pass (repeatable)\n"
              "  --name NAME            the target's name (default boot)\n"
              "  --log-dir DIR          where each target's logs stay (default\n"
              "                         rdcheck-smoke-logs)\n"
              "  --junit FILE           JUnit XML: a testcase per checkpoint per target\n"
              "  --json FILE            the results as JSON\n"
              "  --tap FILE             TAP version 13 (- for standard output)\n"
              "  --matrix FILE          targets from a JSON file; the flags are their defaults\n"
              "  --filter GLOB          only the matrix's targets whose name matches (repeatable)\n"
              "  -j, --jobs N           boot N targets at once (default 1)\n"
              "  --interactive          the serial console on this terminal, no verdict\n"
              "  -h, --help             this text\n", f);
}

enum {
        OPT_KERNEL = 256, OPT_IMAGE, OPT_MODDIR, OPT_KVER, OPT_MKIMAGE_ARG, OPT_MKIMAGE, OPT_DISK,
        OPT_MEMORY, OPT_CPUS, OPT_MACHINE, OPT_ARCH, OPT_QEMU, OPT_TIMEOUT, OPT_SILENCE, OPT_EXPECT,
        OPT_NAME, OPT_LOG_DIR, OPT_JUNIT, OPT_JSON, OPT_TAP, OPT_MATRIX, OPT_FILTER, OPT_INTERACTIVE,
};

static int usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static int usage_error(const char *fmt, ...)
{
        va_list ap;

        fprintf(stderr, "%s: ", PROG);
        va_start(ap, fmt);
        vfprintf(stderr, fmt, ap);
        va_end(ap);
        fprintf(stderr, " (%s --help)\n", PROG);
        return -EINVAL;
}

static int number(const char *flag, const char *s, int min, int max, int *out)
{
        char *end;
        long v;

        errno = 0;
        v = strtol(s, &end, 10);
        if (errno || end == s || *end || v < min || v > max)
                return usage_error("%s %s: not a whole number from %d to %d", flag, s, min, max);
        *out = (int)v;
        return 0;
}

static int set_string(char **field, const char *value)
{
        free(*field);
        *field = strdup(value);
        return *field ? 0 : -ENOMEM;
}

static int expect_add(struct smoke_target *t, const char *spec)
{
        struct smoke_expect e;
        char why[256];
        size_t i;

        if (smoke_expect_parse(spec, &e, why, sizeof(why)) < 0)
                return usage_error("%s", why);
        for (i = 0; i < t->n_expects; i++)
                if (t->expects[i].checkpoint == e.checkpoint)
                        break;
        t->expects[i] = e;
        if (i == t->n_expects)
                t->n_expects++;
        return 0;
}

static int disk_add(struct smoke_target *t, const char *spec)
{
        char why[512];

        if (t->n_disks == SMOKE_MAX_DISKS)
                return usage_error("--disk %s: at most %d disks", spec, SMOKE_MAX_DISKS);
        if (smoke_disk_parse(spec, &t->disks[t->n_disks], why, sizeof(why)) < 0)
                return usage_error("%s", why);
        t->n_disks++;
        return 0;
}

static int args_parse(int argc, char **argv, struct args *a)
{
        static const struct option longopts[] = {
                { "kernel", required_argument, NULL, OPT_KERNEL },
                { "image", required_argument, NULL, OPT_IMAGE },
                { "moddir", required_argument, NULL, OPT_MODDIR },
                { "kver", required_argument, NULL, OPT_KVER },
                { "mkimage-arg", required_argument, NULL, OPT_MKIMAGE_ARG },
                { "mkimage", required_argument, NULL, OPT_MKIMAGE },
                { "disk", required_argument, NULL, OPT_DISK },
                { "memory", required_argument, NULL, OPT_MEMORY },
                { "cpus", required_argument, NULL, OPT_CPUS },
                { "machine", required_argument, NULL, OPT_MACHINE },
                { "arch", required_argument, NULL, OPT_ARCH },
                { "qemu", required_argument, NULL, OPT_QEMU },
                { "timeout", required_argument, NULL, OPT_TIMEOUT },
                { "silence", required_argument, NULL, OPT_SILENCE },
                { "expect", required_argument, NULL, OPT_EXPECT },
                { "name", required_argument, NULL, OPT_NAME },
                { "log-dir", required_argument, NULL, OPT_LOG_DIR },
                { "junit", required_argument, NULL, OPT_JUNIT },
                { "json", required_argument, NULL, OPT_JSON },
                { "tap", required_argument, NULL, OPT_TAP },
                { "matrix", required_argument, NULL, OPT_MATRIX },
                { "filter", required_argument, NULL, OPT_FILTER },
                { "jobs", required_argument, NULL, 'j' },
                { "interactive", no_argument, NULL, OPT_INTERACTIVE },
                { "help", no_argument, NULL, 'h' },
                { 0 },
        };
        struct smoke_target *t = &a->base;
        int c, r = 0;

        t->memory_mb = 512;
        t->cpus = 1;
        a->jobs = 1;
        a->opt.log_dir = "rdcheck-smoke-logs";
        a->opt.mkimage = RDCHECK_MKIMAGE_PATH;
        a->opt.self = PROG;
        /* Flags and words may mix, as in the README's examples; after "--" all are words. */
        while (r == 0 && (c = getopt_long(argc, argv, ":hj:", longopts, NULL)) >= 0) {
                switch (c) {
                case OPT_KERNEL: r = set_string(&t->kernel, optarg); break;
                case OPT_IMAGE: r = set_string(&t->image, optarg); break;
                case OPT_MODDIR: r = set_string(&t->moddir, optarg); break;
                case OPT_KVER: r = set_string(&t->kver, optarg); break;
                case OPT_MKIMAGE_ARG: r = strlist_push(&t->mkimage_args, optarg); break;
                case OPT_MKIMAGE: a->opt.mkimage = optarg; break;
                case OPT_DISK: r = disk_add(t, optarg); break;
                case OPT_MEMORY: r = number("--memory", optarg, SMOKE_MEMORY_MIN, SMOKE_MEMORY_MAX, &t->memory_mb); break;
                case OPT_CPUS: r = number("--cpus", optarg, 1, SMOKE_CPUS_MAX, &t->cpus); break;
                case OPT_MACHINE: r = set_string(&t->machine, optarg); break;
                case OPT_ARCH: r = set_string(&t->arch, optarg); break;
                case OPT_QEMU: a->opt.qemu = optarg; break;
                case OPT_TIMEOUT: r = number("--timeout", optarg, 1, SMOKE_SECONDS_MAX, &t->timeout_s); break;
                case OPT_SILENCE: r = number("--silence", optarg, 1, SMOKE_SECONDS_MAX, &t->silence_s); break;
                case OPT_EXPECT: r = expect_add(t, optarg); break;
                case OPT_NAME: r = set_string(&t->name, optarg); break;
                case OPT_LOG_DIR: a->opt.log_dir = optarg; break;
                case OPT_JUNIT: a->junit = optarg; break;
                case OPT_JSON: a->json = optarg; break;
                case OPT_TAP: a->tap = optarg; break;
                case OPT_MATRIX: a->opt.matrix = optarg; break;
                case OPT_FILTER: r = strlist_push(&a->filters, optarg); break;
                case 'j': r = number("-j", optarg, 1, JOBS_MAX, &a->jobs); break;
                case OPT_INTERACTIVE: a->opt.interactive = true; break;
                case 'h': usage(stdout); exit(0);
                case ':': return usage_error("%s needs a value", argv[optind - 1]);
                default: return usage_error("%s: not a flag", argv[optind - 1]);
                }
        }
        if (r < 0)
                return r;
        for (int i = optind; i < argc; i++)
                if (strlist_push(&t->words, argv[i]) < 0)
                        return -ENOMEM;
        if (a->filters.n && !a->opt.matrix)
                return usage_error("--filter picks targets of a --matrix");
        if (t->image && t->moddir)
                return usage_error("--image and --moddir: one image, given or built, not both");
        if (!t->name)
                r = set_string(&t->name, "boot");
        return r;
}

static int matrix_load(const struct args *a, struct smoke_target **targets, size_t *n)
{
        char why[512], *text = malloc(MATRIX_READ_MAX + 1);
        ssize_t len = -1;
        int fd, r;

        if (!text)
                return -ENOMEM;
        fd = open(a->opt.matrix, O_RDONLY | O_CLOEXEC);
        if (fd >= 0) {
                len = read(fd, text, MATRIX_READ_MAX + 1);
                close(fd);
        }
        if (len < 0) {
                fprintf(stderr, "%s: %s: %s\n", PROG, a->opt.matrix, strerror(errno));
                free(text);
                return -EINVAL;
        }
        if (len > MATRIX_READ_MAX) {
                fprintf(stderr, "%s: %s: over %u bytes, not a matrix\n", PROG, a->opt.matrix, MATRIX_READ_MAX);
                free(text);
                return -EINVAL;
        }
        text[len] = '\0';
        r = smoke_matrix_parse(text, (size_t)len, &a->base, targets, n, why, sizeof(why));
        free(text);
        if (r == -EINVAL)
                fprintf(stderr, "%s: %s: %s\n", PROG, a->opt.matrix, why);
        return r;
}

static bool picked(const struct args *a, const char *name)
{
        if (a->filters.n == 0)
                return true;
        for (size_t i = 0; i < a->filters.n; i++)
                if (fnmatch(a->filters.items[i], name, 0) == 0)
                        return true;
        return false;
}

struct pool {
        pthread_mutex_t lock;
        const struct args *a;
        struct smoke_target *targets;
        struct smoke_result *results;
        size_t n, next;
        FILE *progress;
};

static void progress_print(struct pool *p, const struct smoke_result *r)
{
        FILE *f = p->progress;

        fprintf(f, "%s: %s: %s: %s (%.1f s, %s)\n", PROG, r->target->name, smoke_verdict_name(r->verdict),
                r->reason, r->ms / 1000.0, r->accel ? r->accel : "not booted");
        if (r->verdict != SMOKE_PASSED) {
                if (r->booted)
                        fprintf(f, "  console: %s\n", r->console_log);
                if (r->reproducer)
                        fprintf(f, "  reproduce: %s\n", r->reproducer);
        }
        fflush(f);
}

static void *worker(void *arg)
{
        struct pool *p = arg;

        for (;;) {
                size_t i;

                pthread_mutex_lock(&p->lock);
                i = p->next++;
                pthread_mutex_unlock(&p->lock);
                if (i >= p->n)
                        return NULL;
                smoke_run(&p->targets[i], &p->a->opt, &p->results[i]);
                pthread_mutex_lock(&p->lock);
                progress_print(p, &p->results[i]);
                pthread_mutex_unlock(&p->lock);
        }
}

/* The run's exit status: a broken setup hides every verdict; a panic, a hang, then a failure. */
static int worst(const struct smoke_result *r, size_t n)
{
        static const int rank[] = { [SMOKE_PASSED] = 0, [SMOKE_FAILED] = 1, [SMOKE_TIMEOUT] = 2,
                                    [SMOKE_PANIC] = 3, [SMOKE_NO_QEMU] = 4 };
        int v = SMOKE_PASSED;

        for (size_t i = 0; i < n; i++)
                if (rank[r[i].verdict] > rank[v])
                        v = r[i].verdict;
        return v;
}

int main(int argc, char **argv)
{
        struct args a = { 0 };
        struct smoke_target *all = NULL;
        struct pool p = { .lock = PTHREAD_MUTEX_INITIALIZER };
        pthread_t threads[JOBS_MAX];
        size_t n_all = 0, passed = 0;
        int status = SMOKE_USAGE;

        if (args_parse(argc, argv, &a) < 0)
                goto out;
        if (a.opt.matrix) {
                if (matrix_load(&a, &all, &n_all) < 0)
                        goto out;
        } else {
                status = SMOKE_NO_QEMU;
                all = calloc(1, sizeof(*all));
                if (!all || smoke_target_copy(all, &a.base) < 0)
                        goto out;
                n_all = 1;
        }
        status = SMOKE_NO_QEMU;
        p.targets = calloc(n_all, sizeof(*p.targets));
        p.results = calloc(n_all, sizeof(*p.results));
        if (!p.targets || !p.results)
                goto out;
        for (size_t i = 0; i < n_all; i++)
                if (picked(&a, all[i].name))
                        p.targets[p.n++] = all[i];
        if (p.n == 0) {
                fprintf(stderr, "%s: no target of %s matches --filter\n", PROG, a.opt.matrix);
                status = SMOKE_USAGE;
                goto out;
        }
        if (mkdir(a.opt.log_dir, 0755) < 0 && errno != EEXIST) {
                fprintf(stderr, "%s: --log-dir %s: %s\n", PROG, a.opt.log_dir, strerror(errno));
                goto out;
        }
        if (a.opt.interactive) {
                if (p.n != 1) {
                        fprintf(stderr, "%s: --interactive boots one target; pick it with --filter\n", PROG);
                        status = SMOKE_USAGE;
                } else {
                        status = smoke_interactive(&p.targets[0], &a.opt);
                }
                goto out;
        }
        p.a = &a;
        /* TAP on standard output: the rest goes to standard error. */
        p.progress = a.tap && strcmp(a.tap, "-") == 0 ? stderr : stdout;
        if ((size_t)a.jobs > p.n)
                a.jobs = (int)p.n;
        for (int i = 0; i < a.jobs; i++)
                if (pthread_create(&threads[i], NULL, worker, &p) != 0) {
                        fprintf(stderr, "%s: cannot start job %d: %s\n", PROG, i + 1, strerror(errno));
                        a.jobs = i;
                        break;
                }
        if (a.jobs == 0)
                worker(&p);
        for (int i = 0; i < a.jobs; i++)
                pthread_join(threads[i], NULL);
        for (size_t i = 0; i < p.n; i++)
                passed += p.results[i].verdict == SMOKE_PASSED;
        status = worst(p.results, p.n);
        if ((a.junit && smoke_write_junit(a.junit, p.results, p.n) < 0) ||
            (a.json && smoke_write_json(a.json, p.results, p.n) < 0) ||
            (a.tap && smoke_write_tap(a.tap, p.results, p.n) < 0))
                status = SMOKE_NO_QEMU;
        fprintf(p.progress, "%zu passed, %zu failed\n", passed, p.n - passed);
out:
        for (size_t i = 0; p.results && i < p.n; i++)
                free(p.results[i].reproducer);
        for (size_t i = 0; i < n_all; i++)
                smoke_target_free(&all[i]);
        free(all);
        free(p.targets);
        free(p.results);
        smoke_target_free(&a.base);
        strlist_free(&a.filters);
        return status;
}
