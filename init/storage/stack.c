/* SPDX-License-Identifier: MIT */
/* Stacked roots: what each block device is a member of, and how a root is built. */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libkmod.h>

#include "engine.h"
#include "layers.h"
#include "log.h"
#include "probe.h"
#include "stages.h"
#include "util.h"

#define CRYPTTAB "/etc/crypttab"
#define CRYPTTAB_MAX 65536

void stack_reset(struct boot *boot)
{
        struct stack *s = &boot->stack;
        char text[CRYPTTAB_MAX], err[200];
        ssize_t len;

        crypttab_free(&s->crypttab);
        memset(s, 0, sizeof(*s));
        /* Under another initramfs its own crypttab is its business: we open nothing. */
        if (boot->host_init)
                return;
        len = read_text(CRYPTTAB, text, sizeof(text));
        if (len == -ENOENT)
                return;
        if (len < 0 || (size_t)len + 1 >= sizeof(text))
                snprintf(err, sizeof(err), "%s", len < 0 ? strerror((int)-len) : "larger than 64 KiB");
        else if (crypttab_parse(text, &s->crypttab, err, sizeof(err)) == 0)
                return;
        /* Refused whole: rd.luks.* and root= still say what to open. */
        snprintf(s->problem, sizeof(s->problem), CRYPTTAB ": %s", err);
        log_info("disks: %s", s->problem);
}

void stack_problem(struct boot *boot, char *why, size_t size, const char *fmt, ...)
{
        va_list ap;

        va_start(ap, fmt);
        vsnprintf(why, size, fmt, ap);
        va_end(ap);
        if (!boot->stack.problem[0])
                snprintf(boot->stack.problem, sizeof(boot->stack.problem), "%s", why);
}

int stack_module(struct boot *boot, const char *module)
{
        struct kmod_list *list = NULL;
        char path[PATH_MAX];

        snprintf(path, sizeof(path), "/sys/module/%s", module);
        if (path_exists(path))
                return 0;
        if (!boot->kmod || kmod_module_new_from_lookup(boot->kmod, module, &list) < 0 || !list)
                return -ENOENT;
        kmod_module_unref_list(list);
        modules_load_alias(boot, module);
        return path_exists(path) ? 0 : -EIO;
}

bool stack_ready(struct boot *boot, const char *what, const char *name, const char *tool,
                 const char *tool_name, const char *flag, const char *module)
{
        char *problem = boot->stack.problem;
        size_t size = sizeof(boot->stack.problem);

        if (access(tool, X_OK) < 0) {
                if (!problem[0])
                        snprintf(problem, size, "%s /dev/%s: no %s in the image (rdcheck-mkimage %s)", what,
                                 name, tool_name, flag);
                return false;
        }
        if (stack_module(boot, module) < 0) {
                if (!problem[0])
                        snprintf(problem, size, "%s /dev/%s: %s not in the image", what, name, module);
                return false;
        }
        return true;
}

/* The dm name of dm-N, or "" */
static const char *dm_name(const char *name, char *buf, size_t size)
{
        char path[PATH_MAX];

        snprintf(path, sizeof(path), "/sys/class/block/%s/dm/name", name);
        if (read_text(path, buf, size) <= 0)
                buf[0] = '\0';
        return buf;
}

bool holder_name(const char *name, char *buf, size_t size)
{
        char path[PATH_MAX];
        struct dirent *de;
        bool found = false;
        DIR *d;

        snprintf(path, sizeof(path), "/sys/class/block/%s/holders", name);
        d = opendir(path);
        if (!d)
                return false;
        while (!found && (de = readdir(d))) {
                if (de->d_name[0] == '.')
                        continue;
                if (!dm_name(de->d_name, buf, size)[0])
                        snprintf(buf, size, "%s", de->d_name);
                found = true;
        }
        closedir(d);
        return found;
}

/* A member of a kind the command line switched off: said only if root never comes. */
static void left_alone(struct boot *boot, const char *what, const char *name, const char *word)
{
        char *note = boot->stack.left_alone;

        if (!note[0])
                snprintf(note, sizeof(boot->stack.left_alone), "%s /dev/%s left alone (%s)", what, name, word);
}

