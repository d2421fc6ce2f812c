/* SPDX-License-Identifier: MIT */
/*
 * rdcheck: the initramfs /init.  PID 1 never exits: every path ends in the
 * real init, at the prompt, or in the reboot/poweroff/halt the command line
 * asked for.  As "rdcheck --checks" (hostinit.h) it runs under another
 * initramfs's init instead, and returns to it.  Not as PID 1 it is also a
 * command for people and scripts: rdcheck report, kdump-load, --help.
 */
#include <errno.h>
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "console.h"
#include "engine.h"
#include "hostinit.h"
#include "kdump-load.h"
#include "log.h"
#include "modprobe.h"
#include "prompt.h"
#include "pstore_boot.h"
#include "report_read.h"
#include "report_schema.h"
#include "util.h"

static const struct {
        const char *source, *target, *type, *options;
        unsigned long flags;
} api_fs[] = {
        { "proc", "/proc", "proc", NULL, MS_NOSUID | MS_NODEV | MS_NOEXEC },
        { "sysfs", "/sys", "sysfs", NULL, MS_NOSUID | MS_NODEV | MS_NOEXEC },
        { "devtmpfs", "/dev", "devtmpfs", "mode=0755", MS_NOSUID },
        { "tmpfs", "/run", "tmpfs", "mode=0755", MS_NOSUID | MS_NODEV },
};

static sigjmp_buf crash_jmp;

static void usage(FILE *f)
{
        fprintf(f, "usage: rdcheck [COMMAND [ARGS]]\n"
                   "With no arguments, as PID 1 (the initramfs's /init), rdcheck is the init:\n"
                   "it walks the checkpoints, opens a rescue prompt when one fails, and execs\n"
                   "the real init.  Not as PID 1:\n"
                   "  report [--json] [FILE]  print the boot report (%s)\n"
                   "  --checks [--until drivers|modules|disks|filesystems]\n"
                   "                          run the checkpoints under another initramfs's init\n"
                   "  kdump-load [--help]     load the kdump capture kernel (rdcheck kdump-load --help)\n"
                   "  -q -- MODULE            load a module: the kernel's modprobe helper in the image\n"
                   "  -h, --help              this text\n", REPORT_PATH);
}

/* Not PID 1: one of the commands, or a word about what went wrong.  Returns the exit status. */
static int command_run(int argc, char **argv)
{
        if (report_requested(argc, argv))
                return report_run(argc, argv, stdout, stderr);
        if (kdump_load_requested(argc, argv))
                return kdump_load_main(argc, argv);
        if (modprobe_requested(argc, argv))
                return modprobe_main(argc, argv);
        if (argc >= 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
                usage(stdout);
                return 0;
        }
        if (argc >= 2)
                fprintf(stderr, "rdcheck: unknown command %s; rdcheck --help lists them\n", argv[1]);
        else
                fprintf(stderr, "rdcheck: the init runs only as PID 1; rdcheck --help lists the commands\n");
        return 2;
}
static volatile sig_atomic_t crash_signal;

/* Under another init (rdcheck --checks) they are there already: a second proc on /proc helps no one. */
static bool mounted_already(const char *target)
{
        struct stat dir, root;

        return stat(target, &dir) == 0 && stat("/", &root) == 0 && dir.st_dev != root.st_dev;
}

static void api_fs_mount(void)
{
        for (size_t i = 0; i < sizeof(api_fs) / sizeof(api_fs[0]); i++) {
                mkdir(api_fs[i].target, 0755);
                if (mounted_already(api_fs[i].target))
                        continue;
                if (mount(api_fs[i].source, api_fs[i].target, api_fs[i].type, api_fs[i].flags,
                          api_fs[i].options) < 0 && errno != EBUSY)
                        fprintf(stderr, "rdcheck: mount %s on %s: %s\n", api_fs[i].type,
                                api_fs[i].target, strerror(errno));
        }
}

static void reap(int sig)
{
        int saved = errno;

        while (waitpid(-1, NULL, WNOHANG) > 0)
                ;
        errno = saved;
}

/*
 * A fault in PID 1 would panic the kernel ("Attempted to kill init").  Jump
 * back to main and open the prompt instead: whatever state is left, a prompt
 * beats a panic.
 */
static void crash(int sig)
{
        crash_signal = sig;
        siglongjmp(crash_jmp, 1);
}

static void signals_setup(void)
{
        static char altstack[64 * 1024];
        static const int ignored[] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGPIPE, SIGUSR1,
                                       SIGUSR2, SIGTSTP, SIGTTIN, SIGTTOU };
        static const int fatal[] = { SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGSYS };
        stack_t ss = { .ss_sp = altstack, .ss_size = sizeof(altstack) };
        struct sigaction sa = { 0 };

        sigaltstack(&ss, NULL);
        sa.sa_handler = SIG_IGN;
        for (size_t i = 0; i < sizeof(ignored) / sizeof(ignored[0]); i++)
                sigaction(ignored[i], &sa, NULL);
        sa.sa_handler = reap;
        sa.sa_flags = SA_RESTART | SA_NOCLDSTOP;
        sigaction(SIGCHLD, &sa, NULL);
        sa.sa_handler = crash;
        sa.sa_flags = SA_ONSTACK | SA_NODEFER;
        for (size_t i = 0; i < sizeof(fatal) / sizeof(fatal[0]); i++)
                sigaction(fatal[i], &sa, NULL);
}

