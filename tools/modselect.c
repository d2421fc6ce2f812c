/* SPDX-License-Identifier: MIT */
/*
 * Which modules an image needs, beyond the ones named: what this machine's
 * root needs (--host-only), read from /proc and /sys rather than guessed,
 * or every storage and filesystem driver, the USB host controllers and
 * the keyboard drivers (--all-storage).
 */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include <libkmod.h>

#include "modselect.h"
#include "stack.h"
#include "util.h"

/* Whole-disk and partition nesting, dm and md stacks: far deeper than any real root. */
#define STACK_MAX 8

/* The walk down from root's block device: where /sys is, what was found. */
struct walk {
        struct kmod_ctx *ctx;
        const char *root;       /* stands for "/": "" or a fake tree */
        struct strv *out;
        unsigned layers;
};

static int push_unique(struct strv *v, const char *name)
{
        for (size_t i = 0; i < v->n; i++)
                if (strcmp(v->items[i], name) == 0)
                        return 0;
        return strlist_push(v, name);
}

/* The modules of the target kernel that serve @alias (a modalias or "fs-ext4"). */
static int push_lookup(struct kmod_ctx *ctx, const char *alias, struct strv *out)
{
        struct kmod_list *list = NULL, *l;
        int r;

        if (kmod_module_new_from_lookup(ctx, alias, &list) < 0)
                return 0;
        r = 0;
        kmod_list_foreach(l, list) {
                struct kmod_module *mod = kmod_module_get_module(l);

                if (r == 0)
                        r = push_unique(out, kmod_module_get_name(mod));
                kmod_module_unref(mod);
        }
        kmod_module_unref_list(list);
        return r;
}

static ssize_t read_small(const char *path, char *buf, size_t size)
{
        FILE *f = fopen(path, "re");
        size_t n;

        if (!f)
                return -errno;
        n = fread(buf, 1, size - 1, f);
        fclose(f);
        buf[n] = '\0';
        while (n > 0 && (buf[n - 1] == '\n' || buf[n - 1] == ' '))
                buf[--n] = '\0';
        return (ssize_t)n;
}

/*
 * Every device from @devpath up to the root of /sys/devices: the module of
 * its bound driver (by the driver's module link, which a built-in driver
 * lacks), and whatever the target kernel has for its modalias.
 */
static int device_chain(struct walk *w, const char *devpath)
{
        char path[PATH_MAX], buf[PATH_MAX], name[128], devices[PATH_MAX];
        int r = 0;

        if (!realpath(devpath, path))
                return -errno;
        snprintf(devices, sizeof(devices), "%s/sys/devices/", w->root);
        while (r == 0 && strncmp(path, devices, strlen(devices)) == 0) {
                char *slash;

                snprintf(buf, sizeof(buf), "%s/driver/module", path);
                if (link_basename(buf, name, sizeof(name)))
                        r = push_lookup(w->ctx, name, w->out);
                snprintf(buf, sizeof(buf), "%s/modalias", path);
                if (r == 0 && read_small(buf, buf, sizeof(buf)) > 0)
                        r = push_lookup(w->ctx, buf, w->out);
                slash = strrchr(path, '/');
                if (!slash)
                        break;
                *slash = '\0';
        }
        return r;
}

/* Device mapper and md targets by what the kernel says the device is. */
static int stack_modules(struct walk *w, const char *blockdir)
{
        char path[PATH_MAX], text[256];
        int r = 0;

        w->layers |= stack_layer_of(blockdir);
        snprintf(path, sizeof(path), "%s/dm/uuid", blockdir);
        if (read_small(path, text, sizeof(text)) >= 0) {
                r = push_lookup(w->ctx, "dm_mod", w->out);
                if (r == 0 && strncmp(text, "CRYPT-", 6) == 0)
                        r = push_lookup(w->ctx, "dm_crypt", w->out);
        }
        snprintf(path, sizeof(path), "%s/md/level", blockdir);
        if (r == 0 && read_small(path, text, sizeof(text)) > 0)
                r = push_lookup(w->ctx, text, w->out);
        return r;
}

/* The block device, its disk, and everything it is stacked on, down to the hardware. */
static int block_modules(struct walk *w, const char *blockdir, int depth)
{
        char path[PATH_MAX], dir[PATH_MAX];
        struct dirent *de;
        DIR *d;
        int r;

        if (depth > STACK_MAX)
                return -ELOOP;
        if (!realpath(blockdir, dir))
                return -errno;
        r = stack_modules(w, dir);
        /* A partition's own directory has no device link: its disk's does. */
        snprintf(path, sizeof(path), "%s/device", dir);
        if (r == 0 && access(path, F_OK) < 0) {
                snprintf(path, sizeof(path), "%s/../device", dir);
                if (access(path, F_OK) < 0)
                        path[0] = '\0';
        }
        if (r == 0 && path[0])
                r = device_chain(w, path);
        snprintf(path, sizeof(path), "%s/slaves", dir);
        d = opendir(path);
        if (!d) {
                snprintf(path, sizeof(path), "%s/../slaves", dir);
                d = opendir(path);
        }
        while (r == 0 && d && (de = readdir(d))) {
                char sub[PATH_MAX];

                if (de->d_name[0] == '.')
                        continue;
                snprintf(sub, sizeof(sub), "%s/sys/class/block/%s", w->root, de->d_name);
                r = block_modules(w, sub, depth + 1);
        }
        if (d)
                closedir(d);
        return r;
}

