/* SPDX-License-Identifier: MIT */
/*
 * Could the kernel execve() this file in the new root?  The checks are the
 * kernel's own, in its order: open_exec() (fs/exec.c), then binfmt_elf.c or
 * binfmt_script.c, so that a "no" here is a "no" there.  Bytes read from the
 * files are never trusted: every offset and size is checked against the file
 * before it is used.
 */
#include <byteswap.h>
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <linux/openat2.h>

#include "exec_check.h"

#ifndef SYS_openat2
#define SYS_openat2 437
#endif
#ifndef EM_LOONGARCH
#define EM_LOONGARCH 258
#endif

/* fs/binfmt_script.c reads the #! line from the first BINPRM_BUF_SIZE bytes. */
#define BINPRM_BUF_SIZE 256
/* fs/exec.c, exec_binprm(): the interpreter of a sixth #! script in a chain is -ELOOP. */
#define MAX_SCRIPT_DEPTH 5
/* fs/binfmt_elf.c, load_elf_phdrs(): a program header table over 64 KiB is refused. */
#define MAX_PHDRS_SIZE 65536
#define WHY_MAX 512
#define NAME_SHOW_MAX 160

struct exec_ctx {
        int rootfd;
        unsigned machine;
        unsigned flags;
};

/* What the ELF header says, in our byte order. */
struct elf_head {
        bool is64;
        bool swap;              /* the file's byte order is not ours, nor the kernel's */
        unsigned type;
        unsigned machine;
        unsigned phentsize;
        unsigned phnum;
        uint64_t phoff;
};

struct elf_phdr {
        uint32_t type;
        uint64_t offset;
        uint64_t filesz;
};

static const struct {
        unsigned machine;
        const char *name;
} machine_names[] = {
        { EM_386, "i386" },         { EM_X86_64, "x86-64" },   { EM_ARM, "arm" },
        { EM_AARCH64, "aarch64" },  { EM_RISCV, "riscv" },     { EM_PPC, "ppc" },
        { EM_PPC64, "ppc64" },      { EM_S390, "s390" },       { EM_MIPS, "mips" },
        { EM_SPARC, "sparc" },      { EM_SPARCV9, "sparc64" }, { EM_IA_64, "ia64" },
        { EM_PARISC, "parisc" },    { EM_SH, "sh" },           { EM_68K, "m68k" },
        { EM_LOONGARCH, "loongarch" },
};

/* 32-bit binaries a 64-bit kernel runs when built to (compat_elf_check_arch()). */
static const struct {
        unsigned native;
        unsigned compat;
        const char *feature;
} compat32[] = {
        { EM_X86_64, EM_386, "IA32 emulation" },
        { EM_AARCH64, EM_ARM, "AArch32 support" },
};

static const char *machine_name(unsigned machine, char *buf, size_t size)
{
        for (size_t i = 0; i < sizeof(machine_names) / sizeof(machine_names[0]); i++)
                if (machine_names[i].machine == machine)
                        return machine_names[i].name;
        snprintf(buf, size, "e_machine %u", machine);
        return buf;
}

/* "aarch64", or "big-endian aarch64" when the byte order is not the kernel's. */
static const char *elf_machine_show(const struct elf_head *h, char *buf, size_t size)
{
        char num[24];
        const char *name = machine_name(h->machine, num, sizeof(num));
        bool big = (__BYTE_ORDER__ == __ORDER_BIG_ENDIAN__) != h->swap;

        snprintf(buf, size, "%s%s", h->swap ? (big ? "big-endian " : "little-endian ") : "", name);
        return buf;
}

/* Bytes from a file may be anything: never let them reach the console as escapes. */
static const char *name_show(const char *name, char *buf, size_t size)
{
        size_t len = 0;

        for (const unsigned char *p = (const unsigned char *)name; *p; p++) {
                char esc[8];
                size_t n;

                if (*p >= 0x20 && *p < 0x7f)
                        snprintf(esc, sizeof(esc), "%c", *p);
                else if (*p == '\r')
                        snprintf(esc, sizeof(esc), "\\r");
                else
                        snprintf(esc, sizeof(esc), "\\x%02x", *p);
                n = strlen(esc);
                if (len + n >= size) {
                        memcpy(buf + size - 4, "...", 4);
                        return buf;
                }
                memcpy(buf + len, esc, n);
                len += n;
        }
        buf[len] = '\0';
        return buf;
}

