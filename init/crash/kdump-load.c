/* SPDX-License-Identifier: MIT */
/*
 * `rdcheck kdump-load`, run as root on the installed system: load the
 * running kernel and the rdcheck capture image into the crashkernel=
 * reservation, so that a panic boots them and rdcheck saves the dead
 * kernel's log and memory.  It checks what it can first and says in words
 * what the kernel refused and why.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <unistd.h>

#include <linux/kexec.h>

#include "kdump-load.h"
#include "util.h"

#define CRASH_SIZE      "/sys/kernel/kexec_crash_size"
#define CRASH_LOADED    "/sys/kernel/kexec_crash_loaded"
#define LOAD_DISABLED   "/proc/sys/kernel/kexec_load_disabled"

/*
 * Words of the running kernel's command line the capture kernel must not
 * get (kdump-tools and Fedora's kdumpctl drop the same kinds).
 */
static const char *const dropped[] = {
        /* a capture kernel reserves nothing */
        "crashkernel",
        /* its memory is the reservation, as kexec describes it: no other map */
        "mem", "memmap",
        /* allocations that do not fit in a small reservation */
        "hugepages", "hugepagesz", "default_hugepagesz", "hugetlb_cma", "cma",
        "log_buf_len", "swiotlb", "slub_debug",
        /* a warning must not end the capture */
        "panic_on_warn",
        /* replaced by KDUMP_CMDLINE_ADDED */
        "nr_cpus", "maxcpus", "nosmp", "irqpoll", "reset_devices",
        /* the capture image is the initramfs and its /init runs */
        "rdinit", "noinitrd", "initrd", "BOOT_IMAGE",
};

/* kernel/params.c parameq(): '-' and '_' are the same in parameter names. */
static bool name_is(const char *name, size_t len, const char *want)
{
        for (size_t i = 0; i < len; i++, want++) {
                char x = name[i] == '-' ? '_' : name[i];
                char y = *want == '-' ? '_' : *want;

                if (!*want || x != y)
                        return false;
        }
        return *want == '\0';
}

static bool word_dropped(const char *word, size_t len)
{
        size_t name_len;

        if (*word == '"') {
                word++;
                len--;
        }
        name_len = strcspn(word, "=\" \t\n");
        if (name_len > len)
                name_len = len;
        for (size_t i = 0; i < sizeof(dropped) / sizeof(dropped[0]); i++)
                if (name_is(word, name_len, dropped[i]))
                        return true;
        return false;
}

/* The length of the word at @s: up to a blank outside double quotes (lib/cmdline.c next_arg()). */
static size_t word_len(const char *s)
{
        bool quoted = false;
        size_t i;

        for (i = 0; s[i]; i++) {
                if (s[i] == '"')
                        quoted = !quoted;
                else if (!quoted && strchr(" \t\n", s[i]))
                        break;
        }
        return i;
}

static int put(char *out, size_t size, size_t *len, const char *word, size_t n)
{
        size_t need = n + (*len ? 1 : 0);

        if (n == 0)
                return 0;
        if (need >= size - *len || *len + need >= KDUMP_CMDLINE_MAX)
                return -E2BIG;
        if (*len)
                out[(*len)++] = ' ';
        memcpy(out + *len, word, n);
        *len += n;
        out[*len] = '\0';
        return 0;
}

int kdump_cmdline(const char *running, const char *append, char *out, size_t size)
{
        size_t len = 0;
        int r = 0;

        if (size == 0)
                return -E2BIG;
        out[0] = '\0';
        for (const char *s = running; r == 0 && *s;) {
                size_t n;

                s += strspn(s, " \t\n");
                n = word_len(s);
                if (n && !word_dropped(s, n))
                        r = put(out, size, &len, s, n);
                s += n;
        }
        if (r == 0)
                r = put(out, size, &len, KDUMP_CMDLINE_ADDED, strlen(KDUMP_CMDLINE_ADDED));
        if (r == 0 && append)
                r = put(out, size, &len, append, strlen(append));
        return r;
}

struct options {
        const char *kernel, *initrd, *append;
        bool unload, status, dry_run;
};

static void usage(FILE *f, bool full)
{
        fprintf(f, "usage: rdcheck kdump-load [--kernel FILE] [--initrd FILE] [--append WORDS] [--dry-run]\n"
                   "       rdcheck kdump-load --unload | --status\n");
        if (!full)
                return;
        fprintf(f, "Load the running kernel and the rdcheck capture image for kdump.\n"
                   "  --kernel FILE   the capture kernel (default /boot/vmlinuz-RELEASE)\n"
                   "  --initrd FILE   the capture image (default /boot/rdcheck-kdump.img-RELEASE)\n"
                   "  --append WORDS  added to the capture command line\n"
                   "  --dry-run       check and print what would be loaded, load nothing\n"
                   "  --unload        unload the capture kernel\n"
                   "  --status        say whether one is loaded and how much memory is reserved\n"
                   "Exit: 0 done (--status: loaded), 1 failed (--status: not loaded), 2 usage.\n");
}

