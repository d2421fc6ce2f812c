/* SPDX-License-Identifier: MIT */
#pragma once

#include <stdbool.h>
#include <limits.h>

#include "blockdev.h"
#include "cmdline.h"
#include "imageconf.h"
#include "kdump.h"
#include "mountlist.h"
#include "pstore.h"
#include "stack.h"
#include "status.h"
#include "verdict_channel.h"

struct kmod_ctx;

#define SYSROOT "/sysroot"

/* What a checkpoint found: data, printed by the engine alone. */
struct verdict {
        enum status status;
        long ms;
        char detail[256];       /* one line, for the status line */
        char diagnosis[4096];   /* the longer story, for the prompt's "why" */
};

/* Modules the boot has touched, coldplug and hotplug alike. */
struct load_log {
        struct strv loaded;
        struct strv failed;             /* "name: reason" */
        struct strv blacklisted;        /* needed by a device, kept away */
        struct strv storage;            /* "virtio block device: virtio_blk blacklisted" */
        struct strv held;               /* the last boot panicked inserting them (hold.h) */
};

/* What the boot has learned so far, passed to every stage. */
struct boot {
        struct cmdline cmd;
        char **kernel_argv;     /* what the kernel handed us, for the real init */
        char **kernel_envp;

        char kver[65];
        char moddir[PATH_MAX];
        struct kmod_ctx *kmod;  /* NULL when the image has no modules */
        int uevent_fd;          /* kernel uevent netlink socket, -1 if none */
        struct load_log modlog;
        struct strv unserved_storage;   /* devices no module in the image serves */
        struct strv unserved_other;
        struct blockdev_list blockdevs; /* as the disks checkpoint last saw them */
        struct mount_list mounts;       /* as the mounts checkpoint left them */

        struct previous_boot previous;  /* what pstore said about the last boot */
        bool hold_decided;              /* modlog.held: inserted or kept out, as decided */
        struct kdump kdump;             /* in a capture kernel: what the capture steps saved */

        struct stack stack;             /* LUKS, RAID and LVM layers, as the disks checkpoint saw them */
        /* Asks on every console without echo (prompt_ask_secret); NULL: nobody to ask. */
        int (*ask_secret)(struct boot *boot, const char *question, char *out, size_t size);

        char root_dev[PATH_MAX];        /* /dev/vda1 once found */
        char root_fstype[32];
        bool root_mounted;
        char init_path[PATH_MAX];       /* inside SYSROOT, e.g. /sbin/init */
        struct strv init_env;           /* built by the env checkpoint */

        enum rescue_policy policy;      /* from the image, never from the command line */
        char password_hash[256];
        bool unlocked;                  /* the password was given once this boot */
        struct strv prompt_log;         /* what was done at the prompt, for the report */

        bool host_init;                 /* rdcheck --checks: another init boots, we only check */
        int last;                       /* the last checkpoint run; later ones are the host's */

        struct verdict_channel verdict_channel; /* rd.verdict=: the host learns how the boot ended */

        struct verdict verdicts[CHECKPOINT_COUNT];
        bool ran[CHECKPOINT_COUNT];
        bool report_failed;             /* said once, not at every checkpoint */
        long start_ms;                  /* CLOCK_BOOTTIME when rdcheck started; 0: unknown */
        long switch_root_ms;            /* CLOCK_BOOTTIME at the exec of the real init; 0: not yet */
};

struct stage {
        const char *name;       /* as rd.checkpoint= spells it */
        const char *question;
        int (*check)(struct boot *boot, struct verdict *v);
        /* In a kdump capture kernel (kdump.h), named by checkpoint_name(); NULL: check. */
        int (*capture)(struct boot *boot, struct verdict *v);
};

/* Record the outcome; printf-style detail.  Returns 0 so checks can "return verdict_set(...)". */
int verdict_set(struct verdict *v, enum status s, const char *fmt, ...)
        __attribute__((format(printf, 3, 4)));
/* Append a line to the diagnosis. */
void verdict_explain(struct verdict *v, const char *fmt, ...)
        __attribute__((format(printf, 2, 3)));

extern const struct stage stages[CHECKPOINT_COUNT];

/* Checkpoint @i's name in this boot's mode: "dump" for switch_root in a capture kernel. */
const char *stage_name(const struct boot *boot, int i);

/*
 * Checkpoint @i failed or was to pause: the onfail action, the prompt, or
 * (locked image) the action without a prompt.  Returns the checkpoint to run next.
 */
int engine_rescue(struct boot *boot, int i, bool failed);

/* Print checkpoint @i's status line and bring the report up to date. */
void engine_status_print(struct boot *boot, int i);

/* reboot/poweroff/halt where there is no prompt to fall back to: never returns. */
void engine_action_final(enum onfail action) __attribute__((noreturn));

/*
 * Walk the checkpoints from @first; returns only if switch_root failed for
 * good or, under --checks, past the last one.
 */
void engine_run(struct boot *boot, int first);
