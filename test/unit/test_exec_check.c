/* SPDX-License-Identifier: MIT */
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <sched.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "exec_check.h"

/* A scratch directory standing in for the new root, and our O_PATH fd to it. */
struct root {
        char dir[64];
        int fd;
};

static int root_setup(void **state)
{
        struct root *r = calloc(1, sizeof(*r));

        if (!r)
                return -1;
        snprintf(r->dir, sizeof(r->dir), "/tmp/exec_check.XXXXXX");
        if (!mkdtemp(r->dir)) {
                free(r);
                return -1;
        }
        r->fd = open(r->dir, O_PATH | O_DIRECTORY | O_CLOEXEC);
        *state = r;
        return r->fd < 0 ? -1 : 0;
}

static int entry_remove(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
        return remove(path);
}

static int root_teardown(void **state)
{
        struct root *r = *state;

        close(r->fd);
        nftw(r->dir, entry_remove, 16, FTW_DEPTH | FTW_PHYS);
        free(r);
        return 0;
}

/* Host path of @path inside the root, its parent directories created. */
static const char *host_path(const struct root *r, const char *path, char *buf, size_t size)
{
        size_t skip = strlen(r->dir) + 1;

        snprintf(buf, size, "%s%s", r->dir, path);
        for (char *p = buf + skip; (p = strchr(p, '/')); p++) {
                *p = '\0';
                mkdir(buf, 0755);
                *p = '/';
        }
        return buf;
}

static void file_put(const struct root *r, const char *path, const void *data, size_t len,
                     mode_t mode)
{
        char full[PATH_MAX];
        int fd;

        fd = open(host_path(r, path, full, sizeof(full)), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC,
                  mode);
        assert_true(fd >= 0);
        assert_int_equal(write(fd, data, len), len);
        assert_int_equal(fchmod(fd, mode), 0);
        close(fd);
}

static void text_put(const struct root *r, const char *path, const char *text, mode_t mode)
{
        file_put(r, path, text, strlen(text), mode);
}

static void link_put(const struct root *r, const char *path, const char *target)
{
        char full[PATH_MAX];

        assert_int_equal(symlink(target, host_path(r, path, full, sizeof(full))), 0);
}

/* ELF bytes written field by field from the ELF spec, not through <elf.h> structs. */
struct elf_spec {
        bool is32;
        bool big;
        unsigned machine;
        unsigned type;          /* 0: ET_EXEC */
        const char *interp;     /* PT_INTERP, or NULL for a static binary */
};

#define EH64_PHOFF 32
#define EH64_PHENTSIZE 54
#define EH64_PHNUM 56
#define PH64_OFFSET 8
#define PH64_FILESZ 32

static void put_uint(unsigned char *p, uint64_t v, int bytes, bool big)
{
        for (int i = 0; i < bytes; i++)
                p[big ? bytes - 1 - i : i] = (unsigned char)(v >> (8 * i));
}

static void phdr_put(unsigned char *p, const struct elf_spec *s, unsigned type, size_t offset,
                     size_t filesz)
{
        put_uint(p, type, 4, s->big);
        if (s->is32) {
                put_uint(p + 4, offset, 4, s->big);
                put_uint(p + 16, filesz, 4, s->big);
                put_uint(p + 20, filesz, 4, s->big);
        } else {
                put_uint(p + PH64_OFFSET, offset, 8, s->big);
                put_uint(p + PH64_FILESZ, filesz, 8, s->big);
                put_uint(p + 40, filesz, 8, s->big);
        }
}

/* Header, PT_LOAD, then PT_INTERP and its path when there is one.  Returns the length. */
static size_t elf_build(const struct elf_spec *s, unsigned char *buf, size_t size)
{
        size_t ehsize = s->is32 ? 52 : 64, phentsize = s->is32 ? 32 : 56;
        unsigned phnum = s->interp ? 2 : 1;
        size_t interp_off = ehsize + phnum * phentsize;
        size_t interp_len = s->interp ? strlen(s->interp) + 1 : 0;
        size_t len = interp_off + interp_len;

        assert_true(len <= size);
        memset(buf, 0, len);
        memcpy(buf, "\177ELF", 4);
        buf[4] = s->is32 ? 1 : 2;
        buf[5] = s->big ? 2 : 1;
        buf[6] = 1;
        put_uint(buf + 16, s->type ? s->type : ET_EXEC, 2, s->big);
        put_uint(buf + 18, s->machine, 2, s->big);
        put_uint(buf + 20, 1, 4, s->big);
        if (s->is32) {
                put_uint(buf + 24, 0x8049000, 4, s->big);
                put_uint(buf + 28, ehsize, 4, s->big);
                put_uint(buf + 40, ehsize, 2, s->big);
                put_uint(buf + 42, phentsize, 2, s->big);
                put_uint(buf + 44, phnum, 2, s->big);
        } else {
                put_uint(buf + 24, 0x401000, 8, s->big);
                put_uint(buf + EH64_PHOFF, ehsize, 8, s->big);
                put_uint(buf + 52, ehsize, 2, s->big);
                put_uint(buf + EH64_PHENTSIZE, phentsize, 2, s->big);
                put_uint(buf + EH64_PHNUM, phnum, 2, s->big);
        }
        phdr_put(buf + ehsize, s, PT_LOAD, 0, len);
        if (s->interp) {
                phdr_put(buf + ehsize + phentsize, s, PT_INTERP, interp_off, interp_len);
                memcpy(buf + interp_off, s->interp, interp_len);
        }
        return len;
}

