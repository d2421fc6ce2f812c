/* SPDX-License-Identifier: MIT */
/*
 * The rescue prompt: part of PID 1, on every console, with its own line
 * editing, so that it needs nothing from the image (no shell, no terminfo,
 * no keyboard modules).  It writes plain text only: the editor erases with
 * backspace-space-backspace, which every terminal shows right.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/klog.h>
#include <sys/mount.h>
#include <sys/wait.h>
#include <unistd.h>

#include "argsplit.h"
#include "commands.h"
#include "hold.h"
#include "console.h"
#include "lineedit.h"
#include "pager.h"
#include "log.h"
#include "modload.h"
#include "password.h"
#include "prompt.h"
#include "pstore.h"
#include "stages.h"
#include "util.h"

#define PROMPT_ARGS_MAX 64
#define PASSWORD_TRIES 3
/* A console that hung up is left alone this long before it is polled again. */
#define CONSOLE_DEAD_MS 1000

/* What a prompt command returns when the prompt stays open. */
#define STAY (-1)

/* One editor per console, kept from one prompt to the next so history survives a retry. */
static struct lineedit editors[CONSOLE_MAX];
static bool editors_ready;

struct prompt {
        struct boot *boot;
        int at;                         /* the checkpoint we stopped at */
        bool failed;
        int confirming;                 /* console asked "continue? [y/N]" after ^D, or -1 */
        int console;                    /* where the line being run was typed */
        long dead_until[CONSOLE_MAX];   /* now_ms() before which console i is not polled */
        bool hotplug_failed;            /* the uevent socket failed: not polled any more */
};

struct prompt_command {
        const char *name;
        const char *usage;
        const char *summary;
        const char *help;
        int (*run)(struct prompt *p, int argc, char **argv);
        bool looks_only;                /* not recorded in the report */
};

static const struct prompt_command prompt_commands[];
static const size_t prompt_command_count;

static int prompt_read(struct prompt *p, long timeout_ms, unsigned char *buf, size_t size, size_t *n);
static long timeout_left(long deadline);
static long prompt_deadline(const struct boot *boot);

/* ---- where are we ------------------------------------------------------ */

static int cmd_status(struct prompt *p, int argc, char **argv)
{
        const struct boot *boot = p->boot;
        const struct stack *s = &boot->stack;

        for (int i = 0; i < CHECKPOINT_COUNT; i++) {
                const struct verdict *v = &boot->verdicts[i];

                if (!boot->ran[i]) {
                        console_printf("  %-12s %-5s\n", checkpoint_names[i], "-");
                        continue;
                }
                /* The detail cut to the line; "why" has all of it. */
                console_printf("  %-12s %-5s %6ld ms  %.50s%s\n", checkpoint_names[i],
                               status_name(v->status), v->ms, v->detail,
                               strlen(v->detail) > 50 ? "..." : "");
        }
        /* Under a stacked root, each layer too. */
        if (boot->ran[checkpoint_index("disks")] &&
            (s->n_luks || s->n_md || s->n_pvs || s->left_alone[0]))
                stack_print(boot, console_printf);
        return STAY;
}

static int cmd_why(struct prompt *p, int argc, char **argv)
{
        const struct boot *boot = p->boot;
        int i = p->at;

        if (argc > 2) {
                console_printf("why: usage: why [CHECKPOINT]\n");
                return STAY;
        }
        if (argc == 2) {
                i = checkpoint_index(argv[1]);
                if (i < 0) {
                        console_printf("why: no checkpoint '%s'\n", argv[1]);
                        return STAY;
                }
        }
        if (!boot->ran[i]) {
                console_printf("why: %s has not run yet\n", checkpoint_names[i]);
                return STAY;
        }
        console_printf("%s: %s: %s\n", checkpoint_names[i], status_name(boot->verdicts[i].status),
                       boot->verdicts[i].detail);
        console_printf("%s", boot->verdicts[i].diagnosis);
        return STAY;
}

/* A key for the pager, waited for as the prompt waits for a line. */
static int pager_key(void *ctx)
{
        struct prompt *p = ctx;
        long deadline = prompt_deadline(p->boot);
        unsigned char buf[64];

        for (;;) {
                size_t n = 0;
                int i = prompt_read(p, timeout_left(deadline), buf, sizeof(buf), &n);

                if (i == -ETIMEDOUT)
                        return -ETIMEDOUT;
                if (i >= 0 && n > 0)
                        return buf[0];
        }
}

