/* SPDX-License-Identifier: MIT */
#pragma once

#include <stdbool.h>
#include <stddef.h>

/*
 * The kernel command line, parsed once into plain data.  cmdline_parse() is a
 * pure function: it reads a string and fills a struct, nothing else.
 */

enum root_kind {
        ROOT_NONE,      /* no root= given */
        ROOT_PATH,      /* /dev/NAME (or any absolute path) */
        ROOT_UUID,      /* UUID=filesystem uuid */
        ROOT_LABEL,     /* LABEL=filesystem label */
        ROOT_PARTUUID,  /* PARTUUID=uuid[/PARTNROFF=n] */
        ROOT_PARTLABEL, /* PARTLABEL=name */
        ROOT_DEVT,      /* MAJ:MIN or hex dev_t, as init/do_mounts.c reads them */
};

struct root_spec {
        enum root_kind kind;
        char *value;            /* path, uuid, label or name; NULL for ROOT_DEVT */
        int partnroff;          /* PARTUUID=.../PARTNROFF=n; 0 when absent */
        unsigned major, minor;  /* ROOT_DEVT */
};

enum onfail {
        ONFAIL_SHELL,           /* open the prompt (default) */
        ONFAIL_REBOOT,
        ONFAIL_POWEROFF,
        ONFAIL_HALT,
};

#define CMDLINE_MAX_LEN         65536   /* longer input is refused, not truncated silently */
#define CMDLINE_MAX_VALUE       4096    /* a single value longer than this is refused */
#define CMDLINE_MAX_ERRORS      16
#define CMDLINE_DEFAULT_TIMEOUT 10      /* seconds, rd.checkpoint.timeout= */
#define KDUMP_DEFAULT_PATH      "/var/crash"     /* rd.kdump.path=, kdump-tools' KDUMP_COREDIR */

/* rd.pstore=: what happens to the records the last boot left in pstore. */
enum pstore_policy {
        PSTORE_KEEP,            /* copied to /run only; left in the backend (systemd-pstore's) */
        PSTORE_ARCHIVE,         /* also copied to the root, once it is mounted writable */
        PSTORE_ERASE,           /* archived, then deleted from the backend */
};

/* rd.verdict=: the channel that tells the machine's host how the boot ended (init/verdict/). */
enum verdict_device {
        VERDICT_NONE,
        VERDICT_ISA_DEBUG_EXIT, /* QEMU's isa-debug-exit: one byte to an I/O port */
};
#define VERDICT_DEFAULT_PORT    0xf4    /* QEMU's isa-debug-exit iobase default */
#define VERDICT_TTY_NAME_MAX    32

/* Bits for struct cmdline.pause: bit i is checkpoint i of stage_names order. */
#define CHECKPOINT_COUNT 7
extern const char *const checkpoint_names[CHECKPOINT_COUNT];
/* Checkpoint @i's name as status lines print it; @capture: in a kdump capture kernel. */
const char *checkpoint_name(int i, bool capture);

/* A growable list of strings, NULL-terminated in items[]. */
struct strv {
        char **items;
        size_t n;
};

struct cmdline {
        struct root_spec root;
        char *rootfstype;       /* NULL: let libblkid decide */
        char *rootflags;        /* NULL: none */
        bool rw;                /* false unless "rw" is the last of ro/rw */
        bool rootwait;
        int rootdelay;          /* seconds, 0: none */
        char *init;             /* init=; NULL: try the kernel's list */

        struct strv modules_load;       /* modules-load= and rd.modules-load=, split on ',' */
        struct strv driver_pre;         /* rd.driver.pre= */
        struct strv blacklist;          /* rd.driver.blacklist= and module_blacklist= */
        struct strv module_options;     /* MOD.param=value words, kept whole */
        struct strv consoles;           /* console=, in order given */
        bool quiet;
        int loglevel;                   /* -1: not given */

        struct strv env_set;            /* rd.env.NAME=VALUE, as "NAME=VALUE", last one wins */
        struct strv env_require;        /* rd.env.require=: "NAME" or "NAME=VALUE" items */
        struct strv env_unset;          /* names the prompt's unsetenv took away */