#define LD64 "/lib64/ld-linux-x86-64.so.2"
#define LD32 "/lib/ld-linux.so.2"
#define X86_64_STATIC ((struct elf_spec){ .machine = EM_X86_64 })
#define X86_64_DYNAMIC ((struct elf_spec){ .machine = EM_X86_64, .type = ET_DYN, .interp = LD64 })
#define X86_64_LD_SO ((struct elf_spec){ .machine = EM_X86_64, .type = ET_DYN })
#define I386_DYNAMIC ((struct elf_spec){ .is32 = true, .machine = EM_386, .interp = LD32 })
#define I386_LD_SO ((struct elf_spec){ .is32 = true, .machine = EM_386, .type = ET_DYN })

static void elf_put(const struct root *r, const char *path, struct elf_spec s)
{
        unsigned char buf[512];

        file_put(r, path, buf, elf_build(&s, buf, sizeof(buf)), 0755);
}

/* A 64-bit x86-64 ELF with PT_INTERP @interp, changed at @offset to @len bytes of @value. */
static void elf_put_patched(const struct root *r, const char *path, const char *interp,
                            size_t offset, uint64_t value, int len)
{
        struct elf_spec s = { .machine = EM_X86_64, .interp = interp };
        unsigned char buf[512];
        size_t n = elf_build(&s, buf, sizeof(buf));

        put_uint(buf + offset, value, len, false);
        file_put(r, path, buf, n, 0755);
}

static void check(const struct root *r, const char *path, unsigned machine, unsigned flags,
                  int expected, const char *why)
{
        char buf[512] = "untouched";
        int ret;

        ret = exec_check_flags(r->fd, path, machine, flags, buf, sizeof(buf));
        assert_string_equal(buf, why);
        assert_int_equal(ret, expected);
}

static void check_x86_64(const struct root *r, const char *path, int expected, const char *why)
{
        check(r, path, EM_X86_64, 0, expected, why);
}

/* Plain ELF */

static void test_static_elf_runs(void **state)
{
        elf_put(*state, "/sbin/init", X86_64_STATIC);
        check_x86_64(*state, "/sbin/init", 0, "");
}

static void test_static_pie_runs(void **state)
{
        elf_put(*state, "/sbin/init", X86_64_LD_SO);
        check_x86_64(*state, "/sbin/init", 0, "");
}

static void test_dynamic_elf_with_interpreter_runs(void **state)
{
        elf_put(*state, "/sbin/init", X86_64_DYNAMIC);
        elf_put(*state, LD64, X86_64_LD_SO);
        check_x86_64(*state, "/sbin/init", 0, "");
}

static void test_dynamic_elf_interpreter_missing(void **state)
{
        elf_put(*state, "/sbin/init", X86_64_DYNAMIC);
        check_x86_64(*state, "/sbin/init", -ENOENT,
                     "/sbin/init: ELF interpreter " LD64 " missing");
}

static void test_interpreter_absolute_symlink_followed_inside_root(void **state)
{
        elf_put(*state, "/sbin/init", X86_64_DYNAMIC);
        elf_put(*state, "/lib/x86_64-linux-gnu/ld-2.so", X86_64_LD_SO);
        link_put(*state, LD64, "/lib/x86_64-linux-gnu/ld-2.so");
        check_x86_64(*state, "/sbin/init", 0, "");
}