/* Root's device number and filesystem type, from the kernel's own mount table. */
static int root_mount(const char *root, dev_t *dev, char *fstype, size_t size, char *why, size_t whysize)
{
        char line[4096], path[PATH_MAX];
        FILE *f;
        int r = -ENOENT;

        snprintf(path, sizeof(path), "%s/proc/self/mountinfo", root);
        f = fopen(path, "re");
        if (!f) {
                r = -errno;
                snprintf(why, whysize, "%s: %s", path, strerror(-r));
                return r;
        }
        while (fgets(line, sizeof(line), f)) {
                unsigned maj, min;
                char mnt[PATH_MAX], type[64];
                const char *sep = strstr(line, " - ");

                if (sscanf(line, "%*u %*u %u:%u %*s %4095s", &maj, &min, mnt) != 3 || !sep ||
                    strcmp(mnt, "/") != 0 || sscanf(sep + 3, "%63s", type) != 1)
                        continue;
                /* The last mount on / is the one in use. */
                *dev = makedev(maj, min);
                snprintf(fstype, size, "%s", type);
                r = 0;
        }
        fclose(f);
        if (r < 0)
                snprintf(why, whysize, "no / in %s", path);
        return r;
}

int modselect_host_only(struct kmod_ctx *ctx, const char *host_root, struct strv *out, unsigned *layers,
                        char *why, size_t whysize)
{
        struct walk w = { .ctx = ctx, .root = host_root, .out = out };
        char fstype[64], alias[80], blockdir[PATH_MAX];
        dev_t dev = 0;
        int r;

        *layers = 0;
        r = root_mount(host_root, &dev, fstype, sizeof(fstype), why, whysize);
        if (r < 0)
                return r;
        snprintf(alias, sizeof(alias), "fs-%s", fstype);
        r = push_lookup(ctx, alias, out);
        if (r < 0)
                return r;
        snprintf(blockdir, sizeof(blockdir), "%s/sys/dev/block/%u:%u", host_root, major(dev), minor(dev));
        if (major(dev) == 0 || access(blockdir, F_OK) < 0) {
                /* overlay, tmpfs, nfs, a container: nothing under it to drive. */
                snprintf(why, whysize, "root is %s, not on a block device: only its filesystem "
                         "module is chosen", fstype);
                return 0;
        }
        r = block_modules(&w, blockdir, 0);
        *layers = w.layers;
        if (r < 0)
                snprintf(why, whysize, "%s: %s", blockdir, strerror(-r));
        return r;
}

static const char *const storage_prefixes[] = {
        "kernel/drivers/block/", "kernel/drivers/ata/", "kernel/drivers/scsi/",
        "kernel/drivers/nvme/", "kernel/drivers/md/", "kernel/drivers/mmc/",
        "kernel/drivers/virtio/", "kernel/drivers/usb/storage/", "kernel/fs/",
};

/*
 * By name, beside those directories: the PCI USB host controllers a USB
 * disk hangs off (usb-storage alone finds none), and what a prompt on the
 * screen needs to read a keyboard, PS/2 or USB.  Those a kernel builds in
 * are not in its modules.dep, and so are skipped.
 */
static const char *const usb_and_keyboard[] = {
        "xhci_pci", "ehci_pci", "ohci_pci", "uhci_hcd",
        "i8042", "atkbd", "usbhid", "hid_generic",
};

static bool storage_path(const char *path)
{
        for (size_t i = 0; i < sizeof(storage_prefixes) / sizeof(storage_prefixes[0]); i++)
                if (strncmp(path, storage_prefixes[i], strlen(storage_prefixes[i])) == 0)
                        return true;
        return false;
}

static bool usb_or_keyboard(const char *name)
{
        for (size_t i = 0; i < sizeof(usb_and_keyboard) / sizeof(usb_and_keyboard[0]); i++)
                if (strcmp(name, usb_and_keyboard[i]) == 0)
                        return true;
        return false;
}

int modselect_all_storage(const char *moddir, struct strv *out)
{
        char path[PATH_MAX], line[8192];
        FILE *f;
        int r = 0;

        snprintf(path, sizeof(path), "%s/modules.dep", moddir);
        f = fopen(path, "re");
        if (!f)
                return -errno;
        while (r == 0 && fgets(line, sizeof(line), f)) {
                char *colon = strchr(line, ':');
                const char *base;
                char name[128];
                size_t len;

                if (!colon)
                        continue;
                *colon = '\0';
                base = strrchr(line, '/') ? strrchr(line, '/') + 1 : line;
                len = strcspn(base, ".");
                if (len >= sizeof(name))
                        continue;
                /* Module names use '_' where file names may have '-'. */
                for (size_t i = 0; i < len; i++)
                        name[i] = base[i] == '-' ? '_' : base[i];
                name[len] = '\0';
                if (storage_path(line) || usb_or_keyboard(name))
                        r = push_unique(out, name);
        }
        fclose(f);
        return r;
}

int modselect_pstore(const char *host_root, struct strv *out)
{
        char path[PATH_MAX], backend[64] = "";
        FILE *f;
        int r;

        if (!host_root) {
                r = strlist_push(out, "efi_pstore");
                if (r == 0)
                        r = strlist_push(out, "ramoops");
                return r < 0 ? r : 2;
        }
        snprintf(path, sizeof(path), "%s/sys/module/pstore/parameters/backend", host_root);
        f = fopen(path, "re");
        if (!f)
                return 0;
        if (!fgets(backend, sizeof(backend), f))
                backend[0] = '\0';
        fclose(f);
        backend[strcspn(backend, "\n")] = '\0';
        if (strcmp(backend, "ramoops") == 0)
                r = strlist_push(out, "ramoops");
        else if (strcmp(backend, "efi") == 0 || strcmp(backend, "efi_pstore") == 0)
                r = strlist_push(out, "efi_pstore");
        else
                return 0;
        return r < 0 ? r : 1;
}
