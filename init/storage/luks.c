/* SPDX-License-Identifier: MIT */
/*
 * LUKS containers: which to open, the passphrase asked on every console,
 * and rdcheck-luks (libcryptsetup) to open them.  The passphrase goes to
 * the helper's stdin and is wiped; it is never logged.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "console.h"
#include "engine.h"
#include "layers.h"
#include "log.h"
#include "probe.h"
#include "tool.h"
#include "util.h"

#define LUKS_TIMEOUT_MS 120000  /* argon2 with a large memory cost, under emulation */

/* Exit statuses of rdcheck-luks (luks-helper.c). */
#define LUKS_WRONG_PASSPHRASE   2
#define LUKS_NO_HEADER          3

static struct luks_layer *luks_find(struct stack *s, const char *dev)
{
        for (size_t i = 0; i < s->n_luks; i++)
                if (strcmp(s->luks[i].dev, dev) == 0)
                        return &s->luks[i];
        if (s->n_luks == STACK_MAX)
                return NULL;
        memset(&s->luks[s->n_luks], 0, sizeof(s->luks[0]));
        snprintf(s->luks[s->n_luks].dev, sizeof(s->luks[0].dev), "%s", dev);
        return &s->luks[s->n_luks++];
}

static bool uuid_listed(const struct strv *v, const char *uuid, size_t len)
{
        for (size_t i = 0; i < v->n; i++)
                if (strncasecmp(v->items[i], uuid, len) == 0 &&
                    (v->items[i][len] == '\0' || v->items[i][len] == '='))
                        return true;
        return false;
}

/* Whether a crypttab SOURCE (UUID=, PARTUUID=, LABEL=, /dev/...) names this device. */
static bool source_matches(const char *source, const char *dev, const struct probe_result *pr)
{
        struct root_spec spec = { 0 };
        char node[64];
        bool match;

        if (root_spec_parse(source, &spec) < 0)
                return false;
        snprintf(node, sizeof(node), "/dev/%s", dev);
        if (spec.kind == ROOT_PATH)
                match = same_node(spec.value, node);
        else
                match = probe_matches(pr, &spec);
        root_spec_free(&spec);
        return match;
}

/*
 * Which containers to open: rd.luks=0 none; rd.luks.uuid=/rd.luks.name=
 * only those; else the image's crypttab, with its names and options; else
 * root=/dev/mapper/luks-UUID only that one; otherwise every container
 * found, since root (or the volume group holding it) may be in any.
 */
static bool luks_wanted(const struct boot *boot, struct luks_layer *l, const struct probe_result *pr)
{
        const struct crypttab *tab = &boot->stack.crypttab;
        const struct cmdline *c = &boot->cmd;
        const struct root_spec *root = &c->root;
        size_t len = strlen(l->uuid);

        snprintf(l->name, sizeof(l->name), "luks-%s", l->uuid);
        if (c->luks_off)
                return false;
        for (size_t i = 0; i < c->luks_name.n; i++) {
                const char *item = c->luks_name.items[i];

                if (strncasecmp(item, l->uuid, len) == 0 && item[len] == '=') {
                        snprintf(l->name, sizeof(l->name), "%s", item + len + 1);
                        return true;
                }
        }
        if (c->luks_uuid.n || c->luks_name.n)
                return uuid_listed(&c->luks_uuid, l->uuid, len);
        for (size_t i = 0; i < tab->n; i++) {
                if (!source_matches(tab->items[i].source, l->dev, pr))
                        continue;
                snprintf(l->name, sizeof(l->name), "%s", tab->items[i].name);
                l->discard = tab->items[i].discard;
                return true;
        }
        if (tab->n)
                return false;
        if (root->kind == ROOT_PATH && strncmp(root->value, "/dev/mapper/luks-", 17) == 0)
                return strcasecmp(root->value + 17, l->uuid) == 0;
        return true;
}

/* dm_crypt and libcryptsetup's kernel backend (AF_ALG); the ciphers come on demand. */
static int luks_modules(struct boot *boot, char *missing, size_t size)
{
        static const char *const needed[] = { "dm_mod", "dm_crypt", "algif_skcipher", "algif_hash" };

        for (size_t i = 0; i < sizeof(needed) / sizeof(needed[0]); i++) {
                int r = stack_module(boot, needed[i]);

                if (r < 0) {
                        snprintf(missing, size, "%s", needed[i]);
                        return r;
                }
        }
        return 0;
}