/* The link's target exists on the host, at the root's own host path, but not inside the root. */
static void test_interpreter_symlink_never_leaves_root(void **state)
{
        const struct root *r = *state;
        char target[PATH_MAX], why[PATH_MAX + 100];

        elf_put(r, "/sbin/init", X86_64_DYNAMIC);
        elf_put(r, "/outside-ld.so", X86_64_LD_SO);
        snprintf(target, sizeof(target), "%s/outside-ld.so", r->dir);
        assert_int_equal(access(target, F_OK), 0);
        link_put(r, LD64, target);
        snprintf(why, sizeof(why),
                 "/sbin/init: ELF interpreter " LD64 " missing (dangling symlink to %s)", target);
        check_x86_64(r, "/sbin/init", -ENOENT, why);
}

static void test_interpreter_not_executable(void **state)
{
        unsigned char buf[512];
        struct elf_spec s = X86_64_LD_SO;

        elf_put(*state, "/sbin/init", X86_64_DYNAMIC);
        file_put(*state, LD64, buf, elf_build(&s, buf, sizeof(buf)), 0644);
        check_x86_64(*state, "/sbin/init", -EACCES,
                     "/sbin/init: ELF interpreter " LD64 ": not executable (mode 0644)");
}

static void test_interpreter_empty(void **state)
{
        elf_put(*state, "/sbin/init", X86_64_DYNAMIC);
        text_put(*state, LD64, "", 0755);
        check_x86_64(*state, "/sbin/init", -ELIBBAD,
                     "/sbin/init: ELF interpreter " LD64 ": empty file");
}

static void test_interpreter_not_elf(void **state)
{
        elf_put(*state, "/sbin/init", X86_64_DYNAMIC);
        text_put(*state, LD64, "#!/bin/sh\n", 0755);
        check_x86_64(*state, "/sbin/init", -ELIBBAD,
                     "/sbin/init: ELF interpreter " LD64 ": not an ELF file");
}

static void test_interpreter_of_other_kind_than_program(void **state)
{
        elf_put(*state, "/sbin/init", I386_DYNAMIC);
        elf_put(*state, LD32, X86_64_LD_SO);
        check_x86_64(*state, "/sbin/init", -ELIBBAD,
                     "/sbin/init: ELF interpreter " LD32
                     ": 64-bit x86-64, the program is 32-bit i386");
}

static void test_interpreter_name_escaped(void **state)
{
        elf_put(*state, "/sbin/init",
                (struct elf_spec){ .machine = EM_X86_64, .interp = "/lib/\033[2Jld.so" });
        check_x86_64(*state, "/sbin/init", -ENOENT,
                     "/sbin/init: ELF interpreter /lib/\\x1b[2Jld.so missing");
}

/* Architecture */

static void test_elf_for_other_machine(void **state)
{
        elf_put(*state, "/sbin/init", (struct elf_spec){ .machine = EM_AARCH64 });
        check_x86_64(*state, "/sbin/init", -ENOEXEC,
                     "/sbin/init: ELF for aarch64, kernel runs x86-64");
}

static void test_elf_for_unknown_machine(void **state)
{
        elf_put(*state, "/sbin/init", (struct elf_spec){ .machine = 0x1234 });
        check_x86_64(*state, "/sbin/init", -ENOEXEC,
                     "/sbin/init: ELF for e_machine 4660, kernel runs x86-64");
}

static void test_big_endian_elf_fields_read_in_its_byte_order(void **state)
{
        elf_put(*state, "/sbin/init", (struct elf_spec){ .big = true, .machine = EM_AARCH64 });
        check(*state, "/sbin/init", EM_AARCH64, 0, -ENOEXEC,
              "/sbin/init: ELF for big-endian aarch64, kernel runs aarch64");
}

static void test_aarch64_elf_on_aarch64_kernel(void **state)
{
        elf_put(*state, "/sbin/init", (struct elf_spec){ .machine = EM_AARCH64 });
        check(*state, "/sbin/init", EM_AARCH64, 0, 0, "");
}

static void test_i386_elf_runs_with_ia32_emulation(void **state)
{
        elf_put(*state, "/sbin/init", I386_DYNAMIC);
        elf_put(*state, LD32, I386_LD_SO);
        check_x86_64(*state, "/sbin/init", 0, "");
}

static void test_i386_elf_refused_without_compat32(void **state)
{
        elf_put(*state, "/sbin/init", I386_DYNAMIC);
        elf_put(*state, LD32, I386_LD_SO);
        check(*state, "/sbin/init", EM_X86_64, EXEC_CHECK_NO_COMPAT32, -ENOEXEC,
              "/sbin/init: 32-bit ELF for i386, kernel runs x86-64 without IA32 emulation");
}

static void test_arm_elf_on_aarch64_kernel_without_compat32(void **state)
{
        elf_put(*state, "/sbin/init", (struct elf_spec){ .is32 = true, .machine = EM_ARM });
        check(*state, "/sbin/init", EM_AARCH64, 0, 0, "");
        check(*state, "/sbin/init", EM_AARCH64, EXEC_CHECK_NO_COMPAT32, -ENOEXEC,
              "/sbin/init: 32-bit ELF for arm, kernel runs aarch64 without AArch32 support");
}