/* "script interpreter /bin/sh missing", "script interpreter /bin/sh: not executable (mode 0644)" */
static void why_nest(char *why, size_t size, const char *label, const char *name, const char *sub)
{
        char shown[NAME_SHOW_MAX];

        name_show(name, shown, sizeof(shown));
        if (strncmp(sub, "missing", strlen("missing")) == 0)
                snprintf(why, size, "%s %s %s", label, shown, sub);
        else
                snprintf(why, size, "%s %s: %s", label, shown, sub);
}

static int why_errno(char *why, size_t size, int r)
{
        snprintf(why, size, "%s", strerror(-r));
        return r;
}

static ssize_t pread_full(int fd, void *buf, size_t size, uint64_t offset)
{
        size_t done = 0;

        while (done < size) {
                ssize_t n = pread(fd, (char *)buf + done, size - done, (off_t)(offset + done));

                if (n < 0 && errno == EINTR)
                        continue;
                if (n < 0)
                        return -errno;
                if (n == 0)
                        break;
                done += (size_t)n;
        }
        return (ssize_t)done;
}

/* Resolve as the kernel will once the root is /: absolute links and ".." stay inside. */
static int root_open(const struct exec_ctx *c, const char *path, uint64_t flags)
{
        struct open_how how = {
                .flags = flags | O_CLOEXEC,
                .resolve = RESOLVE_IN_ROOT,
        };
        int fd;

        fd = (int)syscall(SYS_openat2, c->rootfd, path, &how, sizeof(how));
        return fd < 0 ? -errno : fd;
}

/* "missing", or "missing (dangling symlink to /lib/systemd/systemd)" when @path is a link. */
static int why_missing(const struct exec_ctx *c, const char *path, char *why, size_t size)
{
        char target[PATH_MAX], shown[NAME_SHOW_MAX];
        ssize_t n = -1;
        int fd;

        fd = root_open(c, path, O_PATH | O_NOFOLLOW);
        if (fd >= 0) {
                n = readlinkat(fd, "", target, sizeof(target) - 1);
                close(fd);
        }
        if (n < 0) {
                snprintf(why, size, "missing");
                return -ENOENT;
        }
        target[n] = '\0';
        snprintf(why, size, "missing (dangling symlink to %s)",
                 name_show(target, shown, sizeof(shown)));
        return -ENOENT;
}

static const char *file_type(mode_t mode)
{
        if (S_ISDIR(mode))
                return "directory";
        if (S_ISCHR(mode))
                return "character device";
        if (S_ISBLK(mode))
                return "block device";
        if (S_ISFIFO(mode))
                return "FIFO";
        if (S_ISSOCK(mode))
                return "socket";
        return "unknown type";
}

/* What open_exec() asks of a file: regular, an x bit, not on a noexec mount. */
static int exec_permitted(int fd, struct stat *st, bool content_only, char *why, size_t size)
{
        struct statvfs sv;

        if (fstat(fd, st) < 0)
                return why_errno(why, size, -errno);
        if (!S_ISREG(st->st_mode)) {
                snprintf(why, size, "not a regular file (%s)", file_type(st->st_mode));
                return -EACCES;
        }
        if (content_only)
                return 0;
        if (!(st->st_mode & 0111)) {
                snprintf(why, size, "not executable (mode %04o)", (unsigned)(st->st_mode & 07777));
                return -EACCES;
        }
        if (fstatvfs(fd, &sv) == 0 && (sv.f_flag & ST_NOEXEC)) {
                snprintf(why, size, "on a noexec mount");
                return -EACCES;
        }
        return 0;
}

/* Open @path for reading its headers, or say why the kernel would not open it to run it. */
static int exec_open(const struct exec_ctx *c, const char *path, struct stat *st, char *why,
                     size_t size)
{
        int fd, r;

        fd = root_open(c, path, O_PATH);
        if (fd == -ENOENT)
                return why_missing(c, path, why, size);
        if (fd < 0)
                return why_errno(why, size, fd);
        r = exec_permitted(fd, st, c->flags & EXEC_CHECK_CONTENT_ONLY, why, size);
        close(fd);
        if (r < 0)
                return r;
        /* Only now: opening a device node (a watchdog, a tape) for reading has effects. */
        fd = root_open(c, path, O_RDONLY);
        if (fd < 0)
                return why_errno(why, size, fd);
        if (fstat(fd, st) < 0 || !S_ISREG(st->st_mode)) {
                close(fd);
                snprintf(why, size, "changed while being checked");
                return -EAGAIN;
        }
        return fd;
}

static uint16_t elf16(const struct elf_head *h, uint16_t v)
{
        return h->swap ? bswap_16(v) : v;
}

static uint32_t elf32(const struct elf_head *h, uint32_t v)
{
        return h->swap ? bswap_32(v) : v;
}

