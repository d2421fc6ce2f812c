/* SPDX-License-Identifier: MIT */
/*
 * The checkpoint engine: walks the stages in order, prints one status line
 * for each, and opens the prompt where one fails or where rd.checkpoint=
 * asked.  It knows nothing about any particular checkpoint.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "console.h"
#include "engine.h"
#include "hold.h"
#include "hostinit.h"
#include "log.h"
#include "modprobe.h"
#include "prompt.h"
#include "report.h"
#include "stages.h"
#include "trail.h"
#include "util.h"
#include "verdict_channel.h"

const struct stage stages[CHECKPOINT_COUNT] = {
        { "drivers", "Are the drivers for this kernel in the image?", drivers_check, NULL },
        { "modules", "Are the drivers loaded?", modules_check, NULL },
        { "disks", "Did the root disk appear?", disks_check, kdump_disks_check },
        { "filesystems", "Is the root filesystem recognised and supported?", filesystems_check,
          kdump_filesystems_check },
        { "mounts", "Is root mounted, with an init that can run?", mounts_check, kdump_mounts_check },
        { "env", "Does the real init get the environment it needs?", env_check, kdump_dmesg_check },
        { "switch_root", "Can we hand over to the real init?", switch_root_check, kdump_dump_check },
};

const char *stage_name(const struct boot *boot, int i)
{
        return checkpoint_name(i, boot->kdump.active);
}

int verdict_set(struct verdict *v, enum status s, const char *fmt, ...)
{
        va_list ap;

        v->status = s;
        va_start(ap, fmt);
        vsnprintf(v->detail, sizeof(v->detail), fmt, ap);
        va_end(ap);
        return 0;
}

void verdict_explain(struct verdict *v, const char *fmt, ...)
{
        size_t len = strlen(v->diagnosis);
        va_list ap;

        if (len + 2 >= sizeof(v->diagnosis))
                return;
        va_start(ap, fmt);
        vsnprintf(v->diagnosis + len, sizeof(v->diagnosis) - len - 1, fmt, ap);
        va_end(ap);
        len = strlen(v->diagnosis);
        v->diagnosis[len] = '\n';
        v->diagnosis[len + 1] = '\0';
}

static void report_update(struct boot *boot)
{
        int r = report_write(boot, REPORT_PATH);

        if (r < 0 && !boot->report_failed) {
                log_info("cannot write %s: %s", REPORT_PATH, strerror(-r));
                boot->report_failed = true;
        }
}

/* The status line, and the report brought up to date with it. */
void engine_status_print(struct boot *boot, int i)
{
        const struct verdict *v = &boot->verdicts[i];
        char line[1024];

        status_line_format(line, sizeof(line), stage_name(boot, i), v->status, v->ms, v->detail);
        log_line(line);
        verdict_channel_status(boot, line);
        report_update(boot);
}

/* No prompt to fall back to: the action, and if the kernel refuses it, the others, forever. */
void engine_action_final(enum onfail action)
{
        static const enum onfail fallbacks[] = { ONFAIL_REBOOT, ONFAIL_POWEROFF, ONFAIL_HALT };

        for (;;) {
                int r = system_action(action);

                log_info("%s failed: %s", onfail_name(action), strerror(-r));
                for (size_t i = 0; i < sizeof(fallbacks) / sizeof(fallbacks[0]); i++)
                        if (fallbacks[i] != action)
                                system_action(fallbacks[i]);
                /* Nothing the kernel will do: wait, and try again, without spinning. */
                sleep(10);
        }
}