static void test_i386_elf_on_aarch64_kernel(void **state)
{
        elf_put(*state, "/sbin/init", (struct elf_spec){ .is32 = true, .machine = EM_386 });
        check(*state, "/sbin/init", EM_AARCH64, 0, -ENOEXEC,
              "/sbin/init: ELF for i386, kernel runs aarch64");
}

/* Hostile or broken ELF */

static void test_truncated_elf_header(void **state)
{
        unsigned char buf[512];
        struct elf_spec s = X86_64_STATIC;

        elf_build(&s, buf, sizeof(buf));
        file_put(*state, "/sbin/init", buf, 40, 0755);
        check_x86_64(*state, "/sbin/init", -ENOEXEC, "/sbin/init: truncated or corrupt ELF header");
}

static void test_elf_magic_only(void **state)
{
        text_put(*state, "/sbin/init", "\177ELF", 0755);
        check_x86_64(*state, "/sbin/init", -ENOEXEC, "/sbin/init: truncated or corrupt ELF header");
}

static void test_elf_bad_class(void **state)
{
        elf_put_patched(*state, "/sbin/init", NULL, 4, 7, 1);
        check_x86_64(*state, "/sbin/init", -ENOEXEC, "/sbin/init: truncated or corrupt ELF header");
}

static void test_elf_absurd_phnum(void **state)
{
        elf_put_patched(*state, "/sbin/init", NULL, EH64_PHNUM, 0xffff, 2);
        check_x86_64(*state, "/sbin/init", -ENOEXEC, "/sbin/init: truncated or corrupt ELF header");
}

static void test_elf_phdrs_past_end_of_file(void **state)
{
        elf_put_patched(*state, "/sbin/init", NULL, EH64_PHNUM, 100, 2);
        check_x86_64(*state, "/sbin/init", -ENOEXEC, "/sbin/init: truncated or corrupt ELF header");
}

static void test_elf_absurd_phoff(void **state)
{
        elf_put_patched(*state, "/sbin/init", NULL, EH64_PHOFF, 0xffffffffffffffc0ull, 8);
        check_x86_64(*state, "/sbin/init", -ENOEXEC, "/sbin/init: truncated or corrupt ELF header");
}

static void test_elf_without_phdrs(void **state)
{
        elf_put_patched(*state, "/sbin/init", NULL, EH64_PHNUM, 0, 2);
        check_x86_64(*state, "/sbin/init", -ENOEXEC, "/sbin/init: truncated or corrupt ELF header");
}

static void test_elf_wrong_phentsize(void **state)
{
        elf_put_patched(*state, "/sbin/init", NULL, EH64_PHENTSIZE, 32, 2);
        check_x86_64(*state, "/sbin/init", -ENOEXEC, "/sbin/init: truncated or corrupt ELF header");
}

#define PT_INTERP64 (64 + 56)

static void test_elf_interp_not_terminated(void **state)
{
        size_t end = 64 + 2 * 56 + strlen(LD64);

        elf_put_patched(*state, "/sbin/init", LD64, end, 'x', 1);
        check_x86_64(*state, "/sbin/init", -ENOEXEC,
                     "/sbin/init: corrupt ELF interpreter path (PT_INTERP)");
}

static void test_elf_interp_size_absurd(void **state)
{
        elf_put_patched(*state, "/sbin/init", LD64, PT_INTERP64 + PH64_FILESZ, 0x7fffffff, 8);
        check_x86_64(*state, "/sbin/init", -ENOEXEC,
                     "/sbin/init: corrupt ELF interpreter path (PT_INTERP)");
}

static void test_elf_interp_past_end_of_file(void **state)
{
        elf_put_patched(*state, "/sbin/init", LD64, PT_INTERP64 + PH64_OFFSET, 4000, 8);
        check_x86_64(*state, "/sbin/init", -ENOEXEC,
                     "/sbin/init: corrupt ELF interpreter path (PT_INTERP)");
}

static void test_elf_interp_offset_overflows(void **state)
{
        elf_put_patched(*state, "/sbin/init", LD64, PT_INTERP64 + PH64_OFFSET, UINT64_MAX - 4, 8);
        check_x86_64(*state, "/sbin/init", -ENOEXEC,
                     "/sbin/init: corrupt ELF interpreter path (PT_INTERP)");
}

