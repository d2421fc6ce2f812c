/* SPDX-License-Identifier: MIT */
#pragma once

#include <elf.h>
#include <stddef.h>

/* The e_machine of the kernel this init was built for. */
#if defined(__x86_64__)
#define EXEC_CHECK_MACHINE EM_X86_64
#elif defined(__aarch64__)
#define EXEC_CHECK_MACHINE EM_AARCH64
#elif defined(__i386__)
#define EXEC_CHECK_MACHINE EM_386
#elif defined(__arm__)
#define EXEC_CHECK_MACHINE EM_ARM
#elif defined(__riscv)
#define EXEC_CHECK_MACHINE EM_RISCV
#elif defined(__powerpc64__)
#define EXEC_CHECK_MACHINE EM_PPC64
#elif defined(__s390x__)
#define EXEC_CHECK_MACHINE EM_S390
#else
#error "EXEC_CHECK_MACHINE: add this architecture's EM_* value"
#endif

enum exec_check_flags {
        /* The kernel runs no 32-bit binaries: no IA32 emulation (ia32_emulation=0), no AArch32. */
        EXEC_CHECK_NO_COMPAT32 = 1 << 0,
        /*
         * The file's own content only: an ELF for @machine or a #! line; no x
         * bit, mount or interpreter (rdcheck-mkimage, before it copies a host
         * file into an image as /init, mode 0755).
         */
        EXEC_CHECK_CONTENT_ONLY = 1 << 1,
};

/*
 * Whether the kernel could execve() @path inside the root @rootfd (an
 * O_PATH|O_DIRECTORY fd) once it is /.  Every path, including symlink
 * targets and the ELF and #! interpreters, is resolved inside @rootfd, as it
 * will be after switch_root.  @machine is the kernel's ELF e_machine
 * (EXEC_CHECK_MACHINE).  32-bit binaries are taken as runnable on a 64-bit
 * kernel that usually runs them (i386 on x86-64, arm on aarch64).
 *
 * Returns 0, or -errno with one line in @why naming the path and the missing
 * piece: "/sbin/init: ELF interpreter /lib64/ld-linux-x86-64.so.2 missing".
 */
int exec_check(int rootfd, const char *path, unsigned machine, char *why, size_t size);

/* Same, with exec_check_flags. */
int exec_check_flags(int rootfd, const char *path, unsigned machine, unsigned flags, char *why,
                     size_t size);
