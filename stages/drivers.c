/* SPDX-License-Identifier: MIT */
/* Checkpoint 1: are the drivers for this kernel in the image? */
#include <dirent.h>
#include <errno.h>
#include <fnmatch.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <sys/utsname.h>
#include <unistd.h>

#include <libkmod.h>

#include "devclass.h"
#include "devscan.h"
#include "stages.h"
#include "util.h"

#define MODULES_ROOT "/lib/modules"

/* Space-separated names of the release directories the image does have. */
static int other_releases(char *buf, size_t size)
{
        struct dirent *de;
        size_t len = 0;
        int n = 0;
        DIR *d;

        buf[0] = '\0';
        d = opendir(MODULES_ROOT);
        if (!d)
                return 0;
        while ((de = readdir(d))) {
                if (de->d_name[0] == '.')
                        continue;
                int w = snprintf(buf + len, size - len, "%s%s", n ? ", " : "", de->d_name);

                if (w < 0 || (size_t)w >= size - len)
                        break;
                len += (size_t)w;
                n++;
        }
        closedir(d);
        return n;
}

/*
 * The modules modules.dep names, each checked to be in the image: an index
 * that promises a module the image lacks fails later, at the worst moment.
 * Returns how many it lists, or -errno; the absent ones go into @missing,
 * the others into @present.
 */
static long modules_dep_check(const char *moddir, struct strv *missing, struct strv *present)
{
        char path[PATH_MAX + 32], *line = NULL;
        size_t cap = 0;
        long n = 0;
        FILE *f;

        snprintf(path, sizeof(path), "%s/modules.dep", moddir);
        f = fopen(path, "re");
        if (!f)
                return -errno;
        while (getline(&line, &cap, f) > 0) {
                line[strcspn(line, ":")] = '\0';
                if (!line[0])
                        continue;
                n++;
                snprintf(path, sizeof(path), "%s/%s", moddir, line);
                strlist_push(access(path, F_OK) < 0 ? missing : present, line);
        }
        free(line);
        fclose(f);
        return n;
}

/* The release a module was built for: the first word of its vermagic, or "" if it has none. */
static int module_release(struct kmod_ctx *kmod, const char *path, char *release, size_t size)
{
        struct kmod_module *mod;
        struct kmod_list *info = NULL, *l;
        int r;

        release[0] = '\0';
        r = kmod_module_new_from_path(kmod, path, &mod);
        if (r < 0)
                return r;
        r = kmod_module_get_info(mod, &info);
        if (r >= 0) {
                kmod_list_foreach(l, info) {
                        const char *value = kmod_module_info_get_value(l);

                        if (strcmp(kmod_module_info_get_key(l), "vermagic") == 0 && value)
                                snprintf(release, size, "%.*s", (int)strcspn(value, " "), value);
                }
                kmod_module_info_free_list(info);
        }
        kmod_module_unref(mod);
        return r < 0 ? r : 0;
}

/*
 * Modules built for another release than the running kernel, though they
 * sit under its directory (copied by hand, another tree given to the image
 * builder): the kernel refuses each when it is needed, and this says so
 * before any is tried.  Returns how many, with a line each in @v.
 */
static size_t modules_vermagic_check(struct boot *boot, struct verdict *v, const struct strv *present,
                                     char *first, size_t size)
{
        char path[PATH_MAX + 32], release[128];
        size_t bad = 0;

        for (size_t i = 0; i < present->n; i++) {
                const char *ext = strrchr(present->items[i], '.');
                int r;

                /*
                 * A distribution's image under rdcheck --checks may hold
                 * .ko.xz or .ko.zst, which this libkmod (no zlib, xz, zstd)
                 * cannot open: the host's modprobe loads those.
                 */
                if (!ext || strcmp(ext, ".ko") != 0)
                        continue;
                snprintf(path, sizeof(path), "%s/%s", boot->moddir, present->items[i]);
                r = module_release(boot->kmod, path, release, sizeof(release));
                if (r < 0)
                        verdict_explain(v, "%s: unreadable: %s", present->items[i], strerror(-r));
                else if (strcmp(release, boot->kver) != 0)
                        verdict_explain(v, "%s: built for %s, the kernel will refuse it",
                                        present->items[i], release[0] ? release : "no release (no vermagic)");
                else
                        continue;
                if (bad++ == 0)
                        snprintf(first, size, "%s (%s)", present->items[i], r < 0 ? "unreadable" :
                                 release[0] ? release : "no vermagic");
        }
        return bad;
}