static int cmd_previous(struct prompt *p, int argc, char **argv)
{
        const struct previous_boot *pb = &p->boot->previous;
        char line[1200];

        if (argc > 1) {
                console_printf("previous: usage: previous\n");
                return STAY;
        }
        if (!pb->found) {
                console_printf("previous: pstore holds no record of an earlier boot\n");
                return STAY;
        }
        previous_boot_line(line, sizeof(line), pb);
        console_printf("%s\n", line);
        if (!pb->record) {
                console_printf("previous: no record could be read (the boot said why, above its "
                               "previous_boot line)\n");
                return STAY;
        }
        pager_show(pb->record, pb->record_len, pager_key, p);
        return STAY;
}

static int cmd_cmdline(struct prompt *p, int argc, char **argv)
{
        const struct cmdline *c = &p->boot->cmd;
        char text[4096], spec[300];

        if (read_text("/proc/cmdline", text, sizeof(text)) >= 0)
                console_printf("kernel: %s\n", text);
        console_printf("root=%s rootfstype=%s rootflags=%s %s%s\n",
                       c->root.kind == ROOT_NONE ? "(none)" : root_spec_format(&c->root, spec, sizeof(spec)),
                       c->rootfstype ? c->rootfstype : "(auto)", c->rootflags ? c->rootflags : "(none)",
                       c->rw ? "rw" : "ro", c->rootwait ? " rootwait" : "");
        console_printf("init=%s rd.checkpoint.onfail=%s rd.checkpoint.timeout=%d "
                       "rd.checkpoint.prompt_timeout=%d\n", c->init ? c->init : "(default)",
                       onfail_name(c->onfail), c->timeout, c->prompt_timeout);
        console_printf("rd.pstore=%s\n", pstore_policy_name(c->pstore));
        for (size_t i = 0; i < c->n_errors; i++)
                console_printf("error: %s\n", c->errors[i]);
        return STAY;
}

/* ---- change settings --------------------------------------------------- */

static int cmd_set(struct prompt *p, int argc, char **argv)
{
        struct cmdline *c = &p->boot->cmd;

        if (argc < 2) {
                console_printf("set: usage: set KEY=VALUE... (e.g. set root=LABEL=rootfs)\n");
                return STAY;
        }
        for (int i = 1; i < argc; i++) {
                size_t before = c->n_errors;

                if (cmdline_apply_word(c, argv[i]) < 0) {
                        console_printf("set: %s\n", c->n_errors > before ? c->errors[c->n_errors - 1] :
                                       "invalid");
                        continue;
                }
                console_printf("set: %s\n", argv[i]);
        }
        return STAY;
}

static int cmd_unset(struct prompt *p, int argc, char **argv)
{
        struct cmdline *c = &p->boot->cmd;

        if (argc < 2) {
                console_printf("unset: usage: unset KEY... (e.g. unset rootflags)\n");
                return STAY;
        }
        for (int i = 1; i < argc; i++) {
                size_t before = c->n_errors;

                if (cmdline_unset_key(c, argv[i]) < 0) {
                        console_printf("unset: %s\n", c->n_errors > before ?
                                       c->errors[c->n_errors - 1] : "invalid");
                        continue;
                }
                console_printf("unset: %s\n", argv[i]);
        }
        return STAY;
}

static int cmd_setenv(struct prompt *p, int argc, char **argv)
{
        struct cmdline *c = &p->boot->cmd;
        char word[CMDLINE_MAX_VALUE + 16];
        size_t before = c->n_errors;
        size_t name_len;

        if (argc != 2 || !strchr(argv[1], '=')) {
                console_printf("setenv: usage: setenv NAME=VALUE\n");
                return STAY;
        }
        name_len = strcspn(argv[1], "=");
        if (snprintf(word, sizeof(word), "rd.env.%s", argv[1]) >= (int)sizeof(word)) {
                console_printf("setenv: value too long\n");
                return STAY;
        }
        if (cmdline_apply_word(c, word) < 0) {
                console_printf("setenv: %s\n", c->n_errors > before ? c->errors[c->n_errors - 1] :
                               "invalid");
                return STAY;
        }
        strlist_remove_name(&c->env_unset, argv[1], name_len);
        console_printf("setenv: %.*s set for the real init (run 'retry env' to check it)\n",
                       (int)name_len, argv[1]);
        return STAY;
}

static int cmd_unsetenv(struct prompt *p, int argc, char **argv)
{
        struct cmdline *c = &p->boot->cmd;
        size_t len;

        if (argc != 2 || strchr(argv[1], '=')) {
                console_printf("unsetenv: usage: unsetenv NAME\n");
                return STAY;
        }
        len = strlen(argv[1]);
        strlist_remove_name(&c->env_set, argv[1], len);
        strlist_remove_name(&c->env_unset, argv[1], len);
        if (strlist_push(&c->env_unset, argv[1]) < 0) {
                console_printf("unsetenv: %s\n", strerror(ENOMEM));
                return STAY;
        }
        console_printf("unsetenv: %s taken out of the real init's environment\n", argv[1]);
        return STAY;
}

