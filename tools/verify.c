/* SPDX-License-Identifier: MIT */
/*
 * --list and --verify: read any initramfs (ours or a distribution's) and say
 * what it holds, and whether this machine would boot a given kernel with it.
 *
 * --verify unpacks the image into a private directory, as the kernel would
 * (later entries replace earlier ones, symlinks are made as symlinks), and
 * then looks at it with every path resolved inside that directory
 * (openat2 RESOLVE_IN_ROOT), so an absolute symlink in the image never
 * reaches the host's own files.
 */
#include <dirent.h>
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <linux/openat2.h>

#include <libkmod.h>

#include "compress.h"
#include "cpio.h"
#include "exec_check.h"
#include "fileio.h"
#include "kconfig.h"
#include "modselect.h"
#include "stack.h"
#include "verify.h"

#define PROG "rdcheck-mkimage"
#define NEEDED_MAX 256
/* Beyond this an ELF file in an image is not read for its libraries. */
#define ELF_READ_MAX ((size_t)256 << 20)

struct loaded {
        unsigned char *buf;
        size_t len;
        struct cpio_image img;
};

static void loaded_free(struct loaded *l)
{
        cpio_image_free(&l->img);
        free(l->buf);
}

/* Reads and parses the image; says why not on stderr. */
static int image_load(const char *path, struct loaded *l)
{
        char why[512];
        int fd = open(path, O_RDONLY | O_CLOEXEC);
        int r;

        if (fd < 0) {
                fprintf(stderr, PROG ": %s: %s\n", path, strerror(errno));
                return -errno;
        }
        r = fd_read_whole(fd, SIZE_MAX / 2, &l->buf, &l->len);
        close(fd);
        if (r < 0) {
                fprintf(stderr, PROG ": %s: %s\n", path, r == -EINVAL ? "not a regular file" : strerror(-r));
                return r;
        }
        r = cpio_image_read(l->buf, l->len, &l->img, why, sizeof(why));
        if (r < 0)
                fprintf(stderr, PROG ": %s: %s\n", path, why);
        return r;
}

int image_list(const char *path)
{
        struct loaded l = { 0 };

        if (image_load(path, &l) < 0) {
                loaded_free(&l);
                return VERIFY_UNREADABLE;
        }
        for (size_t s = 0; s < l.img.n_segments; s++) {
                const struct cpio_segment *seg = &l.img.segments[s];

                printf("segment %zu: offset %llu (0x%llx), %s, %zu entries, %llu bytes\n", s + 1,
                       (unsigned long long)seg->offset, (unsigned long long)seg->offset,
                       seg->compress == COMPRESS_NONE ? "uncompressed" : compress_name(seg->compress),
                       seg->count, (unsigned long long)seg->length);
                for (size_t i = seg->first; i < seg->first + seg->count; i++) {
                        const struct cpio_entry *e = &l.img.entries[i];
                        char mode[11];

                        cpio_mode_string(e->mode, mode);
                        if (S_ISLNK(e->mode))
                                printf("%s %10u %s -> %.*s\n", mode, e->size, e->name, (int)e->size,
                                       (const char *)e->data);
                        else
                                printf("%s %10u %s\n", mode, e->size, e->name);
                }
        }
        loaded_free(&l);
        return VERIFY_BOOTS;
}

/* ---- unpacking into a private tree ------------------------------------- */

static int root_open(int rootfd, const char *path, int flags)
{
        struct open_how how = { .flags = (uint64_t)(flags | O_CLOEXEC), .resolve = RESOLVE_IN_ROOT };
        long fd = syscall(SYS_openat2, rootfd, path[0] ? path : ".", &how, sizeof(how));

        return fd < 0 ? -errno : (int)fd;
}

/*
 * One entry, as init/initramfs.c does it: the parent must already be
 * there (the kernel makes no missing parents: such an entry is lost).
 */
