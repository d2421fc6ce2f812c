/* SPDX-License-Identifier: MIT */
/*
 * MD RAID: members are collected by array as they appear (mdadm --examine),
 * the array is assembled with mdadm once all its members are there, or
 * started degraded when the disks checkpoint has waited two thirds of its
 * time.  Members whose event counts disagree are not assembled: which one
 * holds the current data is a person's call, not ours.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "engine.h"
#include "layers.h"
#include "log.h"
#include "probe.h"
#include "tool.h"
#include "util.h"

#define MDADM_TIMEOUT_MS 30000

/* rd.md.uuid= may be written with ':' (mdadm) or '-' (blkid): compare the hex digits. */
static bool md_uuid_eq(const char *a, const char *b)
{
        for (;;) {
                while (*a == ':' || *a == '-')
                        a++;
                while (*b == ':' || *b == '-')
                        b++;
                if (!*a || !*b)
                        return !*a && !*b;
                if (tolower((unsigned char)*a++) != tolower((unsigned char)*b++))
                        return false;
        }
}

static bool md_wanted(const struct boot *boot, const char *uuid)
{
        const struct strv *only = &boot->cmd.md_uuid;

        if (boot->cmd.md_off)
                return false;
        if (!only->n)
                return true;
        for (size_t i = 0; i < only->n; i++)
                if (md_uuid_eq(only->items[i], uuid))
                        return true;
        return false;
}

static struct md_layer *md_array(struct stack *s, const struct md_member *m)
{
        for (size_t i = 0; i < s->n_md; i++)
                if (strcmp(s->md[i].uuid, m->array) == 0)
                        return &s->md[i];
        if (s->n_md == STACK_MAX)
                return NULL;
        memset(&s->md[s->n_md], 0, sizeof(s->md[0]));
        /* The same sizes, both NUL-terminated. */
        memcpy(s->md[s->n_md].uuid, m->array, sizeof(m->array));
        memcpy(s->md[s->n_md].name, m->name, sizeof(m->name));
        s->md[s->n_md].devices = m->devices;
        return &s->md[s->n_md++];
}

/* The members seen of @a, as "/dev/vda /dev/vdb" into argv slots. */
static size_t md_members(struct stack *s, const struct md_layer *a, char nodes[][40], size_t max)
{
        size_t n = 0;

        for (size_t i = 0; i < s->n_members && n < max; i++)
                if (strcmp(s->members[i].array, a->uuid) == 0)
                        snprintf(nodes[n++], 40, "/dev/%s", s->members[i].dev);
        return n;
}

/* mdadm --assemble [--run] /dev/md/NAME MEMBER...; @run starts it without the missing ones. */
static int md_assemble(struct boot *boot, struct md_layer *a, bool run)
{
        char nodes[STACK_MAX][40], target[80], out[1024], line[200];
        char *argv[STACK_MAX + 6];
        size_t n, k = 0;
        int r;

        n = md_members(&boot->stack, a, nodes, STACK_MAX);
        snprintf(target, sizeof(target), "/dev/md/%s", a->name[0] ? a->name : a->uuid);
        argv[k++] = MDADM_TOOL;
        argv[k++] = "--assemble";
        if (run)
                argv[k++] = "--run";
        argv[k++] = target;
        for (size_t i = 0; i < n; i++)
                argv[k++] = nodes[i];
        argv[k] = NULL;
        r = tool_run(argv, NULL, NULL, MDADM_TIMEOUT_MS, out, sizeof(out));
        if (r != 0) {
                stack_problem(boot, a->why, sizeof(a->why), "RAID %s: mdadm --assemble failed (%s)", a->name,
                              tool_first_line(out, line, sizeof(line)));
                a->state = LAYER_FAILED;
                return -EIO;
        }
        a->state = LAYER_OPEN;
        if (run && (int)n < a->devices) {
                a->degraded = true;
                snprintf(a->why, sizeof(a->why), "RAID %s started degraded: %zu of %d members (%s%s); "
                         "the other%s did not appear", a->name, n, a->devices, nodes[0],
                         n > 1 ? "..." : "", a->devices - (int)n > 1 ? "s" : "");
        }
        return 0;
}

/* A member whose event count differs from one seen before: name both. */
static bool md_events_disagree(struct boot *boot, struct md_layer *a, const struct md_member *m)
{
        const struct stack *s = &boot->stack;

        for (size_t i = 0; i < s->n_members; i++) {
                const struct md_member *o = &s->members[i];

                if (o == m || strcmp(o->array, m->array) != 0 || o->events == m->events)
                        continue;
                stack_problem(boot, a->why, sizeof(a->why),
                              "RAID %s: members disagree: /dev/%s has events %llu, /dev/%s has %llu; "
                              "not assembled (which one is current is for a person to judge: mdadm "
                              "at the prompt)", a->name, o->dev, o->events, m->dev, m->events);
                a->state = LAYER_FAILED;
                return true;
        }
        return false;
}

