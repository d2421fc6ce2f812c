/* SPDX-License-Identifier: MIT */
#pragma once

/*
 * Stacked roots: LUKS containers, MD RAID arrays and LVM volume groups,
 * assembled by the disks checkpoint as their members appear.  A layer is
 * opened by the tool made for it (rdcheck-luks over libcryptsetup, mdadm,
 * lvm), run as a bounded child process; what the tool says is kept as
 * evidence.  Under rdcheck --checks nothing is opened: the host's own
 * initramfs does that, and we only look.
 */

#include <stdbool.h>
#include <stddef.h>

#include "crypttab.h"

struct boot;
struct verdict;

#define STACK_MAX 16

#define LVM_TOOL        "/sbin/lvm"
#define MDADM_TOOL      "/sbin/mdadm"
#define LUKS_TOOL       "/sbin/rdcheck-luks"
#define PASSPHRASE_TRIES 3

enum layer_state {
        LAYER_SEEN,             /* found, not (yet) opened */
        LAYER_OPEN,             /* opened (by us or before us) */
        LAYER_FAILED,           /* could not be opened: why says so */
        LAYER_NOT_WANTED,       /* left closed: the command line or crypttab names others */
};

struct luks_layer {
        char dev[32];           /* vda2 */
        char uuid[64];
        char name[128];         /* /dev/mapper/NAME */
        bool discard;
        enum layer_state state;
        char why[256];
};

struct md_member {
        char dev[32];
        char array[40];         /* MD_UUID as mdadm prints it */
        char name[64];          /* MD_NAME without a "host:" */
        int devices;            /* MD_DEVICES */
        unsigned long long events;
};

struct md_layer {
        char uuid[40];
        char name[64];
        int devices;
        enum layer_state state;
        bool degraded;
        char why[256];
};

struct lvm_layer {
        char vg[128];
        int pvs, missing;       /* from lvm vgs */
        enum layer_state state;
        char why[256];
};

struct stack {
        struct luks_layer luks[STACK_MAX];
        size_t n_luks;
        struct md_member members[STACK_MAX];
        size_t n_members;
        struct md_layer md[STACK_MAX];
        size_t n_md;
        struct lvm_layer vgs[STACK_MAX];
        size_t n_vgs;
        char pvs[STACK_MAX][32];        /* LVM physical volumes seen */
        size_t n_pvs;
        struct crypttab crypttab;       /* the image's /etc/crypttab */
        long asked_ms;          /* spent on a passphrase, typing and key derivation: not the disk's */
        bool degrade_tried;
        char problem[256];      /* the first missing link found, for the status line */
};

/*
 * Forget what the last run of the disks checkpoint saw (opened layers stay
 * open), and read the image's /etc/crypttab again.
 */
void stack_reset(struct boot *boot);

/* React to block device @name (sda, vda2, dm-0, md127): open what it is a member of. */
void stack_device(struct boot *boot, const char *name);

/* Whether an array waits for members; stack_degrade() starts those that can run without them. */
bool stack_degrade_pending(const struct boot *boot);
void stack_degrade(struct boot *boot);

/*
 * Root did not appear: walk from root= down and explain each layer seen;
 * @lead gets the first missing link ("VG rdvg needs 2 PVs, found 1 ..."),
 * "" when the stack has nothing to say.
 */
void stack_explain(struct boot *boot, struct verdict *v, char *lead, size_t size);

/*
 * How block device @name is built, for the disks line: "LVM rdvg/root on
 * LUKS luks-3f2a... on /dev/vda2, virtio_blk"; "" for a plain device.
 * @display gets the name people use: /dev/mapper/rdvg-root for dm-0.
 */
void stack_describe(const char *name, char *buf, size_t size, char *display, size_t dsize);

/* A degraded array under root: the warn for the disks line, or "". */
const char *stack_warning(const struct boot *boot, char *buf, size_t size);

/*
 * Whether block device @name is held by an upper layer already (a dm or md
 * device built on it); @buf gets that layer's name as people use it
 * (the dm name, or md127).
 */
bool holder_name(const char *name, char *buf, size_t size);

/*
 * The prompt's "unlock DEV [NAME]": ask for the passphrase and open DEV.
 * Returns 0; -ENOTBLK (not LUKS), -ENOENT (no rdcheck-luks), -ENOPKG
 * (dm_crypt missing) or -EPERM (still locked: the layer's why says why).
 */
int stack_unlock(struct boot *boot, const char *dev, const char *name);

/* The prompt's "lvm CMD ARGS...", with the environment lvm needs here. */
int lvm_command(int argc, char **argv, char *out, size_t size);

/* The prompt's "stack" command: every layer seen, its state and why. */
void stack_print(const struct boot *boot, void (*out)(const char *fmt, ...));
