/* SPDX-License-Identifier: MIT */
/*
 * The machines rdcheck-smoke can boot, one row per architecture, and the
 * QEMU command line for a target.  Another architecture is another row:
 * its QEMU, its machine types, its serial lines and its exit device.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "smoke.h"

#define KVM_GET_API_VERSION 0xAE00      /* <linux/kvm.h>: _IO(KVMIO, 0x00) */
#define KVM_API_VERSION 12

static const struct smoke_machine machines[] = {
        {
                .arch = "x86_64",
                .qemu = "qemu-system-x86_64",
                /* q35 first: PCIe and AHCI, as on today's hardware; pc for PIIX-era guests. */
                .machines = { "q35", "pc" },
                .console = "ttyS0",
                .verdict_tty = "ttyS1",
                /* QEMU exits with (byte << 1) | 1 when the guest writes a byte to port 0xf4. */
                .verdict_device = "isa-debug-exit,iobase=0xf4,iosize=0x04",
                .verdict_word = "rd.verdict=isa-debug-exit:0xf4",
                .tcg_factor = 4,
        },
};

const struct smoke_machine *smoke_machine_find(const char *arch)
{
        struct utsname u;

        if (!arch) {
                if (uname(&u) < 0)
                        return NULL;
                arch = u.machine;
        }
        for (size_t i = 0; i < sizeof(machines) / sizeof(machines[0]); i++)
                if (strcmp(machines[i].arch, arch) == 0)
                        return &machines[i];
        return NULL;
}

/* KVM only for a guest of the host's own architecture, and only if /dev/kvm answers. */
bool smoke_kvm_usable(const struct smoke_machine *m)
{
        struct utsname u;
        bool ok;
        int fd;

        if (uname(&u) < 0 || strcmp(u.machine, m->arch) != 0)
                return false;
        fd = open("/dev/kvm", O_RDWR | O_CLOEXEC);
        if (fd < 0)
                return false;
        ok = ioctl(fd, KVM_GET_API_VERSION, 0) == KVM_API_VERSION;
        close(fd);
        return ok;
}

int smoke_kernel_release(const char *kernel, char *buf, size_t size)
{
        unsigned char head[0x10000];
        unsigned offset;
        ssize_t n;
        size_t len;
        int fd = open(kernel, O_RDONLY | O_CLOEXEC);

        if (fd < 0)
                return -errno;
        n = read(fd, head, sizeof(head));
        close(fd);
        if (n < 0)
                return -EIO;
        /* The x86 boot protocol: "HdrS" at 0x202, version >= 2.00, kernel_version at 0x20e. */
        if (n < 0x210 || memcmp(head + 0x202, "HdrS", 4) != 0 || (head[0x206] | head[0x207] << 8) < 0x200)
                return -ENOEXEC;
        offset = (head[0x20e] | head[0x20f] << 8) + 0x200u;
        if (offset >= (size_t)n)
                return -ENOEXEC;
        len = strcspn((const char *)head + offset, " ");
        if (len == 0 || len >= size || offset + len >= (size_t)n)
                return -ENOEXEC;
        memcpy(buf, head + offset, len);
        buf[len] = '\0';
        for (size_t i = 0; i < len; i++)
                if (buf[i] < 0x21 || buf[i] > 0x7e || buf[i] == '/')
                        return -ENOEXEC;
        return 0;
}

static int push(struct strv *argv, const char *s)
{
        return strlist_push(argv, s) < 0 ? -ENOMEM : 0;
}

