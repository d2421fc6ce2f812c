/* SPDX-License-Identifier: MIT */
/*
 * rdcheck-mkimage: write a reproducible newc cpio initramfs holding /init,
 * a minimal skeleton, a chosen set of kernel modules with their dependency
 * closure, and depmod indexes regenerated for exactly that set.
 *
 * Errors: a function that touches a named object (a file, a module) logs
 * "<object>: <cause>" once and returns -errno; its callers only propagate.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <getopt.h>
#include <limits.h>
#include <spawn.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <sys/utsname.h>
#include <unistd.h>

#include <libkmod.h>

#include "compress.h"
#include "exec_check.h"
#include "cpio.h"
#include "fileio.h"
#include "imageconf.h"
#include "kconfig.h"
#include "modselect.h"
#include "stack.h"
#include "verify.h"

#define PROG "rdcheck-mkimage"
/* Chosen by measurement: see README.md, "Building an image". */
#define COMPRESS_DEFAULT COMPRESS_ZSTD
#define DEFAULT_NAME "zstd"
#define _cleanup_(f) __attribute__((cleanup(f)))

extern char **environ;

static void freep(void *p)
{
        free(*(void **)p);
}

static void closep(int *fd)
{
        if (*fd >= 0)
                close(*fd);
}

static void fclosep(FILE **f)
{
        if (*f)
                fclose(*f);
}

static void closedirp(DIR **d)
{
        if (*d)
                closedir(*d);
}

static void kmod_list_unrefp(struct kmod_list **l)
{
        kmod_module_unref_list(*l);
}

static void log_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void log_error(const char *fmt, ...)
{
        va_list ap;

        fputs(PROG ": ", stderr);
        va_start(ap, fmt);
        vfprintf(stderr, fmt, ap);
        va_end(ap);
        fputc('\n', stderr);
}

