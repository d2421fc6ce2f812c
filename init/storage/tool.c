/* SPDX-License-Identifier: MIT */
/* Storage tools as bounded child processes whose output is kept as evidence. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tool.h"
#include "util.h"

static void tool_child(char *const argv[], char *const envp[], int in, int out)
{
        static char *const empty[] = { NULL };
        sigset_t none;

        dup2(in, 0);
        dup2(out, 1);
        dup2(out, 2);
        for (int fd = 3; fd < 1024; fd++)
                close(fd);
        /* PID 1 ignores some signals; a tool must get the defaults. */
        for (int sig = 1; sig < NSIG; sig++)
                signal(sig, SIG_DFL);
        sigemptyset(&none);
        sigprocmask(SIG_SETMASK, &none, NULL);
        execve(argv[0], argv, envp ? envp : empty);
        dprintf(2, "%s: %s\n", argv[0], strerror(errno));
        _exit(errno == ENOENT ? 127 : 126);
}

/* Reads what the child prints until it closes its end or @deadline passes. */
static int collect(int fd, long deadline, char *out, size_t size)
{
        size_t len = 0;
        char sink[512];

        for (;;) {
                struct pollfd pfd = { .fd = fd, .events = POLLIN };
                long left = deadline - now_ms();
                ssize_t n;

                if (left <= 0)
                        return -ETIMEDOUT;
                if (poll(&pfd, 1, (int)left) <= 0)
                        continue;
                /* Past the buffer, keep draining so the child never blocks on a full pipe. */
                if (len + 1 < size)
                        n = read(fd, out + len, size - 1 - len);
                else
                        n = read(fd, sink, sizeof(sink));
                if (n == 0)
                        return 0;
                if (n < 0 && errno != EINTR && errno != EAGAIN)
                        return -errno;
                if (n > 0 && len + 1 < size) {
                        len += (size_t)n;
                        out[len] = '\0';
                }
        }
}

int tool_run(char *const argv[], char *const envp[], const char *input, int timeout_ms,
             char *out, size_t size)
{
        int in_pipe[2], out_pipe[2], status, r;
        sigset_t chld, old;
        pid_t pid;

        if (size)
                out[0] = '\0';
        if (access(argv[0], X_OK) < 0)
                return -errno;
        if (pipe2(in_pipe, O_CLOEXEC) < 0)
                return -errno;
        if (pipe2(out_pipe, O_CLOEXEC) < 0) {
                r = -errno;
                close(in_pipe[0]);
                close(in_pipe[1]);
                return r;
        }
        /* PID 1's reaper must not take this child's status. */
        sigemptyset(&chld);
        sigaddset(&chld, SIGCHLD);
        sigprocmask(SIG_BLOCK, &chld, &old);
        pid = fork();
        if (pid == 0)
                tool_child(argv, envp, in_pipe[0], out_pipe[1]);
        r = pid < 0 ? -errno : 0;
        close(in_pipe[0]);
        close(out_pipe[1]);
        if (r == 0 && input) {
                /*
                 * A passphrase or a line: far below the pipe's capacity, so this
                 * cannot block.  A short write is the tool's to report.
                 */
                ssize_t w = write(in_pipe[1], input, strlen(input));

                (void)w;
        }
        close(in_pipe[1]);
        if (r == 0) {
                r = collect(out_pipe[0], now_ms() + timeout_ms, out, size);
                if (r == -ETIMEDOUT)
                        kill(pid, SIGKILL);
                while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
                        ;
                if (r == 0)
                        r = WIFEXITED(status) ? WEXITSTATUS(status) : -EINTR;
        }
        close(out_pipe[0]);
        sigprocmask(SIG_SETMASK, &old, NULL);
        if (size) {
                size_t len = strlen(out);

                while (len && out[len - 1] == '\n')
                        out[--len] = '\0';
        }
        return r;
}

const char *tool_first_line(const char *text, char *buf, size_t size)
{
        text += strspn(text, " \t\n");
        snprintf(buf, size, "%.*s", (int)strcspn(text, "\n"), text);
        return buf;
}