static void test_elf_relocatable_object(void **state)
{
        elf_put(*state, "/sbin/init", (struct elf_spec){ .machine = EM_X86_64, .type = ET_REL });
        check_x86_64(*state, "/sbin/init", -ENOEXEC,
                     "/sbin/init: ELF relocatable object, not an executable");
}

/* #! scripts */

static void test_script_with_interpreter_runs(void **state)
{
        text_put(*state, "/sbin/init", "#!/bin/sh\n", 0755);
        elf_put(*state, "/bin/sh", X86_64_STATIC);
        check_x86_64(*state, "/sbin/init", 0, "");
}

static void test_script_interpreter_missing(void **state)
{
        text_put(*state, "/sbin/init", "#!/bin/sh\n", 0755);
        check_x86_64(*state, "/sbin/init", -ENOENT,
                     "/sbin/init: script interpreter /bin/sh missing");
}

static void test_script_interpreter_needs_missing_elf_interpreter(void **state)
{
        text_put(*state, "/sbin/init", "#!/bin/sh\n", 0755);
        elf_put(*state, "/bin/sh", X86_64_DYNAMIC);
        check_x86_64(*state, "/sbin/init", -ENOENT,
                     "/sbin/init: script interpreter /bin/sh: ELF interpreter " LD64 " missing");
}

static void test_script_interpreter_not_executable(void **state)
{
        text_put(*state, "/sbin/init", "#!/bin/sh\n", 0755);
        text_put(*state, "/bin/sh", "", 0644);
        check_x86_64(*state, "/sbin/init", -EACCES,
                     "/sbin/init: script interpreter /bin/sh: not executable (mode 0644)");
}

static void test_script_blanks_and_argument(void **state)
{
        elf_put(*state, "/bin/sh", X86_64_STATIC);
        text_put(*state, "/sbin/init", "#! /bin/sh -e\necho\n", 0755);
        check_x86_64(*state, "/sbin/init", 0, "");
        text_put(*state, "/sbin/init", "#!\t /bin/sh\t-e  \t\n", 0755);
        check_x86_64(*state, "/sbin/init", 0, "");
}

static void test_script_without_newline(void **state)
{
        elf_put(*state, "/bin/sh", X86_64_STATIC);
        text_put(*state, "/sbin/init", "#!/bin/sh", 0755);
        check_x86_64(*state, "/sbin/init", 0, "");
}

static void test_script_names_no_interpreter(void **state)
{
        text_put(*state, "/sbin/init", "#! \t\nexit 0\n", 0755);
        check_x86_64(*state, "/sbin/init", -ENOEXEC, "/sbin/init: #! line names no interpreter");
        text_put(*state, "/sbin/init", "#!", 0755);
        check_x86_64(*state, "/sbin/init", -ENOEXEC, "/sbin/init: #! line names no interpreter");
}

static void test_script_interpreter_path_cut_off(void **state)
{
        char text[400] = "#!/";

        memset(text + 3, 'a', 300);
        text[303] = '\n';
        text[304] = '\0';
        text_put(*state, "/sbin/init", text, 0755);
        check_x86_64(*state, "/sbin/init", -ENOEXEC,
                     "/sbin/init: #! line longer than the kernel's 256-byte limit");
}

/* The kernel reads 256 bytes: a long argument after a short name is fine. */
static void test_script_long_argument_fine(void **state)
{
        char text[400] = "#!/bin/sh ";

        memset(text + 10, 'a', 300);
        text[310] = '\n';
        text[311] = '\0';
        elf_put(*state, "/bin/sh", X86_64_STATIC);
        text_put(*state, "/sbin/init", text, 0755);
        check_x86_64(*state, "/sbin/init", 0, "");
}

static void test_script_dos_line_ending(void **state)
{
        elf_put(*state, "/bin/sh", X86_64_STATIC);
        text_put(*state, "/sbin/init", "#!/bin/sh\r\n", 0755);
        check_x86_64(*state, "/sbin/init", -ENOENT,
                     "/sbin/init: script interpreter /bin/sh\\r missing (DOS line ending)");
}

static void test_script_interpreter_is_script(void **state)
{
        text_put(*state, "/sbin/init", "#!/usr/bin/runner\n", 0755);
        text_put(*state, "/usr/bin/runner", "#!/bin/sh -e\n", 0755);
        elf_put(*state, "/bin/sh", X86_64_STATIC);
        check_x86_64(*state, "/sbin/init", 0, "");
}