static int pushf(struct strv *argv, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int pushf(struct strv *argv, const char *fmt, ...)
{
        va_list ap;
        char *s;
        int r;

        va_start(ap, fmt);
        r = vasprintf(&s, fmt, ap);
        va_end(ap);
        if (r < 0)
                return -ENOMEM;
        r = push(argv, s);
        free(s);
        return r;
}

/* QEMU's option syntax: a ',' in a value is written ",,". */
static char *qemu_escape(const char *s)
{
        char *out = malloc(2 * strlen(s) + 1), *p = out;

        if (!out)
                return NULL;
        for (; *s; s++) {
                *p++ = *s;
                if (*s == ',')
                        *p++ = ',';
        }
        *p = '\0';
        return out;
}

static int disk_args(const struct smoke_target *t, struct strv *argv)
{
        bool ahci = false, scsi = false, usb = false;
        int r = 0, ahci_port = 0;

        for (size_t i = 0; i < t->n_disks && r == 0; i++) {
                const struct smoke_disk *d = &t->disks[i];
                char *file = qemu_escape(d->file);

                if (!file)
                        return -ENOMEM;
                r = push(argv, "-drive");
                if (r == 0)
                        r = pushf(argv, "file=%s,format=%s,if=none,id=disk%zu%s", file, d->format, i,
                                  d->writable ? "" : ",snapshot=on");
                free(file);
                if (r == 0)
                        r = push(argv, "-device");
                if (r < 0)
                        return r;
                switch (d->bus) {
                case BUS_VIRTIO:
                        r = pushf(argv, "virtio-blk-pci,drive=disk%zu", i);
                        break;
                case BUS_NVME:
                        r = pushf(argv, "nvme,drive=disk%zu,serial=rdcheck-smoke-%zu", i, i);
                        break;
                case BUS_AHCI:
                        if (!ahci) {
                                r = pushf(argv, "ahci,id=ahci");
                                if (r == 0)
                                        r = push(argv, "-device");
                                ahci = true;
                        }
                        if (r == 0)
                                r = pushf(argv, "ide-hd,drive=disk%zu,bus=ahci.%d", i, ahci_port++);
                        break;
                case BUS_SCSI:
                        if (!scsi) {
                                r = pushf(argv, "virtio-scsi-pci,id=scsi");
                                if (r == 0)
                                        r = push(argv, "-device");
                                scsi = true;
                        }
                        if (r == 0)
                                r = pushf(argv, "scsi-hd,drive=disk%zu,bus=scsi.0", i);
                        break;
                case BUS_USB:
                        if (!usb) {
                                r = pushf(argv, "qemu-xhci,id=xhci");
                                if (r == 0)
                                        r = push(argv, "-device");
                                usb = true;
                        }
                        if (r == 0)
                                r = pushf(argv, "usb-storage,drive=disk%zu,bus=xhci.0", i);
                        break;
                }
        }
        return r;
}

static int append_word(char **cmd, const char *word)
{
        char *s;

        if (asprintf(&s, "%s%s%s", *cmd ? *cmd : "", *cmd ? " " : "", word) < 0)
                return -ENOMEM;
        free(*cmd);
        *cmd = s;
        return 0;
}

int smoke_qemu_argv(const struct smoke_target *t, const struct smoke_machine *m, bool kvm,
                    const char *initrd, const char *verdict_log, bool interactive, struct strv *argv,
                    char *why, size_t size)
{
        const char *machine = t->machine ? t->machine : m->machines[0];
        char *append = NULL, *file;
        bool known = false;
        int r;

        for (size_t i = 0; i < sizeof(m->machines) / sizeof(m->machines[0]) && m->machines[i]; i++)
                known |= strcmp(m->machines[i], machine) == 0;
        if (!known) {
                snprintf(why, size, "machine \"%s\" is not one %s knows for %s", machine, PROG, m->arch);
                return -EINVAL;
        }
        memset(argv, 0, sizeof(*argv));
        r = push(argv, m->qemu);
        r = r ?: push(argv, "-machine");
        r = r ?: push(argv, machine);
        r = r ?: push(argv, "-accel");
        r = r ?: push(argv, kvm ? "kvm" : "tcg");
        r = r ?: push(argv, "-cpu");
        r = r ?: push(argv, kvm ? "host" : "max");
        r = r ?: push(argv, "-smp");
        r = r ?: pushf(argv, "%d", t->cpus);
        r = r ?: push(argv, "-m");
        r = r ?: pushf(argv, "%d", t->memory_mb);
        /* A reset (panic=-1) ends QEMU instead of booting again: the run sees it. */
        r = r ?: push(argv, "-no-reboot");
        r = r ?: push(argv, "-display");
        r = r ?: push(argv, "none");
        r = r ?: push(argv, "-vga");
        r = r ?: push(argv, "none");
        r = r ?: push(argv, "-nic");
        r = r ?: push(argv, "none");
        r = r ?: push(argv, "-monitor");
        r = r ?: push(argv, "none");
        r = r ?: push(argv, "-serial");
        /* Interactive: Ctrl-A x leaves QEMU, as its users know. */
        r = r ?: push(argv, interactive ? "mon:stdio" : "stdio");
        if (!interactive) {
                file = qemu_escape(verdict_log);
                r = r ?: (file ? 0 : -ENOMEM);
                r = r ?: push(argv, "-serial");
                r = r ?: pushf(argv, "file:%s", file);
                free(file);
                r = r ?: push(argv, "-device");
                r = r ?: push(argv, m->verdict_device);
        }
        r = r ?: push(argv, "-kernel");
        r = r ?: push(argv, t->kernel);
        r = r ?: push(argv, "-initrd");
        r = r ?: push(argv, initrd);
        r = r ?: disk_args(t, argv);
        if (r < 0)
                return r;
        r = pushf(argv, "console=%s", m->console);
        if (r < 0)
                return r;
        file = argv->items[--argv->n];
        argv->items[argv->n] = NULL;
        r = append_word(&append, file);
        free(file);
        /* panic=-1: a panic resets at once, and -no-reboot turns that into QEMU's exit. */
        r = r ?: append_word(&append, "panic=-1");
        if (!interactive) {
                char tty[64];

                snprintf(tty, sizeof(tty), "rd.verdict.tty=%s", m->verdict_tty);
                r = r ?: append_word(&append, m->verdict_word);
                r = r ?: append_word(&append, tty);
        }
        for (size_t i = 0; i < t->words.n && r == 0; i++)
                r = append_word(&append, t->words.items[i]);
        r = r ?: push(argv, "-append");
        r = r ?: push(argv, append);
        free(append);
        return r;
}