static int tree_add(int rootfd, const struct cpio_entry *e)
{
        char name[PATH_MAX], target[PATH_MAX];
        char *slash, *base;
        int dirfd, fd, r = 0;

        cpio_name_clean(e->name, name, sizeof(name));
        if (!name[0] || !strcmp(name, "."))
                return 0;
        slash = strrchr(name, '/');
        base = slash ? slash + 1 : name;
        if (slash)
                *slash = '\0';
        dirfd = root_open(rootfd, slash ? name : "", O_PATH | O_DIRECTORY);
        if (dirfd < 0)
                return 0;
        if (S_ISDIR(e->mode)) {
                if (mkdirat(dirfd, base, 0755) < 0 && errno != EEXIST)
                        r = -errno;
        } else if (S_ISREG(e->mode)) {
                unlinkat(dirfd, base, 0);
                fd = openat(dirfd, base, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
                r = fd < 0 ? -errno : fd_write_all(fd, e->data, e->size);
                /* Read access for us; the execute bits as the image has them. */
                if (fd >= 0 && r == 0 && fchmod(fd, (e->mode & 07777) | 0600) < 0)
                        r = -errno;
                if (fd >= 0)
                        close(fd);
        } else if (S_ISLNK(e->mode)) {
                memcpy(target, e->data, e->size);
                target[e->size] = '\0';
                unlinkat(dirfd, base, 0);
                if (symlinkat(target, dirfd, base) < 0)
                        r = -errno;
        }
        close(dirfd);
        return r;
}

static int tree_remove_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
        remove(path);
        return 0;
}

static void tree_remove(const char *root)
{
        if (root[0])
                nftw(root, tree_remove_one, 16, FTW_DEPTH | FTW_PHYS | FTW_MOUNT);
}

static int tree_unpack(const struct cpio_image *img, char *root, size_t size, int *rootfd)
{
        const char *tmp = getenv("TMPDIR");
        struct statvfs sv;

        snprintf(root, size, "%s/" PROG "-verify.XXXXXX", tmp && *tmp ? tmp : "/tmp");
        if (!mkdtemp(root)) {
                fprintf(stderr, PROG ": %s: %s\n", root, strerror(errno));
                root[0] = '\0';
                return -errno;
        }
        *rootfd = open(root, O_PATH | O_DIRECTORY | O_CLOEXEC);
        if (*rootfd < 0)
                return -errno;
        /* exec_check() would call every program in the image not executable. */
        if (statvfs(root, &sv) == 0 && (sv.f_flag & ST_NOEXEC)) {
                fprintf(stderr, PROG ": %s is on a noexec mount; set TMPDIR to another directory\n", root);
                return -EPERM;
        }
        for (size_t i = 0; i < img->n_entries; i++) {
                int r = tree_add(*rootfd, &img->entries[i]);

                if (r < 0) {
                        fprintf(stderr, PROG ": unpacking %s: %s\n", img->entries[i].name, strerror(-r));
                        return r;
                }
        }
        return 0;
}

/* ---- the checks ------------------------------------------------------- */

struct verify {
        const char *kver;
        const char *moddir;     /* this machine's tree for kver */
        const char *host_root;  /* stands for this machine's "/": "" or a fake tree */
        char root[PATH_MAX];    /* the unpacked image */
        int rootfd;
        char image_moddir[PATH_MAX];    /* on the host, inside root; "" if none */
        const char *image_moddir_in;    /* "/lib/modules/KVER" or "/usr/lib/..." */
        struct kmod_ctx *image_ctx;
        unsigned failed;
};

static void report(struct verify *v, bool ok, const char *check, const char *fmt, ...)
        __attribute__((format(printf, 4, 5)));
static void report(struct verify *v, bool ok, const char *check, const char *fmt, ...)
{
        va_list ap;

        printf("%-4s %s: ", ok ? "ok" : "FAIL", check);
        va_start(ap, fmt);
        vprintf(fmt, ap);
        va_end(ap);
        putchar('\n');
        v->failed += !ok;
}

