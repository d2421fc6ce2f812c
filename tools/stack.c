/* SPDX-License-Identifier: MIT */
/*
 * Roots on storage stacks (LVM, LUKS, MD RAID1): what each layer needs in
 * an image (a static tool, kernel modules, a configuration file), and how
 * a block device in sysfs says which layer it is.  rdcheck-mkimage adds a
 * layer for --lvm, --luks, --mdraid, or when --host-only finds it under
 * this machine's root; --verify checks an image has it.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libkmod.h>

#include "crypttab.h"
#include "fileio.h"
#include "stack.h"
#include "util.h"

#define PROG "rdcheck-mkimage"
/* A crypttab is a few lines; this is far beyond any real one. */
#define CRYPTTAB_MAX ((size_t)1 << 20)

/*
 * lvm in an initramfs without udev: it scans /dev itself, makes the
 * /dev/mapper nodes itself, starts no daemon and keeps nothing.
 */
static const char lvm_conf[] =
        "# lvm.conf of an rdcheck initramfs, written by rdcheck-mkimage.\n"
        "# No udev, no daemons, nothing kept: this system lives until switch_root.\n"
        "config {\n"
        "\t# A setting this lvm does not know is reported, not passed over.\n"
        "\tchecks = 1\n"
        "}\n"
        "devices {\n"
        "\t# Physical volumes are found by scanning /dev: there is no udev database.\n"
        "\tscan = [ \"/dev\" ]\n"
        "\tobtain_device_list_from_udev = 0\n"
        "\texternal_device_info_source = \"none\"\n"
        "\t# The host's devices file names devices by IDs the initramfs may not\n"
        "\t# see the same way; every PV found counts.  No hints file either.\n"
        "\tuse_devicesfile = 0\n"
        "\thints = \"none\"\n"
        "}\n"
        "activation {\n"
        "\t# lvm makes and removes the device nodes itself, waiting for nobody.\n"
        "\tudev_sync = 0\n"
        "\tudev_rules = 0\n"
        "\tverify_udev_operations = 0\n"
        "\t# dmeventd does not run here; the real system monitors after the switch.\n"
        "\tmonitoring = 0\n"
        "}\n"
        "global {\n"
        "\tuse_lvmlockd = 0\n"
        "\tuse_lvmpolld = 0\n"
        "\tevent_activation = 0\n"
        "\tnotify_dbus = 0\n"
        "}\n"
        "backup {\n"
        "\t# Nothing written here outlives the boot: no metadata backups or archives.\n"
        "\tbackup = 0\n"
        "\tarchive = 0\n"
        "}\n"
        "log {\n"
        "\tsyslog = 0\n"
        "}\n";

/* A plain (linear or striped) LV: both targets are part of dm_mod. */
static const char *const lvm_modules[] = { "dm_mod", NULL };

/*
 * LUKS2's default aes-xts-plain64: dm-crypt, and xts over ecb(aes) for
 * it; libcryptsetup's kernel crypto backend reaches hashes and ciphers
 * through AF_ALG (algif_hash, algif_skcipher) to unlock the key slots.
 */
static const char *const luks_modules[] = {
        "dm_mod", "dm_crypt", "algif_skcipher", "algif_hash", "xts", "ecb", NULL,
};
/* Built into Debian's kernels, modules elsewhere; essiv: LUKS1's aes-cbc-essiv:sha256. */
static const char *const luks_optional[] = {
        "aes_generic", "cbc", "sha256_generic", "hmac", "essiv", NULL,
};

static const char *const mdraid_modules[] = { "md_mod", "raid1", NULL };
static const char *const none[] = { NULL };

const struct stack_layer_desc stack_layers[3] = {
        { STACK_LVM, "--lvm", "LVM", "lvm", lvm_modules, none, "etc/lvm/lvm.conf", lvm_conf },
        { STACK_LUKS, "--luks", "LUKS", "rdcheck-luks", luks_modules, luks_optional, NULL, NULL },
        /*
         * No mdadm.conf: without one, mdadm --incremental and --assemble
         * --scan assemble every array they find (mdadm.conf(5), AUTO), and
         * the host's ARRAY lines could only narrow that.
         */
        { STACK_MDRAID, "--mdraid", "MD RAID", "mdadm", mdraid_modules, none, NULL, NULL },
};

unsigned stack_layer_of(const char *blockdir)
{
        char uuid[256];

        /* dm/uuid: what made the mapping says what it is (lvm2, cryptsetup). */
        if (read_text_at(blockdir, "dm/uuid", uuid, sizeof(uuid)) >= 0) {
                if (!strncmp(uuid, "LVM-", 4))
                        return STACK_LVM;
                if (!strncmp(uuid, "CRYPT-LUKS1-", 12) || !strncmp(uuid, "CRYPT-LUKS2-", 12))
                        return STACK_LUKS;
                return 0;
        }
        return read_text_at(blockdir, "md/level", uuid, sizeof(uuid)) >= 0 ? STACK_MDRAID : 0;
}

const char *stack_layers_name(unsigned layers, char *buf, size_t size)
{
        size_t len = 0;

        buf[0] = '\0';
        for (size_t i = 0; i < STACK_LAYERS_N; i++)
                if ((layers & stack_layers[i].layer) && len < size)
                        len += (size_t)snprintf(buf + len, size - len, "%s%s", len ? ", " : "",
                                                stack_layers[i].what);
        return buf[0] ? buf : "none";
}