/* Logs "<object>: <cause>" and hands err back, so callers can return it. */
static int log_errno(int err, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int log_errno(int err, const char *fmt, ...)
{
        char object[PATH_MAX + 64];
        va_list ap;

        va_start(ap, fmt);
        vsnprintf(object, sizeof(object), fmt, ap);
        va_end(ap);
        log_error("%s: %s", object, strerror(-err));
        return err;
}

/* ---- options ---------------------------------------------------------- */

struct options {
        const char *kver;
        const char *moddir;
        const char *init;
        const char *output;
        const char **modules;   /* --module, as given */
        size_t n_modules;
        const char **adds;      /* --add SRC:DST, as given */
        size_t n_adds;
        enum compress compress;
        const char *rescue;     /* --rescue, NULL: open and no file */
        const char *password_hash;
        const char *onfail;
        const char *cmdline;
        const char *config;     /* --config FILE; NULL with --no-config */
        bool config_given;      /* --config or --no-config: a missing file is an error */
        struct imageconf conf;  /* what the config file set: the defaults of the four above */
        bool host_only;         /* --host-only */
        bool no_host_only;      /* --no-host-only: no module selection unless one is asked for */
        bool kdump;             /* --kdump: a capture image, the dump target's modules only */
        bool all_storage;       /* --all-storage */
        bool pstore;            /* --pstore */
        bool firmware;          /* --firmware */
        const char *firmware_dir;
        const char *busybox;
        const char *kconfig;    /* --kconfig, NULL: looked for */
        const char *list;       /* --list IMAGE */
        const char *verify;     /* --verify IMAGE */
        unsigned layers;        /* enum stack_layer: --lvm, --luks, --mdraid, and what --host-only found */
        unsigned host_layers;   /* what --host-only found under this machine's root */
        const char *tools_dir;  /* --tools-dir: lvm, mdadm, rdcheck-luks */
        const char *crypttab;   /* --crypttab FILE */
        char host_root[PATH_MAX];       /* --host-root, canonical; "" for the real "/" */
        char kver_running[65];  /* the default --kver */
        uint32_t mtime;         /* of every entry: SOURCE_DATE_EPOCH or 0 */
        char *moddir_default;
};

static void options_free(struct options *opt)
{
        free(opt->modules);
        free(opt->adds);
        free(opt->moddir_default);
}

static void usage(FILE *f)
{
        fputs("Usage: " PROG " [--kver KVER] [--moddir DIR] [--init PATH] -o FILE\n"
              "       [--module NAME]... [--host-only | --no-host-only] [--all-storage] [--pstore]\n"
              "       [--firmware] [--config FILE | --no-config]\n"
              "       [--add SRC:DST]... [--busybox PATH] [--compress METHOD] [--kconfig FILE]\n"
              "       [--rescue open|password|locked [--password-hash HASH]]\n"
              "       [--onfail ACTION] [--cmdline WORDS]\n"
              "       [--lvm] [--luks [--crypttab FILE]] [--mdraid] [--tools-dir DIR]\n"
              "       " PROG " --list IMAGE\n"
              "       " PROG " --verify IMAGE [--kver KVER] [--moddir DIR] [--kconfig FILE]\n"
              "\n"
              "Write a reproducible newc cpio initramfs to FILE; or list what an image\n"
              "holds; or say whether this machine would boot kernel KVER with it.\n"
              "\n"
              "  --kver KVER            kernel release the modules belong to (default:\n"
              "                         the running kernel's)\n"
              "  --moddir DIR           module tree (default /lib/modules/KVER)\n"
              "  --init PATH            program installed as /init (mode 0755; default\n"
              "                         " RDCHECK_INIT_PATH "); an ELF for this\n"
              "                         machine or a #! script, else refused\n"
              "  -o, --output FILE      image to write (via FILE.tmp)\n"
              "  --module NAME          module name or alias, with its dependencies and\n"
              "                         soft dependencies; built-in modules are skipped\n"
              "                         (repeatable)\n"
              "  --host-only            add what this machine needs to reach its root:\n"
              "                         the root filesystem's module, the drivers\n"
              "                         along the root device's path in /sys, and\n"
              "                         --lvm, --luks, --mdraid for the layers it is on\n"
              "                         (with /etc/crypttab when on LUKS), and the\n"
              "                         pstore backend /sys/module/pstore/parameters/\n"
              "                         backend names (ramoops or efi_pstore); the\n"
              "                         default when no --module, --host-only or\n"
              "                         --all-storage is given\n"
              "  --no-host-only         no default selection: only the modules --module,\n"
              "                         --lvm, --luks, --mdraid and --pstore ask for\n"
              "  --pstore               add the pstore backends efi_pstore and ramoops,\n"
              "                         so the next boot reads what a crash left\n"
              "  --lvm                  root on LVM: dm_mod, /sbin/lvm, /etc/lvm/lvm.conf\n"
              "  --luks                 root on LUKS: dm_crypt and the kernel crypto for\n"
              "                         aes-xts-plain64 and aes-cbc-essiv, /sbin/rdcheck-luks\n"
              "  --crypttab FILE        install FILE as /etc/crypttab (implies --luks);\n"
              "                         a line rdcheck cannot honour fails the build\n"
              "  --mdraid               root on MD RAID1: md_mod, raid1, /sbin/mdadm\n"
              "  --tools-dir DIR        where the static lvm, mdadm and rdcheck-luks are\n"
              "                         (default " RDCHECK_TOOLS_DIR ")\n"
              "  --host-root DIR        read /proc/self/mountinfo, /sys and /etc/crypttab\n"
              "                         under DIR instead of / (for tests)\n"
              "  --all-storage          add every module under drivers/{block,ata,scsi,\n"
              "                         nvme,md,mmc,virtio,usb/storage} and fs/, the USB\n"
              "                         host controllers (xhci_pci, ehci_pci, ohci_pci,\n"
              "                         uhci_hcd) and keyboards (i8042, atkbd, usbhid,\n"
              "                         hid_generic), for an image that must boot\n"
              "                         unknown hardware\n"
              "  --firmware             add the firmware files the chosen modules\n"
              "                         declare (from --firmware-dir, /lib/firmware)\n"
              "  --add SRC:DST          host file SRC installed at DST, mode kept\n"
              "                         (repeatable)\n"
              "  --busybox PATH         a static busybox, installed as /bin/sh for the\n"
              "                         prompt's sh command\n"
              "  --compress gzip|zstd|xz|lz4|none\n"
              "                         default " DEFAULT_NAME "; refused when the kernel's config\n"
              "                         says CONFIG_RD_<METHOD> is not set\n"
              "  --kconfig FILE         the kernel's config (default /boot/config-KVER, or\n"
              "                         boot/config-KVER beside the modules directory)\n"
              "  --list IMAGE           every entry of IMAGE, a header per archive segment\n"
              "  --verify IMAGE         check IMAGE would boot KVER here: its compression,\n"
              "                         its modules and their vermagic, this machine's\n"
              "                         root drivers and storage stack, /etc/crypttab,\n"
              "                         /init;\n"
              "                         exit 0 if so, 1 with the reasons, 2 if unreadable\n"
              "  --rescue open|password|locked\n"
              "                         who gets the rescue prompt (default open);\n"
              "                         nothing on the kernel command line changes it\n"
              "  --password-hash HASH   SHA-512 crypt(3) hash for --rescue password,\n"
              "                         e.g. from: openssl passwd -6\n"
              "  --onfail shell|reboot|poweroff|halt\n"
              "                         default action when a checkpoint fails (locked:\n"
              "                         reboot); rd.checkpoint.onfail= overrides it\n"
              "  --cmdline WORDS        default command-line words (root=..., rd.env.*);\n"
              "                         the same word on the real command line wins;\n"
              "                         no control characters\n"
              "  --config FILE          image settings (rescue=, password_hash=, onfail=,\n"
              "                         cmdline=) read as the defaults of the flags above\n"
              "                         (default " RDCHECK_CONFIG_PATH ", if it exists);\n"
              "                         a flag wins over the file\n"
              "  --no-config            read no settings file\n"
              "  --kdump                a kdump capture image: only the dump target's\n"
              "                         modules (--host-only: the root's; else --module),\n"
              "                         no --all-storage; marked kdump=yes in its settings;\n"
              "                         gzip unless --compress says otherwise\n"
              "  -h, --help             show this text\n"
              "\n"
              "Every entry gets mtime SOURCE_DATE_EPOCH (0 if unset) and uid/gid 0.\n"
              "Needs depmod (kmod) when the image gets modules.\n", f);
}

static int source_date_epoch(uint32_t *ret)
{
        const char *s = getenv("SOURCE_DATE_EPOCH");
        unsigned long long v;
        char *end;

        *ret = 0;
        if (!s || !*s)
                return 0;
        if (*s < '0' || *s > '9')
                return -EINVAL;
        errno = 0;
        v = strtoull(s, &end, 10);
        if (errno || *end)
                return -EINVAL;
        /* newc has 32 bits of mtime. */
        if (v > UINT32_MAX)
                return -ERANGE;
        *ret = (uint32_t)v;
        return 0;
}

static int kver_valid(const char *kver)
{
        return *kver && !strchr(kver, '/') && strcmp(kver, ".") && strcmp(kver, "..");
}

/* Returns 1 when --help was shown, 0 to go on, -errno on a bad command line. */
static int options_parse(struct options *opt, int argc, char **argv)
{
        enum { OPT_KVER = 256, OPT_MODDIR, OPT_INIT, OPT_MODULE, OPT_ADD, OPT_COMPRESS,
               OPT_RESCUE, OPT_PASSWORD_HASH, OPT_ONFAIL, OPT_CMDLINE, OPT_HOST_ONLY, OPT_KDUMP,
               OPT_ALL_STORAGE, OPT_FIRMWARE, OPT_FIRMWARE_DIR, OPT_BUSYBOX, OPT_KCONFIG,
               OPT_LIST, OPT_VERIFY, OPT_LVM, OPT_LUKS, OPT_MDRAID, OPT_TOOLS_DIR, OPT_CRYPTTAB,
               OPT_HOST_ROOT, OPT_PSTORE, OPT_NO_HOST_ONLY, OPT_CONFIG, OPT_NO_CONFIG };
        static const struct option longopts[] = {
                { "kver",     required_argument, NULL, OPT_KVER },
                { "moddir",   required_argument, NULL, OPT_MODDIR },
                { "init",     required_argument, NULL, OPT_INIT },
                { "output",   required_argument, NULL, 'o' },
                { "module",   required_argument, NULL, OPT_MODULE },
                { "add",      required_argument, NULL, OPT_ADD },
                { "compress", required_argument, NULL, OPT_COMPRESS },
                { "rescue",   required_argument, NULL, OPT_RESCUE },
                { "password-hash", required_argument, NULL, OPT_PASSWORD_HASH },
                { "onfail",   required_argument, NULL, OPT_ONFAIL },
                { "cmdline",  required_argument, NULL, OPT_CMDLINE },
                { "host-only", no_argument,      NULL, OPT_HOST_ONLY },
                { "no-host-only", no_argument,   NULL, OPT_NO_HOST_ONLY },
                { "config",   required_argument, NULL, OPT_CONFIG },
                { "no-config", no_argument,      NULL, OPT_NO_CONFIG },
                { "kdump", no_argument,          NULL, OPT_KDUMP },
                { "all-storage", no_argument,    NULL, OPT_ALL_STORAGE },
                { "pstore",   no_argument,       NULL, OPT_PSTORE },
                { "firmware", no_argument,       NULL, OPT_FIRMWARE },
                { "firmware-dir", required_argument, NULL, OPT_FIRMWARE_DIR },
                { "busybox",  required_argument, NULL, OPT_BUSYBOX },
                { "kconfig",  required_argument, NULL, OPT_KCONFIG },
                { "list",     required_argument, NULL, OPT_LIST },
                { "verify",   required_argument, NULL, OPT_VERIFY },
                { "lvm",      no_argument,       NULL, OPT_LVM },
                { "luks",     no_argument,       NULL, OPT_LUKS },
                { "mdraid",   no_argument,       NULL, OPT_MDRAID },
                { "tools-dir", required_argument, NULL, OPT_TOOLS_DIR },
                { "crypttab", required_argument, NULL, OPT_CRYPTTAB },
                { "host-root", required_argument, NULL, OPT_HOST_ROOT },
                { "help",     no_argument,       NULL, 'h' },
                {}
        };
        bool compress_given = false;
        int c, r;

        /* Each repeatable option appears at most argc times. */
        opt->modules = calloc((size_t)argc, sizeof(*opt->modules));
        opt->adds = calloc((size_t)argc, sizeof(*opt->adds));
        if (!opt->modules || !opt->adds)
                return log_errno(-ENOMEM, "options");

        opt->compress = COMPRESS_DEFAULT;
        opt->config = RDCHECK_CONFIG_PATH;
        opterr = 0;
        while ((c = getopt_long(argc, argv, ":ho:", longopts, NULL)) >= 0) {
                switch (c) {
                case OPT_KVER:
                        opt->kver = optarg;
                        break;
                case OPT_MODDIR:
                        opt->moddir = optarg;
                        break;
                case OPT_INIT:
                        opt->init = optarg;
                        break;
                case 'o':
                        opt->output = optarg;
                        break;
                case OPT_MODULE:
                        opt->modules[opt->n_modules++] = optarg;
                        break;
                case OPT_ADD:
                        opt->adds[opt->n_adds++] = optarg;
                        break;
                case OPT_COMPRESS:
                        compress_given = true;
                        if (compress_parse(optarg, &opt->compress) < 0) {
                                log_error("--compress: unknown method '%s' (gzip, zstd, xz, lz4 or none)",
                                          optarg);
                                return -EINVAL;
                        }
                        break;
                case OPT_RESCUE:
                        opt->rescue = optarg;
                        break;
                case OPT_PASSWORD_HASH:
                        opt->password_hash = optarg;
                        break;
                case OPT_ONFAIL:
                        opt->onfail = optarg;
                        break;
                case OPT_CMDLINE:
                        opt->cmdline = optarg;
                        break;
                case OPT_HOST_ONLY:
                        opt->host_only = true;
                        break;
                case OPT_NO_HOST_ONLY:
                        opt->no_host_only = true;
                        break;
                case OPT_CONFIG:
                        opt->config = optarg;
                        opt->config_given = true;
                        break;
                case OPT_NO_CONFIG:
                        opt->config = NULL;
                        opt->config_given = true;
                        break;
                case OPT_KDUMP:
                        opt->kdump = true;
                        break;
                case OPT_ALL_STORAGE:
                        opt->all_storage = true;
                        break;
                case OPT_PSTORE:
                        opt->pstore = true;
                        break;
                case OPT_FIRMWARE:
                        opt->firmware = true;
                        break;
                case OPT_FIRMWARE_DIR:
                        opt->firmware_dir = optarg;
                        break;
                case OPT_BUSYBOX:
                        opt->busybox = optarg;
                        break;
                case OPT_KCONFIG:
                        opt->kconfig = optarg;
                        break;
                case OPT_LIST:
                        opt->list = optarg;
                        break;
                case OPT_VERIFY:
                        opt->verify = optarg;
                        break;
                case OPT_LVM:
                        opt->layers |= STACK_LVM;
                        break;
                case OPT_LUKS:
                        opt->layers |= STACK_LUKS;
                        break;
                case OPT_CRYPTTAB:
                        opt->crypttab = optarg;
                        opt->layers |= STACK_LUKS;
                        break;
                case OPT_MDRAID:
                        opt->layers |= STACK_MDRAID;
                        break;
                case OPT_TOOLS_DIR:
                        opt->tools_dir = optarg;
                        break;
                case OPT_HOST_ROOT:
                        if (!realpath(optarg, opt->host_root))
                                return log_errno(-errno, "--host-root %s", optarg);
                        break;
                case 'h':
                        usage(stdout);
                        return 1;
                case ':':
                        log_error("%s: missing argument (see --help)", argv[optind - 1]);
                        return -EINVAL;
                default:
                        log_error("%s: unknown option (see --help)", argv[optind - 1]);
                        return -EINVAL;
                }
        }
        if (optind < argc) {
                log_error("%s: unexpected argument (see --help)", argv[optind]);
                return -EINVAL;
        }
        if (!opt->kver) {
                struct utsname u;

                if (uname(&u) < 0)
                        return log_errno(-errno, "uname");
                snprintf(opt->kver_running, sizeof(opt->kver_running), "%s", u.release);
                opt->kver = opt->kver_running;
        }
        if (!opt->list && !opt->verify && !opt->output) {
                log_error("--output: required (see --help)");
                return -EINVAL;
        }
        if (!opt->init)
                opt->init = RDCHECK_INIT_PATH;
        if (opt->host_only && opt->no_host_only) {
                log_error("--host-only with --no-host-only: choose one");
                return -EINVAL;
        }
        /* An image with no way to reach its root is never what a bare command line means. */
        if (!opt->n_modules && !opt->all_storage && !opt->no_host_only)
                opt->host_only = true;
        if (opt->kdump && opt->all_storage) {
                log_error("--kdump with --all-storage: a capture image carries only what the dump "
                          "target needs (--host-only or --module)");
                return -EINVAL;
        }
        /*
         * gzip unpacks through a 32 KiB window; zstd -19's is 8 MiB, which the
         * capture kernel must find inside crashkernel= (test/bench/kdump-mem:
         * 88M against 92M).
         */
        if (opt->kdump && !compress_given)
                opt->compress = COMPRESS_GZIP;
        if (!opt->firmware_dir)
                opt->firmware_dir = "/lib/firmware";
        if (!opt->tools_dir)
                opt->tools_dir = RDCHECK_TOOLS_DIR;
        if (!kver_valid(opt->kver)) {
                log_error("--kver: invalid release '%s'", opt->kver);
                return -EINVAL;
        }
        if (!opt->moddir) {
                if (asprintf(&opt->moddir_default, "/lib/modules/%s", opt->kver) < 0)
                        return log_errno(-ENOMEM, "options");
                opt->moddir = opt->moddir_default;
        }
        r = source_date_epoch(&opt->mtime);
        if (r < 0)
                return log_errno(r, "SOURCE_DATE_EPOCH '%s'", getenv("SOURCE_DATE_EPOCH"));
        return 0;
}

/* ---- the image: entries in memory ------------------------------------ */

struct entry {
        char *path;             /* in the archive, no leading '/' */
        char *src;              /* host file with the data, NULL if none */
        mode_t mode;            /* file type and permissions */
        unsigned int rdev_major;
        unsigned int rdev_minor;
        uint32_t size;
};

struct image {
        struct entry *v;
        size_t n;
        size_t cap;
};

static void image_free(struct image *img)
{
        for (size_t i = 0; i < img->n; i++) {
                free(img->v[i].path);
                free(img->v[i].src);
        }
        free(img->v);
}

static struct entry *image_find(const struct image *img, const char *path)
{
        for (size_t i = 0; i < img->n; i++)
                if (!strcmp(img->v[i].path, path))
                        return &img->v[i];
        return NULL;
}

static int image_append(struct image *img, const struct entry *e)
{
        struct entry *n;

        if (img->n == img->cap) {
                size_t cap = img->cap ? img->cap * 2 : 64;

                n = reallocarray(img->v, cap, sizeof(*n));
                if (!n)
                        return -ENOMEM;
                img->v = n;
                img->cap = cap;
        }
        n = &img->v[img->n];
        *n = *e;
        n->path = strdup(e->path);
        n->src = e->src ? strdup(e->src) : NULL;
        if (!n->path || (e->src && !n->src)) {
                free(n->path);
                free(n->src);
                return -ENOMEM;
        }
        img->n++;
        return 0;
}

/* Parents are walked top-down, so each one's own parent is already there. */
static int image_add_parents(struct image *img, const char *path)
{
        _cleanup_(freep) char *dir = strdup(path);
        char *slash;

        if (!dir)
                return -ENOMEM;
        for (slash = strchr(dir, '/'); slash; slash = strchr(slash + 1, '/')) {
                struct entry parent = { .path = dir, .mode = S_IFDIR | 0755 };
                const struct entry *e;
                int r;

                *slash = '\0';
                e = image_find(img, dir);
                if (e && !S_ISDIR(e->mode))
                        return -ENOTDIR;
                r = e ? 0 : image_append(img, &parent);
                *slash = '/';
                if (r < 0)
                        return r;
        }
        return 0;
}

/* A directory may be added twice (the first mode wins); anything else once. */
static int image_add(struct image *img, const struct entry *e)
{
        const struct entry *old = image_find(img, e->path);
        int r;

        if (old)
                return S_ISDIR(old->mode) && S_ISDIR(e->mode) ? 0 : -EEXIST;
        r = image_add_parents(img, e->path);
        if (r < 0)
                return r;
        return image_append(img, e);
}

/* Adds host file SRC at PATH; perm < 0 keeps SRC's permissions. */
static int image_add_host_file(struct image *img, const char *path, const char *src, int perm)
{
        struct entry e = { .path = (char *)path, .src = (char *)src };
        struct stat st;
        int r;

        if (stat(src, &st) < 0)
                return log_errno(-errno, "%s", src);
        if (!S_ISREG(st.st_mode)) {
                log_error("%s: not a regular file", src);
                return -EINVAL;
        }
        if (st.st_size > UINT32_MAX) {
                log_error("%s: too large for a newc archive", src);
                return -EFBIG;
        }
        e.mode = S_IFREG | (perm < 0 ? (st.st_mode & 07777) : (mode_t)perm);
        e.size = (uint32_t)st.st_size;
        r = image_add(img, &e);
        if (r < 0)
                return log_errno(r, "/%s", path);
        return 0;
}

/*
 * The kernel opens /dev/console for init's stdin/stdout/stderr before init
 * runs (init/main.c, console_on_rootfs()), so the node must be in the archive
 * itself; devtmpfs only arrives once init mounts it.
 */
static const struct entry skeleton[] = {
        { .path = "dev",         .mode = S_IFDIR | 0755 },
        { .path = "dev/console", .mode = S_IFCHR | 0600, .rdev_major = 5, .rdev_minor = 1 },
        { .path = "dev/null",    .mode = S_IFCHR | 0666, .rdev_major = 1, .rdev_minor = 3 },
        { .path = "proc",        .mode = S_IFDIR | 0755 },
        { .path = "root",        .mode = S_IFDIR | 0700 },
        { .path = "run",         .mode = S_IFDIR | 0755 },
        { .path = "sys",         .mode = S_IFDIR | 0755 },
        { .path = "sysroot",     .mode = S_IFDIR | 0755 },
};

static int image_add_skeleton(struct image *img)
{
        for (size_t i = 0; i < sizeof(skeleton) / sizeof(skeleton[0]); i++) {
                int r = image_add(img, &skeleton[i]);

                if (r < 0)
                        return log_errno(r, "/%s", skeleton[i].path);
        }
        return 0;
}

/* "/usr//bin/./x" -> "usr/bin/x"; ".." is refused, it would climb out when unpacked. */
static int image_path_normalize(const char *in, char **ret)
{
        char *out = malloc(strlen(in) + 1);
        char *o = out;
        const char *p = in;

        if (!out)
                return -ENOMEM;
        while (*p) {
                const char *end;
                size_t len;

                while (*p == '/')
                        p++;
                if (!*p)
                        break;
                end = strchrnul(p, '/');
                len = (size_t)(end - p);
                if (len == 2 && p[0] == '.' && p[1] == '.') {
                        free(out);
                        return -EINVAL;
                }
                if (!(len == 1 && p[0] == '.')) {
                        if (o != out)
                                *o++ = '/';
                        memcpy(o, p, len);
                        o += len;
                }
                p = end;
        }
        *o = '\0';
        if (o == out) {
                free(out);
                return -EINVAL;
        }
        *ret = out;
        return 0;
}

static int image_add_extra(struct image *img, const char *spec)
{
        _cleanup_(freep) char *src = strdup(spec);
        _cleanup_(freep) char *dst = NULL;
        char *colon;
        int r;

        if (!src)
                return log_errno(-ENOMEM, "--add");
        /* The last colon: a build directory is likelier to hold one than DST. */
        colon = strrchr(src, ':');
        if (!colon || colon == src || !colon[1]) {
                log_error("--add '%s': expected SRC:DST", spec);
                return -EINVAL;
        }
        *colon = '\0';
        r = image_path_normalize(colon + 1, &dst);
        if (r < 0) {
                log_error("--add '%s': DST must name a file, without '..'", spec);
                return r;
        }
        return image_add_host_file(img, dst, src, -1);
}

/* ---- host files and the staging tree --------------------------------- */

/* mkdir -p; an existing directory is fine. */
static int mkdir_p(const char *path)
{
        _cleanup_(freep) char *p = strdup(path);
        char *slash;

        if (!p)
                return -ENOMEM;
        for (slash = strchr(p + 1, '/'); slash; slash = strchr(slash + 1, '/')) {
                *slash = '\0';
                if (mkdir(p, 0755) < 0 && errno != EEXIST)
                        return -errno;
                *slash = '/';
        }
        if (mkdir(p, 0755) < 0 && errno != EEXIST)
                return -errno;
        return 0;
}

static int mkdir_parent(const char *path)
{
        _cleanup_(freep) char *p = strdup(path);
        char *slash;

        if (!p)
                return -ENOMEM;
        slash = strrchr(p, '/');
        if (!slash || slash == p)
                return 0;
        *slash = '\0';
        return mkdir_p(p);
}

static int path_join(char *buf, size_t size, const char *dir, const char *name)
{
        int n = snprintf(buf, size, "%s/%s", dir, name);

        return n < 0 || (size_t)n >= size ? -ENAMETOOLONG : 0;
}

/* A new file at @dst (never over an old one), its directory made: an fd or -errno, logged. */
static int file_create(const char *dst)
{
        int r = mkdir_parent(dst), fd;

        if (r < 0)
                return log_errno(r, "%s", dst);
        fd = open(dst, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
        return fd < 0 ? log_errno(-errno, "%s", dst) : fd;
}

/* Closes *@fd here, not in the cleanup, to see a failed write-back. */
static int file_finish(int *fd, const char *dst)
{
        int r = close(*fd) < 0 ? -errno : 0;

        *fd = -1;
        return r < 0 ? log_errno(r, "%s", dst) : 0;
}

static int copy_file(const char *src, const char *dst)
{
        _cleanup_(closep) int in = -1;
        _cleanup_(closep) int out = -1;
        char buf[65536];
        ssize_t n;
        int r;

        in = open(src, O_RDONLY | O_CLOEXEC);
        if (in < 0)
                return log_errno(-errno, "%s", src);
        out = file_create(dst);
        if (out < 0)
                return out;
        while ((n = read(in, buf, sizeof(buf))) != 0) {
                if (n < 0 && errno == EINTR)
                        continue;
                if (n < 0)
                        return log_errno(-errno, "%s", src);
                r = fd_write_all(out, buf, (size_t)n);
                if (r < 0)
                        return log_errno(r, "%s", dst);
        }
        return file_finish(&out, dst);
}

struct stage {
        char root[PATH_MAX];    /* "" until created */
        char kdir[PATH_MAX];    /* root/lib/modules/KVER */
};

static int stage_remove_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
        if (remove(path) < 0)
                log_errno(-errno, "%s", path);
        return 0;
}

static void stage_remove(struct stage *st)
{
        if (!st->root[0])
                return;
        /* FTW_PHYS and FTW_MOUNT: never follow a link or cross out of the tree. */
        nftw(st->root, stage_remove_one, 16, FTW_DEPTH | FTW_PHYS | FTW_MOUNT);
        st->root[0] = '\0';
}

static int stage_create(struct stage *st, const char *kver)
{
        const char *tmp = getenv("TMPDIR");
        int r;

        if (!tmp || !*tmp)
                tmp = "/tmp";
        r = snprintf(st->root, sizeof(st->root), "%s/" PROG ".XXXXXX", tmp);
        if (r < 0 || (size_t)r >= sizeof(st->root)) {
                st->root[0] = '\0';
                return log_errno(-ENAMETOOLONG, "%s", tmp);
        }
        if (!mkdtemp(st->root)) {
                r = log_errno(-errno, "%s", st->root);
                st->root[0] = '\0';
                return r;
        }
        r = snprintf(st->kdir, sizeof(st->kdir), "%s/lib/modules/%s", st->root, kver);
        if (r < 0 || (size_t)r >= sizeof(st->kdir))
                return log_errno(-ENAMETOOLONG, "%s", st->root);
        r = mkdir_p(st->kdir);
        if (r < 0)
                return log_errno(r, "%s", st->kdir);
        return 0;
}

/* ---- modules: resolving the closure through libkmod ------------------- */

struct module_file {
        char *name;
        char *relpath;          /* under moddir; NULL for a built-in module */
};

struct modset {
        struct module_file *v;
        size_t n;
        size_t cap;
        const char *moddir;     /* canonical, as libkmod was given it */
};

static void modset_free(struct modset *set)
{
        for (size_t i = 0; i < set->n; i++) {
                free(set->v[i].name);
                free(set->v[i].relpath);
        }
        free(set->v);
}

static bool modset_has(const struct modset *set, const char *name)
{
        for (size_t i = 0; i < set->n; i++)
                if (!strcmp(set->v[i].name, name))
                        return true;
        return false;
}

static size_t modset_count_files(const struct modset *set)
{
        size_t n = 0;

        for (size_t i = 0; i < set->n; i++)
                n += set->v[i].relpath != NULL;
        return n;
}

static int modset_append(struct modset *set, const char *name, const char *relpath)
{
        struct module_file *m;

        if (set->n == set->cap) {
                size_t cap = set->cap ? set->cap * 2 : 32;

                m = reallocarray(set->v, cap, sizeof(*m));
                if (!m)
                        return -ENOMEM;
                set->v = m;
                set->cap = cap;
        }
        m = &set->v[set->n];
        m->name = strdup(name);
        m->relpath = relpath ? strdup(relpath) : NULL;
        if (!m->name || (relpath && !m->relpath)) {
                free(m->name);
                free(m->relpath);
                return -ENOMEM;
        }
        set->n++;
        return 0;
}

static int modset_add(struct modset *set, struct kmod_module *mod);

static int modset_add_list(struct modset *set, const struct kmod_list *list)
{
        const struct kmod_list *l;

        kmod_list_foreach(l, list) {
                struct kmod_module *mod = kmod_module_get_module(l);
                int r = modset_add(set, mod);

                kmod_module_unref(mod);
                if (r < 0)
                        return r;
        }
        return 0;
}

static int modset_add(struct modset *set, struct kmod_module *mod)
{
        _cleanup_(kmod_list_unrefp) struct kmod_list *deps = NULL;
        _cleanup_(kmod_list_unrefp) struct kmod_list *pre = NULL;
        _cleanup_(kmod_list_unrefp) struct kmod_list *post = NULL;
        const char *name = kmod_module_get_name(mod);
        const char *path, *relpath = NULL;
        size_t len = strlen(set->moddir);
        int r;

        if (modset_has(set, name))
                return 0;
        /*
         * No path means built in (found through modules.builtin): nothing to
         * copy. kmod_module_get_initstate() would ask the running kernel,
         * which is not the one this image is for.
         */
        path = kmod_module_get_path(mod);
        if (path) {
                if (strncmp(path, set->moddir, len) || path[len] != '/') {
                        log_error("module '%s': %s is outside %s", name, path, set->moddir);
                        return -EXDEV;
                }
                relpath = path + len + 1;
        }
        r = modset_append(set, name, relpath);
        if (r < 0)
                return log_errno(r, "module '%s'", name);
        if (!path)
                return 0;

        /* modules.dep already lists the whole closure; recursing is for softdeps. */
        deps = kmod_module_get_dependencies(mod);
        r = modset_add_list(set, deps);
        if (r < 0)
                return r;
        /* Soft dependencies that name nothing in moddir resolve to empty lists. */
        r = kmod_module_get_softdeps(mod, &pre, &post);
        if (r < 0)
                return log_errno(r, "module '%s': soft dependencies", name);
        r = modset_add_list(set, pre);
        if (r < 0)
                return r;
        return modset_add_list(set, post);
}

static int modset_add_lookup(struct modset *set, struct kmod_ctx *ctx, const char *name)
{
        _cleanup_(kmod_list_unrefp) struct kmod_list *list = NULL;
        int r;

        r = kmod_module_new_from_lookup(ctx, name, &list);
        if (r < 0)
                return log_errno(r, "module '%s'", name);
        if (!list) {
                log_error("module '%s' not found in %s", name, set->moddir);
                return -ENOENT;
        }
        return modset_add_list(set, list);
}

static int modset_resolve(struct modset *set, const char *const *names, size_t n)
{
        /*
         * No modprobe.d: the host's aliases, blacklists and install commands
         * say nothing about the image's kernel. modules.softdep from moddir
         * is still read.
         */
        static const char *const no_config[] = { NULL };
        struct kmod_ctx *ctx;
        int r;

        ctx = kmod_new(set->moddir, no_config);
        if (!ctx)
                return log_errno(-ENOMEM, "%s", set->moddir);
        r = kmod_load_resources(ctx);
        if (r < 0) {
                log_errno(r, "%s: loading the module indexes (run depmod?)", set->moddir);
                goto out;
        }
        for (size_t i = 0; i < n && r >= 0; i++)
                r = modset_add_lookup(set, ctx, names[i]);
out:
        kmod_unref(ctx);
        return r < 0 ? r : 0;
}

/* Whether @line (a modules.order entry, always ".ko") names a module of @set. */
static bool modset_has_order_line(const struct modset *set, const char *line)
{
        size_t len = strlen(line);

        for (size_t i = 0; i < set->n; i++) {
                const char *rel = set->v[i].relpath;

                /* The file may be compressed: "ext4.ko.zst" for "ext4.ko". */
                if (rel && !strncmp(rel, line, len) && (rel[len] == '\0' || rel[len] == '.'))
                        return true;
        }
        return false;
}

/*
 * modules.order lists every module of the kernel (160 KB for Debian's);
 * depmod only needs the order of those in the image.
 */
static int stage_write_order(const struct stage *st, const struct modset *set)
{
        _cleanup_(fclosep) FILE *in = NULL;
        _cleanup_(fclosep) FILE *out = NULL;
        char src[PATH_MAX], dst[PATH_MAX], line[PATH_MAX];

        if (path_join(src, sizeof(src), set->moddir, "modules.order") < 0 ||
            path_join(dst, sizeof(dst), st->kdir, "modules.order") < 0)
                return log_errno(-ENAMETOOLONG, "%s", st->kdir);
        in = fopen(src, "re");
        if (!in)
                return errno == ENOENT ? 0 : log_errno(-errno, "%s", src);
        out = fopen(dst, "wxe");
        if (!out)
                return log_errno(-errno, "%s", dst);
        while (fgets(line, sizeof(line), in)) {
                line[strcspn(line, "\n")] = '\0';
                if (modset_has_order_line(set, line))
                        fprintf(out, "%s\n", line);
        }
        if (ferror(in))
                return log_errno(-EIO, "%s", src);
        if (fclose(out) != 0) {
                out = NULL;
                return log_errno(-errno, "%s", dst);
        }
        out = NULL;
        return 0;
}

/*
 * A module goes into the image uncompressed, as "x.ko" whatever the host's
 * "x.ko.zst" or "x.ko.xz": the static init's libkmod reads no compressed
 * modules, and the image is compressed as a whole anyway.  The module's
 * signature is inside what is decompressed, so it still holds.
 */
#define MODULE_MAX ((size_t)256 << 20)

static int stage_module(const struct stage *st, const char *src, const char *relpath)
{
        _cleanup_(closep) int in = -1;
        _cleanup_(closep) int out = -1;
        _cleanup_(freep) unsigned char *packed = NULL;
        _cleanup_(freep) unsigned char *data = NULL;
        size_t ko_len, packed_len, len, used;
        enum compress c = module_compression(relpath, &ko_len);
        char dst[PATH_MAX], why[256];
        int r;

        if (ko_len >= sizeof(dst) || snprintf(dst, sizeof(dst), "%s/%.*s", st->kdir, (int)ko_len,
                                              relpath) >= (int)sizeof(dst))
                return log_errno(-ENAMETOOLONG, "%s", relpath);
        if (c == COMPRESS_NONE || c == COMPRESS_UNKNOWN)
                return copy_file(src, dst);
        in = open(src, O_RDONLY | O_CLOEXEC);
        if (in < 0)
                return log_errno(-errno, "%s", src);
        r = fd_read_whole(in, MODULE_MAX, &packed, &packed_len);
        if (r < 0)
                return log_errno(r, "%s", src);
        r = decompress(c, packed, packed_len, MODULE_MAX, &data, &len, &used, why, sizeof(why));
        if (r < 0) {
                log_error("%s: cannot decompress (%s): %s", src, compress_name(c), why);
                return r;
        }
        out = file_create(dst);
        if (out < 0)
                return out;
        r = fd_write_all(out, data, len);
        if (r < 0)
                return log_errno(r, "%s", dst);
        return file_finish(&out, dst);
}

static int stage_copy_modules(const struct stage *st, const struct modset *set)
{
        static const char *const metadata[] = {
                "modules.builtin", "modules.builtin.modinfo",
        };
        char src[PATH_MAX], dst[PATH_MAX];
        int r;

        for (size_t i = 0; i < set->n; i++) {
                if (!set->v[i].relpath)
                        continue;
                r = path_join(src, sizeof(src), set->moddir, set->v[i].relpath);
                if (r < 0)
                        return log_errno(r, "%s", set->v[i].relpath);
                r = stage_module(st, src, set->v[i].relpath);
                if (r < 0)
                        return r;
        }
        /* depmod rebuilds the builtin indexes from these; modprobe needs them. */
        for (size_t i = 0; i < sizeof(metadata) / sizeof(metadata[0]); i++) {
                if (path_join(src, sizeof(src), set->moddir, metadata[i]) < 0 ||
                    path_join(dst, sizeof(dst), st->kdir, metadata[i]) < 0)
                        return log_errno(-ENAMETOOLONG, "%s", st->kdir);
                if (access(src, F_OK) < 0 && errno == ENOENT)
                        continue;
                r = copy_file(src, dst);
                if (r < 0)
                        return r;
        }
        return stage_write_order(st, set);
}

/* ---- aliases of the storage drivers left out --------------------------- */

/*
 * lib/modules/KVER/rdcheck-absent.alias: "alias PATTERN MODULE" for every
 * storage-class driver of this kernel that is NOT in the image, so that the
 * booted init can say which module a driverless disk controller needed
 * without the image carrying the whole kernel.
 */
#define ABSENT_ALIAS_FILE "rdcheck-absent.alias"

static const char *const storage_dirs[] = {
        "kernel/drivers/ata/", "kernel/drivers/scsi/", "kernel/drivers/nvme/",
        "kernel/drivers/block/", "kernel/drivers/virtio/", "kernel/drivers/mmc/",
        "kernel/drivers/usb/storage/", "kernel/drivers/usb/host/", "kernel/drivers/md/",
        "kernel/drivers/message/", "kernel/drivers/cdrom/", "kernel/drivers/hv/",
};

/* The module name of a modules.dep path: kernel/drivers/ata/ata_piix.ko.xz -> ata_piix. */
static void module_name_of(const char *path, char *name, size_t size)
{
        const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
        size_t len = strcspn(base, ".");

        if (len >= size)
                len = size - 1;
        for (size_t i = 0; i < len; i++)
                name[i] = base[i] == '-' ? '_' : base[i];
        name[len] = '\0';
}

static bool in_storage_dir(const char *path)
{
        for (size_t i = 0; i < sizeof(storage_dirs) / sizeof(storage_dirs[0]); i++)
                if (!strncmp(path, storage_dirs[i], strlen(storage_dirs[i])))
                        return true;
        return false;
}

/* Names of the storage modules in modules.dep that the image leaves out, as "\nname\n..." */
static int absent_storage_modules(const struct modset *set, char **ret)
{
        _cleanup_(freep) char *line = NULL;
        char path[PATH_MAX], name[256];
        size_t cap = 0, len = 0, lcap = 0;
        char *out = NULL;
        FILE *f;

        if (path_join(path, sizeof(path), set->moddir, "modules.dep") < 0)
                return -ENAMETOOLONG;
        f = fopen(path, "re");
        if (!f)
                return log_errno(-errno, "%s", path);
        while (getline(&line, &lcap, f) > 0) {
                size_t n;

                line[strcspn(line, ":")] = '\0';
                if (!in_storage_dir(line))
                        continue;
                module_name_of(line, name, sizeof(name));
                if (modset_has(set, name))
                        continue;
                n = strlen(name) + 2;
                if (len + n + 1 > cap) {
                        char *o = realloc(out, cap = (len + n + 1) * 2);

                        if (!o) {
                                free(out);
                                fclose(f);
                                return -ENOMEM;
                        }
                        out = o;
                }
                len += (size_t)sprintf(out + len, "%s%s\n", len ? "" : "\n", name);
        }
        fclose(f);
        *ret = out ? out : strdup("\n");
        return *ret ? 0 : -ENOMEM;
}

static int stage_write_absent_aliases(const struct stage *st, const struct modset *set)
{
        _cleanup_(freep) char *absent = NULL, *line = NULL;
        char src[PATH_MAX], dst[PATH_MAX], key[260];
        size_t lcap = 0;
        FILE *in, *out;
        int r;

        r = absent_storage_modules(set, &absent);
        if (r < 0)
                return r;
        if (path_join(src, sizeof(src), set->moddir, "modules.alias") < 0 ||
            path_join(dst, sizeof(dst), st->kdir, ABSENT_ALIAS_FILE) < 0)
                return log_errno(-ENAMETOOLONG, "%s", st->kdir);
        in = fopen(src, "re");
        if (!in)
                return errno == ENOENT ? 0 : log_errno(-errno, "%s", src);
        out = fopen(dst, "we");
        if (!out) {
                r = log_errno(-errno, "%s", dst);
                fclose(in);
                return r;
        }
        /* modules.alias is sorted by depmod: the output is as reproducible as it. */
        while (getline(&line, &lcap, in) > 0) {
                char *mod = strrchr(line, ' ');

                if (strncmp(line, "alias ", 6) || !mod)
                        continue;
                snprintf(key, sizeof(key), "\n%.*s\n", (int)strcspn(mod + 1, "\n"), mod + 1);
                if (strstr(absent, key))
                        fputs(line, out);
        }
        fclose(in);
        if (fclose(out) != 0)
                return log_errno(-EIO, "%s", dst);
        return 0;
}

/* ---- depmod ------------------------------------------------------------ */

static bool executable(const char *path)
{
        struct stat st;

        return stat(path, &st) == 0 && S_ISREG(st.st_mode) && access(path, X_OK) == 0;
}

static int depmod_find(char *buf, size_t size)
{
        const char *path = getenv("PATH");

        /* sbin is often not in a build user's PATH. */
        for (const char *d = "/sbin\0/usr/sbin\0"; *d; d += strlen(d) + 1)
                if (path_join(buf, size, d, "depmod") == 0 && executable(buf))
                        return 0;
        while (path && *path) {
                const char *end = strchrnul(path, ':');
                int len = (int)(end - path);
                int n = snprintf(buf, size, "%.*s/depmod", len, path);

                if (len > 0 && n > 0 && (size_t)n < size && executable(buf))
                        return 0;
                path = *end ? end + 1 : end;
        }
        return -ENOENT;
}

static int depmod_run(const struct stage *st, const char *kver)
{
        char depmod[PATH_MAX], confdir[PATH_MAX], dep[PATH_MAX];
        char *argv[] = { "depmod", "-b", (char *)st->root, "-C", confdir, (char *)kver, NULL };
        int status, r;
        pid_t pid;

        if (depmod_find(depmod, sizeof(depmod)) < 0) {
                log_error("depmod: not found in /sbin, /usr/sbin or PATH (install kmod)");
                return -ENOENT;
        }
        /* An empty depmod.d: the host's search and override lines are not ours. */
        if (path_join(confdir, sizeof(confdir), st->root, "depmod.d") < 0 ||
            path_join(dep, sizeof(dep), st->kdir, "modules.dep") < 0)
                return log_errno(-ENAMETOOLONG, "%s", st->root);
        if (mkdir(confdir, 0755) < 0)
                return log_errno(-errno, "%s", confdir);

        r = posix_spawn(&pid, depmod, NULL, NULL, argv, environ);
        if (r)
                return log_errno(-r, "%s", depmod);
        while (waitpid(pid, &status, 0) < 0)
                if (errno != EINTR)
                        return log_errno(-errno, "%s", depmod);
        if (!WIFEXITED(status) || WEXITSTATUS(status)) {
                log_error("%s -b %s %s: %s %d", depmod, st->root, kver,
                          WIFEXITED(status) ? "exited with status" : "killed by signal",
                          WIFEXITED(status) ? WEXITSTATUS(status) : WTERMSIG(status));
                return -EPROTO;
        }
        /* A kmod built for /usr/lib/modules would have written elsewhere. */
        if (access(dep, F_OK) < 0) {
                log_error("%s: wrote no %s", depmod, dep);
                return -ENOENT;
        }
        return 0;
}

/* Adds host directory HOST and everything below it at PATH in the image. */
static int image_add_tree(struct image *img, const char *host, const char *path)
{
        _cleanup_(closedirp) DIR *d = opendir(host);
        struct entry dir = { .path = (char *)path, .mode = S_IFDIR | 0755 };
        struct dirent *de;
        int r;

        if (!d)
                return log_errno(-errno, "%s", host);
        r = image_add(img, &dir);
        if (r < 0)
                return log_errno(r, "/%s", path);
        while ((errno = 0, de = readdir(d))) {
                _cleanup_(freep) char *h = NULL;
                _cleanup_(freep) char *p = NULL;
                struct stat st;

                if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
                        continue;
                if (asprintf(&h, "%s/%s", host, de->d_name) < 0 ||
                    asprintf(&p, "%s/%s", path, de->d_name) < 0)
                        return log_errno(-ENOMEM, "%s", host);
                if (lstat(h, &st) < 0)
                        return log_errno(-errno, "%s", h);
                /* Fixed modes: the stage's own depend on the umask. */
                if (S_ISDIR(st.st_mode))
                        r = image_add_tree(img, h, p);
                else
                        r = image_add_host_file(img, p, h, 0644);
                if (r < 0)
                        return r;
        }
        if (errno)
                return log_errno(-errno, "%s", host);
        return 0;
}

/* The names given with --module, those --host-only and --all-storage choose, and the storage layers'. */
static int module_names(struct options *opt, const char *moddir, struct strv *names)
{
        static const char *const no_config[] = { NULL };
        struct kmod_ctx *ctx;
        char why[512] = "";
        int r = 0;

        for (size_t i = 0; i < opt->n_modules && r == 0; i++)
                r = strlist_push(names, opt->modules[i]);
        if (r == 0 && opt->all_storage) {
                r = modselect_all_storage(moddir, names);
                if (r < 0)
                        return log_errno(r, "--all-storage: %s/modules.dep", moddir);
        }
        if (r == 0 && opt->pstore)
                r = modselect_pstore(NULL, names);
        if (r == 0 && opt->host_only) {
                r = modselect_pstore(opt->host_root, names);
                if (r > 0)
                        fprintf(stderr, PROG ": --host-only: pstore backend in use: %s\n", names->items[names->n - 1]);
        }
        if (r < 0 || (!opt->host_only && !opt->layers))
                return r < 0 ? r : 0;
        ctx = kmod_new(moddir, no_config);
        if (!ctx)
                return log_errno(-ENOMEM, "%s", moddir);
        r = kmod_load_resources(ctx);
        if (r == 0 && opt->host_only)
                r = modselect_host_only(ctx, opt->host_root, names, &opt->host_layers, why, sizeof(why));
        opt->layers |= opt->host_layers;
        if (r == 0)
                r = stack_module_names(ctx, opt->layers, names);
        kmod_unref(ctx);
        if (r < 0)
                return log_errno(r, "%s: %s", opt->host_only ? "--host-only" : "modules", why[0] ? why : moddir);
        if (why[0])
                fprintf(stderr, PROG ": --host-only: %s\n", why);
        if (opt->host_layers)
                fprintf(stderr, PROG ": --host-only: root is on %s\n",
                        stack_layers_name(opt->host_layers, why, sizeof(why)));
        return 0;
}

/* A firmware file as the kernel may find it: plain, or compressed. */
static bool firmware_find(const char *dir, const char *name, char *path, size_t size, const char **ext)
{
        static const char *const exts[] = { "", ".xz", ".zst" };

        for (size_t i = 0; i < sizeof(exts) / sizeof(exts[0]); i++) {
                if (snprintf(path, size, "%s/%s%s", dir, name, exts[i]) >= (int)size)
                        return false;
                if (access(path, R_OK) == 0) {
                        *ext = exts[i];
                        return true;
                }
        }
        return false;
}

static int image_add_firmware_of(struct image *img, const struct options *opt, struct kmod_module *mod)
{
        struct kmod_list *info = NULL, *l;
        int r = 0;

        if (kmod_module_get_info(mod, &info) < 0)
                return 0;
        kmod_list_foreach(l, info) {
                char path[PATH_MAX], dst[PATH_MAX];
                const char *fw, *ext;

                if (strcmp(kmod_module_info_get_key(l), "firmware") != 0)
                        continue;
                fw = kmod_module_info_get_value(l);
                if (!fw || strstr(fw, "..") || !firmware_find(opt->firmware_dir, fw, path, sizeof(path), &ext)) {
                        fprintf(stderr, PROG ": --firmware: %s (for %s) not in %s\n", fw ? fw : "?",
                                kmod_module_get_name(mod), opt->firmware_dir);
                        continue;
                }
                snprintf(dst, sizeof(dst), "lib/firmware/%s%s", fw, ext);
                if (image_find(img, dst))
                        continue;
                r = image_add_host_file(img, dst, path, 0644);
                if (r < 0)
                        break;
        }
        kmod_module_info_free_list(info);
        return r;
}

/* Each firmware file a chosen module declares (modinfo's firmware=). */
static int image_add_firmware(struct image *img, const struct options *opt, const struct modset *set)
{
        static const char *const no_config[] = { NULL };
        struct kmod_ctx *ctx = kmod_new(set->moddir, no_config);
        int r = 0;

        if (!ctx)
                return log_errno(-ENOMEM, "%s", set->moddir);
        for (size_t i = 0; i < set->n && r == 0; i++) {
                char path[PATH_MAX];
                struct kmod_module *mod;

                if (!set->v[i].relpath || path_join(path, sizeof(path), set->moddir, set->v[i].relpath) < 0)
                        continue;
                if (kmod_module_new_from_path(ctx, path, &mod) < 0)
                        continue;
                r = image_add_firmware_of(img, opt, mod);
                kmod_module_unref(mod);
        }
        kmod_unref(ctx);
        return r;
}

/* Resolves, stages and indexes the modules, then adds lib/modules/KVER. */
static int image_add_modules(struct image *img, struct options *opt,
                             struct stage *st, size_t *n_modules)
{
        _cleanup_(modset_free) struct modset set = {};
        _cleanup_(freep) char *path = NULL;
        struct strv names = { 0 };
        char moddir[PATH_MAX];
        int r;

        if (!realpath(opt->moddir, moddir))
                return log_errno(-errno, "%s", opt->moddir);
        set.moddir = moddir;
        r = module_names(opt, moddir, &names);
        if (r == 0)
                r = modset_resolve(&set, (const char *const *)names.items, names.n);
        strlist_free(&names);
        if (r < 0)
                return r;
        if (opt->firmware) {
                r = image_add_firmware(img, opt, &set);
                if (r < 0)
                        return r;
        }
        r = stage_create(st, opt->kver);
        if (r < 0)
                return r;
        r = stage_copy_modules(st, &set);
        if (r < 0)
                return r;
        r = depmod_run(st, opt->kver);
        if (r < 0)
                return r;
        r = stage_write_absent_aliases(st, &set);
        if (r < 0)
                return r;
        if (asprintf(&path, "lib/modules/%s", opt->kver) < 0)
                return log_errno(-ENOMEM, "%s", st->kdir);
        *n_modules = modset_count_files(&set);
        return image_add_tree(img, st->kdir, path);
}

/* ---- writing: newc cpio through the chosen compression ---------------- */

struct sink {
        const char *path;
        FILE *file;
        struct encoder *enc;
        uint64_t offset;        /* uncompressed; newc aligns to it */
        int error;              /* first error, already logged */
};

static int sink_fail(struct sink *s, int err)
{
        if (!s->error)
                s->error = log_errno(err, "%s", s->path);
        return s->error;
}

static int sink_write(struct sink *s, const void *buf, size_t len)
{
        int r;

        if (s->error)
                return s->error;
        s->offset += len;
        r = encoder_write(s->enc, buf, len);
        return r < 0 ? sink_fail(s, r) : 0;
}

static int sink_pad4(struct sink *s)
{
        static const char zeros[4];

        return sink_write(s, zeros, (4 - s->offset % 4) % 4);
}

static int sink_open(struct sink *s, const char *path, enum compress compress)
{
        int r;

        s->path = path;
        s->file = fopen(path, "we");
        if (!s->file)
                return sink_fail(s, -errno);
        r = encoder_new(compress, s->file, &s->enc);
        return r < 0 ? sink_fail(s, r) : 0;
}

static int sink_finish(struct sink *s)
{
        int r;

        if (s->error)
                return s->error;
        r = encoder_finish(s->enc);
        if (r < 0)
                return sink_fail(s, r);
        r = fflush(s->file) ? -errno : 0;
        if (r == 0 && fsync(fileno(s->file)) < 0)
                r = -errno;
        if (fclose(s->file) && r == 0)
                r = -errno;
        s->file = NULL;
        return r < 0 ? sink_fail(s, r) : 0;
}

static void sink_free(struct sink *s)
{
        encoder_free(s->enc);
        if (s->file)
                fclose(s->file);
}

static int cpio_write_header(struct sink *s, const struct entry *e, uint32_t ino, uint32_t mtime)
{
        char hdr[111];
        size_t namesize = strlen(e->path) + 1;
        int r;

        /*
         * ino mode uid gid nlink mtime filesize devmajor devminor rdevmajor
         * rdevminor namesize check; the name's NUL is counted and padded.
         */
        snprintf(hdr, sizeof(hdr),
                 "070701%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X",
                 ino, (unsigned int)e->mode, 0u, 0u, S_ISDIR(e->mode) ? 2u : 1u,
                 mtime, e->size, 0u, 0u, e->rdev_major, e->rdev_minor,
                 (unsigned int)namesize, 0u);
        r = sink_write(s, hdr, 110);
        if (r < 0)
                return r;
        r = sink_write(s, e->path, namesize);
        if (r < 0)
                return r;
        return sink_pad4(s);
}

static int cpio_write_data(struct sink *s, const struct entry *e)
{
        _cleanup_(closep) int fd = open(e->src, O_RDONLY | O_CLOEXEC);
        char buf[65536];
        uint32_t left = e->size;
        ssize_t n;
        int r;

        if (fd < 0)
                return log_errno(-errno, "%s", e->src);
        while (left > 0) {
                n = read(fd, buf, left < sizeof(buf) ? left : sizeof(buf));
                if (n < 0 && errno == EINTR)
                        continue;
                if (n < 0)
                        return log_errno(-errno, "%s", e->src);
                if (n == 0)
                        break;
                r = sink_write(s, buf, (size_t)n);
                if (r < 0)
                        return r;
                left -= (uint32_t)n;
        }
        /* The header already promised e->size bytes. */
        if (left > 0 || read(fd, buf, 1) != 0) {
                log_error("%s: changed while the image was being written", e->src);
                return -EIO;
        }
        return sink_pad4(s);
}

/* '/' sorts before every other byte, so a directory's subtree stays together. */
static int path_cmp(const void *a, const void *b)
{
        const unsigned char *p = (const unsigned char *)((const struct entry *)a)->path;
        const unsigned char *q = (const unsigned char *)((const struct entry *)b)->path;
        int x, y;

        for (; *p && *p == *q; p++, q++)
                ;
        x = *p == '/' ? 1 : *p ? *p + 1 : 0;
        y = *q == '/' ? 1 : *q ? *q + 1 : 0;
        return x - y;
}

/* The archive's size before compression, near enough: data, names and headers. */
static int image_write(struct image *img, const char *output, enum compress compress,
                       uint32_t mtime, uint64_t *size)
{
        static const struct entry trailer = { .path = "TRAILER!!!" };
        _cleanup_(freep) char *tmp = NULL;
        struct sink *s;
        int r;

        if (asprintf(&tmp, "%s.tmp", output) < 0)
                return log_errno(-ENOMEM, "%s", output);
        s = calloc(1, sizeof(*s));
        if (!s)
                return log_errno(-ENOMEM, "%s", output);

        /* Path order: parents before children, and the same bytes every run. */
        qsort(img->v, img->n, sizeof(img->v[0]), path_cmp);
        r = sink_open(s, tmp, compress);
        for (size_t i = 0; i < img->n && r >= 0; i++) {
                const struct entry *e = &img->v[i];

                r = cpio_write_header(s, e, (uint32_t)i + 1, mtime);
                if (r >= 0 && S_ISREG(e->mode))
                        r = cpio_write_data(s, e);
        }
        if (r >= 0)
                r = cpio_write_header(s, &trailer, 0, 0);
        if (r >= 0)
                r = sink_finish(s);
        if (r >= 0 && rename(tmp, output) < 0)
                r = log_errno(-errno, "%s", output);
        *size = s->enc ? encoder_written(s->enc) : 0;
        sink_free(s);
        free(s);
        if (r < 0)
                unlink(tmp);
        return r;
}

/* ---- a shell for the prompt ------------------------------------------- */

/* busybox runs its sh applet when called as "sh", which is how the prompt runs /bin/sh. */
static int image_add_busybox(struct image *img, const char *path)
{
        int r = elf_static_check(path);

        if (r == -ENOEXEC) {
                log_error("--busybox: %s is not an ELF program", path);
                return -EINVAL;
        }
        if (r == -ELIBACC) {
                log_error("--busybox: %s is dynamically linked; the image has no libraries for it "
                          "(Debian: busybox-static, /bin/busybox)", path);
                return -EINVAL;
        }
        if (r < 0)
                return log_errno(r, "--busybox: %s", path);
        return image_add_host_file(img, "bin/sh", path, 0755);
}

/* ---- the settings file: the defaults of the image-settings flags ------ */

/* One line per problem in @why: the first is enough to name. */
static int config_fail(const char *path, char *why)
{
        why[strcspn(why, "\n")] = '\0';
        log_error("%s: %s", path, why);
        return -EINVAL;
}

/*
 * Reads --config (default RDCHECK_CONFIG_PATH, skipped when it does not
 * exist) with the init's own parser, and takes what it sets for each
 * setting no flag gave.  The hash only serves a password prompt: with
 * --rescue open or locked on the command line, the file's hash is left out.
 */
static int config_apply(struct options *opt)
{
        _cleanup_(closep) int fd = -1;
        _cleanup_(freep) unsigned char *text = NULL;
        struct imageconf *ic = &opt->conf;
        char why[1024] = "";
        size_t len;
        int r;

        if (!opt->config)
                return 0;
        fd = open(opt->config, O_RDONLY | O_CLOEXEC);
        if (fd < 0 && errno == ENOENT && !opt->config_given)
                return 0;
        if (fd < 0)
                return log_errno(-errno, "--config %s", opt->config);
        r = fd_read_whole(fd, 65536, &text, &len);
        if (r < 0)
                return log_errno(r, "--config %s", opt->config);
        text[len] = '\0';
        if (strlen((char *)text) != len) {
                snprintf(why, sizeof(why), "a NUL byte: not a text file");
                return config_fail(opt->config, why);
        }
        if (imageconf_parse((char *)text, ic, why, sizeof(why)) < 0)
                return config_fail(opt->config, why);
        if (ic->kdump) {
                snprintf(why, sizeof(why), "kdump=yes: only --kdump makes a capture image");
                return config_fail(opt->config, why);
        }
        if (!opt->rescue && ic->rescue != RESCUE_OPEN)
                opt->rescue = rescue_policy_name(ic->rescue);
        if (!opt->password_hash && ic->password_hash[0] && opt->rescue &&
            !strcmp(opt->rescue, "password"))
                opt->password_hash = ic->password_hash;
        if (!opt->onfail && ic->has_onfail)
                opt->onfail = onfail_name(ic->onfail);
        if (!opt->cmdline && ic->cmdline[0])
                opt->cmdline = ic->cmdline;
        return 0;
}

/* The check --verify makes of an image's /init, on the file before it goes in. */
static int init_check(const char *path)
{
        char abs[PATH_MAX], why[PATH_MAX + 256];
        _cleanup_(closep) int rootfd = -1;

        if (!realpath(path, abs))
                return log_errno(-errno, "--init %s", path);
        rootfd = open("/", O_PATH | O_DIRECTORY | O_CLOEXEC);
        if (rootfd < 0)
                return log_errno(-errno, "/");
        if (exec_check_flags(rootfd, abs, EXEC_CHECK_MACHINE, EXEC_CHECK_CONTENT_ONLY, why,
                             sizeof(why)) < 0) {
                log_error("--init %s", why);
                return -ENOEXEC;
        }
        return 0;
}

/* The kernel would end a word at a tab and the file's line at a newline. */
static int cmdline_check(const char *cmdline)
{
        for (size_t i = 0; cmdline[i]; i++) {
                unsigned char ch = (unsigned char)cmdline[i];

                if (ch < 0x20 || ch == 0x7f) {
                        log_error("--cmdline: control character 0x%02x at byte %zu: "
                                  "one line of printable words", ch, i + 1);
                        return -EINVAL;
                }
        }
        return 0;
}

/* ---- the image's settings: /etc/rdcheck.conf ------------------------- */

static bool settings_given(const struct options *opt)
{
        return opt->rescue || opt->password_hash || opt->onfail || opt->cmdline || opt->kdump;
}

/* The file's text, checked by the same parser the init reads it with. */
static int settings_render(const struct options *opt, char **ret)
{
        _cleanup_(freep) char *text = NULL;
        struct imageconf ic;
        char why[1024];
        int n;

        if (opt->password_hash && (!opt->rescue || strcmp(opt->rescue, "password") != 0)) {
                log_error("--password-hash: only with --rescue password");
                return -EINVAL;
        }
        if (opt->cmdline && cmdline_check(opt->cmdline) < 0)
                return -EINVAL;
        if (opt->cmdline && (strstr(opt->cmdline, " -- ") ||
                             !strcmp(opt->cmdline, "--") || !strncmp(opt->cmdline, "-- ", 3))) {
                log_error("--cmdline: one line of words, without \"--\"");
                return -EINVAL;
        }
        n = asprintf(&text, "# rdcheck image settings, written by " PROG "\n"
                     "rescue=%s\n%s%s%s%s%s%s%s%s%s%s",
                     opt->rescue ? opt->rescue : "open",
                     opt->password_hash ? "password_hash=" : "",
                     opt->password_hash ? opt->password_hash : "", opt->password_hash ? "\n" : "",
                     opt->onfail ? "onfail=" : "", opt->onfail ? opt->onfail : "", opt->onfail ? "\n" : "",
                     opt->cmdline ? "cmdline=" : "", opt->cmdline ? opt->cmdline : "",
                     opt->cmdline ? "\n" : "", opt->kdump ? "kdump=yes\n" : "");
        if (n < 0)
                return log_errno(-ENOMEM, "settings");
        if (imageconf_parse(text, &ic, why, sizeof(why)) < 0) {
                why[strcspn(why, "\n")] = '\0';
                log_error("settings: %s", why);
                return -EINVAL;
        }
        if (ic.rescue == RESCUE_LOCKED && ic.has_onfail && ic.onfail == ONFAIL_SHELL) {
                log_error("--onfail shell: a locked image has no prompt to open");
                return -EINVAL;
        }
        *ret = text;
        text = NULL;
        return 0;
}

/* @text written to the stage as a file of its own, added at @path (0644). */
static int image_add_text(struct image *img, struct stage *st, const char *kver, const char *path,
                          const char *text)
{
        const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
        _cleanup_(closep) int fd = -1;
        char host[PATH_MAX];
        int r;

        if (!st->root[0]) {
                r = stage_create(st, kver);
                if (r < 0)
                        return r;
        }
        if (path_join(host, sizeof(host), st->root, base) < 0)
                return log_errno(-ENAMETOOLONG, "%s", st->root);
        fd = open(host, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
        if (fd < 0)
                return log_errno(-errno, "%s", host);
        r = fd_write_all(fd, text, strlen(text));
        if (r < 0)
                return log_errno(r, "%s", host);
        return image_add_host_file(img, path, host, 0644);
}

static int image_add_settings(struct image *img, const struct options *opt, struct stage *st)
{
        _cleanup_(freep) char *text = NULL;
        int r;

        r = settings_render(opt, &text);
        if (r < 0)
                return r;
        return image_add_text(img, st, opt->kver, IMAGECONF_PATH + 1, text);
}

struct stack_target {
        struct image *img;
        struct stage *st;
        const char *kver;
};

static int stack_file_add(const struct stack_file *f, void *data)
{
        struct stack_target *t = data;

        if (f->src)
                return image_add_host_file(t->img, f->path, f->src, (int)f->mode);
        return image_add_text(t->img, t->st, t->kver, f->path, f->text);
}

/* --list and --verify exit 2 on a bad command line, as on an unreadable image. */
static bool reading_mode(int argc, char **argv)
{
        for (int i = 1; i < argc; i++)
                if (!strncmp(argv[i], "--list", 6) || !strncmp(argv[i], "--verify", 8))
                        return true;
        return false;
}

/* ---- the target kernel's config: can it unpack this compression? ------ */

/* Refuses a compression the kernel was built without (usr/Kconfig's RD_*). */
static int kconfig_check(const struct options *opt)
{
        const char *option = compress_kconfig(opt->compress);
        char path[PATH_MAX];
        int r;

        if (!option)
                return 0;
        if (kconfig_find(opt->kconfig, opt->kver, opt->moddir, path, sizeof(path)) < 0) {
                fprintf(stderr, PROG ": warning: no kernel config for %s (/boot/config-%s, beside %s, "
                        "or --kconfig): not checking that it can unpack %s\n", opt->kver, opt->kver,
                        opt->moddir, compress_name(opt->compress));
                return 0;
        }
        r = kconfig_enabled(path, option);
        if (r < -1)
                return log_errno(r, "--kconfig %s", path);
        if (r < 0) {
                log_error("--compress %s: %s says %s is not set: kernel %s cannot unpack such an image",
                          compress_name(opt->compress), path, option, opt->kver);
                return -ENOTSUP;
        }
        if (r == 0)
                fprintf(stderr, PROG ": warning: %s says nothing of %s\n", path, option);
        return 0;
}

int main(int argc, char **argv)
{
        _cleanup_(options_free) struct options opt = {};
        _cleanup_(image_free) struct image img = {};
        _cleanup_(stage_remove) struct stage st = {};
        size_t n_modules = 0;
        uint64_t size = 0;
        int r;

        r = options_parse(&opt, argc, argv);
        if (r != 0)
                return r < 0 ? (reading_mode(argc, argv) ? VERIFY_UNREADABLE : EXIT_FAILURE) : EXIT_SUCCESS;
        if (opt.list)
                return image_list(opt.list);
        if (opt.verify)
                return image_verify(opt.verify, opt.kver, opt.moddir, opt.kconfig, opt.host_root);
        r = init_check(opt.init);
        if (r < 0)
                return EXIT_FAILURE;
        r = config_apply(&opt);
        if (r < 0)
                return EXIT_FAILURE;
        r = kconfig_check(&opt);
        if (r < 0)
                return EXIT_FAILURE;
        r = image_add_skeleton(&img);
        if (r < 0)
                return EXIT_FAILURE;
        r = image_add_host_file(&img, "init", opt.init, 0755);
        if (r < 0)
                return EXIT_FAILURE;
        /* Nothing asked for (--no-host-only alone): no lib/modules, no depmod. */
        if (opt.n_modules > 0 || opt.host_only || opt.all_storage || opt.layers) {
                r = image_add_modules(&img, &opt, &st, &n_modules);
                if (r < 0)
                        return EXIT_FAILURE;
        }
        r = stack_add_files(&(struct stack_request){ opt.layers, opt.host_layers, opt.tools_dir,
                                                     opt.crypttab, opt.host_root },
                            stack_file_add, &(struct stack_target){ &img, &st, opt.kver });
        if (r < 0)
                return EXIT_FAILURE;
        if (settings_given(&opt)) {
                r = image_add_settings(&img, &opt, &st);
                if (r < 0)
                        return EXIT_FAILURE;
        }
        if (opt.busybox) {
                r = image_add_busybox(&img, opt.busybox);
                if (r < 0)
                        return EXIT_FAILURE;
        }
        for (size_t i = 0; i < opt.n_adds; i++) {
                r = image_add_extra(&img, opt.adds[i]);
                if (r < 0)
                        return EXIT_FAILURE;
        }
        r = image_write(&img, opt.output, opt.compress, opt.mtime, &size);
        if (r < 0)
                return EXIT_FAILURE;
        printf(PROG ": wrote %s (%zu entries, %zu modules, %llu bytes)\n",
               opt.output, img.n, n_modules, (unsigned long long)size);
        return EXIT_SUCCESS;
}