/* The host path of directory @path inside the image, "" if not there. */
static void image_realpath(struct verify *v, const char *path, char *out, size_t size)
{
        char link[64];
        int fd = root_open(v->rootfd, path, O_PATH | O_DIRECTORY);
        ssize_t n = -1;

        out[0] = '\0';
        if (fd < 0)
                return;
        snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
        n = readlink(link, out, size - 1);
        close(fd);
        out[n < 0 ? 0 : n] = '\0';
}

/* The releases the image has modules for, as "A, B", from both module dirs. */
static void other_releases(struct verify *v, char *out, size_t size)
{
        static const char *const dirs[] = { "/lib/modules", "/usr/lib/modules" };
        size_t len = 0;

        out[0] = '\0';
        for (size_t i = 0; i < 2; i++) {
                char real[PATH_MAX], seen[PATH_MAX];
                struct dirent *de;
                DIR *d;

                image_realpath(v, dirs[i], real, sizeof(real));
                if (!real[0] || (i == 1 && (image_realpath(v, dirs[0], seen, sizeof(seen)), !strcmp(seen, real))))
                        continue;
                d = opendir(real);
                while (d && (de = readdir(d))) {
                        if (de->d_name[0] == '.' || len + strlen(de->d_name) + 3 >= size)
                                continue;
                        len += (size_t)snprintf(out + len, size - len, "%s%s", len ? ", " : "", de->d_name);
                }
                if (d)
                        closedir(d);
        }
}

/* (a) lib/modules/KVER with usable indexes. */
static void check_moddir(struct verify *v)
{
        static const char *const no_config[] = { NULL };
        static const char *const where[] = { "/lib/modules/", "/usr/lib/modules/" };
        char path[PATH_MAX], others[1024], index[PATH_MAX + 32];
        int r;

        for (size_t i = 0; i < 2 && !v->image_moddir[0]; i++) {
                snprintf(path, sizeof(path), "%s%s", where[i], v->kver);
                image_realpath(v, path, v->image_moddir, sizeof(v->image_moddir));
                v->image_moddir_in = where[i];
        }
        if (!v->image_moddir[0]) {
                other_releases(v, others, sizeof(others));
                if (others[0])
                        report(v, false, "modules", "the image has modules for %s, not for %s (the kernel to boot)",
                               others, v->kver);
                else
                        report(v, false, "modules", "no /lib/modules/%s in the image", v->kver);
                return;
        }
        snprintf(index, sizeof(index), "%s/modules.dep.bin", v->image_moddir);
        if (access(index, R_OK) < 0) {
                report(v, false, "modules", "%s%s has no modules.dep.bin (depmod not run?)",
                       v->image_moddir_in, v->kver);
                return;
        }
        v->image_ctx = kmod_new(v->image_moddir, no_config);
        r = v->image_ctx ? kmod_load_resources(v->image_ctx) : -ENOMEM;
        if (r < 0) {
                report(v, false, "modules", "%s%s: the module indexes do not load: %s", v->image_moddir_in,
                       v->kver, strerror(-r));
                kmod_unref(v->image_ctx);
                v->image_ctx = NULL;
                return;
        }
        report(v, true, "modules", "%s%s with modules.dep.bin", v->image_moddir_in, v->kver);
}

/* ---- (b) vermagic of every module file ---- */

struct vermagic_walk {
        struct verify *v;
        struct kmod_ctx *ctx;
        size_t n, bad;
        char first_bad[512];
};

/* nftw() hands its callback no context of ours. */
static struct vermagic_walk *walk;