static int push_unique(struct strv *v, const char *name)
{
        for (size_t i = 0; i < v->n; i++)
                if (!strcmp(v->items[i], name))
                        return 0;
        return strlist_push(v, name);
}

static bool kernel_has(struct kmod_ctx *ctx, const char *name)
{
        struct kmod_list *list = NULL;

        if (kmod_module_new_from_lookup(ctx, name, &list) < 0 || !list)
                return false;
        kmod_module_unref_list(list);
        return true;
}

int stack_module_names(struct kmod_ctx *ctx, unsigned layers, struct strv *out)
{
        int r = 0;

        for (size_t i = 0; i < STACK_LAYERS_N && r == 0; i++) {
                const struct stack_layer_desc *l = &stack_layers[i];

                if (!(layers & l->layer))
                        continue;
                for (const char *const *m = l->modules; *m && r == 0; m++)
                        r = push_unique(out, *m);
                for (const char *const *m = l->optional; *m && r == 0; m++)
                        if (kernel_has(ctx, *m))
                                r = push_unique(out, *m);
        }
        return r;
}

int stack_crypttab_check(int fd, size_t *n, char *why, size_t size)
{
        struct crypttab tab;
        unsigned char *text = NULL, *nul;
        size_t len;
        int r;

        r = fd_read_whole(fd, CRYPTTAB_MAX, &text, &len);
        if (r == -EINVAL)
                snprintf(why, size, "not a regular file");
        if (r < 0)
                return r;
        nul = memchr(text, '\0', len);
        if (nul) {
                snprintf(why, size, "a NUL byte at offset %zu: not a text file", (size_t)(nul - text));
                free(text);
                return -EINVAL;
        }
        /* fd_read_whole() leaves a byte after the data. */
        text[len] = '\0';
        r = crypttab_parse((const char *)text, &tab, why, size);
        *n = tab.n;
        crypttab_free(&tab);
        free(text);
        return r;
}

/* --crypttab FILE, or this machine's when --host-only found root on LUKS: checked, then added. */
static int crypttab_add(const struct stack_request *req, int (*add)(const struct stack_file *f, void *ctx),
                        void *ctx)
{
        struct stack_file f = { .path = "etc/crypttab", .src = req->crypttab, .mode = 0644 };
        const char *flag = "--crypttab";
        char host[PATH_MAX], why[512] = "";
        size_t n;
        int fd, r;

        if (!f.src && (req->host_layers & STACK_LUKS)) {
                snprintf(host, sizeof(host), "%s/etc/crypttab", req->host_root);
                if (access(host, F_OK) < 0) {
                        fprintf(stderr, PROG ": --host-only: root is on LUKS and there is no %s: "
                                "the image has no /etc/crypttab\n", host);
                        return 0;
                }
                f.src = host;
                flag = "--host-only";
        }
        if (!f.src)
                return 0;
        fd = open(f.src, O_RDONLY | O_CLOEXEC);
        r = fd < 0 ? -errno : stack_crypttab_check(fd, &n, why, sizeof(why));
        if (fd >= 0)
                close(fd);
        if (r < 0) {
                fprintf(stderr, PROG ": %s %s: %s\n", flag, f.src, r == -EINVAL ? why : strerror(-r));
                return r;
        }
        return add(&f, ctx);
}

/* The layer's tool: there, and runnable without libraries. */
static int tool_check(const struct stack_layer_desc *l, const char *path)
{
        int r = elf_static_check(path);

        if (r == -ENOEXEC || r == -ELIBACC) {
                fprintf(stderr, PROG ": %s: %s is %s; the image has no libraries for it\n", l->flag, path,
                        r == -ENOEXEC ? "not an ELF program" : "dynamically linked");
                return -EINVAL;
        }
        if (r < 0)
                fprintf(stderr, PROG ": %s: the %s tool %s (--tools-dir): %s\n", l->flag, l->tool, path,
                        strerror(-r));
        return r;
}

int stack_add_files(const struct stack_request *req, int (*add)(const struct stack_file *f, void *ctx),
                    void *ctx)
{
        char src[PATH_MAX], dst[64];
        int r;

        for (size_t i = 0; i < STACK_LAYERS_N; i++) {
                const struct stack_layer_desc *l = &stack_layers[i];
                struct stack_file tool = { .path = dst, .src = src, .mode = 0755 };
                struct stack_file conf = { .path = l->conf_path, .text = l->conf_text, .mode = 0644 };

                if (!(req->layers & l->layer))
                        continue;
                if (snprintf(src, sizeof(src), "%s/%s", req->tools_dir, l->tool) >= (int)sizeof(src)) {
                        fprintf(stderr, PROG ": --tools-dir %s: %s\n", req->tools_dir, strerror(ENAMETOOLONG));
                        return -ENAMETOOLONG;
                }
                snprintf(dst, sizeof(dst), "sbin/%s", l->tool);
                r = tool_check(l, src);
                if (r == 0)
                        r = add(&tool, ctx);
                if (r == 0 && l->conf_path)
                        r = add(&conf, ctx);
                if (r < 0)
                        return r;
        }
        return crypttab_add(req, add, ctx);
}