/* ---- move on ----------------------------------------------------------- */

/* Stopped because the checkpoint held a module back (status=pause, hold.h). */
static bool prompt_held(const struct prompt *p)
{
        return !p->failed && p->boot->verdicts[p->at].status == STATUS_PAUSE;
}

static void held_offer(const struct prompt *p)
{
        char names[256];

        hold_names(p->boot, names, sizeof(names));
        for (char *c = strchr(names, ','); c; c = strchr(c, ','))
                *c = ' ';
        console_printf("'blacklist %s' keeps it out for this boot; 'continue' alone inserts it.\n", names);
}

/* Going on from a hold: the checkpoint runs again, inserting what was not blacklisted meanwhile. */
static int held_go_on(struct prompt *p)
{
        const struct strv *held = &p->boot->modlog.held;

        for (size_t i = 0; i < held->n; i++)
                console_printf("continue: %s %s\n", held->items[i],
                               module_list_has(&p->boot->cmd.blacklist, held->items[i]) ?
                               "stays out (blacklisted)" : "is inserted, as asked");
        hold_decide(p->boot, false);
        return p->at;
}

static int cmd_retry(struct prompt *p, int argc, char **argv)
{
        int i = p->at;

        if (argc > 2) {
                console_printf("retry: usage: retry [CHECKPOINT]\n");
                return STAY;
        }
        if (argc == 2) {
                i = checkpoint_index(argv[1]);
                if (i < 0) {
                        console_printf("retry: no checkpoint '%s'\n", argv[1]);
                        return STAY;
                }
        }
        /* A checkpoint reads what the ones before it learned: only those that ran can be rerun. */
        for (int j = 0; j < i; j++) {
                if (!p->boot->ran[j]) {
                        console_printf("retry: %s has not run yet; retry %s first\n",
                                       checkpoint_names[j], checkpoint_names[j]);
                        return STAY;
                }
        }
        console_printf("retry: from %s\n", checkpoint_names[i]);
        return i;
}

static int cmd_continue(struct prompt *p, int argc, char **argv)
{
        bool force = argc == 2 && strcmp(argv[1], "--force") == 0;

        if (argc > 2 || (argc == 2 && !force)) {
                console_printf("continue: usage: continue [--force]\n");
                return STAY;
        }
        if (p->failed && !force) {
                console_printf("continue: %s failed; 'continue --force' goes on without it, "
                               "'retry' runs it again\n", checkpoint_names[p->at]);
                return STAY;
        }
        if (p->failed) {
                console_printf("continue: going on past the failed %s: %s\n", checkpoint_names[p->at],
                               p->boot->verdicts[p->at].detail);
                log_info("continuing past failed checkpoint %s", checkpoint_names[p->at]);
        }
        if (prompt_held(p))
                return held_go_on(p);
        return p->at + 1;
}

static int cmd_skip(struct prompt *p, int argc, char **argv)
{
        struct verdict *v = &p->boot->verdicts[p->at];

        if (argc != 1) {
                console_printf("skip: usage: skip\n");
                return STAY;
        }
        console_printf("skip: %s is marked skipped; going on to the next checkpoint\n",
                       checkpoint_names[p->at]);
        v->status = STATUS_SKIP;
        snprintf(v->detail, sizeof(v->detail), "skipped at the prompt");
        engine_status_print(p->boot, p->at);
        return p->at + 1;
}

static int cmd_action(struct prompt *p, int argc, char **argv)
{
        enum onfail what = strcmp(argv[0], "reboot") == 0 ? ONFAIL_REBOOT :
                           strcmp(argv[0], "poweroff") == 0 ? ONFAIL_POWEROFF : ONFAIL_HALT;
        int r;

        log_info("%s requested at the prompt", argv[0]);
        console_restore();
        r = system_action(what);
        console_raw();
        console_printf("%s: %s\n", argv[0], strerror(-r));
        return STAY;
}

/* ---- a shell, if there is one ------------------------------------------ */

static const char *shell_find(const struct boot *boot, bool *in_root)
{
        *in_root = false;
        if (access("/bin/sh", X_OK) == 0)
                return "/bin/sh";
        if (boot->root_mounted && access(SYSROOT "/bin/sh", X_OK) == 0) {
                *in_root = true;
                return "/bin/sh";
        }
        return NULL;
}

