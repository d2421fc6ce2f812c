/* SPDX-License-Identifier: MIT */
/*
 * LVM: after each physical volume appears, ask lvm which volume groups are
 * complete, and activate what root needs in those: the LVs rd.lvm.lv=
 * names, the VGs rd.lvm.vg= names, the one LV root= names, or else every
 * LV of every VG (root=UUID= can be in any of them).  Thin and cached LVs
 * are named as unsupported, not waited for.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "engine.h"
#include "layers.h"
#include "tool.h"
#include "util.h"

#define LVM_TIMEOUT_MS 30000

/* What an initramfs without udev needs, whatever lvm.conf the image has. */
#define LVM_CONFIG "activation { udev_sync = 0 udev_rules = 0 monitoring = 0 } " \
                   "devices { obtain_device_list_from_udev = 0 use_devicesfile = 0 } " \
                   "backup { backup = 0 archive = 0 }"

static char *const lvm_env[] = { "LVM_SYSTEM_DIR=/etc/lvm", "LVM_SUPPRESS_FD_WARNINGS=1",
                                 "PATH=/sbin:/bin", NULL };

/* lvm SUBCOMMAND ARGS...: at most 8 arguments. */
static int lvm_run(char *out, size_t size, const char *cmd, const char *const args[])
{
        char *argv[16];
        size_t k = 0;

        argv[k++] = LVM_TOOL;
        argv[k++] = (char *)cmd;
        argv[k++] = "--config";
        argv[k++] = LVM_CONFIG;
        for (size_t i = 0; args[i] && k < 15; i++)
                argv[k++] = (char *)args[i];
        argv[k] = NULL;
        mkdir("/run/lvm", 0700);
        mkdir("/run/lock", 0755);
        mkdir("/run/lock/lvm", 0700);
        return tool_run(argv, lvm_env, NULL, LVM_TIMEOUT_MS, out, size);
}

int lvm_command(int argc, char **argv, char *out, size_t size)
{
        const char *args[16];
        int k = 0;

        if (argc < 2)
                return -EINVAL;
        for (int i = 2; i < argc && k < 15; i++)
                args[k++] = argv[i];
        args[k] = NULL;
        return lvm_run(out, size, argv[1], args);
}

static bool is_lvm_dir(const char *dir, size_t len)
{
        static const char *const not_vg[] = { "disk", "mapper", "md", "block", "char", "bus",
                                              "input", "net", "pts", "shm", "snd", "cpu", "dri" };

        for (size_t i = 0; i < sizeof(not_vg) / sizeof(not_vg[0]); i++)
                if (strlen(not_vg[i]) == len && strncmp(dir, not_vg[i], len) == 0)
                        return false;
        return true;
}

bool root_names_lv(const struct boot *boot, char *vg, size_t vsize, char *lv, size_t lsize)
{
        const struct root_spec *root = &boot->cmd.root;
        const char *p, *slash;

        if (root->kind != ROOT_PATH || strncmp(root->value, "/dev/", 5) != 0)
                return false;
        p = root->value + 5;
        if (strncmp(p, "mapper/", 7) == 0)
                return dm_lvm_split(p + 7, vg, vsize, lv, lsize);
        slash = strchr(p, '/');
        if (!slash || slash == p || !slash[1] || strchr(slash + 1, '/') || !is_lvm_dir(p, (size_t)(slash - p)))
                return false;
        snprintf(vg, vsize, "%.*s", (int)(slash - p), p);
        snprintf(lv, lsize, "%s", slash + 1);
        return true;
}

static struct lvm_layer *vg_find(struct stack *s, const char *vg)
{
        for (size_t i = 0; i < s->n_vgs; i++)
                if (strcmp(s->vgs[i].vg, vg) == 0)
                        return &s->vgs[i];
        if (s->n_vgs == STACK_MAX)
                return NULL;
        memset(&s->vgs[s->n_vgs], 0, sizeof(s->vgs[0]));
        snprintf(s->vgs[s->n_vgs].vg, sizeof(s->vgs[0].vg), "%s", vg);
        return &s->vgs[s->n_vgs++];
}

/* lvm vgs: every VG lvm sees now, with its PV count and how many are missing. */
static void vg_scan(struct boot *boot)
{
        static const char *const args[] = { "--noheadings", "--nameprefixes", "--unquoted",
                                            "-o", "vg_name,pv_count,vg_missing_pv_count", NULL };
        char out[4096], val[128];

        if (lvm_run(out, sizeof(out), "vgs", args) < 0)
                return;
        for (char *line = strtok(out, "\n"); line; line = strtok(NULL, "\n")) {
                struct lvm_layer *l;

                if (!export_value(line, "LVM2_VG_NAME", val, sizeof(val))[0])
                        continue;
                l = vg_find(&boot->stack, val);
                if (!l)
                        return;
                l->pvs = atoi(export_value(line, "LVM2_PV_COUNT", val, sizeof(val)));
                l->missing = atoi(export_value(line, "LVM2_VG_MISSING_PV_COUNT", val, sizeof(val)));
        }
}