static int md_examine(struct boot *boot, const char *name, struct md_member *m)
{
        char node[64], out[1024], val[64];
        char *argv[] = { MDADM_TOOL, "--examine", "--export", node, NULL };
        const char *colon;
        int r;

        snprintf(node, sizeof(node), "/dev/%s", name);
        r = tool_run(argv, NULL, NULL, MDADM_TIMEOUT_MS, out, sizeof(out));
        if (r != 0 || !export_value(out, "MD_UUID", m->array, sizeof(m->array))[0])
                return -EIO;
        snprintf(m->dev, sizeof(m->dev), "%s", name);
        export_value(out, "MD_NAME", val, sizeof(val));
        /* "host:name": mdadm names the array after the part behind the host. */
        colon = strchr(val, ':');
        snprintf(m->name, sizeof(m->name), "%s", colon ? colon + 1 : val);
        m->devices = atoi(export_value(out, "MD_DEVICES", val, sizeof(val)));
        m->events = strtoull(export_value(out, "MD_EVENTS", val, sizeof(val)), NULL, 10);
        return 0;
}

void md_device(struct boot *boot, const char *name, const struct probe_result *pr)
{
        struct stack *s = &boot->stack;
        struct md_member *m;
        struct md_layer *a;
        char holder[128];
        size_t have = 0;

        for (size_t i = 0; i < s->n_members; i++)
                if (strcmp(s->members[i].dev, name) == 0)
                        return;
        if (s->n_members == STACK_MAX || boot->host_init)
                return;
        if (!stack_ready(boot, "RAID member", name, MDADM_TOOL, "mdadm", "--mdraid", "md_mod"))
                return;
        m = &s->members[s->n_members];
        memset(m, 0, sizeof(*m));
        if (md_examine(boot, name, m) < 0)
                return;
        s->n_members++;
        a = md_array(s, m);
        if (!a || a->state != LAYER_SEEN)
                return;
        if (!md_wanted(boot, a->uuid)) {
                a->state = LAYER_NOT_WANTED;
                return;
        }
        if (holder_name(name, holder, sizeof(holder))) {
                a->state = LAYER_OPEN;
                return;
        }
        if (md_events_disagree(boot, a, m))
                return;
        for (size_t i = 0; i < s->n_members; i++)
                have += strcmp(s->members[i].array, a->uuid) == 0;
        if ((int)have >= a->devices)
                md_assemble(boot, a, false);
}

bool stack_degrade_pending(const struct boot *boot)
{
        const struct stack *s = &boot->stack;

        for (size_t i = 0; i < s->n_md; i++)
                if (s->md[i].state == LAYER_SEEN)
                        return true;
        return false;
}

void stack_degrade(struct boot *boot)
{
        struct stack *s = &boot->stack;

        s->degrade_tried = true;
        for (size_t i = 0; i < s->n_md; i++)
                if (s->md[i].state == LAYER_SEEN)
                        md_assemble(boot, &s->md[i], true);
}

void md_explain(struct boot *boot, struct verdict *v, char *lead, size_t size)
{
        const struct stack *s = &boot->stack;
        const struct root_spec *root = &boot->cmd.root;

        for (size_t i = 0; i < s->n_md; i++) {
                const struct md_layer *a = &s->md[i];
                size_t have = 0;

                for (size_t k = 0; k < s->n_members; k++)
                        have += strcmp(s->members[k].array, a->uuid) == 0;
                verdict_explain(v, "RAID %s (UUID %s): %zu of %d members, %s%s%s", a->name, a->uuid,
                                have, a->devices,
                                a->state == LAYER_OPEN ? "running" : a->state == LAYER_NOT_WANTED ?
                                "left alone (rd.md.uuid=/rd.md=0)" : "not started",
                                a->why[0] ? ": " : "", a->why);
                if (a->state == LAYER_FAILED && !lead[0])
                        snprintf(lead, size, "%s", a->why);
        }
        if (!s->n_members && root->kind == ROOT_PATH && strncmp(root->value, "/dev/md", 7) == 0) {
                verdict_explain(v, "root=%s is a RAID array, and no member of any array appeared",
                                root->value);
                if (!lead[0])
                        snprintf(lead, size, "%s: no RAID member appeared", root->value);
        }
}