static void shell_child(const char *tty, const char *sh, bool in_root)
{
        static const int sigs[] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGPIPE, SIGUSR1, SIGUSR2,
                                    SIGTSTP, SIGTTIN, SIGTTOU, SIGCHLD, SIGSEGV, SIGBUS, SIGILL,
                                    SIGFPE, SIGABRT, SIGSYS };
        char *argv[] = { "sh", NULL };
        char *envp[] = { "PATH=/usr/sbin:/usr/bin:/sbin:/bin", "HOME=/", "TERM=vt100",
                         "PS1=rdcheck-sh# ", NULL };
        sigset_t none;
        int fd;

        /* Its own session with the console as controlling terminal: ^C reaches it. */
        setsid();
        fd = open(tty, O_RDWR);
        if (fd >= 0) {
                ioctl(fd, TIOCSCTTY, 1);
                dup2(fd, 0);
                dup2(fd, 1);
                dup2(fd, 2);
                if (fd > 2)
                        close(fd);
        }
        /* Ignored signals stay ignored across exec: give the shell the defaults. */
        for (size_t i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
                signal(sigs[i], SIG_DFL);
        sigemptyset(&none);
        sigprocmask(SIG_SETMASK, &none, NULL);
        if (in_root && (chroot(SYSROOT) < 0 || chdir("/") < 0)) {
                dprintf(2, "sh: chroot %s: %s\n", SYSROOT, strerror(errno));
                _exit(127);
        }
        execve(sh, argv, envp);
        dprintf(2, "sh: %s: %s\n", sh, strerror(errno));
        _exit(127);
}

static int cmd_sh(struct prompt *p, int argc, char **argv)
{
        sigset_t chld, old;
        bool in_root;
        const char *sh = shell_find(p->boot, &in_root);
        int status;
        pid_t pid;

        if (!sh) {
                console_printf("sh: no /bin/sh in the image%s\n",
                               p->boot->root_mounted ? " or in " SYSROOT : " (and no root mounted)");
                return STAY;
        }
        console_printf("sh: running %s%s%s; 'exit' comes back here\n", in_root ? SYSROOT : "", sh,
                       in_root ? " (chroot: /proc, /sys and /dev are not mounted there)" : "");
        /* PID 1's reaper must not take this child's status. */
        sigemptyset(&chld);
        sigaddset(&chld, SIGCHLD);
        sigprocmask(SIG_BLOCK, &chld, &old);
        console_restore();
        pid = fork();
        if (pid == 0)
                shell_child(console_path(p->console), sh, in_root);
        if (pid < 0) {
                console_raw();
                sigprocmask(SIG_SETMASK, &old, NULL);
                console_printf("sh: fork: %s\n", strerror(errno));
                return STAY;
        }
        while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
                ;
        console_reopen();
        console_raw();
        sigprocmask(SIG_SETMASK, &old, NULL);
        if (WIFEXITED(status))
                console_printf("sh: exited with status %d\n", WEXITSTATUS(status));
        else if (WIFSIGNALED(status))
                console_printf("sh: killed by signal %d (%s)\n", WTERMSIG(status), strsignal(WTERMSIG(status)));
        return STAY;
}

/* ---- help -------------------------------------------------------------- */

static int cmd_help(struct prompt *p, int argc, char **argv)
{
        if (argc > 2) {
                console_printf("help: usage: help [COMMAND]\n");
                return STAY;
        }
        if (argc == 2) {
                for (size_t i = 0; i < prompt_command_count; i++) {
                        const struct prompt_command *c = &prompt_commands[i];

                        if (strcmp(c->name, argv[1]) == 0) {
                                console_printf("usage: %s\n%s\n", c->usage, c->help);
                                return STAY;
                        }
                }
                const struct command *c = command_find(argv[1]);

                if (c) {
                        console_printf("usage: %s\n%s\n", c->usage, c->help);
                        return STAY;
                }
                console_printf("help: no command '%s' (try 'help')\n", argv[1]);
                return STAY;
        }
        console_printf("Commands ('help COMMAND' tells more):\n");
        for (size_t i = 0; i < prompt_command_count; i++)
                console_printf("  %-22s %s\n", prompt_commands[i].usage, prompt_commands[i].summary);
        for (const struct command_table *t = command_tables; t->list; t++)
                for (size_t i = 0; i < *t->count; i++)
                        console_printf("  %-22s %s\n", t->list[i].usage, t->list[i].summary);
        return STAY;
}