/* The onfail action, then (if that was the prompt, or it failed) the prompt. */
int engine_rescue(struct boot *boot, int i, bool failed)
{
        enum onfail action = boot->cmd.onfail;
        bool held = !failed && boot->verdicts[i].status == STATUS_PAUSE;
        const char *unattended;

        /*
         * In a capture kernel a log that could not be read is no reason to
         * lose the dump: without anyone to ask, or with an onfail action, go on.
         */
        if (failed && boot->kdump.active && i == CHECKPOINT_COUNT - 2 &&
            (boot->policy == RESCUE_LOCKED || action != ONFAIL_SHELL)) {
                log_info("rescue checkpoint=%s reason=fail action=continue (the dump comes next)",
                         stage_name(boot, i));
                return i + 1;
        }
        /* The verdict wins over onfail; if the machine is still here, on as without it. */
        if (failed)
                verdict_channel_give(boot, false, i);
        unattended = boot->policy == RESCUE_LOCKED ? "locked" : verdict_channel_active(boot) ? "verdict" : NULL;
        if (unattended && held) {
                char names[256];

                /* Nobody to ask: a second panic is worse than a boot without the module. */
                hold_names(boot, names, sizeof(names));
                hold_decide(boot, true);
                log_info("rescue checkpoint=%s reason=held policy=%s action=continue blacklisted=%s",
                         stages[i].name, unattended, names);
                return i;
        }
        if (unattended && !failed) {
                log_info("rescue checkpoint=%s reason=requested policy=%s action=continue",
                         stage_name(boot, i), unattended);
                return i + 1;
        }
        if (boot->policy == RESCUE_LOCKED) {
                log_info("rescue checkpoint=%s reason=fail policy=locked action=%s", stage_name(boot, i),
                         onfail_name(action));
                engine_action_final(action);
        }
        if (failed && action != ONFAIL_SHELL) {
                int r;

                log_info("checkpoint %s failed: rd.checkpoint.onfail=%s", stage_name(boot, i), onfail_name(action));
                r = system_action(action);
                log_info("%s failed: %s; opening the prompt instead", onfail_name(action), strerror(-r));
        }
        log_info("rescue checkpoint=%s reason=%s", stage_name(boot, i),
                 failed ? "fail" : held ? "held" : "requested");
        return prompt_run(boot, i, failed);
}

static void handover(struct boot *boot)
{
        char *fallback_argv[] = { boot->init_path, NULL };
        char **argv = boot->kernel_argv;
        char *const *envp = boot->init_env.items ? boot->init_env.items : boot->kernel_envp;

        /* Our own argv[0] is "/init"; the real init gets its own path there. */
        if (argv && argv[0])
                argv[0] = boot->init_path;
        else
                argv = fallback_argv;
        modprobe_helper_restore();
        console_restore();
        boot->switch_root_ms = uptime_ms();
        /* The new root's /run: the report with the whole boot's time in it, for rdcheck report. */
        report_update(boot);
        log_info("switch_root init=%s total_ms=%ld", boot->init_path, boot->switch_root_ms);
        trail_step(trail_checkpoint(), "exec", boot->init_path);
        verdict_channel_give(boot, true, CHECKPOINT_COUNT - 1);
        execve(boot->init_path, argv, envp);
        boot->switch_root_ms = 0;
        modprobe_helper_install();
}

static int stage_check(struct boot *boot, int i, struct verdict *v)
{
        if (boot->kdump.active && stages[i].capture)
                return stages[i].capture(boot, v);
        if (!boot->host_init)
                return stages[i].check(boot, v);
        if (i > boot->last)
                return verdict_set(v, STATUS_SKIP, "left to the host init");
        if (stages[i].check == modules_check)
                return hostinit_modules_check(boot, v);
        return stages[i].check(boot, v);
}

void engine_run(struct boot *boot, int first)
{
        int i = first;

        while (i >= 0 && i < CHECKPOINT_COUNT) {
                struct verdict *v = &boot->verdicts[i];
                bool failed;
                long t0;
                int r;

                memset(v, 0, sizeof(*v));
                trail_checkpoint_enter(stages[i].name);
                t0 = now_ms();
                r = stage_check(boot, i, v);
                if (r < 0)
                        verdict_set(v, STATUS_FAIL, "internal error: %s", strerror(-r));
                v->ms = now_ms() - t0;
                boot->ran[i] = true;
                engine_status_print(boot, i);

                failed = v->status == STATUS_FAIL;
                /* status=pause: the checkpoint held something back for someone to decide. */
                if (failed || v->status == STATUS_PAUSE || (boot->cmd.pause & (1u << i)))
                        i = engine_rescue(boot, i, failed);
                else
                        i++;
                if (i == CHECKPOINT_COUNT && boot->host_init)
                        return;
                if (i == CHECKPOINT_COUNT && boot->kdump.active) {
                        i = kdump_finish(boot);
                        continue;
                }
                if (i == CHECKPOINT_COUNT) {
                        handover(boot);
                        /* Only a failed exec gets here. */
                        i = CHECKPOINT_COUNT - 1;
                        v = &boot->verdicts[i];
                        verdict_set(v, STATUS_FAIL, "exec %s: %s", boot->init_path, strerror(errno));
                        engine_status_print(boot, i);
                        i = engine_rescue(boot, i, true);
                }
        }
}