/* Which LVs of @vg to activate: "" for all of it, a list, or none (false). */
static bool vg_wanted(const struct boot *boot, const char *vg, struct strv *lvs)
{
        const struct cmdline *c = &boot->cmd;
        size_t len = strlen(vg);
        char rvg[128], rlv[128];

        if (c->lvm_off)
                return false;
        if (c->lvm_lv.n || c->lvm_vg.n) {
                for (size_t i = 0; i < c->lvm_lv.n; i++)
                        if (strncmp(c->lvm_lv.items[i], vg, len) == 0 && c->lvm_lv.items[i][len] == '/')
                                strlist_push(lvs, c->lvm_lv.items[i]);
                for (size_t i = 0; i < c->lvm_vg.n; i++)
                        if (strcmp(c->lvm_vg.items[i], vg) == 0)
                                return true;
                return lvs->n > 0;
        }
        if (root_names_lv(boot, rvg, sizeof(rvg), rlv, sizeof(rlv))) {
                char item[300];

                if (strcmp(rvg, vg) != 0)
                        return false;
                snprintf(item, sizeof(item), "%s/%s", rvg, rlv);
                strlist_push(lvs, item);
        }
        return true;
}

/* Each LV named must exist and be of a kind we activate. */
static bool lvs_check(struct boot *boot, struct lvm_layer *l, const struct strv *lvs)
{
        static const char *const unsupported[] = { "thin", "thin-pool", "cache", "cache-pool",
                                                   "writecache", "vdo", "vdo-pool" };
        const char *args[] = { "--noheadings", "--nameprefixes", "--unquoted", "-o", "lv_name,segtype",
                               l->vg, NULL };
        char out[4096], names[512] = "";

        if (lvm_run(out, sizeof(out), "lvs", args) != 0)
                return true;    /* the activation says what is wrong */
        for (size_t i = 0; i < lvs->n; i++) {
                const char *lv = strchr(lvs->items[i], '/') + 1;
                char copy[4096], val[128], seg[64];
                bool found = false;

                snprintf(copy, sizeof(copy), "%s", out);
                names[0] = '\0';
                for (char *line = strtok(copy, "\n"); line; line = strtok(NULL, "\n")) {
                        export_value(line, "LVM2_LV_NAME", val, sizeof(val));
                        text_append(names, sizeof(names), names[0] ? ", " : "");
                        text_append(names, sizeof(names), val);
                        if (strcmp(val, lv) != 0)
                                continue;
                        found = true;
                        export_value(line, "LVM2_SEGTYPE", seg, sizeof(seg));
                }
                if (!found) {
                        stack_problem(boot, l->why, sizeof(l->why), "VG %s has no LV %s (LVs: %s)",
                                      l->vg, lv, names[0] ? names : "none");
                        l->state = LAYER_FAILED;
                        return false;
                }
                for (size_t k = 0; k < sizeof(unsupported) / sizeof(unsupported[0]); k++) {
                        if (strcmp(seg, unsupported[k]) != 0)
                                continue;
                        stack_problem(boot, l->why, sizeof(l->why),
                                      "LV %s/%s is a %s LV: rdcheck activates linear, striped and "
                                      "mirrored LVs only", l->vg, lv, seg);
                        l->state = LAYER_FAILED;
                        return false;
                }
        }
        return true;
}

static void vg_activate(struct boot *boot, struct lvm_layer *l)
{
        struct strv lvs = { 0 };
        char out[2048], line[200];
        int r = 0;

        if (!vg_wanted(boot, l->vg, &lvs)) {
                l->state = LAYER_NOT_WANTED;
                strlist_free(&lvs);
                return;
        }
        if (!lvs_check(boot, l, &lvs)) {
                strlist_free(&lvs);
                return;
        }
        if (!lvs.n) {
                const char *args[] = { "-ay", l->vg, NULL };

                r = lvm_run(out, sizeof(out), "vgchange", args);
        }
        for (size_t i = 0; r == 0 && i < lvs.n; i++) {
                const char *args[] = { "-ay", lvs.items[i], NULL };

                r = lvm_run(out, sizeof(out), "lvchange", args);
        }
        strlist_free(&lvs);
        if (r != 0) {
                stack_problem(boot, l->why, sizeof(l->why), "VG %s: activation failed (%s)", l->vg,
                              r == -ETIMEDOUT ? "lvm timed out" : tool_first_line(out, line, sizeof(line)));
                l->state = LAYER_FAILED;
                return;
        }
        l->state = LAYER_OPEN;
}