        /* Stacked roots, in dracut's and systemd's words. */
        bool luks_off;                  /* rd.luks=0: open no LUKS container */
        struct strv luks_uuid;          /* rd.luks.uuid=: only these (a "luks-" prefix dropped) */
        struct strv luks_name;          /* rd.luks.name=UUID=NAME, kept as "UUID=NAME" */
        bool lvm_off;                   /* rd.lvm=0 */
        struct strv lvm_vg;             /* rd.lvm.vg=: only these volume groups */
        struct strv lvm_lv;             /* rd.lvm.lv=VG/LV: only these logical volumes */
        bool md_off;                    /* rd.md=0 */
        struct strv md_uuid;            /* rd.md.uuid=: only these arrays */

        /* In a kdump capture kernel (init/crash/kdump.h). */
        struct root_spec kdump_target;  /* rd.kdump.target=; ROOT_NONE: the root */
        char *kdump_path;               /* rd.kdump.path=; NULL: KDUMP_DEFAULT_PATH */
        enum onfail kdump_final;        /* rd.kdump.final=; default reboot */
        unsigned pause;                 /* rd.checkpoint=: bit per checkpoint */
        enum onfail onfail;             /* rd.checkpoint.onfail= */
        int timeout;                    /* rd.checkpoint.timeout=, seconds */
        int prompt_timeout;             /* rd.checkpoint.prompt_timeout=, seconds; 0: wait forever */
        enum pstore_policy pstore;      /* rd.pstore= */
        enum verdict_device verdict;    /* rd.verdict= */
        unsigned verdict_port;          /* rd.verdict=isa-debug-exit:PORT */
        char *verdict_tty;              /* rd.verdict.tty=: a name under /dev; NULL: none */

        /* What the kernel would hand to init: words it does not know. */
        struct strv init_argv;          /* bare words, and everything after "--" */
        struct strv init_envp;          /* NAME=value words without a '.' in NAME */

        /* Messages about bad input: each names the word and what is wrong. */
        char *errors[CMDLINE_MAX_ERRORS];
        size_t n_errors;
        size_t n_errors_dropped;        /* beyond CMDLINE_MAX_ERRORS */
};

/*
 * Parse @text (the contents of /proc/cmdline) into @c.  Never fails on bad
 * input: problems are recorded in c->errors and the word is ignored.  Returns
 * 0, or -ENOMEM.  Call cmdline_free() afterwards in both cases.
 */
int cmdline_parse(const char *text, struct cmdline *c);
void cmdline_free(struct cmdline *c);

/*
 * Apply one "key=value" or "key" word to @c, as if it were on the command
 * line (used by the prompt's "set").  Returns 0, -EINVAL (message recorded
 * in c->errors) or -ENOMEM.
 */
int cmdline_apply_word(struct cmdline *c, const char *word);

/*
 * Undo a setting (the prompt's "unset KEY"): back to its default, as if
 * KEY had never been on the command line; "rd.env.NAME" drops that
 * variable's value.  Returns 0, or -EINVAL (message recorded in c->errors)
 * for a key that is not a setting.
 */
int cmdline_unset_key(struct cmdline *c, const char *key);

/* Parse a root= value alone into @r.  Returns 0 or -EINVAL. */
int root_spec_parse(const char *value, struct root_spec *r);
void root_spec_free(struct root_spec *r);

/* "UUID=...", "/dev/vda1", "8:1": the spec as the user wrote it, into buf. */
const char *root_spec_format(const struct root_spec *r, char *buf, size_t size);

/* Index into checkpoint_names, or -1. */
int checkpoint_index(const char *name);

const char *onfail_name(enum onfail o);
const char *pstore_policy_name(enum pstore_policy p);

int strlist_push(struct strv *v, const char *s);
/* "a, b, c, +N more" of at most @max items into @buf (cut cleanly if it does not fit). */
void strlist_join(char *buf, size_t size, const struct strv *v, size_t max);
void strlist_free(struct strv *v);
/* Drop the items "NAME=..." or "NAME" whose name is the @len bytes at @name. */
void strlist_remove_name(struct strv *v, const char *name, size_t len);
