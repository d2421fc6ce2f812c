/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/reboot.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "util.h"

static long clock_ms(clockid_t id)
{
        struct timespec ts;

        if (clock_gettime(id, &ts) < 0)
                return 0;
        return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

long now_ms(void)
{
        return clock_ms(CLOCK_MONOTONIC);
}

long uptime_ms(void)
{
        return clock_ms(CLOCK_BOOTTIME);
}

ssize_t read_full(int fd, char *buf, size_t size)
{
        size_t len = 0;

        while (len < size) {
                ssize_t n = read(fd, buf + len, size - len);

                if (n < 0 && errno == EINTR)
                        continue;
                if (n < 0 && errno == EAGAIN)
                        break;
                if (n < 0)
                        return -errno;
                if (n == 0)
                        break;
                len += (size_t)n;
        }
        return (ssize_t)len;
}

ssize_t read_text(const char *path, char *buf, size_t size)
{
        ssize_t len;
        int fd;

        if (size == 0)
                return -EINVAL;
        fd = open(path, O_RDONLY | O_CLOEXEC);
        if (fd < 0)
                return -errno;
        len = read_full(fd, buf, size - 1);
        close(fd);
        if (len < 0)
                return len;
        while (len > 0 && buf[len - 1] == '\n')
                len--;
        buf[len] = '\0';
        return len;
}

ssize_t read_text_at(const char *dir, const char *name, char *buf, size_t size)
{
        char path[4096];

        if (path_join(path, sizeof(path), dir, name) < 0)
                return -ENAMETOOLONG;
        return read_text(path, buf, size);
}

int write_all(int fd, const char *buf, size_t len)
{
        while (len > 0) {
                ssize_t n = write(fd, buf, len);

                if (n < 0) {
                        if (errno == EINTR)
                                continue;
                        return -errno;
                }
                buf += n;
                len -= (size_t)n;
        }
        return 0;
}

int write_text(const char *path, const char *text)
{
        size_t len = strlen(text);
        ssize_t n;
        int fd;

        fd = open(path, O_WRONLY | O_CLOEXEC);
        if (fd < 0)
                return -errno;
        n = write(fd, text, len);
        if (n < 0) {
                int r = -errno;

                close(fd);
                return r;
        }
        close(fd);
        return (size_t)n == len ? 0 : -EIO;
}

int dir_create_parents(const char *path, mode_t mode)
{
        char buf[4096];
        size_t len = strlen(path);

        if (len >= sizeof(buf))
                return -ENAMETOOLONG;
        memcpy(buf, path, len + 1);
        for (char *p = buf + 1; *p; p++) {
                if (*p != '/')
                        continue;
                *p = '\0';
                if (mkdir(buf, mode) < 0 && errno != EEXIST)
                        return -errno;
                *p = '/';
        }
        if (mkdir(buf, mode) < 0 && errno != EEXIST)
                return -errno;
        return 0;
}

bool path_exists(const char *path)
{
        return access(path, F_OK) == 0;
}

int path_join(char *buf, size_t size, const char *a, const char *b)
{
        int n = snprintf(buf, size, "%s/%s", a, b);

        if (n < 0 || (size_t)n >= size)
                return -ENAMETOOLONG;
        return 0;
}

const char *size_human(unsigned long long bytes, char *buf, size_t size)
{
        static const char *const units[] = { "B", "KiB", "MiB", "GiB", "TiB", "PiB" };
        double v = (double)bytes;
        unsigned u = 0;

        while (v >= 1024 && u + 1 < sizeof(units) / sizeof(units[0])) {
                v /= 1024;
                u++;
        }
        if (u == 0 || v >= 10 || v == (unsigned long long)v)
                snprintf(buf, size, "%.0f %s", v, units[u]);
        else
                snprintf(buf, size, "%.1f %s", v, units[u]);
        return buf;
}

int system_action(enum onfail action)
{
        int how;

        switch (action) {
        case ONFAIL_REBOOT:
                how = RB_AUTOBOOT;
                break;
        case ONFAIL_POWEROFF:
                how = RB_POWER_OFF;
                break;
        case ONFAIL_HALT:
                how = RB_HALT_SYSTEM;
                break;
        default:
                return -EINVAL;
        }
        sync();
        if (reboot(how) < 0)
                return -errno;
        return 0;
}

const char *link_basename(const char *path, char *buf, size_t size)
{
        char target[4096];
        ssize_t n = readlink(path, target, sizeof(target) - 1);
        const char *slash;

        if (n <= 0)
                return NULL;
        target[n] = '\0';
        slash = strrchr(target, '/');
        snprintf(buf, size, "%s", slash ? slash + 1 : target);
        return buf;
}

bool same_node(const char *a, const char *b)
{
        struct stat sa, sb;

        if (strcmp(a, b) == 0)
                return true;
        return stat(a, &sa) == 0 && stat(b, &sb) == 0 && S_ISBLK(sa.st_mode) && S_ISBLK(sb.st_mode) &&
               sa.st_rdev == sb.st_rdev;
}

int hex_digit(char c)
{
        if (c >= '0' && c <= '9')
                return c - '0';
        if (c >= 'a' && c <= 'f')
                return c - 'a' + 10;
        if (c >= 'A' && c <= 'F')
                return c - 'A' + 10;
        return -1;
}