bool kdump_load_requested(int argc, char **argv)
{
        return argc >= 2 && strcmp(argv[1], "kdump-load") == 0;
}

static int options_parse(int argc, char **argv, struct options *o)
{
        for (int i = 2; i < argc; i++) {
                const char **value = NULL;

                if (strcmp(argv[i], "--kernel") == 0)
                        value = &o->kernel;
                else if (strcmp(argv[i], "--initrd") == 0)
                        value = &o->initrd;
                else if (strcmp(argv[i], "--append") == 0)
                        value = &o->append;
                else if (strcmp(argv[i], "--unload") == 0)
                        o->unload = true;
                else if (strcmp(argv[i], "--status") == 0)
                        o->status = true;
                else if (strcmp(argv[i], "--dry-run") == 0)
                        o->dry_run = true;
                else if (strcmp(argv[i], "--help") == 0)
                        return 1;
                else
                        return -EINVAL;
                if (value) {
                        if (++i == argc)
                                return -EINVAL;
                        *value = argv[i];
                }
        }
        if (o->unload + o->status > 1 ||
            ((o->unload || o->status) && (o->kernel || o->initrd || o->append || o->dry_run)))
                return -EINVAL;
        return 0;
}

/* A number from a sysfs/procfs file; -1 when it cannot be read. */
static long long read_number(const char *path)
{
        char buf[32], *end;
        long long v;

        if (read_text(path, buf, sizeof(buf)) <= 0)
                return -1;
        v = strtoll(buf, &end, 10);
        return *end ? -1 : v;
}

static int status_show(void)
{
        long long size = read_number(CRASH_SIZE), loaded = read_number(CRASH_LOADED);
        char human[32];

        if (size < 0 || loaded < 0) {
                fprintf(stderr, "rdcheck kdump-load: this kernel has no kexec crash support (%s)\n",
                        CRASH_SIZE);
                return 1;
        }
        printf("crashkernel= reserves %s (%lld bytes); a capture kernel is %s\n",
               size_human((unsigned long long)size, human, sizeof(human)), size,
               loaded ? "loaded" : "not loaded");
        return loaded ? 0 : 1;
}

static int kexec_file(int kernel_fd, int initrd_fd, const char *cmdline, unsigned long flags)
{
        unsigned long len = cmdline ? strlen(cmdline) + 1 : 0;

        return syscall(SYS_kexec_file_load, kernel_fd, initrd_fd, len, cmdline, flags) < 0 ? -errno : 0;
}

/*
 * The memory an x86 bzImage needs to unpack and start (init_size, boot
 * protocol 2.10+, Documentation/arch/x86/boot.rst), or 0.
 */
static unsigned long long bzimage_init_size(const char *kernel)
{
        unsigned char hdr[0x264];
        int fd = open(kernel, O_RDONLY | O_CLOEXEC);
        ssize_t n = fd < 0 ? -1 : pread(fd, hdr, sizeof(hdr), 0);
        uint32_t size;

        if (fd >= 0)
                close(fd);
        if (n != (ssize_t)sizeof(hdr) || memcmp(hdr + 0x202, "HdrS", 4) != 0 ||
            (hdr[0x206] | hdr[0x207] << 8) < 0x020a)
                return 0;
        memcpy(&size, hdr + 0x260, sizeof(size));
        return size;
}

/* The kernel's refusal, in words a person can act on. */
static void load_failure(int err, const char *kernel, off_t kernel_size, const char *initrd,
                         off_t initrd_size, long long reserved)
{
        char k[32], i[32], r[32], unpacked_size[48];
        unsigned long long unpacked = bzimage_init_size(kernel);

        fprintf(stderr, "rdcheck kdump-load: the kernel refused to load %s with %s: %s\n", kernel, initrd,
                strerror(-err));
        if (unpacked) {
                size_human(unpacked, unpacked_size, sizeof(unpacked_size));
                strcat(unpacked_size, " unpacked");
        }
        switch (-err) {
        case EPERM:
                if (geteuid() != 0)
                        fprintf(stderr, "  loading a kernel needs root (CAP_SYS_BOOT)\n");
                else if (read_number(LOAD_DISABLED) == 1)
                        fprintf(stderr, "  %s is 1: kexec is disabled until the next boot\n", LOAD_DISABLED);
                else
                        fprintf(stderr, "  kernel lockdown or a security module forbids kexec here\n");
                break;
        case ENOMEM:
        case EADDRNOTAVAIL:
                fprintf(stderr, "  the kernel (%s%s%s) and the image (%s) do not fit in the %s reserved by "
                        "crashkernel=: reserve more or build a smaller image (rdcheck-mkimage --kdump)\n",
                        size_human(kernel_size, k, sizeof(k)), unpacked ? ", " : "",
                        unpacked ? unpacked_size : "", size_human(initrd_size, i, sizeof(i)),
                        size_human(reserved, r, sizeof(r)));
                break;
        case EKEYREJECTED:
        case ENOKEY:
        case EBADMSG:
        case ENODATA:
                fprintf(stderr, "  this kernel requires a signed kernel to load (Secure Boot lockdown "
                        "or CONFIG_KEXEC_SIG_FORCE) and %s's signature is %s\n", kernel,
                        err == -ENODATA ? "missing" : err == -ENOKEY ? "from an untrusted key" : "not valid");
                break;
        case ENOEXEC:
                fprintf(stderr, "  %s is not a kernel image kexec_file_load can load on this machine\n", kernel);
                break;
        case EBUSY:
                fprintf(stderr, "  another kexec load is under way; try again\n");
                break;
        case ENOSYS:
                fprintf(stderr, "  this kernel was built without kexec_file_load (CONFIG_KEXEC_FILE)\n");
                break;
        case EINVAL:
                fprintf(stderr, "  the kernel refused the image or the command line\n");
                break;
        }
}