/* The image's settings: its policy, and default words the real command line overrides. */
static void imageconf_load(struct boot *boot, struct imageconf *ic)
{
        static char text[CMDLINE_MAX_VALUE + 1024];
        char why[1024];
        ssize_t n = read_text(IMAGECONF_PATH, text, sizeof(text));

        if (n < 0 && n != -ENOENT)
                log_info("cannot read %s: %s", IMAGECONF_PATH, strerror((int)-n));
        if (imageconf_parse(n > 0 ? text : "", ic, why, sizeof(why)) < 0) {
                for (char *line = strtok(why, "\n"); line; line = strtok(NULL, "\n"))
                        log_info("%s: %s", IMAGECONF_PATH, line);
        }
        boot->policy = ic->rescue;
        snprintf(boot->password_hash, sizeof(boot->password_hash), "%s", ic->password_hash);
}

static void cmdline_load(struct boot *boot, const struct imageconf *ic)
{
        static char proc[CMDLINE_MAX_LEN + 1];
        static char text[CMDLINE_MAX_LEN + CMDLINE_MAX_VALUE + 64];
        enum onfail onfail = ic->has_onfail ? ic->onfail :
                             boot->policy == RESCUE_LOCKED ? ONFAIL_REBOOT : ONFAIL_SHELL;
        ssize_t n = read_text("/proc/cmdline", proc, sizeof(proc));

        if (n < 0) {
                log_info("cannot read /proc/cmdline: %s; using defaults", strerror((int)-n));
                proc[0] = '\0';
        }
        /* The image's words first, so that the same word on the real command line wins. */
        snprintf(text, sizeof(text), "rd.checkpoint.onfail=%s %s %s", onfail_name(onfail), ic->cmdline, proc);
        if (cmdline_parse(text, &boot->cmd) < 0)
                log_info("out of memory parsing the command line");
        for (size_t i = 0; i < boot->cmd.n_errors; i++)
                log_info("cmdline: %s", boot->cmd.errors[i]);
        if (boot->cmd.n_errors_dropped)
                log_info("cmdline: %zu more problems not shown", boot->cmd.n_errors_dropped);
        if (boot->policy == RESCUE_LOCKED && boot->cmd.onfail == ONFAIL_SHELL) {
                log_info("rd.checkpoint.onfail=shell: this image's prompt is locked; reboot instead");
                boot->cmd.onfail = ONFAIL_REBOOT;
        }
}

static void consoles_open(const struct boot *boot)
{
        char why[512];

        console_open(&boot->cmd.consoles, why, sizeof(why));
        for (char *line = strtok(why, "\n"); line; line = strtok(NULL, "\n"))
                log_info("%s", line);
}

int main(int argc, char **argv, char **envp)
{
        static struct boot boot;
        static struct imageconf conf;
        volatile int first = 0;

        boot.last = CHECKPOINT_COUNT - 1;
        /* PID 1 must never return, whatever words the kernel handed over. */
        if (getpid() != 1 && hostinit_requested(argc, argv)) {
                if (hostinit_args_parse(argc, argv, &boot) < 0)
                        return 2;
        } else if (getpid() != 1) {
                return command_run(argc, argv);
        }
        umask(022);
        signals_setup();
        api_fs_mount();
        console_setup();
        log_open();
        if (!boot.host_init) {
                log_keep_lines_whole();
                modprobe_helper_install();
                /* Ctrl-Alt-Del becomes a SIGINT we ignore, not an instant reboot. */
                reboot(RB_DISABLE_CAD);
        }

        boot.uevent_fd = -1;
        /* Under another init its own cryptsetup asks; we open nothing. */
        boot.ask_secret = boot.host_init ? NULL : prompt_ask_secret;
        boot.kernel_argv = argv;
        boot.kernel_envp = envp;
        imageconf_load(&boot, &conf);
        cmdline_load(&boot, &conf);
        consoles_open(&boot);
        boot.start_ms = uptime_ms();
        log_info("start kernel_ms=%ld", boot.start_ms);
        /* Before any driver loads: a driver may be what killed the last boot. */
        if (!boot.host_init)
                pstore_boot_read(&boot);
        if (!boot.host_init)
                kdump_setup(&boot, conf.kdump);
        verdict_channel_open(&boot);

        if (sigsetjmp(crash_jmp, 1)) {
                /* Back from a fault: say where, and let the person decide. */
                int at = 0;

                log_release_kernel_console();
                for (int i = 0; i < CHECKPOINT_COUNT; i++)
                        if (boot.ran[i])
                                at = i;
                log_info("internal error: signal %d (%s) after checkpoint %s", (int)crash_signal,
                         strsignal(crash_signal), checkpoint_names[at]);
                first = engine_rescue(&boot, at, true);
        }
        for (;;) {
                engine_run(&boot, first);
                /* The host init goes on, whatever was forced past at the prompt. */
                if (boot.host_init)
                        return 0;
                /* engine_run only returns past the last checkpoint without exec. */
                first = engine_rescue(&boot, CHECKPOINT_COUNT - 1, true);
        }
}