void stack_device(struct boot *boot, const char *name)
{
        struct probe_result pr;
        char node[64];

        snprintf(node, sizeof(node), "/dev/%s", name);
        if (block_size(name) == 0 || probe_device(node, &pr) < 0)
                return;
        if (strcmp(pr.type, "crypto_LUKS") == 0)
                luks_device(boot, name, &pr);
        else if (strcmp(pr.type, "linux_raid_member") == 0 && boot->cmd.md_off)
                left_alone(boot, "RAID member", name, "rd.md=0");
        else if (strcmp(pr.type, "linux_raid_member") == 0)
                md_device(boot, name, &pr);
        else if (strcmp(pr.type, "LVM2_member") == 0 && boot->cmd.lvm_off)
                left_alone(boot, "LVM PV", name, "rd.lvm=0");
        else if (strcmp(pr.type, "LVM2_member") == 0)
                lvm_device(boot, name);
}

static bool layer_says(const struct stack *s, const char *problem)
{
        for (size_t i = 0; i < s->n_luks; i++)
                if (strcmp(s->luks[i].why, problem) == 0)
                        return true;
        for (size_t i = 0; i < s->n_md; i++)
                if (strcmp(s->md[i].why, problem) == 0)
                        return true;
        for (size_t i = 0; i < s->n_vgs; i++)
                if (strcmp(s->vgs[i].why, problem) == 0)
                        return true;
        return false;
}

void stack_explain(struct boot *boot, struct verdict *v, char *lead, size_t size)
{
        const struct stack *s = &boot->stack;
        const char *problem = s->problem;

        /* The first layer that failed is the lowest (members appear first): the cause. */
        snprintf(lead, size, "%s", problem);
        /* A tool or module missing is no layer's own story: tell it here. */
        if (problem[0] && !layer_says(&boot->stack, problem))
                verdict_explain(v, "%s", problem);
        luks_explain(boot, v, lead, size);
        md_explain(boot, v, lead, size);
        lvm_explain(boot, v, lead, size);
        /* Nothing failed, but a layer was left alone as asked: root may well be in it. */
        for (size_t i = 0; i < s->n_luks && !lead[0]; i++)
                if (s->luks[i].state == LAYER_NOT_WANTED)
                        snprintf(lead, size, "LUKS on /dev/%s left closed (rd.luks=0, or rd.luks.uuid=, "
                                 "rd.luks.name= or crypttab name others)", s->luks[i].dev);
        for (size_t i = 0; i < s->n_md && !lead[0]; i++)
                if (s->md[i].state == LAYER_NOT_WANTED)
                        snprintf(lead, size, "RAID %s left unassembled (rd.md=0, or rd.md.uuid= names others)",
                                 s->md[i].name);
        for (size_t i = 0; i < s->n_vgs && !lead[0]; i++)
                if (s->vgs[i].state == LAYER_NOT_WANTED)
                        snprintf(lead, size, "VG %s left inactive (rd.lvm.vg=, rd.lvm.lv= or root= name "
                                 "others)", s->vgs[i].vg);
        if (s->left_alone[0]) {
                verdict_explain(v, "%s", s->left_alone);
                if (!lead[0])
                        snprintf(lead, size, "%s", s->left_alone);
        }
}

/* "LVM rdvg/root", "LUKS2 luks-...", "RAID1 md127", or "" for a plain device. */
static const char *layer_words(const char *name, char *buf, size_t size)
{
        char path[PATH_MAX], uuid[160], dm[128], level[32];

        buf[0] = '\0';
        snprintf(path, sizeof(path), "/sys/class/block/%s/md/level", name);
        if (read_text(path, level, sizeof(level)) > 0) {
                for (char *p = level; *p; p++)
                        *p = (char)toupper((unsigned char)*p);
                snprintf(buf, size, "%s %s", level, name);
                return buf;
        }
        if (!dm_name(name, dm, sizeof(dm))[0])
                return buf;
        snprintf(path, sizeof(path), "/sys/class/block/%s/dm/uuid", name);
        if (read_text(path, uuid, sizeof(uuid)) <= 0)
                uuid[0] = '\0';
        if (strncmp(uuid, "LVM-", 4) == 0) {
                char vg[128], lv[128];

                dm_lvm_split(dm, vg, sizeof(vg), lv, sizeof(lv));
                snprintf(buf, size, "LVM %s/%s", vg, lv);
        } else if (strncmp(uuid, "CRYPT-LUKS", 10) == 0) {
                snprintf(buf, size, "LUKS%c %s", uuid[10], dm);
        } else {
                snprintf(buf, size, "dm %s", dm);
        }
        return buf;
}