static const struct prompt_command prompt_commands[] = {
        { "help", "help [COMMAND]", "this list, or more about one command",
          "Lists the commands, or explains one: help retry", cmd_help, true },
        { "status", "status", "every checkpoint: status, ms, detail",
          "A line per checkpoint in boot order: its status (pass, warn, fail, skip,\n"
          "or - when it has not run), how long it took, and its detail, cut to fit.",
          cmd_status, true },
        { "why", "why [CHECKPOINT]", "the full diagnosis: evidence and the fix",
          "The whole story of the checkpoint we stopped at, or of the one named:\n"
          "what it found, the evidence, and what would fix it.  Example: why disks",
          cmd_why, true },
        { "previous", "previous", "the kernel log the last boot left in pstore, paged",
          "Shows why the previous boot ended (its previous_boot line) and the whole\n"
          "kernel log pstore kept of it, 23 lines at a time: q stops, any other key\n"
          "goes on.  The records themselves are in /run/rdcheck/pstore.", cmd_previous, true },
        { "cmdline", "cmdline", "the command line, as read, and what was wrong in it",
          "The kernel command line, the settings in force now (after any 'set'),\n"
          "and each word that was wrong with what was wrong with it.", cmd_cmdline, true },
        { "set", "set KEY=VALUE...", "change a command-line setting for this boot",
          "Applies words as if they were on the kernel command line, for this boot\n"
          "only.  Then 'retry' the checkpoint that needs them.  Examples:\n"
          "  set root=LABEL=rootfs\n  set rd.checkpoint.timeout=30\n  set init=/bin/sh",
          cmd_set, false },
        { "unset", "unset KEY...", "put a setting back to its default",
          "Undoes a setting: root, rootfstype, rootflags, init, rw, rootwait,\n"
          "rootdelay, modules-load, rd.driver.pre, rd.driver.blacklist,\n"
          "rd.checkpoint, rd.checkpoint.onfail, rd.checkpoint.timeout,\n"
          "rd.checkpoint.prompt_timeout, rd.pstore, rd.env.require, rd.env.NAME.\n"
          "Example: unset rootflags",
          cmd_unset, false },
        { "setenv", "setenv NAME=VALUE", "set a variable for the real init",
          "Sets NAME in the environment the real init gets, as rd.env.NAME=VALUE\n"
          "would.  'retry env' checks it against rd.env.require=.", cmd_setenv, false },
        { "unsetenv", "unsetenv NAME", "take a variable out of the real init's environment",
          "Removes NAME from the environment the real init gets, whether the\n"
          "kernel or rd.env.NAME= put it there.", cmd_unsetenv, false },
        { "retry", "retry [CHECKPOINT]", "run again from this checkpoint, or the one named",
          "Runs the boot again from the checkpoint we stopped at, or from the one\n"
          "named, and on to the real init if everything passes.  Example: after\n"
          "'modprobe virtio_blk', 'retry disks'.", cmd_retry, false },
        { "continue", "continue [--force]", "go on to the next checkpoint",
          "After a requested pause, goes on with the boot.  After a failure it\n"
          "needs --force, and says what it goes on without.  After a module was\n"
          "held back (the last boot panicked inserting it), runs the checkpoint\n"
          "again and inserts it, unless 'blacklist' named it.", cmd_continue, false },
        { "skip", "skip", "mark this checkpoint skipped and go on",
          "Records the checkpoint we stopped at as skipped (status=skip on its\n"
          "status line) and goes on to the next one.", cmd_skip, false },
        { "sh", "sh", "a shell from the image or the root, if either has /bin/sh",
          "Runs /bin/sh from the image, or else from the mounted root (chrooted),\n"
          "on this console with job control; 'exit' comes back to this prompt.",
          cmd_sh, false },
        { "reboot", "reboot", "restart the machine", "Syncs and restarts.", cmd_action, false },
        { "poweroff", "poweroff", "switch the machine off", "Syncs and powers off.", cmd_action, false },
        { "halt", "halt", "stop the machine", "Syncs and halts.", cmd_action, false },
};

static const size_t prompt_command_count = sizeof(prompt_commands) / sizeof(prompt_commands[0]);

/* ---- the loop ---------------------------------------------------------- */

/* What expect scripts wait for: no kernel message may land inside it. */
static void prompt_show(const struct prompt *p)
{
        char text[64];
        int n = snprintf(text, sizeof(text), "rdcheck (%s: %s)# ", stage_name(p->boot, p->at),
                         p->failed ? "fail" : "pause");

        log_console_whole(text, (size_t)n < sizeof(text) ? (size_t)n : sizeof(text) - 1);
}

static void prompt_log_add(struct prompt *p, int argc, char **argv)
{
        char line[512];
        size_t len;

        len = (size_t)snprintf(line, sizeof(line), "%s:", checkpoint_names[p->at]);
        for (int i = 0; i < argc && len < sizeof(line); i++) {
                /* A value given to setenv may be a secret: the report is readable. */
                if (i == 1 && strcmp(argv[0], "setenv") == 0)
                        len += (size_t)snprintf(line + len, sizeof(line) - len, " %.*s=...",
                                                (int)strcspn(argv[i], "="), argv[i]);
                else
                        len += (size_t)snprintf(line + len, sizeof(line) - len, " %s", argv[i]);
        }
        strlist_push(&p->boot->prompt_log, line);
}