/* A compressed module unpacked next to the tree, for libkmod to read. */
static int module_unpack(const char *path, enum compress c, char *out, size_t size)
{
        unsigned char *in = NULL, *data = NULL;
        size_t inlen, len, used;
        char why[200];
        int fd = open(path, O_RDONLY | O_CLOEXEC), r;

        if (fd < 0)
                return -errno;
        r = fd_read_whole(fd, ELF_READ_MAX, &in, &inlen);
        close(fd);
        if (r == 0)
                r = decompress(c, in, inlen, ELF_READ_MAX, &data, &len, &used, why, sizeof(why));
        free(in);
        if (r < 0)
                return r;
        snprintf(out, size, "%s.verify-unpacked.ko", walk->v->root);
        fd = open(out, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
        r = fd < 0 ? -errno : fd_write_all(fd, data, len);
        if (fd >= 0)
                close(fd);
        free(data);
        return r;
}

static int module_release(const char *path, char *release, size_t size)
{
        struct kmod_module *mod = NULL;
        struct kmod_list *info = NULL, *l;
        int r;

        release[0] = '\0';
        r = kmod_module_new_from_path(walk->ctx, path, &mod);
        if (r < 0)
                return r;
        r = kmod_module_get_info(mod, &info);
        kmod_list_foreach(l, info)
                if (!strcmp(kmod_module_info_get_key(l), "vermagic"))
                        snprintf(release, size, "%.*s", (int)strcspn(kmod_module_info_get_value(l), " "),
                                 kmod_module_info_get_value(l));
        kmod_module_info_free_list(info);
        kmod_module_unref(mod);
        return r < 0 ? r : 0;
}

static int vermagic_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
        char unpacked[PATH_MAX + 32], release[128];
        const char *read_path = path;
        enum compress c;
        int r = 0;

        if (flag != FTW_F || !S_ISREG(st->st_mode))
                return 0;
        c = module_compression(path, NULL);
        if (c == COMPRESS_UNKNOWN)
                return 0;
        walk->n++;
        if (c != COMPRESS_NONE) {
                r = module_unpack(path, c, unpacked, sizeof(unpacked));
                read_path = unpacked;
        }
        if (r == 0)
                r = module_release(read_path, release, sizeof(release));
        if (read_path != path)
                unlink(unpacked);
        if (r == 0 && !strcmp(release, walk->v->kver))
                return 0;
        if (walk->bad++ == 0)
                snprintf(walk->first_bad, sizeof(walk->first_bad), "%s: %s%s",
                         path + strlen(walk->v->root),
                         r < 0 ? "unreadable: " : release[0] ? "built for " : "no vermagic",
                         r < 0 ? strerror(-r) : release);
        return 0;
}

static void check_vermagic(struct verify *v)
{
        static const char *const no_config[] = { NULL };
        struct vermagic_walk w = { .v = v };

        w.ctx = kmod_new(v->root, no_config);
        if (!w.ctx) {
                report(v, false, "vermagic", "out of memory");
                return;
        }
        walk = &w;
        nftw(v->root, vermagic_one, 16, FTW_PHYS | FTW_MOUNT);
        walk = NULL;
        kmod_unref(w.ctx);
        if (w.bad)
                report(v, false, "vermagic", "%zu of %zu modules are not for %s; first: %s", w.bad, w.n,
                       v->kver, w.first_bad);
        else
                report(v, true, "vermagic", "%zu modules, all for %s", w.n, v->kver);
}

/* ---- (c) the drivers this machine's root needs ---- */

/* A module is served by the image when it is there as a file, or built in by its indexes. */
static bool image_has_module(struct verify *v, const char *name)
{
        struct kmod_list *list = NULL, *l;
        bool found = false;

        if (!v->image_ctx || kmod_module_new_from_lookup(v->image_ctx, name, &list) < 0)
                return false;
        kmod_list_foreach(l, list) {
                struct kmod_module *mod = kmod_module_get_module(l);
                const char *path = kmod_module_get_path(mod);

                if (!path || access(path, R_OK) == 0)
                        found = true;
                kmod_module_unref(mod);
        }
        kmod_module_unref_list(list);
        return found;
}

