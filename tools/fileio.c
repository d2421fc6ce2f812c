/* SPDX-License-Identifier: MIT */
#include <elf.h>
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fileio.h"

int fd_write_all(int fd, const void *buf, size_t len)
{
        const char *p = buf;

        while (len > 0) {
                ssize_t n = write(fd, p, len);

                if (n < 0 && errno == EINTR)
                        continue;
                if (n < 0)
                        return -errno;
                p += n;
                len -= (size_t)n;
        }
        return 0;
}

int fd_read_whole(int fd, size_t max, unsigned char **ret, size_t *len)
{
        struct stat st;
        unsigned char *buf;
        size_t done = 0;

        if (fstat(fd, &st) < 0)
                return -errno;
        if (!S_ISREG(st.st_mode))
                return -EINVAL;
        if ((uint64_t)st.st_size > max)
                return -EFBIG;
        buf = malloc((size_t)st.st_size + 1);
        if (!buf)
                return -ENOMEM;
        while (done < (size_t)st.st_size) {
                ssize_t n = read(fd, buf + done, (size_t)st.st_size - done);

                if (n < 0 && errno == EINTR)
                        continue;
                if (n <= 0) {
                        free(buf);
                        return n < 0 ? -errno : -EIO;
                }
                done += (size_t)n;
        }
        *ret = buf;
        *len = done;
        return 0;
}

int elf_static_check(const char *path)
{
        Elf64_Ehdr eh;
        bool interp = false;
        FILE *f = fopen(path, "re");

        if (!f)
                return -errno;
        if (fread(&eh, sizeof(eh), 1, f) != 1 || memcmp(eh.e_ident, ELFMAG, SELFMAG) != 0) {
                fclose(f);
                return -ENOEXEC;
        }
        /* What is not read as a 64-bit program is not known to run without a loader. */
        if (eh.e_ident[EI_CLASS] != ELFCLASS64 || eh.e_phentsize != sizeof(Elf64_Phdr) || eh.e_phnum > 256) {
                fclose(f);
                return -ELIBACC;
        }
        for (unsigned i = 0; i < eh.e_phnum && !interp; i++) {
                Elf64_Phdr ph;

                if (fseek(f, (long)(eh.e_phoff + i * sizeof(ph)), SEEK_SET) < 0 ||
                    fread(&ph, sizeof(ph), 1, f) != 1)
                        break;
                interp = ph.p_type == PT_INTERP;
        }
        fclose(f);
        return interp ? -ELIBACC : 0;
}