const struct command_table command_tables[] = {
        { inspect_commands, &inspect_command_count },
        { storage_commands, &storage_command_count },
        { NULL, NULL },
};

const struct command *command_find(const char *name)
{
        for (const struct command_table *t = command_tables; t->list; t++)
                for (size_t i = 0; i < *t->count; i++)
                        if (strcmp(t->list[i].name, name) == 0)
                                return &t->list[i];
        return NULL;
}

/* Runs one line; returns the checkpoint to go to, or STAY. */
static int prompt_execute(struct prompt *p, char *line)
{
        char *argv[PROMPT_ARGS_MAX + 1];
        const struct command *cmd;
        const char *error;
        int argc = argsplit(line, argv, PROMPT_ARGS_MAX, &error);

        if (argc < 0) {
                console_printf("rdcheck: %s\n", error);
                return STAY;
        }
        if (argc == 0)
                return STAY;
        for (size_t i = 0; i < prompt_command_count; i++) {
                const struct prompt_command *c = &prompt_commands[i];

                if (strcmp(c->name, argv[0]) != 0)
                        continue;
                if (!c->looks_only)
                        prompt_log_add(p, argc, argv);
                return c->run(p, argc, argv);
        }
        cmd = command_find(argv[0]);
        if (cmd) {
                prompt_log_add(p, argc, argv);
                cmd->run(p->boot, argc, argv);
                return STAY;
        }
        console_printf("%s: unknown command (try 'help')\n", argv[0]);
        return STAY;
}

/* ^D on an empty line: ask first; "y" is a continue, forced after a failure. */
static int prompt_confirmed(struct prompt *p, const char *answer)
{
        p->confirming = -1;
        if (strcmp(answer, "y") != 0 && strcmp(answer, "yes") != 0) {
                console_printf("not continuing\n");
                return STAY;
        }
        if (p->failed)
                log_info("continuing past failed checkpoint %s", checkpoint_names[p->at]);
        if (prompt_held(p))
                return held_go_on(p);
        return p->at + 1;
}

static void echo_flush(struct lineedit *le, int console)
{
        size_t len;
        const char *out = lineedit_output(le, &len);

        if (len)
                console_write_one(console, out, len);
        lineedit_output_clear(le);
}

/* One byte from console @i; returns a checkpoint to go to, or STAY. */
static int prompt_byte(struct prompt *p, int i, unsigned char c)
{
        struct lineedit *le = &editors[i];
        enum lineedit_event ev = lineedit_feed(le, c);
        char line[LINEEDIT_MAX];
        int next;

        echo_flush(le, i);
        switch (ev) {
        case LINEEDIT_LINE:
                snprintf(line, sizeof(line), "%s", lineedit_line(le));
                p->console = i;
                next = p->confirming == i ? prompt_confirmed(p, line) : prompt_execute(p, line);
                break;
        case LINEEDIT_EOF:
                console_printf("continue the boot%s? [y/N] ", p->failed ? " past the failure" : "");
                p->confirming = i;
                return STAY;
        case LINEEDIT_TOOLONG:
                console_printf("rdcheck: line longer than %d bytes ignored\n", LINEEDIT_MAX - 1);
                next = STAY;
                break;
        case LINEEDIT_CANCEL:
                p->confirming = -1;
                next = STAY;
                break;
        default:
                return STAY;
        }
        if (next == STAY)
                prompt_show(p);
        return next;
}

/*
 * Waits for input on any live console, at most @timeout_ms (-1: no bound).
 * Returns the console index with bytes in @buf (count in *n), -ETIMEDOUT,
 * or -EAGAIN when nothing could be read (the caller just comes back).
 */