/* Whether @moddir's indexes say @name is built into the kernel (no file). */
static bool kernel_builtin(struct kmod_ctx *ctx, const char *name)
{
        struct kmod_module *mod = NULL;
        bool builtin;

        if (kmod_module_new_from_name(ctx, name, &mod) < 0)
                return false;
        builtin = kmod_module_get_path(mod) == NULL;
        kmod_module_unref(mod);
        return builtin;
}

/* ---- (e) the storage layers under this machine's root ---- */

/* "A, B" growing in @buf. */
static void list_append(char *buf, size_t size, size_t *len, const char *sep, const char *item)
{
        if (*len + strlen(sep) + strlen(item) + 1 < size)
                *len += (size_t)snprintf(buf + *len, size - *len, "%s%s", *len ? sep : "", item);
}

/* Each layer's tool, runnable in the image, and its needed modules, there or built in. */
static void check_stack(struct verify *v, struct kmod_ctx *ctx, unsigned layers)
{
        char missing[1024] = "", names[64], why[PATH_MAX + 256];
        size_t len = 0;

        if (!layers)
                return;
        for (size_t i = 0; i < STACK_LAYERS_N; i++) {
                const struct stack_layer_desc *l = &stack_layers[i];
                char lacks[512] = "", tool[PATH_MAX];
                size_t n = 0;

                if (!(layers & l->layer))
                        continue;
                snprintf(tool, sizeof(tool), "/sbin/%s", l->tool);
                if (exec_check(v->rootfd, tool, EXEC_CHECK_MACHINE, why, sizeof(why)) < 0)
                        list_append(lacks, sizeof(lacks), &n, ", ", why);
                for (const char *const *m = l->modules; *m; m++)
                        if (!kernel_builtin(ctx, *m) && !image_has_module(v, *m))
                                list_append(lacks, sizeof(lacks), &n, ", ", *m);
                if (!n)
                        continue;
                snprintf(why, sizeof(why), "for %s %s", l->flag, lacks);
                list_append(missing, sizeof(missing), &len, "; ", why);
        }
        stack_layers_name(layers, names, sizeof(names));
        if (len)
                report(v, false, "stack", "root is on %s; the image lacks what it needs: %s", names, missing);
        else
                report(v, true, "stack", "root is on %s; the image has each layer's tool and modules", names);
}

/* An /etc/crypttab in the image must read as the init will read it. */
static void check_crypttab(struct verify *v, unsigned layers)
{
        char why[512] = "";
        size_t n = 0;
        int fd = root_open(v->rootfd, "/etc/crypttab", O_RDONLY), r;

        if (fd < 0) {
                if (layers & STACK_LUKS)
                        report(v, true, "crypttab", "none in the image: the init finds root's LUKS "
                               "device without one");
                return;
        }
        r = stack_crypttab_check(fd, &n, why, sizeof(why));
        close(fd);
        if (r < 0)
                report(v, false, "crypttab", "/etc/crypttab: %s", r == -EINVAL ? why : strerror(-r));
        else
                report(v, true, "crypttab", "/etc/crypttab: %zu entr%s rdcheck can open", n, n == 1 ? "y" : "ies");
}