static int file_open(const char *path, const char *what, off_t *size)
{
        struct stat st;
        int fd = open(path, O_RDONLY | O_CLOEXEC);

        if (fd < 0) {
                fprintf(stderr, "rdcheck kdump-load: cannot open the %s %s: %s\n", what, path, strerror(errno));
                if (errno == ENOENT && strcmp(what, "capture image") == 0)
                        fprintf(stderr, "  build it with rdcheck-mkimage --kdump, or name one with --initrd\n");
                return -1;
        }
        if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
                fprintf(stderr, "rdcheck kdump-load: the %s %s is not a regular file\n", what, path);
                close(fd);
                return -1;
        }
        *size = st.st_size;
        return fd;
}

static int load(const struct options *o)
{
        char kernel[PATH_MAX], initrd[PATH_MAX], running[4096], cmdline[KDUMP_CMDLINE_MAX];
        long long reserved = read_number(CRASH_SIZE);
        off_t kernel_size = 0, initrd_size = 0;
        struct utsname u;
        int kfd, ifd, r;
        ssize_t n;

        if (reserved < 0) {
                fprintf(stderr, "rdcheck kdump-load: this kernel has no kexec crash support (no %s)\n",
                        CRASH_SIZE);
                return 1;
        }
        if (reserved == 0) {
                fprintf(stderr, "rdcheck kdump-load: no memory is reserved for a capture kernel "
                        "(%s is 0): add crashkernel=256M to the kernel command line and reboot\n", CRASH_SIZE);
                return 1;
        }
        uname(&u);
        snprintf(kernel, sizeof(kernel), "%s", o->kernel ? o->kernel : "");
        snprintf(initrd, sizeof(initrd), "%s", o->initrd ? o->initrd : "");
        if (!o->kernel)
                snprintf(kernel, sizeof(kernel), "/boot/vmlinuz-%s", u.release);
        if (!o->initrd)
                snprintf(initrd, sizeof(initrd), "/boot/rdcheck-kdump.img-%s", u.release);
        n = read_text("/proc/cmdline", running, sizeof(running));
        if (n < 0) {
                fprintf(stderr, "rdcheck kdump-load: cannot read /proc/cmdline: %s\n", strerror((int)-n));
                return 1;
        }
        if (kdump_cmdline(running, o->append, cmdline, sizeof(cmdline)) < 0) {
                fprintf(stderr, "rdcheck kdump-load: the capture command line would be longer than %d bytes\n",
                        KDUMP_CMDLINE_MAX - 1);
                return 1;
        }
        kfd = file_open(kernel, "kernel", &kernel_size);
        ifd = kfd < 0 ? -1 : file_open(initrd, "capture image", &initrd_size);
        if (kfd < 0 || ifd < 0) {
                if (kfd >= 0)
                        close(kfd);
                return 1;
        }
        if (o->dry_run) {
                printf("would load %s and %s into %lld reserved bytes\ncommand line: %s\n",
                       kernel, initrd, reserved, cmdline);
                r = 0;
        } else {
                r = kexec_file(kfd, ifd, cmdline, KEXEC_FILE_ON_CRASH);
                if (r < 0)
                        load_failure(r, kernel, kernel_size, initrd, initrd_size, reserved);
                else
                        printf("rdcheck kdump-load: loaded %s and %s; capture command line: %s\n",
                               kernel, initrd, cmdline);
        }
        close(kfd);
        close(ifd);
        return r < 0 ? 1 : 0;
}

static int unload(void)
{
        int r = kexec_file(-1, -1, NULL, KEXEC_FILE_UNLOAD | KEXEC_FILE_ON_CRASH);

        if (r < 0) {
                fprintf(stderr, "rdcheck kdump-load: unloading the capture kernel: %s%s\n", strerror(-r),
                        r == -EPERM && geteuid() != 0 ? " (needs root)" : "");
                return 1;
        }
        printf("rdcheck kdump-load: no capture kernel is loaded now\n");
        return 0;
}

int kdump_load_main(int argc, char **argv)
{
        struct options o = { 0 };
        int r = options_parse(argc, argv, &o);

        if (r != 0) {
                usage(r > 0 ? stdout : stderr, r > 0);
                return r > 0 ? 0 : 2;
        }
        if (o.status)
                return status_show();
        if (o.unload)
                return unload();
        return load(&o);
}
