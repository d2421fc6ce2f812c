/* SPDX-License-Identifier: MIT */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "cmdline.h"

struct kmod_ctx;

/* The storage layers a root can be stacked on, each with its own flag. */
enum stack_layer {
        STACK_LVM    = 1 << 0,  /* --lvm: device mapper, /sbin/lvm, /etc/lvm/lvm.conf */
        STACK_LUKS   = 1 << 1,  /* --luks: dm-crypt and its crypto, /sbin/rdcheck-luks, /etc/crypttab */
        STACK_MDRAID = 1 << 2,  /* --mdraid: md RAID1, /sbin/mdadm */
};

/* What one layer puts into an image. */
struct stack_layer_desc {
        enum stack_layer layer;
        const char *flag;               /* "--lvm" */
        const char *what;               /* "LVM", for people */
        const char *tool;               /* file name in the tools dir; installed as /sbin/NAME */
        const char *const *modules;     /* needed, by module name (built-in ones count as there) */
        const char *const *optional;    /* added when the kernel has them */
        const char *conf_path;          /* a file the image gets, NULL for none */
        const char *conf_text;
};

extern const struct stack_layer_desc stack_layers[3];
#define STACK_LAYERS_N (sizeof(stack_layers) / sizeof(stack_layers[0]))

/* The layer the block device whose sysfs directory is @blockdir is, by dm/uuid and md/; 0 for none. */
unsigned stack_layer_of(const char *blockdir);

/* The names of @layers, "LVM, LUKS", or "none". */
const char *stack_layers_name(unsigned layers, char *buf, size_t size);

/*
 * The modules @layers need, pushed onto @out (without duplicates): the
 * needed ones always, the optional ones when @ctx (the target kernel)
 * knows them.
 */
int stack_module_names(struct kmod_ctx *ctx, unsigned layers, struct strv *out);

/*
 * Reads the crypttab open at @fd and parses it; *@n gets its entry count.
 * Returns 0, -EINVAL with the line and what is refused (or why it is no
 * text file) in @why, or -errno when it cannot be read.
 */
int stack_crypttab_check(int fd, size_t *n, char *why, size_t size);

/* What an image is to hold for its storage layers. */
struct stack_request {
        unsigned layers;        /* asked for, or found */
        unsigned host_layers;   /* found by --host-only under this machine's root */
        const char *tools_dir;  /* lvm, mdadm, rdcheck-luks */
        const char *crypttab;   /* --crypttab FILE, or NULL */
        const char *host_root;  /* this machine's "/": "" or a fake tree */
};

/* A file for the image: a copy of host file @src, or @text. */
struct stack_file {
        const char *path;       /* in the image, without the leading '/' */
        const char *src;
        const char *text;
        mode_t mode;
};

/*
 * Hands @add each file @req's layers need: each layer's tool from the
 * tools dir as /sbin/NAME (it must be there and static), its configuration,
 * and /etc/crypttab: --crypttab's, or this machine's when root was found
 * on LUKS, refused when a line is not supported.  Logs one line naming the
 * flag and the file for a failure; returns 0 or -errno.
 */
int stack_add_files(const struct stack_request *req, int (*add)(const struct stack_file *f, void *ctx),
                    void *ctx);