/* "LUKS2 luks-x on /dev/vda2" into @buf; the lowest device's name into @bottom. */
static void chain(const char *name, char *buf, size_t size, char *bottom, size_t bsize, int depth)
{
        char path[PATH_MAX], words[200];
        struct dirent *de;
        bool first = true;
        DIR *d;

        if (!layer_words(name, words, sizeof(words))[0] || depth > 8) {
                snprintf(buf, size, "/dev/%s", name);
                snprintf(bottom, bsize, "%s", name);
                return;
        }
        snprintf(buf, size, "%s on ", words);
        snprintf(path, sizeof(path), "/sys/class/block/%s/slaves", name);
        d = opendir(path);
        while (d && (de = readdir(d))) {
                char below[512];

                if (de->d_name[0] == '.')
                        continue;
                chain(de->d_name, below, sizeof(below), bottom, bsize, depth + 1);
                if (!first)
                        text_append(buf, size, "+");
                text_append(buf, size, below);
                first = false;
        }
        if (d)
                closedir(d);
}

void stack_describe(const char *name, char *buf, size_t size, char *display, size_t dsize)
{
        char words[200], bottom[64] = "", drv[64], dm[128];

        buf[0] = '\0';
        if (dm_name(name, dm, sizeof(dm))[0])
                snprintf(display, dsize, "/dev/mapper/%s", dm);
        else
                snprintf(display, dsize, "/dev/%s", name);
        if (!layer_words(name, words, sizeof(words))[0])
                return;
        chain(name, buf, size, bottom, sizeof(bottom), 0);
        if (bottom[0] && block_driver(bottom, drv, sizeof(drv))[0]) {
                text_append(buf, size, ", ");
                text_append(buf, size, drv);
        }
}

const char *stack_warning(const struct boot *boot, char *buf, size_t size)
{
        const struct stack *s = &boot->stack;

        buf[0] = '\0';
        for (size_t i = 0; i < s->n_md && !buf[0]; i++)
                if (s->md[i].state == LAYER_OPEN && s->md[i].degraded)
                        snprintf(buf, size, "%s", s->md[i].why);
        return buf;
}

static const char *const state_names[] = {
        [LAYER_SEEN] = "seen", [LAYER_OPEN] = "open", [LAYER_FAILED] = "failed",
        [LAYER_NOT_WANTED] = "left closed",
};

void stack_print(const struct boot *boot, void (*out)(const char *fmt, ...))
{
        const struct stack *s = &boot->stack;

        if (s->left_alone[0])
                out("%s\n", s->left_alone);
        if (!s->n_luks && !s->n_md && !s->n_pvs) {
                out("no LUKS container, RAID member or LVM physical volume seen\n");
                return;
        }
        for (size_t i = 0; i < s->n_luks; i++)
                out("LUKS  /dev/%-8s %-11s %s  %s\n", s->luks[i].dev, state_names[s->luks[i].state],
                    s->luks[i].name, s->luks[i].why);
        for (size_t i = 0; i < s->n_md; i++)
                out("RAID  %-13s %-11s %d members wanted  %s\n", s->md[i].name,
                    state_names[s->md[i].state], s->md[i].devices, s->md[i].why);
        for (size_t i = 0; i < s->n_members; i++)
                out("  member /dev/%s of %s, events %llu\n", s->members[i].dev, s->members[i].name,
                    s->members[i].events);
        for (size_t i = 0; i < s->n_vgs; i++)
                out("LVM   VG %-10s %-11s %d PVs, %d missing  %s\n", s->vgs[i].vg,
                    state_names[s->vgs[i].state], s->vgs[i].pvs, s->vgs[i].missing, s->vgs[i].why);
        for (size_t i = 0; i < s->n_pvs; i++)
                out("  PV /dev/%s\n", s->pvs[i]);
}