static uint64_t elf64(const struct elf_head *h, uint64_t v)
{
        return h->swap ? bswap_64(v) : v;
}

static int why_corrupt(char *why, size_t size)
{
        snprintf(why, size, "truncated or corrupt ELF header");
        return -ENOEXEC;
}

static void elf_head_fields(const unsigned char *buf, struct elf_head *h)
{
        if (h->is64) {
                Elf64_Ehdr e;

                memcpy(&e, buf, sizeof(e));
                h->type = elf16(h, e.e_type);
                h->machine = elf16(h, e.e_machine);
                h->phentsize = elf16(h, e.e_phentsize);
                h->phnum = elf16(h, e.e_phnum);
                h->phoff = elf64(h, e.e_phoff);
        } else {
                Elf32_Ehdr e;

                memcpy(&e, buf, sizeof(e));
                h->type = elf16(h, e.e_type);
                h->machine = elf16(h, e.e_machine);
                h->phentsize = elf16(h, e.e_phentsize);
                h->phnum = elf16(h, e.e_phnum);
                h->phoff = elf32(h, e.e_phoff);
        }
}

/* The header of the @n bytes at @buf, which start with ELFMAG. */
static int elf_head_parse(const unsigned char *buf, size_t n, struct elf_head *h, char *why,
                          size_t size)
{
        bool big;

        if (n < EI_NIDENT)
                return why_corrupt(why, size);
        if (buf[EI_CLASS] != ELFCLASS32 && buf[EI_CLASS] != ELFCLASS64)
                return why_corrupt(why, size);
        if (buf[EI_DATA] != ELFDATA2LSB && buf[EI_DATA] != ELFDATA2MSB)
                return why_corrupt(why, size);
        h->is64 = buf[EI_CLASS] == ELFCLASS64;
        big = buf[EI_DATA] == ELFDATA2MSB;
        h->swap = big != (__BYTE_ORDER__ == __ORDER_BIG_ENDIAN__);
        if (n < (h->is64 ? sizeof(Elf64_Ehdr) : sizeof(Elf32_Ehdr)))
                return why_corrupt(why, size);
        elf_head_fields(buf, h);
        if (h->type == ET_EXEC || h->type == ET_DYN)
                return 0;
        if (h->type == ET_REL)
                snprintf(why, size, "ELF relocatable object, not an executable");
        else if (h->type == ET_CORE)
                snprintf(why, size, "ELF core dump, not an executable");
        else
                snprintf(why, size, "ELF of type %u, not an executable", h->type);
        return -ENOEXEC;
}

/* The kernel runs its own machine in its own byte order, and some 32-bit compat. */
static int elf_arch_check(const struct exec_ctx *c, const struct elf_head *h, char *why,
                          size_t size)
{
        char shown[48], num[24];
        const char *kernel = machine_name(c->machine, num, sizeof(num));

        if (!h->swap && h->machine == c->machine)
                return 0;
        for (size_t i = 0; i < sizeof(compat32) / sizeof(compat32[0]); i++) {
                if (h->swap || h->is64 || compat32[i].native != c->machine ||
                    compat32[i].compat != h->machine)
                        continue;
                if (!(c->flags & EXEC_CHECK_NO_COMPAT32))
                        return 0;
                snprintf(why, size, "32-bit ELF for %s, kernel runs %s without %s",
                         elf_machine_show(h, shown, sizeof(shown)), kernel, compat32[i].feature);
                return -ENOEXEC;
        }
        snprintf(why, size, "ELF for %s, kernel runs %s", elf_machine_show(h, shown, sizeof(shown)),
                 kernel);
        return -ENOEXEC;
}

/* The program header table must be there, whole, and of the size the kernel accepts. */
static int elf_phdrs_check(const struct elf_head *h, off_t file_size, char *why, size_t size)
{
        uint64_t entsize = h->is64 ? sizeof(Elf64_Phdr) : sizeof(Elf32_Phdr);
        uint64_t total = entsize * h->phnum;

        if (h->phentsize != entsize || h->phnum == 0 || total > MAX_PHDRS_SIZE)
                return why_corrupt(why, size);
        if (h->phoff > (uint64_t)file_size || total > (uint64_t)file_size - h->phoff)
                return why_corrupt(why, size);
        return 0;
}