struct unserved {
        struct kmod_ctx *kmod;
        char *absent;           /* rdcheck-absent.alias, or NULL */
        struct strv *storage, *other;
};

/*
 * The module of this kernel that would serve @alias but was left out of the
 * image, from the list rdcheck-mkimage writes beside the indexes
 * ("alias PATTERN MODULE" lines; the patterns are fnmatch globs, as libkmod's).
 */
static bool absent_module_for(const char *absent, const char *alias, char *mod, size_t size)
{
        char pattern[512];

        for (const char *line = absent; line && *line; ) {
                const char *end = strchr(line, '\n');
                size_t len = end ? (size_t)(end - line) : strlen(line);
                const char *sp;

                if (len > 6 && len < sizeof(pattern) && strncmp(line, "alias ", 6) == 0 &&
                    (sp = memchr(line + 6, ' ', len - 6))) {
                        snprintf(pattern, sizeof(pattern), "%.*s", (int)(sp - line - 6), line + 6);
                        if (fnmatch(pattern, alias, 0) == 0) {
                                snprintf(mod, size, "%.*s", (int)(line + len - sp - 1), sp + 1);
                                return true;
                        }
                }
                line = end ? end + 1 : NULL;
        }
        return false;
}

static char *absent_aliases_read(const char *moddir)
{
        char path[PATH_MAX + 32];
        long size;
        char *buf;
        FILE *f;

        snprintf(path, sizeof(path), "%s/rdcheck-absent.alias", moddir);
        f = fopen(path, "re");
        if (!f)
                return NULL;
        if (fseek(f, 0, SEEK_END) < 0 || (size = ftell(f)) < 0 || size > (16 << 20) ||
            fseek(f, 0, SEEK_SET) < 0 || !(buf = malloc((size_t)size + 1))) {
                fclose(f);
                return NULL;
        }
        buf[fread(buf, 1, (size_t)size, f)] = '\0';
        fclose(f);
        return buf;
}

/* Bridges, memory and system peripherals have no driver to miss. */
static bool worth_naming(const char *alias)
{
        static const char *const quiet_pci_classes[] = { "bc05", "bc06", "bc08", "bc0B", "bcFF" };

        if (strncmp(alias, "pci:", 4) == 0) {
                for (size_t i = 0; i < sizeof(quiet_pci_classes) / sizeof(quiet_pci_classes[0]); i++)
                        if (strstr(alias, quiet_pci_classes[i]))
                                return false;
                return true;
        }
        return strncmp(alias, "virtio:", 7) == 0 || strncmp(alias, "usb:", 4) == 0;
}

static int unserved_device(const char *name, const char *alias, const char *driver, void *ctx)
{
        struct unserved *u = ctx;
        struct kmod_list *list = NULL;
        char desc[96], line[240], mod[64];
        bool storage;

        if (driver)
                return 0;
        storage = modalias_is_storage(alias);
        if (!storage && !worth_naming(alias))
                return 0;
        if (u->kmod && kmod_module_new_from_lookup(u->kmod, alias, &list) == 0 && list) {
                kmod_module_unref_list(list);
                return 0;
        }
        snprintf(line, sizeof(line), "%s (%s)", modalias_describe(alias, desc, sizeof(desc)), name);
        if (absent_module_for(u->absent, alias, mod, sizeof(mod))) {
                size_t len = strlen(line);

                snprintf(line + len, sizeof(line) - len, " needs %s, not in the image", mod);
        }
        strlist_push(storage ? u->storage : u->other, line);
        return 1;
}

int unserved_devices(struct boot *boot)
{
        struct unserved u = { boot->kmod, absent_aliases_read(boot->moddir),
                              &boot->unserved_storage, &boot->unserved_other };
        int r;

        strlist_free(&boot->unserved_storage);
        strlist_free(&boot->unserved_other);

        r = devscan_modaliases(unserved_device, &u);
        free(u.absent);
        return r;
}

/*
 * Which present devices the image has no driver for: information, not a
 * warning.  Most machines have a controller their root is not on (QEMU's
 * pc machine an IDE controller, a PC its card reader), and which one root
 * is on is not known yet: if root does not appear, the disks checkpoint
 * leads its diagnosis with them.  A short note for the detail into @note.
 */