/* /sbin/init, then /chain/s1 ... /chain/s<n-1>, all scripts; the last runs /bin/sh. */
static void script_chain_put(const struct root *r, int n)
{
        char path[32], text[32];

        for (int i = 0; i < n; i++) {
                if (i + 1 < n)
                        snprintf(text, sizeof(text), "#!/chain/s%d\n", i + 1);
                else
                        snprintf(text, sizeof(text), "#!/bin/sh\n");
                snprintf(path, sizeof(path), i ? "/chain/s%d" : "/sbin/init", i);
                text_put(r, path, text, 0755);
        }
        elf_put(r, "/bin/sh", X86_64_STATIC);
}

/* fs/exec.c exec_binprm(): five #! interpreters in a row are followed... */
static void test_script_chain_of_five_runs(void **state)
{
        script_chain_put(*state, 5);
        check_x86_64(*state, "/sbin/init", 0, "");
}

/* ...a sixth is -ELOOP. */
static void test_script_chain_of_six_refused(void **state)
{
        script_chain_put(*state, 6);
        check_x86_64(*state, "/sbin/init", -ELOOP,
                     "/sbin/init: script interpreter /chain/s1: script interpreter /chain/s2: "
                     "script interpreter /chain/s3: script interpreter /chain/s4: "
                     "script interpreter /chain/s5: #! script nested too deep "
                     "(the kernel follows at most 5 interpreters)");
}

static void test_script_interpreter_is_itself(void **state)
{
        text_put(*state, "/sbin/init", "#!/sbin/init\n", 0755);
        check_x86_64(*state, "/sbin/init", -ELOOP,
                     "/sbin/init: script interpreter /sbin/init: script interpreter /sbin/init: "
                     "script interpreter /sbin/init: script interpreter /sbin/init: "
                     "script interpreter /sbin/init: #! script nested too deep "
                     "(the kernel follows at most 5 interpreters)");
}

static void test_script_relative_interpreter_from_root(void **state)
{
        text_put(*state, "/sbin/init", "#!bin/sh\n", 0755);
        elf_put(*state, "/bin/sh", X86_64_STATIC);
        check_x86_64(*state, "/sbin/init", 0, "");
}

/* The file itself */

static void test_missing(void **state)
{
        check_x86_64(*state, "/sbin/init", -ENOENT, "/sbin/init: missing");
}

static void test_not_executable(void **state)
{
        text_put(*state, "/sbin/init", "#!/bin/sh\n", 0644);
        check_x86_64(*state, "/sbin/init", -EACCES, "/sbin/init: not executable (mode 0644)");
}

static void test_directory(void **state)
{
        const struct root *r = *state;
        char full[PATH_MAX];

        assert_int_equal(mkdir(host_path(r, "/sbin/init", full, sizeof(full)), 0755), 0);
        check_x86_64(r, "/sbin/init", -EACCES, "/sbin/init: not a regular file (directory)");
}

/* A FIFO is refused from its type alone: opening it to read would block. */
static void test_fifo_not_opened(void **state)
{
        const struct root *r = *state;
        char full[PATH_MAX];

        assert_int_equal(mkfifo(host_path(r, "/sbin/init", full, sizeof(full)), 0755), 0);
        check_x86_64(r, "/sbin/init", -EACCES, "/sbin/init: not a regular file (FIFO)");
}

static void test_empty_file(void **state)
{
        text_put(*state, "/sbin/init", "", 0755);
        check_x86_64(*state, "/sbin/init", -ENOEXEC, "/sbin/init: empty file");
}

static void test_neither_elf_nor_script(void **state)
{
        text_put(*state, "/sbin/init", "echo hello\n", 0755);
        check_x86_64(*state, "/sbin/init", -ENOEXEC,
                     "/sbin/init: not an ELF executable or #! script");
        text_put(*state, "/sbin/init", "#", 0755);
        check_x86_64(*state, "/sbin/init", -ENOEXEC,
                     "/sbin/init: not an ELF executable or #! script");
}