static void check_root_drivers(struct verify *v)
{
        static const char *const no_config[] = { NULL };
        char why[512] = "", missing[1024] = "";
        struct strv names = { 0 };
        struct kmod_ctx *ctx;
        size_t n_missing = 0, len = 0;
        unsigned layers = 0;
        int r;

        ctx = kmod_new(v->moddir, no_config);
        r = ctx ? kmod_load_resources(ctx) : -ENOMEM;
        if (r < 0) {
                report(v, false, "root drivers", "%s: cannot load this kernel's module indexes (%s): "
                       "pass --moddir", v->moddir, strerror(-r));
                kmod_unref(ctx);
                return;
        }
        r = modselect_host_only(ctx, v->host_root, &names, &layers, why, sizeof(why));
        for (size_t i = 0; r == 0 && i < names.n; i++) {
                if (kernel_builtin(ctx, names.items[i]) || image_has_module(v, names.items[i]))
                        continue;
                n_missing++;
                list_append(missing, sizeof(missing), &len, ", ", names.items[i]);
        }
        if (r == 0)
                check_stack(v, ctx, layers);
        kmod_unref(ctx);
        check_crypttab(v, layers);
        if (r < 0)
                report(v, false, "root drivers", "cannot tell what this machine's root needs: %s", why);
        else if (n_missing)
                report(v, false, "root drivers", "this machine's root needs %s, neither in the image "
                       "nor built into %s", missing, v->kver);
        else
                report(v, true, "root drivers", "%zu modules for this machine's root, each in the image "
                       "or built in%s%s", names.n, why[0] ? "; " : "", why);
        strlist_free(&names);
}

/* ---- (d) /init and what it needs to run ---- */

struct elf_file {
        unsigned char *buf;
        size_t len;
};

static const void *elf_at(const struct elf_file *f, uint64_t off, uint64_t size)
{
        return off <= f->len && size <= f->len - off ? f->buf + off : NULL;
}

/* The file offset of virtual address @addr, through the PT_LOAD segments. */
static bool elf_vaddr_offset(const struct elf_file *f, const Elf64_Ehdr *eh, uint64_t addr, uint64_t *off)
{
        for (unsigned i = 0; i < eh->e_phnum; i++) {
                const Elf64_Phdr *ph = elf_at(f, eh->e_phoff + (uint64_t)i * sizeof(*ph), sizeof(*ph));

                if (ph && ph->p_type == PT_LOAD && addr >= ph->p_vaddr &&
                    addr - ph->p_vaddr < ph->p_filesz) {
                        *off = ph->p_offset + (addr - ph->p_vaddr);
                        return true;
                }
        }
        return false;
}

/* DT_NEEDED names of a 64-bit ELF file, pushed onto @out. */
static int elf_needed(const struct elf_file *f, struct strv *out)
{
        const Elf64_Ehdr *eh = elf_at(f, 0, sizeof(*eh));
        const Elf64_Dyn *dyn = NULL;
        uint64_t ndyn = 0, strtab = 0, stroff;
        int r = 0;

        if (!eh || memcmp(eh->e_ident, ELFMAG, SELFMAG) || eh->e_ident[EI_CLASS] != ELFCLASS64 ||
            eh->e_phentsize != sizeof(Elf64_Phdr))
                return 0;
        for (unsigned i = 0; i < eh->e_phnum; i++) {
                const Elf64_Phdr *ph = elf_at(f, eh->e_phoff + (uint64_t)i * sizeof(*ph), sizeof(*ph));

                if (ph && ph->p_type == PT_DYNAMIC) {
                        dyn = elf_at(f, ph->p_offset, ph->p_filesz);
                        ndyn = dyn ? ph->p_filesz / sizeof(*dyn) : 0;
                }
        }
        for (uint64_t i = 0; i < ndyn && dyn[i].d_tag != DT_NULL; i++)
                if (dyn[i].d_tag == DT_STRTAB)
                        strtab = dyn[i].d_un.d_ptr;
        if (!ndyn || !elf_vaddr_offset(f, eh, strtab, &stroff))
                return 0;
        for (uint64_t i = 0; i < ndyn && dyn[i].d_tag != DT_NULL && r == 0; i++) {
                const char *name;

                if (dyn[i].d_tag != DT_NEEDED || stroff + dyn[i].d_un.d_val >= f->len)
                        continue;
                name = (const char *)f->buf + stroff + dyn[i].d_un.d_val;
                if (memchr(name, '\0', f->len - (stroff + dyn[i].d_un.d_val)))
                        r = strlist_push(out, name);
        }
        return r;
}