static int elf_phdr_read(int fd, const struct elf_head *h, unsigned i, struct elf_phdr *ph)
{
        ssize_t n;

        if (h->is64) {
                Elf64_Phdr p;

                n = pread_full(fd, &p, sizeof(p), h->phoff + (uint64_t)i * sizeof(p));
                if (n != (ssize_t)sizeof(p))
                        return n < 0 ? (int)n : -ENOEXEC;
                ph->type = elf32(h, p.p_type);
                ph->offset = elf64(h, p.p_offset);
                ph->filesz = elf64(h, p.p_filesz);
        } else {
                Elf32_Phdr p;

                n = pread_full(fd, &p, sizeof(p), h->phoff + (uint64_t)i * sizeof(p));
                if (n != (ssize_t)sizeof(p))
                        return n < 0 ? (int)n : -ENOEXEC;
                ph->type = elf32(h, p.p_type);
                ph->offset = elf32(h, p.p_offset);
                ph->filesz = elf32(h, p.p_filesz);
        }
        return 0;
}

static int why_bad_interp(char *why, size_t size)
{
        snprintf(why, size, "corrupt ELF interpreter path (PT_INTERP)");
        return -ENOEXEC;
}

/* The PT_INTERP path into @interp: 1, or 0 for a static binary, or -errno. */
static int elf_interp_read(int fd, const struct elf_head *h, off_t file_size, char *interp,
                           size_t interp_size, char *why, size_t size)
{
        struct elf_phdr ph;
        ssize_t n;
        int r;

        for (unsigned i = 0; i < h->phnum; i++) {
                r = elf_phdr_read(fd, h, i, &ph);
                if (r == -ENOEXEC)
                        return why_corrupt(why, size);
                if (r < 0)
                        return why_errno(why, size, r);
                if (ph.type != PT_INTERP)
                        continue;
                /* fs/binfmt_elf.c: 2 to PATH_MAX bytes, the last one NUL; the first one counts. */
                if (ph.filesz < 2 || ph.filesz > interp_size || ph.offset > (uint64_t)file_size ||
                    ph.filesz > (uint64_t)file_size - ph.offset)
                        return why_bad_interp(why, size);
                n = pread_full(fd, interp, (size_t)ph.filesz, ph.offset);
                if (n < 0)
                        return why_errno(why, size, (int)n);
                if ((uint64_t)n != ph.filesz || interp[n - 1] != '\0' || interp[0] == '\0')
                        return why_bad_interp(why, size);
                return 1;
        }
        return 0;
}

/* "64-bit x86-64", "32-bit i386" */
static const char *elf_show(const struct elf_head *h, char *buf, size_t size)
{
        char machine[48];

        snprintf(buf, size, "%d-bit %s", h->is64 ? 64 : 32,
                 elf_machine_show(h, machine, sizeof(machine)));
        return buf;
}

/* load_elf_binary() on the interpreter: an ELF of the program's own kind, else -ELIBBAD. */
static int elf_interp_probe(const struct exec_ctx *c, const struct elf_head *prog, const char *path,
                            char *why, size_t size)
{
        unsigned char buf[sizeof(Elf64_Ehdr)];
        char shown[64], prog_shown[64];
        struct elf_head h;
        struct stat st;
        ssize_t n;
        int fd;

        fd = exec_open(c, path, &st, why, size);
        if (fd < 0)
                return fd;
        n = pread_full(fd, buf, sizeof(buf), 0);
        close(fd);
        if (n < 0)
                return why_errno(why, size, (int)n);
        if (n == 0) {
                snprintf(why, size, "empty file");
                return -ELIBBAD;
        }
        if (n < SELFMAG || memcmp(buf, ELFMAG, SELFMAG) != 0) {
                snprintf(why, size, "not an ELF file");
                return -ELIBBAD;
        }
        if (elf_head_parse(buf, (size_t)n, &h, why, size) < 0 ||
            elf_phdrs_check(&h, st.st_size, why, size) < 0)
                return -ELIBBAD;
        if (h.is64 != prog->is64 || h.swap != prog->swap || h.machine != prog->machine) {
                snprintf(why, size, "%s, the program is %s", elf_show(&h, shown, sizeof(shown)),
                         elf_show(prog, prog_shown, sizeof(prog_shown)));
                return -ELIBBAD;
        }
        return 0;
}

/* An ELF: its header as binfmt_elf.c checks it, then the interpreter it names, if any. */
static int elf_check(const struct exec_ctx *c, int fd, const struct stat *st,
                     const unsigned char *buf, size_t n, char *why, size_t size)
{
        char interp[PATH_MAX], sub[WHY_MAX];
        struct elf_head h;
        int r;

        r = elf_head_parse(buf, n, &h, why, size);
        if (r < 0)
                return r;
        r = elf_arch_check(c, &h, why, size);
        if (r < 0)
                return r;
        r = elf_phdrs_check(&h, st->st_size, why, size);
        if (r < 0)
                return r;
        if (c->flags & EXEC_CHECK_CONTENT_ONLY)
                return 0;
        r = elf_interp_read(fd, &h, st->st_size, interp, sizeof(interp), why, size);
        if (r <= 0)
                return r;
        r = elf_interp_probe(c, &h, interp, sub, sizeof(sub));
        if (r < 0)
                why_nest(why, size, "ELF interpreter", interp, sub);
        return r;
}