static void luks_unlock_tries(struct boot *boot, struct luks_layer *l)
{
        char node[64], question[300], out[512], line[200], pass[512 + 2];
        char *check[] = { LUKS_TOOL, "check", node, NULL };
        char *open_argv[] = { LUKS_TOOL, "open", node, l->name, l->discard ? "discard" : NULL, NULL };
        struct stack *s = &boot->stack;
        int r;

        snprintf(node, sizeof(node), "/dev/%s", l->dev);
        r = tool_run(check, NULL, NULL, LUKS_TIMEOUT_MS, out, sizeof(out));
        if (r != 0) {
                stack_problem(boot, l->why, sizeof(l->why), "LUKS on %s: %s (%s)", node,
                              r == LUKS_NO_HEADER ? "header damaged or unreadable" : "rdcheck-luks failed",
                              tool_first_line(out, line, sizeof(line)));
                l->state = LAYER_FAILED;
                return;
        }
        snprintf(question, sizeof(question), "Passphrase for %s (%s): ", node, l->name);
        for (int attempt = 1; attempt <= PASSPHRASE_TRIES; attempt++) {
                long asked = now_ms();
                size_t len;

                r = boot->ask_secret(boot, question, pass, sizeof(pass) - 1);
                if (r < 0) {
                        s->asked_ms += now_ms() - asked;
                        stack_problem(boot, l->why, sizeof(l->why),
                                      "LUKS on %s still locked: no passphrase typed within %d s",
                                      node, boot->cmd.prompt_timeout);
                        l->state = LAYER_FAILED;
                        return;
                }
                len = strlen(pass);
                pass[len] = '\n';
                pass[len + 1] = '\0';
                r = tool_run(open_argv, NULL, pass, LUKS_TIMEOUT_MS, out, sizeof(out));
                explicit_bzero(pass, sizeof(pass));
                /* Typing, and the key derivation that follows (seconds of Argon2), are not the disk's wait. */
                s->asked_ms += now_ms() - asked;
                if (r == 0) {
                        l->state = LAYER_OPEN;
                        return;
                }
                if (r != LUKS_WRONG_PASSPHRASE) {
                        stack_problem(boot, l->why, sizeof(l->why), "LUKS on %s: cannot open (%s)", node,
                                      tool_first_line(out, line, sizeof(line)));
                        l->state = LAYER_FAILED;
                        return;
                }
                log_info("disks: %s: wrong passphrase, try %d/%d", node, attempt, PASSPHRASE_TRIES);
        }
        stack_problem(boot, l->why, sizeof(l->why), "LUKS on %s still locked: %d wrong passphrases",
                      node, PASSPHRASE_TRIES);
        l->state = LAYER_FAILED;
}

/*
 * The consoles stay raw (no echo) from the first question to the last: a
 * passphrase typed ahead while rdcheck-luks derives the key of a wrong one
 * (seconds of Argon2) would otherwise be echoed by the terminal.
 */
static void luks_unlock(struct boot *boot, struct luks_layer *l)
{
        bool was_raw = console_is_raw();

        console_raw();
        luks_unlock_tries(boot, l);
        if (!was_raw)
                console_restore();
}

void luks_device(struct boot *boot, const char *name, const struct probe_result *pr)
{
        struct luks_layer *l = luks_find(&boot->stack, name);
        char missing[32];

        if (!l || l->state != LAYER_SEEN || l->why[0])
                return;
        snprintf(l->uuid, sizeof(l->uuid), "%s", pr->uuid);
        /* Opened before: by us at an earlier try, or by hand at the prompt. */
        if (holder_name(name, l->name, sizeof(l->name))) {
                l->state = LAYER_OPEN;
                return;
        }
        if (!luks_wanted(boot, l, pr)) {
                l->state = LAYER_NOT_WANTED;
                return;
        }
        /* Under another initramfs we only look; its own cryptsetup opens the disk. */
        if (boot->host_init || !boot->ask_secret)
                return;
        if (access(LUKS_TOOL, X_OK) < 0) {
                stack_problem(boot, l->why, sizeof(l->why),
                              "LUKS on /dev/%s: no rdcheck-luks in the image (rdcheck-mkimage --luks)", name);
                l->state = LAYER_FAILED;
                return;
        }
        if (luks_modules(boot, missing, sizeof(missing)) < 0) {
                stack_problem(boot, l->why, sizeof(l->why), "LUKS on /dev/%s: %s not in the image",
                              name, missing);
                l->state = LAYER_FAILED;
                return;
        }
        luks_unlock(boot, l);
}

void luks_explain(struct boot *boot, struct verdict *v, char *lead, size_t size)
{
        const struct stack *s = &boot->stack;

        for (size_t i = 0; i < s->n_luks; i++) {
                const struct luks_layer *l = &s->luks[i];

                switch (l->state) {
                case LAYER_OPEN:
                        verdict_explain(v, "LUKS on /dev/%s (UUID %s): open as /dev/mapper/%s",
                                        l->dev, l->uuid, l->name);
                        break;
                case LAYER_NOT_WANTED:
                        verdict_explain(v, "LUKS on /dev/%s (UUID %s): left closed: not named by "
                                        "rd.luks.uuid=/rd.luks.name=/root= (or rd.luks=0)", l->dev, l->uuid);
                        break;
                case LAYER_FAILED:
                        verdict_explain(v, "%s", l->why);
                        if (!lead[0])
                                snprintf(lead, size, "%s", l->why);
                        break;
                case LAYER_SEEN:
                        verdict_explain(v, "LUKS on /dev/%s (UUID %s): locked%s", l->dev, l->uuid,
                                        boot->host_init ? " (left to this initramfs's own cryptsetup)" : "");
                        if (!lead[0])
                                snprintf(lead, size, "LUKS on /dev/%s still locked", l->dev);
                        break;
                }
        }
}

int stack_unlock(struct boot *boot, const char *dev, const char *name)
{
        struct luks_layer *l;
        struct probe_result pr;
        char node[64], missing[32];

        if (strncmp(dev, "/dev/", 5) == 0)
                dev += 5;
        snprintf(node, sizeof(node), "/dev/%s", dev);
        if (probe_device(node, &pr) < 0 || strcmp(pr.type, "crypto_LUKS") != 0)
                return -ENOTBLK;
        l = luks_find(&boot->stack, dev);
        if (!l)
                return -ENOSPC;
        snprintf(l->uuid, sizeof(l->uuid), "%s", pr.uuid);
        if (name)
                snprintf(l->name, sizeof(l->name), "%s", name);
        else if (!l->name[0])
                snprintf(l->name, sizeof(l->name), "luks-%s", l->uuid);
        if (access(LUKS_TOOL, X_OK) < 0)
                return -ENOENT;
        if (luks_modules(boot, missing, sizeof(missing)) < 0)
                return -ENOPKG;
        l->why[0] = '\0';
        luks_unlock(boot, l);
        return l->state == LAYER_OPEN ? 0 : -EPERM;
}