static int elf_load(struct verify *v, const char *path, struct elf_file *f)
{
        int fd = root_open(v->rootfd, path, O_RDONLY);
        int r;

        if (fd < 0)
                return fd;
        r = fd_read_whole(fd, ELF_READ_MAX, &f->buf, &f->len);
        close(fd);
        return r;
}

/* Where the dynamic loader looks without a cache: the usual library directories. */
static bool library_find(struct verify *v, const char *name, char *out, size_t size)
{
        static const char *const dirs[] = {
                "/lib/x86_64-linux-gnu", "/usr/lib/x86_64-linux-gnu", "/lib64", "/usr/lib64",
                "/lib", "/usr/lib", "/lib/aarch64-linux-gnu", "/usr/lib/aarch64-linux-gnu",
        };

        for (size_t i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++) {
                int fd;

                snprintf(out, size, "%s/%s", dirs[i], name);
                fd = root_open(v->rootfd, out, O_RDONLY);
                if (fd >= 0) {
                        close(fd);
                        return true;
                }
        }
        return false;
}

/* Every library @path needs, and theirs, must be in the image. */
static int libraries_check(struct verify *v, const char *path, char *why, size_t size)
{
        struct strv todo = { 0 }, seen = { 0 };
        char lib[PATH_MAX];
        int r = strlist_push(&todo, path);

        for (size_t i = 0; r == 0 && i < todo.n && i < NEEDED_MAX; i++) {
                struct elf_file f = { 0 };
                struct strv needed = { 0 };

                if (elf_load(v, todo.items[i], &f) < 0)
                        continue;
                r = elf_needed(&f, &needed);
                free(f.buf);
                for (size_t j = 0; r == 0 && j < needed.n; j++) {
                        bool dup = false;

                        for (size_t k = 0; k < seen.n; k++)
                                dup |= !strcmp(seen.items[k], needed.items[j]);
                        if (dup)
                                continue;
                        r = strlist_push(&seen, needed.items[j]);
                        if (r == 0 && !library_find(v, needed.items[j], lib, sizeof(lib))) {
                                snprintf(why, size, "%s needs library %s, not in the image's /lib, /lib64, "
                                         "/usr/lib or their multiarch directories", todo.items[i],
                                         needed.items[j]);
                                r = -ENOENT;
                        }
                        if (r == 0)
                                r = strlist_push(&todo, lib);
                }
                strlist_free(&needed);
        }
        strlist_free(&todo);
        strlist_free(&seen);
        return r;
}

/* The program that finally runs for @path: itself, or the end of its #! chain. */
static void program_of(struct verify *v, const char *path, char *out, size_t size)
{
        snprintf(out, size, "%s", path);
        for (int depth = 0; depth < 4; depth++) {
                char head[PATH_MAX + 2];
                int fd = root_open(v->rootfd, out, O_RDONLY);
                ssize_t n;
                char *p;

                if (fd < 0)
                        return;
                n = read(fd, head, sizeof(head) - 1);
                close(fd);
                if (n < 3 || head[0] != '#' || head[1] != '!')
                        return;
                head[n] = '\0';
                p = head + 2 + strspn(head + 2, " \t");
                p[strcspn(p, " \t\n")] = '\0';
                if (p[0] != '/')
                        return;
                snprintf(out, size, "%s", p);
        }
}

static void check_init(struct verify *v)
{
        char why[PATH_MAX + 256] = "", program[PATH_MAX];
        int r;

        r = exec_check(v->rootfd, "/init", EXEC_CHECK_MACHINE, why, sizeof(why));
        if (r < 0) {
                report(v, false, "init", "%s", why);
                return;
        }
        program_of(v, "/init", program, sizeof(program));
        r = libraries_check(v, program, why, sizeof(why));
        if (r < 0) {
                report(v, false, "init", "%s", why);
                return;
        }
        if (strcmp(program, "/init"))
                report(v, true, "init", "/init runs through %s, which is there with its libraries", program);
        else
                report(v, true, "init", "/init is a program the kernel can run, with its libraries");
}