/* rdcheck-mkimage's check of --init: the content only, before it becomes /init, mode 0755. */
static void test_content_only(void **state)
{
        const struct root *r = *state;
        char full[PATH_MAX];

        text_put(r, "/passwd", "root:x:0:0:root:/root:/bin/sh\n", 0644);
        check(r, "/passwd", EM_X86_64, EXEC_CHECK_CONTENT_ONLY, -ENOEXEC,
              "/passwd: not an ELF executable or #! script");
        text_put(r, "/empty", "", 0644);
        check(r, "/empty", EM_X86_64, EXEC_CHECK_CONTENT_ONLY, -ENOEXEC, "/empty: empty file");
        assert_int_equal(mkdir(host_path(r, "/dir", full, sizeof(full)), 0755), 0);
        check(r, "/dir", EM_X86_64, EXEC_CHECK_CONTENT_ONLY, -EACCES,
              "/dir: not a regular file (directory)");
        /* No x bit needed, no interpreter followed. */
        text_put(r, "/script", "#!/bin/missing\n", 0644);
        check(r, "/script", EM_X86_64, EXEC_CHECK_CONTENT_ONLY, 0, "");
        elf_put(r, "/dynamic", X86_64_DYNAMIC);
        check(r, "/dynamic", EM_X86_64, EXEC_CHECK_CONTENT_ONLY, 0, "");
        /* The ELF header is still checked in full. */
        elf_put(r, "/arm", ((struct elf_spec){ .machine = EM_AARCH64 }));
        check(r, "/arm", EM_X86_64, EXEC_CHECK_CONTENT_ONLY, -ENOEXEC,
              "/arm: ELF for aarch64, kernel runs x86-64");
        text_put(r, "/noname", "#!\n", 0644);
        check(r, "/noname", EM_X86_64, EXEC_CHECK_CONTENT_ONLY, -ENOEXEC,
              "/noname: #! line names no interpreter");
}

static void test_absolute_symlink_resolved_inside_root(void **state)
{
        elf_put(*state, "/lib/systemd/systemd", X86_64_STATIC);
        link_put(*state, "/sbin/init", "/lib/systemd/systemd");
        check_x86_64(*state, "/sbin/init", 0, "");
}

static void test_dangling_symlink_named(void **state)
{
        link_put(*state, "/sbin/init", "/lib/systemd/systemd");
        check_x86_64(*state, "/sbin/init", -ENOENT,
                     "/sbin/init: missing (dangling symlink to /lib/systemd/systemd)");
}

/* ".." stops at the new root, so this reaches the root's /outside, not the host's. */
static void test_dotdot_symlink_never_leaves_root(void **state)
{
        const struct root *r = *state;
        char target[PATH_MAX], why[PATH_MAX + 100];

        elf_put(r, "/outside", X86_64_STATIC);
        snprintf(target, sizeof(target), "../../../../../../..%s/outside", r->dir);
        link_put(r, "/sbin/init", target);
        snprintf(why, sizeof(why), "/sbin/init: missing (dangling symlink to %s)", target);
        check_x86_64(r, "/sbin/init", -ENOENT, why);
}

static void test_symlink_loop(void **state)
{
        char why[100];

        link_put(*state, "/sbin/init", "/sbin/init");
        snprintf(why, sizeof(why), "/sbin/init: %s", strerror(ELOOP));
        check_x86_64(*state, "/sbin/init", -ELOOP, why);
}

static void test_reason_truncated_to_buffer(void **state)
{
        const struct root *r = *state;
        char why[8];

        assert_int_equal(exec_check(r->fd, "/sbin/init", EM_X86_64, why, sizeof(why)), -ENOENT);
        assert_string_equal(why, "/sbin/i");
        assert_int_equal(exec_check(r->fd, "/sbin/init", EM_X86_64, why, 0), -ENOENT);
}

static int uid_map_write(const char *file, const char *text)
{
        int fd = open(file, O_WRONLY | O_CLOEXEC);
        ssize_t n;

        if (fd < 0)
                return -1;
        n = write(fd, text, strlen(text));
        close(fd);
        return n == (ssize_t)strlen(text) ? 0 : -1;
}

/* Become root of a private mount namespace, as ourselves if we must. */
static int mount_namespace_enter(void)
{
        char map[64];
        uid_t uid = getuid();
        gid_t gid = getgid();

        if (unshare(CLONE_NEWNS) == 0)
                return 0;
        if (unshare(CLONE_NEWUSER | CLONE_NEWNS) < 0)
                return -1;
        snprintf(map, sizeof(map), "0 %u 1", (unsigned)uid);
        if (uid_map_write("/proc/self/uid_map", map) < 0)
                return -1;
        uid_map_write("/proc/self/setgroups", "deny");
        snprintf(map, sizeof(map), "0 %u 1", (unsigned)gid);
        return uid_map_write("/proc/self/gid_map", map);
}