static int prompt_read(struct prompt *p, long timeout_ms, unsigned char *buf, size_t size, size_t *n)
{
        struct pollfd pfd[CONSOLE_MAX + 1];
        int map[CONSOLE_MAX], count = 0, r;
        long now = now_ms(), wake = -1;
        bool hotplug;

        for (int i = 0; i < console_count(); i++) {
                if (p->dead_until[i] && p->dead_until[i] <= now) {
                        /* A line that hung up may be back (a cable, a BMC session): open it anew. */
                        console_reopen();
                        console_raw();
                        p->dead_until[i] = 0;
                }
                if (p->dead_until[i] > now) {
                        long left = p->dead_until[i] - now;

                        wake = wake < 0 || left < wake ? left : wake;
                        continue;
                }
                pfd[count].fd = console_input_fd(i);
                pfd[count].events = POLLIN;
                map[count++] = i;
        }
        if (wake >= 0 && (timeout_ms < 0 || wake < timeout_ms))
                timeout_ms = wake;
        /* Devices still come (a USB keyboard enumerating): their modules are loaded meanwhile. */
        hotplug = p->boot->uevent_fd >= 0 && !p->hotplug_failed;
        if (hotplug)
                pfd[count] = (struct pollfd){ .fd = p->boot->uevent_fd, .events = POLLIN };
        r = poll(pfd, (nfds_t)(count + hotplug), timeout_ms < 0 ? -1 : (int)timeout_ms);
        if (r == 0)
                return wake >= 0 && timeout_ms == wake ? -EAGAIN : -ETIMEDOUT;
        if (r < 0)
                return -EAGAIN;
        if (hotplug && pfd[count].revents) {
                /* A socket that fails would wake poll for ever: it is left alone from then on. */
                p->hotplug_failed = modules_hotplug(p->boot) < 0;
                return -EAGAIN;
        }
        for (int k = 0; k < count; k++) {
                ssize_t got;

                if (!pfd[k].revents)
                        continue;
                got = read(pfd[k].fd, buf, size);
                if (got > 0) {
                        *n = (size_t)got;
                        return map[k];
                }
                if (got < 0 && (errno == EINTR || errno == EAGAIN))
                        continue;
                /* EOF, EIO, a hangup: leave the line alone for a while instead of spinning on it. */
                p->dead_until[map[k]] = now_ms() + CONSOLE_DEAD_MS;
        }
        return -EAGAIN;
}

static long timeout_left(long deadline)
{
        long left;

        if (deadline < 0)
                return -1;
        left = deadline - now_ms();
        return left > 0 ? left : 0;
}

/*
 * Nobody typed: a pause goes on, a failure takes the onfail action (reboot if
 * that is the prompt).  In a capture kernel a failure goes on too: the dump
 * is still worth writing when the log was not, and rd.kdump.final= ends it.
 */
static int prompt_timed_out(struct prompt *p)
{
        enum onfail action = p->boot->cmd.onfail == ONFAIL_SHELL ? ONFAIL_REBOOT : p->boot->cmd.onfail;

        console_printf("\n");
        if (prompt_held(p)) {
                char names[256];

                /* Nobody answered: a second panic is worse than a boot without the module. */
                hold_names(p->boot, names, sizeof(names));
                hold_decide(p->boot, true);
                log_info("rescue checkpoint=%s prompt_timeout=%d action=continue blacklisted=%s",
                         stage_name(p->boot, p->at), p->boot->cmd.prompt_timeout, names);
                return p->at;
        }
        if (!p->failed || p->boot->kdump.active) {
                log_info("rescue checkpoint=%s prompt_timeout=%d action=continue", stage_name(p->boot, p->at),
                         p->boot->cmd.prompt_timeout);
                return p->at + 1;
        }
        log_info("rescue checkpoint=%s prompt_timeout=%d action=%s", stage_name(p->boot, p->at),
                 p->boot->cmd.prompt_timeout, onfail_name(action));
        console_restore();
        engine_action_final(action);
}

/* ---- a line typed without echo: the password, a passphrase ------------ */

/*
 * Reads one line on any console with nothing echoed and nothing kept in a
 * history; @question is asked again after ^C or ^D.  Each key typed moves
 * *@deadline on by the prompt timeout.  False when nobody answered in time.
 */
static bool secret_read(struct prompt *p, const char *question, char *out, size_t size,
                        long *deadline)
{
        static struct lineedit hidden[CONSOLE_MAX];
        unsigned char buf[256];

        for (int i = 0; i < console_count(); i++)
                lineedit_init(&hidden[i], false);
        console_printf("%s", question);
        for (;;) {
                size_t n = 0;
                int i = prompt_read(p, timeout_left(*deadline), buf, sizeof(buf), &n);

                if (i == -ETIMEDOUT)
                        return false;
                if (i < 0)
                        continue;
                if (*deadline >= 0)
                        *deadline = now_ms() + p->boot->cmd.prompt_timeout * 1000L;
                for (size_t k = 0; k < n; k++) {
                        enum lineedit_event ev = lineedit_feed(&hidden[i], buf[k]);

                        lineedit_output_clear(&hidden[i]);
                        if (ev == LINEEDIT_LINE) {
                                snprintf(out, size, "%s", lineedit_line(&hidden[i]));
                                explicit_bzero(&hidden[i], sizeof(hidden[i]));
                                explicit_bzero(buf, sizeof(buf));
                                console_printf("\n");
                                return true;
                        }
                        if (ev == LINEEDIT_CANCEL || ev == LINEEDIT_EOF || ev == LINEEDIT_TOOLONG)
                                console_printf("\n%s", question);
                }
        }
}