static const char *xz_check_name(unsigned id)
{
        switch (id) {
        case 0x0: return "none";
        case 0x1: return "CRC32";
        case 0x4: return "CRC64";
        case 0xa: return "SHA-256";
        default: return "unknown";
        }
}

/* Why kernel KVER could not unpack @seg, in @why; "" when it could. */
static void segment_unpackable(const struct loaded *l, size_t i, const char *config, char *why, size_t size)
{
        const struct cpio_segment *seg = &l->img.segments[i];
        const char *option = compress_kconfig(seg->compress);
        unsigned check;

        why[0] = '\0';
        if (config && option && kconfig_enabled(config, option) < 0) {
                snprintf(why, size, "segment %zu (%s at offset %llu): %s says %s is not set", i + 1,
                         compress_name(seg->compress), (unsigned long long)seg->offset, config, option);
                return;
        }
        /* The stream header's flags: the check type in the low bits of its 8th byte. */
        if (seg->compress != COMPRESS_XZ || seg->length < 8)
                return;
        check = l->buf[seg->offset + 7] & 0xf;
        if (check > 0x1)
                snprintf(why, size, "segment %zu (xz at offset %llu) has a %s check; the kernel's xz "
                         "decoder knows only CRC32 (xz --check=crc32)", i + 1,
                         (unsigned long long)seg->offset, xz_check_name(check));
}

/* Whether the kernel can unpack every segment: its CONFIG_RD_*, xz's check type. */
static void check_unpack(struct verify *v, const struct loaded *l, const char *kconfig)
{
        char config[PATH_MAX], why[PATH_MAX + 256], first[PATH_MAX + 256] = "";
        bool have_config = kconfig_find(kconfig, v->kver, v->moddir, config, sizeof(config)) == 0;
        size_t bad = 0;

        for (size_t i = 0; i < l->img.n_segments; i++) {
                segment_unpackable(l, i, have_config ? config : NULL, why, sizeof(why));
                if (why[0] && !bad++)
                        snprintf(first, sizeof(first), "%s", why);
        }
        if (bad)
                report(v, false, "unpack", "%s%s", first, bad > 1 ? " (and more segments)" : "");
        else
                report(v, true, "unpack", "%zu segment%s the kernel can unpack%s", l->img.n_segments,
                       l->img.n_segments == 1 ? "" : "s",
                       have_config ? "" : " (no kernel config found to check its CONFIG_RD_*)");
}

int image_verify(const char *path, const char *kver, const char *moddir, const char *kconfig,
                 const char *host_root)
{
        struct verify v = { .kver = kver, .moddir = moddir, .host_root = host_root, .rootfd = -1 };
        struct loaded l = { 0 };
        int r;

        r = image_load(path, &l);
        if (r == 0)
                r = tree_unpack(&l.img, v.root, sizeof(v.root), &v.rootfd);
        if (r < 0) {
                if (v.rootfd >= 0)
                        close(v.rootfd);
                tree_remove(v.root);
                loaded_free(&l);
                return VERIFY_UNREADABLE;
        }
        printf("verifying %s for kernel %s (%zu entries in %zu segments)\n", path, kver,
               l.img.n_entries, l.img.n_segments);
        check_unpack(&v, &l, kconfig);
        loaded_free(&l);
        check_init(&v);
        check_moddir(&v);
        check_vermagic(&v);
        check_root_drivers(&v);
        kmod_unref(v.image_ctx);
        close(v.rootfd);
        tree_remove(v.root);
        if (v.failed) {
                printf("%s would not boot %s on this machine: %u check%s failed\n", path, kver, v.failed,
                       v.failed == 1 ? "" : "s");
                return VERIFY_WOULD_FAIL;
        }
        printf("%s would boot %s on this machine\n", path, kver);
        return VERIFY_BOOTS;
}