/*
 * Under another initramfs its own lvm activates: only look (lvm vgs, lvs
 * read the metadata and change nothing), so that an LV root= names and
 * the VG lacks is said, with the LVs it has.
 */
static void vg_look(struct boot *boot, struct lvm_layer *l)
{
        struct strv lvs = { 0 };

        if (vg_wanted(boot, l->vg, &lvs))
                lvs_check(boot, l, &lvs);
        strlist_free(&lvs);
}

static void lvm_host_look(struct boot *boot)
{
        struct stack *s = &boot->stack;

        if (access(LVM_TOOL, X_OK) < 0)
                return;
        vg_scan(boot);
        for (size_t i = 0; i < s->n_vgs; i++)
                if (s->vgs[i].state == LAYER_SEEN && !s->vgs[i].why[0] && s->vgs[i].missing == 0)
                        vg_look(boot, &s->vgs[i]);
}

void lvm_device(struct boot *boot, const char *name)
{
        struct stack *s = &boot->stack;

        for (size_t i = 0; i < s->n_pvs; i++)
                if (strcmp(s->pvs[i], name) == 0)
                        return;
        if (s->n_pvs == STACK_MAX)
                return;
        snprintf(s->pvs[s->n_pvs++], sizeof(s->pvs[0]), "%s", name);
        if (boot->host_init) {
                lvm_host_look(boot);
                return;
        }
        if (!stack_ready(boot, "LVM PV", name, LVM_TOOL, "lvm tool", "--lvm", "dm_mod"))
                return;
        vg_scan(boot);
        for (size_t i = 0; i < s->n_vgs; i++)
                if (s->vgs[i].state == LAYER_SEEN && s->vgs[i].pvs > 0 && s->vgs[i].missing == 0)
                        vg_activate(boot, &s->vgs[i]);
}

/* "missing PV uuid X (last seen as /dev/vdb)" for each PV lvm knows is missing. */
static void missing_pvs(const char *vg, char *buf, size_t size)
{
        static const char *const args[] = { "--noheadings", "--nameprefixes", "--unquoted",
                                            "-o", "pv_uuid,vg_name,pv_missing", NULL };
        char out[4096], val[128];

        buf[0] = '\0';
        if (lvm_run(out, sizeof(out), "pvs", args) < 0)
                return;
        for (char *line = strtok(out, "\n"); line; line = strtok(NULL, "\n")) {
                if (strcmp(export_value(line, "LVM2_VG_NAME", val, sizeof(val)), vg) != 0 ||
                    !export_value(line, "LVM2_PV_MISSING", val, sizeof(val))[0])
                        continue;
                text_append(buf, size, buf[0] ? ", " : "missing PV uuid ");
                text_append(buf, size, export_value(line, "LVM2_PV_UUID", val, sizeof(val)));
        }
}

void lvm_explain(struct boot *boot, struct verdict *v, char *lead, size_t size)
{
        struct stack *s = &boot->stack;
        char rvg[128], rlv[128], missing[300], line[600];
        bool root_lv = root_names_lv(boot, rvg, sizeof(rvg), rlv, sizeof(rlv));
        bool vg_seen = false;

        for (size_t i = 0; i < s->n_vgs; i++) {
                struct lvm_layer *l = &s->vgs[i];

                vg_seen |= root_lv && strcmp(l->vg, rvg) == 0;
                if (l->missing > 0) {
                        missing_pvs(l->vg, missing, sizeof(missing));
                        snprintf(line, sizeof(line), "VG %s needs %d PVs, found %d%s%s%s", l->vg, l->pvs,
                                 l->pvs - l->missing, missing[0] ? " (" : "", missing,
                                 missing[0] ? ")" : "");
                        verdict_explain(v, "%s", line);
                        if (!lead[0])
                                snprintf(lead, size, "%s", line);
                        continue;
                }
                verdict_explain(v, "VG %s: %d PVs, %s%s%s", l->vg, l->pvs,
                                l->state == LAYER_OPEN ? "active" : l->state == LAYER_NOT_WANTED ?
                                "left inactive (rd.lvm.vg=/rd.lvm.lv=/root= name others)" :
                                boot->host_init && !l->why[0] ?
                                "activation left to this initramfs's own lvm" : "not active",
                                l->why[0] ? ": " : "", l->why);
                if (l->state == LAYER_FAILED && !lead[0])
                        snprintf(lead, size, "%s", l->why);
        }
        if (root_lv && !vg_seen && !boot->cmd.lvm_off) {
                snprintf(line, sizeof(line), "VG %s not found: %s", rvg,
                         s->n_pvs ? "no physical volume of it appeared" : "no LVM physical volume appeared");
                verdict_explain(v, "%s", line);
                if (!lead[0] && !s->problem[0])
                        snprintf(lead, size, "%s", line);
        }
}
