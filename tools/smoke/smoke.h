/* SPDX-License-Identifier: MIT */
#pragma once

/*
 * rdcheck-smoke: boot a kernel with an rdcheck image in QEMU and give a
 * verdict CI can trust.  The verdict comes from PID 1 through QEMU's exit
 * status (rd.verdict=isa-debug-exit); the serial logs are the evidence.
 */
#include <stdbool.h>
#include <stddef.h>

#include "cmdline.h"

#define PROG "rdcheck-smoke"
#define SMOKE_MAX_DISKS 8
/* The bounds of --memory (MiB), --cpus, --timeout and --silence, and of the matrix's numbers. */
#define SMOKE_MEMORY_MIN 64
#define SMOKE_MEMORY_MAX (1 << 20)
#define SMOKE_CPUS_MAX 256
#define SMOKE_SECONDS_MAX 86400

/* The run's exit status, and each target's verdict: README, "Smoke tests". */
enum smoke_verdict {
        SMOKE_PASSED = 0,       /* reached the real init, or every --expect met */
        SMOKE_FAILED = 1,       /* a checkpoint failed, or an --expect was not met */
        SMOKE_PANIC = 2,        /* the guest stopped without a verdict: a kernel panic */
        SMOKE_TIMEOUT = 3,      /* over the time bound, or silent too long */
        SMOKE_NO_QEMU = 4,      /* QEMU (or the image build before it) could not run */
};
#define SMOKE_USAGE 64          /* a flag or the matrix is wrong: nothing ran */

enum smoke_bus {
        BUS_VIRTIO,
        BUS_NVME,
        BUS_AHCI,
        BUS_SCSI,
        BUS_USB,
};

struct smoke_disk {
        char *file;
        enum smoke_bus bus;
        char *format;           /* "raw" unless told */
        bool writable;          /* else QEMU's snapshot=on: the guest's writes are thrown away */
};

/* --expect CHECKPOINT=STATUS[:ERE]; status "none": the checkpoint must not run. */
struct smoke_expect {
        int checkpoint;
        char status[8];
        char detail[512];       /* an extended regular expression the detail must match; "": any */
};

/* One boot to judge: the command line's flags, or one matrix entry over them. */
struct smoke_target {
        char *name;
        char *kernel;
        char *image;            /* NULL: built from moddir */
        char *moddir;
        char *kver;             /* NULL: read from the kernel's header */
        struct strv mkimage_args;
        struct smoke_disk disks[SMOKE_MAX_DISKS];
        size_t n_disks;
        struct strv words;      /* kernel command-line words after ours */
        struct smoke_expect expects[CHECKPOINT_COUNT];
        size_t n_expects;
        int memory_mb;
        int cpus;
        char *machine;          /* NULL: the architecture's default */
        char *arch;             /* NULL: the host's */
        int timeout_s;          /* 0: the default; scaled under TCG */
        int silence_s;
};

/* What the logs say about one checkpoint. */
struct smoke_checkpoint {
        bool seen;              /* a status line came */
        char status[8];         /* pass, warn, fail, skip, pause */
        long ms;
        char detail[256];
        char diagnosis[4096];   /* from the report, lines joined by '\n' */
};

/* What the verdict tty (or, lacking it, the console) held. */
struct smoke_evidence {
        struct smoke_checkpoint cp[CHECKPOINT_COUNT];
        bool from_console;      /* no verdict tty lines: the console's status lines */
        bool has_report;        /* the report block parsed */
        char verdict[8];        /* "pass", "fail" or "" from the verdict line */
        int verdict_checkpoint; /* -1: none */
        char panic[256];        /* the console's "Kernel panic - not syncing: ..." line */
        char last_line[256];    /* the console's last non-empty line */
};

struct smoke_result {
        const struct smoke_target *target;
        enum smoke_verdict verdict;
        char reason[768];               /* one line, for people and the failure message */
        int failed_checkpoint;          /* from QEMU's exit status; -1: none */
        struct smoke_evidence ev;
        long ms;                        /* wall time of the boot */
        int timeout_s, silence_s;       /* as applied, scaled */
        const char *accel;              /* "kvm" or "tcg" */
        bool booted;                    /* QEMU started: the logs are there */
        char console_log[4096];         /* paths of the kept logs */
        char verdict_log[4096];
        char qemu_log[4096];
        char image[4096];               /* the image booted (kept when it was built and failed) */
        char *reproducer;               /* a command line that boots this target again */
};

/* Checkpoint name -> index (cmdline.h's checkpoint_index), status name valid? */
bool smoke_status_valid(const char *s);

/* matrix.c: a JSON matrix's targets, each over @base (the flags). */
int smoke_matrix_parse(const char *text, size_t len, const struct smoke_target *base,
                       struct smoke_target **targets, size_t *n, char *why, size_t size);
int smoke_disk_parse(const char *spec, struct smoke_disk *d, char *why, size_t size);
int smoke_expect_parse(const char *spec, struct smoke_expect *e, char *why, size_t size);
int smoke_target_copy(struct smoke_target *dst, const struct smoke_target *src);
void smoke_target_free(struct smoke_target *t);
const char *smoke_bus_name(enum smoke_bus b);

/* evidence.c: the verdict tty's and the console's text, read. */
void smoke_evidence_parse(const char *verdict_text, size_t vlen, const char *console_text, size_t clen,
                          struct smoke_evidence *ev);

/* machine.c: QEMU's command line for @t; NULL-terminated in *@argv (strlist). */
struct smoke_machine {
        const char *arch;               /* uname -m spelling */
        const char *qemu;               /* qemu-system-... */
        const char *machines[4];        /* first: the default */
        const char *console;            /* the guest's first serial line */
        const char *verdict_tty;        /* the second, only rdcheck writes to it */
        const char *verdict_device;     /* QEMU -device for the exit channel */
        const char *verdict_word;       /* rd.verdict=... */
        int tcg_factor;                 /* time bounds are multiplied by it without KVM */
};
const struct smoke_machine *smoke_machine_find(const char *arch);
bool smoke_kvm_usable(const struct smoke_machine *m);
int smoke_qemu_argv(const struct smoke_target *t, const struct smoke_machine *m, bool kvm,
                    const char *initrd, const char *verdict_log, bool interactive, struct strv *argv,
                    char *why, size_t size);
/* The release string from an x86 bzImage's header (its "kernel_version"), or -errno. */
int smoke_kernel_release(const char *kernel, char *buf, size_t size);

/* boot.c */
struct smoke_options {
        const char *log_dir;
        const char *mkimage;
        const char *qemu;               /* NULL: the machine table's */
        const char *self;               /* argv[0], for reproducers */
        const char *matrix;             /* for reproducers: --matrix F --filter NAME */
        bool interactive;
};
/* An --expect's expression against the checkpoint's detail (true without one). */
bool smoke_detail_matches(const struct smoke_expect *e, const struct smoke_checkpoint *cp);
void smoke_run(const struct smoke_target *t, const struct smoke_options *o, struct smoke_result *r);
int smoke_interactive(const struct smoke_target *t, const struct smoke_options *o);

/* output.c */
int smoke_write_junit(const char *path, const struct smoke_result *r, size_t n);
int smoke_write_json(const char *path, const struct smoke_result *r, size_t n);
int smoke_write_tap(const char *path, const struct smoke_result *r, size_t n);
const char *smoke_verdict_name(enum smoke_verdict v);