static bool is_blank(char ch)
{
        return ch == ' ' || ch == '\t';
}

/*
 * The interpreter a #! line names, read as fs/binfmt_script.c reads it: within
 * the first BINPRM_BUF_SIZE bytes (@buf, zero-filled past the file's end), the
 * first word after the blanks.  The rest of the line is one argument.
 */
static int script_interp(const char *buf, char *name, char *why, size_t size)
{
        const char *nl = memchr(buf, '\n', strnlen(buf, BINPRM_BUF_SIZE));
        const char *end = nl ? nl : buf + BINPRM_BUF_SIZE - 1;
        const char *p, *q;

        for (p = buf + 2; p < end && is_blank(*p); p++)
                ;
        for (q = p; q < end && *q && !is_blank(*q); q++)
                ;
        if (q == p) {
                snprintf(why, size, "#! line names no interpreter");
                return -ENOEXEC;
        }
        if (!nl && q == end) {
                snprintf(why, size, "#! line longer than the kernel's %d-byte limit",
                         BINPRM_BUF_SIZE);
                return -ENOEXEC;
        }
        memcpy(name, p, (size_t)(q - p));
        name[q - p] = '\0';
        return 0;
}

static int file_check(const struct exec_ctx *c, const char *path, int depth, char *why,
                      size_t size);

static int script_check(const struct exec_ctx *c, const char *buf, int depth, char *why,
                        size_t size)
{
        char name[BINPRM_BUF_SIZE], sub[WHY_MAX];
        size_t len;
        int r;

        r = script_interp(buf, name, why, size);
        if (r < 0 || (c->flags & EXEC_CHECK_CONTENT_ONLY))
                return r;
        if (depth >= MAX_SCRIPT_DEPTH) {
                snprintf(why, size,
                         "#! script nested too deep (the kernel follows at most %d interpreters)",
                         MAX_SCRIPT_DEPTH);
                return -ELOOP;
        }
        r = file_check(c, name, depth + 1, sub, sizeof(sub));
        if (r == 0)
                return 0;
        why_nest(why, size, "script interpreter", name, sub);
        len = strlen(name);
        if (r == -ENOENT && name[len - 1] == '\r') {
                len = strlen(why);
                snprintf(why + len, size - len, " (DOS line ending)");
        }
        return r;
}

/* @depth: how many #! scripts led here. */
static int file_check(const struct exec_ctx *c, const char *path, int depth, char *why,
                      size_t size)
{
        unsigned char buf[BINPRM_BUF_SIZE] = { 0 };
        struct stat st;
        ssize_t n;
        int fd, r;

        fd = exec_open(c, path, &st, why, size);
        if (fd < 0)
                return fd;
        n = pread_full(fd, buf, sizeof(buf), 0);
        if (n < 0) {
                r = why_errno(why, size, (int)n);
        } else if (n >= SELFMAG && memcmp(buf, ELFMAG, SELFMAG) == 0) {
                r = elf_check(c, fd, &st, buf, (size_t)n, why, size);
        } else if (n >= 2 && buf[0] == '#' && buf[1] == '!') {
                r = script_check(c, (const char *)buf, depth, why, size);
        } else if (n == 0) {
                snprintf(why, size, "empty file");
                r = -ENOEXEC;
        } else {
                snprintf(why, size, "not an ELF executable or #! script");
                r = -ENOEXEC;
        }
        close(fd);
        return r;
}

int exec_check_flags(int rootfd, const char *path, unsigned machine, unsigned flags, char *why,
                     size_t size)
{
        const struct exec_ctx c = { .rootfd = rootfd, .machine = machine, .flags = flags };
        char detail[WHY_MAX], shown[NAME_SHOW_MAX];
        int r;

        r = file_check(&c, path, 0, detail, sizeof(detail));
        if (size == 0)
                return r;
        if (r < 0)
                snprintf(why, size, "%s: %s", name_show(path, shown, sizeof(shown)), detail);
        else
                why[0] = '\0';
        return r;
}

int exec_check(int rootfd, const char *path, unsigned machine, char *why, size_t size)
{
        return exec_check_flags(rootfd, path, machine, 0, why, size);
}