/* In a child: 0 as expected, 1 not, 77 cannot mount here. */
static int noexec_child(const struct root *r)
{
        unsigned char elf[512];
        struct elf_spec s = X86_64_STATIC;
        char dir[PATH_MAX], file[PATH_MAX], why[256];
        int fd, rootfd, ret;

        snprintf(dir, sizeof(dir), "%s/sbin", r->dir);
        snprintf(file, sizeof(file), "%s/sbin/init", r->dir);
        if (mount_namespace_enter() < 0 || mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) < 0 ||
            mount("tmpfs", dir, "tmpfs", MS_NOEXEC, NULL) < 0)
                return 77;
        fd = open(file, O_WRONLY | O_CREAT | O_CLOEXEC, 0755);
        if (fd < 0 || write(fd, elf, elf_build(&s, elf, sizeof(elf))) < 0)
                return 1;
        close(fd);
        /* r->fd still points into the mount namespace we left, which has no tmpfs on /sbin. */
        rootfd = open(r->dir, O_PATH | O_DIRECTORY | O_CLOEXEC);
        ret = exec_check(rootfd, "/sbin/init", EM_X86_64, why, sizeof(why));
        if (ret == -EACCES && strcmp(why, "/sbin/init: on a noexec mount") == 0)
                return 0;
        fprintf(stderr, "noexec: %d \"%s\"\n", ret, why);
        return 1;
}

static void test_noexec_mount_refused(void **state)
{
        const struct root *r = *state;
        char dir[PATH_MAX];
        int status;
        pid_t pid;

        host_path(r, "/sbin/", dir, sizeof(dir));
        pid = fork();
        assert_true(pid >= 0);
        if (pid == 0)
                _exit(noexec_child(r));
        assert_int_equal(waitpid(pid, &status, 0), pid);
        assert_true(WIFEXITED(status));
        if (WEXITSTATUS(status) == 77)
                skip();
        assert_int_equal(WEXITSTATUS(status), 0);
}

#define TEST(f) cmocka_unit_test_setup_teardown(f, root_setup, root_teardown)

int main(void)
{
        const struct CMUnitTest tests[] = {
                TEST(test_static_elf_runs),
                TEST(test_static_pie_runs),
                TEST(test_dynamic_elf_with_interpreter_runs),
                TEST(test_dynamic_elf_interpreter_missing),
                TEST(test_interpreter_absolute_symlink_followed_inside_root),
                TEST(test_interpreter_symlink_never_leaves_root),
                TEST(test_interpreter_not_executable),
                TEST(test_interpreter_empty),
                TEST(test_interpreter_not_elf),
                TEST(test_interpreter_of_other_kind_than_program),
                TEST(test_interpreter_name_escaped),
                TEST(test_elf_for_other_machine),
                TEST(test_elf_for_unknown_machine),
                TEST(test_big_endian_elf_fields_read_in_its_byte_order),
                TEST(test_aarch64_elf_on_aarch64_kernel),
                TEST(test_i386_elf_runs_with_ia32_emulation),
                TEST(test_i386_elf_refused_without_compat32),
                TEST(test_arm_elf_on_aarch64_kernel_without_compat32),
                TEST(test_i386_elf_on_aarch64_kernel),
                TEST(test_truncated_elf_header),
                TEST(test_elf_magic_only),
                TEST(test_elf_bad_class),
                TEST(test_elf_absurd_phnum),
                TEST(test_elf_phdrs_past_end_of_file),
                TEST(test_elf_absurd_phoff),
                TEST(test_elf_without_phdrs),
                TEST(test_elf_wrong_phentsize),
                TEST(test_elf_interp_not_terminated),
                TEST(test_elf_interp_size_absurd),
                TEST(test_elf_interp_past_end_of_file),
                TEST(test_elf_interp_offset_overflows),
                TEST(test_elf_relocatable_object),
                TEST(test_script_with_interpreter_runs),
                TEST(test_script_interpreter_missing),
                TEST(test_script_interpreter_needs_missing_elf_interpreter),
                TEST(test_script_interpreter_not_executable),
                TEST(test_script_blanks_and_argument),
                TEST(test_script_without_newline),
                TEST(test_script_names_no_interpreter),
                TEST(test_script_interpreter_path_cut_off),
                TEST(test_script_long_argument_fine),
                TEST(test_script_dos_line_ending),
                TEST(test_script_interpreter_is_script),
                TEST(test_script_chain_of_five_runs),
                TEST(test_script_chain_of_six_refused),
                TEST(test_script_interpreter_is_itself),
                TEST(test_script_relative_interpreter_from_root),
                TEST(test_missing),
                TEST(test_not_executable),
                TEST(test_directory),
                TEST(test_fifo_not_opened),
                TEST(test_empty_file),
                TEST(test_neither_elf_nor_script),
                TEST(test_content_only),
                TEST(test_absolute_symlink_resolved_inside_root),
                TEST(test_dangling_symlink_named),
                TEST(test_dotdot_symlink_never_leaves_root),
                TEST(test_symlink_loop),
                TEST(test_reason_truncated_to_buffer),
                TEST(test_noexec_mount_refused),
        };

        return cmocka_run_group_tests(tests, NULL, NULL);
}