static void drivers_coverage(struct boot *boot, struct verdict *v, char *note, size_t size)
{
        const struct strv *storage = &boot->unserved_storage, *other = &boot->unserved_other;
        char names[200];
        size_t len = 0;

        note[0] = '\0';
        unserved_devices(boot);
        for (size_t i = 0; i < storage->n; i++)
                verdict_explain(v, "no driver in the image for storage: %s", storage->items[i]);
        for (size_t i = 0; i < other->n; i++)
                verdict_explain(v, "no driver in the image for: %s", other->items[i]);
        if (storage->n || other->n)
                verdict_explain(v, "A device without a driver matters only if root is behind it: "
                                "the disks checkpoint names them if root does not appear.");
        if (storage->n) {
                strlist_join(names, sizeof(names), storage, 2);
                len = (size_t)snprintf(note, size, "; no driver in image for storage: %s", names);
        }
        if (other->n && len < size) {
                strlist_join(names, sizeof(names), other, 2);
                snprintf(note + len, size - len, "; %s: %s", len ? "for others" : "no driver in image for",
                         names);
        }
}

int drivers_check(struct boot *boot, struct verdict *v)
{
        char path[PATH_MAX + 32], others[512], note[480], first[300];
        struct strv missing = { 0 }, present = { 0 };
        struct utsname u;
        size_t foreign;
        long n;
        int r;

        if (uname(&u) < 0)
                return verdict_set(v, STATUS_FAIL, "uname: %s", strerror(errno));
        snprintf(boot->kver, sizeof(boot->kver), "%s", u.release);
        snprintf(boot->moddir, sizeof(boot->moddir), MODULES_ROOT "/%s", boot->kver);

        if (!path_exists(boot->moddir)) {
                if (other_releases(others, sizeof(others)) > 0) {
                        verdict_explain(v, "The image was built for another kernel: its drivers cannot load.");
                        verdict_explain(v, "Rebuild the initramfs for %s, or boot the kernel it was made for.",
                                        boot->kver);
                        return verdict_set(v, STATUS_FAIL,
                                           "image has modules for %s, running kernel is %s",
                                           others, boot->kver);
                }
                verdict_explain(v, "No " MODULES_ROOT " in the image: only built-in drivers are available.");
                return verdict_set(v, STATUS_WARN, "no modules in image for %s; built-in drivers only",
                                   boot->kver);
        }

        snprintf(path, sizeof(path), "%s/modules.dep", boot->moddir);
        n = modules_dep_check(boot->moddir, &missing, &present);
        if (n < 0) {
                verdict_explain(v, "%s: %s. Run depmod for %s when building the image.",
                                path, strerror((int)-n), boot->kver);
                return verdict_set(v, STATUS_FAIL, "%s/modules.dep unreadable: %s",
                                   boot->moddir, strerror((int)-n));
        }

        if (missing.n) {
                for (size_t i = 0; i < missing.n; i++)
                        verdict_explain(v, "modules.dep lists %s, which is not in the image", missing.items[i]);
                verdict_explain(v, "The image's module indexes do not match its modules: rebuild the image.");
                verdict_set(v, STATUS_FAIL, "modules.dep lists %zu module%s missing from the image: %s%s",
                            missing.n, missing.n > 1 ? "s" : "", missing.items[0], missing.n > 1 ? ", ..." : "");
                strlist_free(&missing);
                strlist_free(&present);
                return 0;
        }
        if (boot->kmod)
                kmod_unref(boot->kmod);
        boot->kmod = kmod_new(boot->moddir, NULL);
        if (!boot->kmod) {
                strlist_free(&present);
                return verdict_set(v, STATUS_FAIL, "libkmod could not start on %s", boot->moddir);
        }
        kmod_set_log_priority(boot->kmod, 0);
        r = kmod_load_resources(boot->kmod);
        if (r < 0) {
                strlist_free(&present);
                verdict_explain(v, "libkmod could not read the module indexes in %s: %s.",
                                boot->moddir, strerror(-r));
                return verdict_set(v, STATUS_FAIL, "module indexes in %s unreadable: %s",
                                   boot->moddir, strerror(-r));
        }
        foreign = modules_vermagic_check(boot, v, &present, first, sizeof(first));
        strlist_free(&present);
        drivers_coverage(boot, v, note, sizeof(note));
        if (foreign) {
                verdict_explain(v, "Rebuild the image from %s's own modules.", boot->kver);
                return verdict_set(v, STATUS_WARN, "%zu of %ld modules in image not built for %s: %s%s",
                                   foreign, n, boot->kver, first, foreign > 1 ? ", ..." : "");
        }
        return verdict_set(v, STATUS_PASS, "%ld modules for %s in image%s", n, boot->kver, note);
}
