/* SPDX-License-Identifier: MIT */
/*
 * A minimal read-a-line rescue prompt: enough to look at the verdicts, change
 * a setting, retry or go on, and leave.  It needs nothing from the image.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "console.h"
#include "log.h"
#include "prompt.h"
#include "util.h"

#define LINE_MAX_LEN 4096

static void cmd_help(void)
{
        console_printf("commands:\n"
                       "  status            all checkpoints: status, ms, detail\n"
                       "  why [CHECKPOINT]  the full diagnosis of a checkpoint\n"
                       "  cmdline           the kernel command line and what was wrong in it\n"
                       "  set WORD          change a command-line setting, e.g. set root=LABEL=root\n"
                       "  retry [CHECKPOINT] run again from this checkpoint, or the one named\n"
                       "  continue [--force] go on to the next checkpoint\n"
                       "  reboot | poweroff | halt\n");
}

static void cmd_status(const struct boot *boot)
{
        for (int i = 0; i < CHECKPOINT_COUNT; i++) {
                const struct verdict *v = &boot->verdicts[i];

                if (!boot->ran[i]) {
                        console_printf("  %-12s %-5s\n", checkpoint_names[i], "-");
                        continue;
                }
                console_printf("  %-12s %-5s %6ld ms  %s\n", checkpoint_names[i],
                               status_name(v->status), v->ms, v->detail);
        }
}

static void cmd_why(const struct boot *boot, int at, const char *arg)
{
        int i = at;

        if (arg && *arg) {
                i = checkpoint_index(arg);
                if (i < 0) {
                        console_printf("why: no checkpoint '%s'\n", arg);
                        return;
                }
        }
        if (!boot->ran[i]) {
                console_printf("why: %s has not run yet\n", checkpoint_names[i]);
                return;
        }
        console_printf("%s: %s: %s\n%s", checkpoint_names[i], status_name(boot->verdicts[i].status),
                       boot->verdicts[i].detail, boot->verdicts[i].diagnosis);
}

static void cmd_cmdline(const struct boot *boot)
{
        char text[4096];

        if (read_text("/proc/cmdline", text, sizeof(text)) >= 0)
                console_printf("%s\n", text);
        for (size_t i = 0; i < boot->cmd.n_errors; i++)
                console_printf("  error: %s\n", boot->cmd.errors[i]);
}

static void cmd_set(struct boot *boot, const char *word)
{
        size_t before = boot->cmd.n_errors;

        if (!word || !*word) {
                console_printf("set: usage: set KEY=VALUE\n");
                return;
        }
        if (cmdline_apply_word(&boot->cmd, word) < 0) {
                console_printf("set: %s\n", boot->cmd.n_errors > before ?
                               boot->cmd.errors[boot->cmd.n_errors - 1] : "invalid");
                return;
        }
        console_printf("set: %s\n", word);
}

static void cmd_action(enum onfail what, const char *name)
{
        int r;

        log_info("%s requested at the prompt", name);
        r = system_action(what);
        console_printf("%s: %s\n", name, strerror(-r));
}

/* Splits "cmd arg" in place; returns arg (possibly empty). */
static char *split_arg(char *line)
{
        char *sp = strchr(line, ' ');

        if (!sp)
                return line + strlen(line);
        *sp++ = '\0';
        while (*sp == ' ')
                sp++;
        return sp;
}

static char *trim(char *s)
{
        size_t len;

        while (*s == ' ' || *s == '\t')
                s++;
        len = strlen(s);
        while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t'))
                s[--len] = '\0';
        return s;
}

int prompt_run(struct boot *boot, int at, bool failed)
{
        char buf[LINE_MAX_LEN];
        bool show = true;

        console_printf("\n%s: %s. Type 'help' for commands.\n", checkpoint_names[at],
                       failed ? boot->verdicts[at].detail : "paused as rd.checkpoint= asked");
        for (;;) {
                ssize_t n;
                char *line, *arg;

                if (show)
                        console_printf("rdcheck (%s: %s)# ", checkpoint_names[at],
                                       failed ? "fail" : "pause");
                n = console_readline(buf, sizeof(buf));
                show = n != -EIO;
                if (n == -E2BIG) {
                        console_printf("rdcheck: line longer than %d bytes ignored\n", LINE_MAX_LEN - 1);
                        continue;
                }
                if (n < 0)
                        continue;
                line = trim(buf);
                arg = split_arg(line);
                if (!*line)
                        continue;
                if (strcmp(line, "help") == 0) {
                        cmd_help();
                } else if (strcmp(line, "status") == 0) {
                        cmd_status(boot);
                } else if (strcmp(line, "why") == 0) {
                        cmd_why(boot, at, arg);
                } else if (strcmp(line, "cmdline") == 0) {
                        cmd_cmdline(boot);
                } else if (strcmp(line, "set") == 0) {
                        cmd_set(boot, arg);
                } else if (strcmp(line, "retry") == 0) {
                        int i = *arg ? checkpoint_index(arg) : at;

                        if (i < 0) {
                                console_printf("retry: no checkpoint '%s'\n", arg);
                                continue;
                        }
                        return i;
                } else if (strcmp(line, "continue") == 0) {
                        if (failed && strcmp(arg, "--force") != 0) {
                                console_printf("continue: %s failed; 'continue --force' goes on anyway\n",
                                               checkpoint_names[at]);
                                continue;
                        }
                        if (failed)
                                log_info("continuing past failed checkpoint %s", checkpoint_names[at]);
                        return at + 1;
                } else if (strcmp(line, "reboot") == 0) {
                        cmd_action(ONFAIL_REBOOT, line);
                } else if (strcmp(line, "poweroff") == 0) {
                        cmd_action(ONFAIL_POWEROFF, line);
                } else if (strcmp(line, "halt") == 0) {
                        cmd_action(ONFAIL_HALT, line);
                } else {
                        console_printf("%s: unknown command (try 'help')\n", line);
                }
        }
}