static long prompt_deadline(const struct boot *boot)
{
        return boot->cmd.prompt_timeout > 0 ? now_ms() + boot->cmd.prompt_timeout * 1000L : -1;
}

/* STAY once the password was given; the checkpoint to go to if nobody answered. */
static int authenticate(struct prompt *p)
{
        long deadline = prompt_deadline(p->boot);
        enum onfail action = p->boot->cmd.onfail == ONFAIL_SHELL ? ONFAIL_REBOOT : p->boot->cmd.onfail;

        for (int attempt = 1; attempt <= PASSWORD_TRIES; attempt++) {
                char given[LINEEDIT_MAX];
                bool ok;

                if (!secret_read(p, "Password: ", given, sizeof(given), &deadline))
                        return prompt_timed_out(p);
                ok = password_check(given, p->boot->password_hash);
                explicit_bzero(given, sizeof(given));
                if (ok) {
                        p->boot->unlocked = true;
                        log_info("rescue checkpoint=%s password=accepted", checkpoint_names[p->at]);
                        return STAY;
                }
                log_info("rescue checkpoint=%s password=wrong try=%d/%d", checkpoint_names[p->at],
                         attempt, PASSWORD_TRIES);
                console_printf("wrong password\n");
                /* 1 s, 2 s, 4 s: slow enough to make guessing over a serial line pointless. */
                sleep(1u << (attempt - 1));
        }
        log_info("rescue checkpoint=%s password=refused action=%s", checkpoint_names[p->at], onfail_name(action));
        console_restore();
        engine_action_final(action);
}

/* The kernel's own messages would land in the middle of what is typed: only errors, while we prompt. */
static int kernel_console_quiet(void)
{
        char text[64];
        int level = -1;

        if (read_text("/proc/sys/kernel/printk", text, sizeof(text)) > 0)
                level = atoi(text);
        if (level > 4)
                klogctl(8 /* SYSLOG_ACTION_CONSOLE_LEVEL */, NULL, 4);
        return level;
}

static void kernel_console_restore(int level)
{
        if (level > 4)
                klogctl(8, NULL, level);
}

static int prompt_loop(struct prompt *p)
{
        unsigned char buf[512];
        long deadline = prompt_deadline(p->boot);

        prompt_show(p);
        for (;;) {
                size_t n = 0;
                int i = prompt_read(p, timeout_left(deadline), buf, sizeof(buf), &n);

                if (i == -ETIMEDOUT)
                        return prompt_timed_out(p);
                if (i < 0)
                        continue;
                if (deadline >= 0)
                        deadline = now_ms() + p->boot->cmd.prompt_timeout * 1000L;
                /* A paste: every line in it runs, in order, until one leaves the prompt. */
                for (size_t k = 0; k < n; k++) {
                        int next = prompt_byte(p, i, buf[k]);

                        if (next != STAY)
                                return next;
                }
        }
}

int prompt_run(struct boot *boot, int at, bool failed)
{
        static struct prompt p;
        int level, next;

        memset(&p, 0, sizeof(p));
        p.boot = boot;
        p.at = at;
        p.failed = failed;
        p.confirming = -1;
        console_raw();
        level = kernel_console_quiet();
        console_printf("\n%s: %s. Type 'help' for commands.\n", stage_name(boot, at),
                       failed || prompt_held(&p) ? boot->verdicts[at].detail :
                       boot->kdump.active && at == CHECKPOINT_COUNT - 1 ? "capture done, rd.kdump.final=shell" :
                       "paused as rd.checkpoint= asked");
        if (prompt_held(&p))
                held_offer(&p);
        next = STAY;
        if (boot->policy == RESCUE_PASSWORD && !boot->unlocked)
                next = authenticate(&p);
        if (!editors_ready) {
                for (int i = 0; i < CONSOLE_MAX; i++)
                        lineedit_init(&editors[i], true);
                editors_ready = true;
        }
        if (next == STAY)
                next = prompt_loop(&p);
        kernel_console_restore(level);
        console_restore();
        return next;
}

int prompt_ask_secret(struct boot *boot, const char *question, char *out, size_t size)
{
        static struct prompt p;
        long deadline = prompt_deadline(boot);
        /* Asked from the prompt ('unlock'), the prompt keeps its raw console. */
        bool was_raw = console_is_raw(), answered;
        int level;

        memset(&p, 0, sizeof(p));
        p.boot = boot;
        p.confirming = -1;
        console_raw();
        level = kernel_console_quiet();
        answered = secret_read(&p, question, out, size, &deadline);
        kernel_console_restore(level);
        if (!was_raw)
                console_restore();
        if (!answered)
                console_printf("\n");
        return answered ? 0 : -ETIMEDOUT;
}
