/* SPDX-License-Identifier: MIT */
/*
 * The crashed kernel's log, read from an ELF core by the VMCOREINFO contract
 * alone: the note names the printk ring (SYMBOL(prb)) and the layout of its
 * structures (SIZE(), OFFSET()), the PT_LOAD segments map the kernel's
 * virtual addresses to file offsets, and the lockless ring of Linux 5.10+
 * (kernel/printk/printk_ringbuffer.h) is walked from its tail to its head.
 *
 * Everything read from the file is bounded and checked: a core that is not
 * one, or lies, ends in -EINVAL or -ENOENT with the reason, never in a crash,
 * an endless loop or an allocation the file chose.
 */
#include <elf.h>
#include <endian.h>
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "vmcore.h"

#define VMCOREINFO_MAX  65536           /* the kernel's note is one page */
#define STRUCT_MAX      4096            /* no ring structure is near this */
#define COUNT_BITS_MAX  30              /* 2 GiB log (LOG_BUF_LEN_MAX) / 32 = 2^26 */
#define SIZE_BITS_MAX   31
#define TEXT_MAX        65535           /* printk_info.text_len is a u16 */

/* kernel/printk/printk_ringbuffer.h, for 64-bit kernels */
#define DESC_FLAGS_SHIFT        62
#define DESC_ID_MASK            (~(UINT64_C(3) << DESC_FLAGS_SHIFT))
#define DESC_COMMITTED          1
#define DESC_FINALIZED          2
#define LPOS_DATALESS(lpos)     ((lpos) & 1)
#define EMPTY_LINE_LPOS         3       /* NO_LPOS before 6.7: a record of no text */
#define BLOCK_ID_SIZE           8       /* struct prb_data_block starts with an unsigned long */

struct segment {
        uint64_t vaddr, offset, size;
};

struct core {
        int fd;
        struct segment *segs;
        size_t n_segs;
        char *info;                     /* the VMCOREINFO text, NUL-terminated */
        char *why;
        size_t why_size;
};

/* Where the ring is, and the layout of its structures, from VMCOREINFO. */
struct layout {
        uint64_t prb;                                   /* SYMBOL(prb): a pointer */
        uint64_t desc_ring, text_ring;                  /* in struct printk_ringbuffer */
        uint64_t count_bits, descs, infos, head_id, tail_id;    /* struct prb_desc_ring */
        uint64_t size_bits, data;                       /* struct prb_data_ring */
        uint64_t desc_size, state_var, text_lpos;       /* struct prb_desc */
        uint64_t lpos_begin, lpos_next;                 /* struct prb_data_blk_lpos */
        uint64_t info_size, seq, ts_nsec, text_len;     /* struct printk_info */
        uint64_t counter;                               /* atomic_long_t */
};

/* The ring as it was when the kernel died. */
struct ring {
        unsigned count_bits, size_bits;
        uint64_t descs, infos, data, head_id, tail_id;
};

/* Output gathered into pieces for @emit. */
struct out {
        struct core *core;
        int (*emit)(void *ctx, const char *buf, size_t len);
        void *ctx;
        size_t len;
        char buf[4096];
};

static int fail(struct core *c, int err, const char *fmt, ...)
        __attribute__((format(printf, 3, 4)));

static int fail(struct core *c, int err, const char *fmt, ...)
{
        va_list ap;

        va_start(ap, fmt);
        vsnprintf(c->why, c->why_size, fmt, ap);
        va_end(ap);
        return err;
}

static int file_read(struct core *c, uint64_t off, void *buf, size_t len, const char *what)
{
        size_t done = 0;

        if (off > INT64_MAX - len)
                return fail(c, -EINVAL, "%s at offset %" PRIu64 " is past any file", what, off);
        while (done < len) {
                ssize_t n = pread(c->fd, (char *)buf + done, len - done, (off_t)(off + done));

                if (n < 0 && errno == EINTR)
                        continue;
                if (n < 0)
                        return fail(c, -errno, "reading %s at offset %" PRIu64 ": %s", what, off,
                                    strerror(errno));
                if (n == 0)
                        return fail(c, -EINVAL, "the file ends inside %s (offset %" PRIu64
                                    ", %zu bytes): truncated", what, off, len);
                done += (size_t)n;
        }
        return 0;
}

/* The segment mapping @addr: the last that starts at or below it (they are sorted). */
static const struct segment *segment_find(const struct core *c, uint64_t addr)
{
        size_t lo = 0, hi = c->n_segs;

        if (hi == 0)
                return NULL;
        while (hi - lo > 1) {
                size_t mid = lo + (hi - lo) / 2;

                if (c->segs[mid].vaddr <= addr)
                        lo = mid;
                else
                        hi = mid;
        }
        if (addr < c->segs[lo].vaddr || addr - c->segs[lo].vaddr >= c->segs[lo].size)
                return NULL;
        return &c->segs[lo];
}

/* Read @len bytes at kernel virtual address @addr, through the PT_LOAD segments. */
static int kva_read(struct core *c, uint64_t addr, void *buf, size_t len, const char *what)
{
        while (len > 0) {
                const struct segment *s = segment_find(c, addr);
                uint64_t n;
                int r;

                if (!s)
                        return fail(c, -EINVAL, "no PT_LOAD maps %s at 0x%" PRIx64, what, addr);
                n = s->size - (addr - s->vaddr);
                if (n > len)
                        n = len;
                r = file_read(c, s->offset + (addr - s->vaddr), buf, n, what);
                if (r < 0)
                        return r;
                addr += n;
                buf = (char *)buf + n;
                len -= n;
        }
        return 0;
}

static int kva_u64(struct core *c, uint64_t addr, uint64_t *v, const char *what)
{
        return kva_read(c, addr, v, sizeof(*v), what);
}

static int kva_u32(struct core *c, uint64_t addr, unsigned *v, const char *what)
{
        uint32_t x;
        int r = kva_read(c, addr, &x, sizeof(x), what);

        *v = x;
        return r;
}

static int elf_header_check(struct core *c, const Elf64_Ehdr *e)
{
        if (memcmp(e->e_ident, ELFMAG, SELFMAG) != 0)
                return fail(c, -EINVAL, "not an ELF core (no ELF magic)");
        if (e->e_ident[EI_CLASS] != ELFCLASS64)
                return fail(c, -EINVAL, "an ELF%s core: only the cores of 64-bit kernels are read",
                            e->e_ident[EI_CLASS] == ELFCLASS32 ? "32" : " (unknown class)");
        if (e->e_ident[EI_DATA] != (BYTE_ORDER == LITTLE_ENDIAN ? ELFDATA2LSB : ELFDATA2MSB))
                return fail(c, -EINVAL, "an ELF core of the other byte order than this machine's");
        if (e->e_type != ET_CORE)
                return fail(c, -EINVAL, "not an ELF core (ELF type %u)", e->e_type);
        if (e->e_phentsize != sizeof(Elf64_Phdr))
                return fail(c, -EINVAL, "ELF program headers of %u bytes, not %zu",
                            e->e_phentsize, sizeof(Elf64_Phdr));
        if (e->e_phnum == 0 || e->e_phnum == PN_XNUM)
                return fail(c, -EINVAL, "ELF core with %s program headers",
                            e->e_phnum ? "extended-numbered" : "no");
        return 0;
}

/* The value of "KEY=value\n" in VMCOREINFO, in @base. */
static int info_get(struct core *c, const char *key, int base, uint64_t *v)
{
        size_t klen = strlen(key);

        for (const char *line = c->info; *line;) {
                const char *eol = strchr(line, '\n');

                if (strncmp(line, key, klen) == 0 && line[klen] == '=') {
                        const char *s = line + klen + 1;
                        char *end;

                        errno = 0;
                        *v = strtoull(s, &end, base);
                        if (errno || end == s || (*end && *end != '\n') || *s == '-' || *s == '+')
                                return fail(c, -EINVAL, "VMCOREINFO has a bad value for %s", key);
                        return 0;
                }
                if (!eol)
                        break;
                line = eol + 1;
        }
        return fail(c, -ENOENT, "VMCOREINFO has no %s", key);
}

/* Walk one PT_NOTE segment for the "VMCOREINFO" note; 0 with c->info set when found. */
static int note_find(struct core *c, uint64_t off, uint64_t size)
{
        static const char name[] = "VMCOREINFO";
        uint64_t pos = 0;

        while (size - pos >= sizeof(Elf64_Nhdr)) {
                Elf64_Nhdr n;
                char nbuf[sizeof(name)];
                uint64_t name_pad, desc_pad;
                int r = file_read(c, off + pos, &n, sizeof(n), "an ELF note");

                if (r < 0)
                        return r;
                if (n.n_namesz == 0 && n.n_descsz == 0)
                        break;          /* the zero padding after the last note */
                name_pad = ((uint64_t)n.n_namesz + 3) & ~UINT64_C(3);
                desc_pad = ((uint64_t)n.n_descsz + 3) & ~UINT64_C(3);
                pos += sizeof(n);
                if (name_pad > size - pos || desc_pad > size - pos - name_pad)
                        return fail(c, -EINVAL, "an ELF note runs past its PT_NOTE segment");
                if (n.n_namesz == sizeof(name)) {
                        r = file_read(c, off + pos, nbuf, sizeof(nbuf), "an ELF note's name");
                        if (r < 0)
                                return r;
                        if (memcmp(nbuf, name, sizeof(name)) == 0) {
                                if (n.n_descsz > VMCOREINFO_MAX)
                                        return fail(c, -EINVAL, "the VMCOREINFO note is %u bytes",
                                                    n.n_descsz);
                                c->info = calloc(1, n.n_descsz + 1);
                                if (!c->info)
                                        return fail(c, -ENOMEM, "out of memory");
                                return file_read(c, off + pos + name_pad, c->info, n.n_descsz,
                                                 "the VMCOREINFO note");
                        }
                }
                pos += name_pad + desc_pad;
        }
        return 0;
}

static int segment_cmp(const void *a, const void *b)
{
        const struct segment *x = a, *y = b;

        return x->vaddr < y->vaddr ? -1 : x->vaddr > y->vaddr;
}

/*
 * The segments hold distinct parts of the file (fs/proc/vmcore.c gives each
 * its own range), so together they hold no more than the file: that bounds
 * the records a lying core can make us read.
 */
static int segments_check(struct core *c)
{
        uint64_t total = 0;
        struct stat st;

        if (fstat(c->fd, &st) < 0 || st.st_size <= 0)
                st.st_size = INT64_MAX;         /* not a file that knows its size */
        for (size_t i = 0; i < c->n_segs; i++) {
                const struct segment *s = &c->segs[i];

                if (s->offset + s->size > (uint64_t)st.st_size)
                        return fail(c, -EINVAL, "a PT_LOAD segment ends at offset %" PRIu64
                                    ", past the end of the %" PRIu64 "-byte file: truncated",
                                    s->offset + s->size, (uint64_t)st.st_size);
                total += s->size;
                if (total > (uint64_t)st.st_size)
                        return fail(c, -EINVAL, "the PT_LOAD segments claim more than the %" PRIu64
                                    " bytes of the file", (uint64_t)st.st_size);
        }
        qsort(c->segs, c->n_segs, sizeof(*c->segs), segment_cmp);
        return 0;
}

/* Program headers: keep the PT_LOAD segments, read the VMCOREINFO note. */
static int core_open(struct core *c)
{
        Elf64_Ehdr e;
        Elf64_Phdr *ph;
        int r = file_read(c, 0, &e, sizeof(e), "the ELF header");

        if (r == -EINVAL)
                return fail(c, -EINVAL, "not an ELF core (shorter than an ELF header)");
        if (r < 0 || (r = elf_header_check(c, &e)) < 0)
                return r;
        ph = calloc(e.e_phnum, sizeof(*ph));
        c->segs = calloc(e.e_phnum, sizeof(*c->segs));
        if (!ph || !c->segs) {
                free(ph);
                return fail(c, -ENOMEM, "out of memory");
        }
        r = file_read(c, e.e_phoff, ph, e.e_phnum * sizeof(*ph), "the ELF program headers");
        for (size_t i = 0; r == 0 && i < e.e_phnum; i++) {
                if (ph[i].p_offset > INT64_MAX || ph[i].p_filesz > INT64_MAX - ph[i].p_offset)
                        r = fail(c, -EINVAL, "ELF program header %zu lies past any file", i);
                else if (ph[i].p_type == PT_LOAD && ph[i].p_filesz > 0)
                        c->segs[c->n_segs++] = (struct segment){
                                ph[i].p_vaddr, ph[i].p_offset, ph[i].p_filesz };
                else if (ph[i].p_type == PT_NOTE && !c->info)
                        r = note_find(c, ph[i].p_offset, ph[i].p_filesz);
        }
        free(ph);
        if (r < 0)
                return r;
        if (!c->info)
                return fail(c, -ENOENT, "the core has no VMCOREINFO note");
        if (c->n_segs == 0)
                return fail(c, -EINVAL, "the core has no PT_LOAD segment");
        return segments_check(c);
}

static const struct {
        const char *key;
        size_t field;
} layout_keys[] = {
        { "OFFSET(printk_ringbuffer.desc_ring)", offsetof(struct layout, desc_ring) },
        { "OFFSET(printk_ringbuffer.text_data_ring)", offsetof(struct layout, text_ring) },
        { "OFFSET(prb_desc_ring.count_bits)", offsetof(struct layout, count_bits) },
        { "OFFSET(prb_desc_ring.descs)", offsetof(struct layout, descs) },
        { "OFFSET(prb_desc_ring.infos)", offsetof(struct layout, infos) },
        { "OFFSET(prb_desc_ring.head_id)", offsetof(struct layout, head_id) },
        { "OFFSET(prb_desc_ring.tail_id)", offsetof(struct layout, tail_id) },
        { "OFFSET(prb_data_ring.size_bits)", offsetof(struct layout, size_bits) },
        { "OFFSET(prb_data_ring.data)", offsetof(struct layout, data) },
        { "SIZE(prb_desc)", offsetof(struct layout, desc_size) },
        { "OFFSET(prb_desc.state_var)", offsetof(struct layout, state_var) },
        { "OFFSET(prb_desc.text_blk_lpos)", offsetof(struct layout, text_lpos) },
        { "OFFSET(prb_data_blk_lpos.begin)", offsetof(struct layout, lpos_begin) },
        { "OFFSET(prb_data_blk_lpos.next)", offsetof(struct layout, lpos_next) },
        { "SIZE(printk_info)", offsetof(struct layout, info_size) },
        { "OFFSET(printk_info.seq)", offsetof(struct layout, seq) },
        { "OFFSET(printk_info.ts_nsec)", offsetof(struct layout, ts_nsec) },
        { "OFFSET(printk_info.text_len)", offsetof(struct layout, text_len) },
};

/* Whether a field of @width at @off fits in a structure of @size. */
static bool fits(uint64_t off, uint64_t width, uint64_t size)
{
        return off <= size && width <= size - off;
}

static int layout_load(struct core *c, struct layout *l)
{
        int r = info_get(c, "SYMBOL(prb)", 16, &l->prb);

        if (r == -ENOENT && strstr(c->info, "SYMBOL(log_buf)="))
                return fail(c, -ENOENT, "VMCOREINFO has no SYMBOL(prb): a kernel older than 5.10, "
                            "whose log format is not read");
        if (r < 0)
                return r;
        for (size_t i = 0; i < sizeof(layout_keys) / sizeof(layout_keys[0]); i++) {
                uint64_t *v = (uint64_t *)((char *)l + layout_keys[i].field);

                r = info_get(c, layout_keys[i].key, 10, v);
                if (r < 0)
                        return r;
                if (*v > STRUCT_MAX)
                        return fail(c, -EINVAL, "VMCOREINFO has an absurd %s=%" PRIu64,
                                    layout_keys[i].key, *v);
        }
        /* Absent before 5.10's atomic_long_t entry: the counter is the whole type. */
        if (info_get(c, "OFFSET(atomic_long_t.counter)", 10, &l->counter) == -ENOENT)
                l->counter = 0;
        if (l->counter > 8)
                return fail(c, -EINVAL, "VMCOREINFO has an absurd OFFSET(atomic_long_t.counter)");
        if (!fits(l->state_var + l->counter, 8, l->desc_size) ||
            !fits(l->text_lpos + l->lpos_begin, 8, l->desc_size) ||
            !fits(l->text_lpos + l->lpos_next, 8, l->desc_size))
                return fail(c, -EINVAL, "VMCOREINFO's prb_desc fields do not fit SIZE(prb_desc)=%" PRIu64,
                            l->desc_size);
        if (!fits(l->seq, 8, l->info_size) || !fits(l->ts_nsec, 8, l->info_size) ||
            !fits(l->text_len, 2, l->info_size))
                return fail(c, -EINVAL, "VMCOREINFO's printk_info fields do not fit SIZE(printk_info)=%" PRIu64,
                            l->info_size);
        return 0;
}

static int ring_load(struct core *c, const struct layout *l, struct ring *g)
{
        uint64_t rb, d, t;
        int r = kva_u64(c, l->prb, &rb, "prb");

        if (r < 0)
                return r;
        d = rb + l->desc_ring;
        t = rb + l->text_ring;
        if ((r = kva_u32(c, d + l->count_bits, &g->count_bits, "prb->desc_ring.count_bits")) < 0 ||
            (r = kva_u64(c, d + l->descs, &g->descs, "prb->desc_ring.descs")) < 0 ||
            (r = kva_u64(c, d + l->infos, &g->infos, "prb->desc_ring.infos")) < 0 ||
            (r = kva_u64(c, d + l->head_id + l->counter, &g->head_id, "prb->desc_ring.head_id")) < 0 ||
            (r = kva_u64(c, d + l->tail_id + l->counter, &g->tail_id, "prb->desc_ring.tail_id")) < 0 ||
            (r = kva_u32(c, t + l->size_bits, &g->size_bits, "prb->text_data_ring.size_bits")) < 0 ||
            (r = kva_u64(c, t + l->data, &g->data, "prb->text_data_ring.data")) < 0)
                return r;
        if (g->count_bits > COUNT_BITS_MAX)
                return fail(c, -EINVAL, "prb->desc_ring.count_bits is %u: more than %u, not a printk ring",
                            g->count_bits, COUNT_BITS_MAX);
        if (g->size_bits < 4 || g->size_bits > SIZE_BITS_MAX)
                return fail(c, -EINVAL, "prb->text_data_ring.size_bits is %u: not within 4..%u",
                            g->size_bits, SIZE_BITS_MAX);
        if (((g->head_id - g->tail_id) & DESC_ID_MASK) >= (UINT64_C(1) << g->count_bits))
                return fail(c, -EINVAL, "prb->desc_ring's tail_id 0x%" PRIx64 " and head_id 0x%" PRIx64
                            " are further apart than its %" PRIu64 " descriptors",
                            g->tail_id, g->head_id, UINT64_C(1) << g->count_bits);
        return 0;
}

static int out_flush(struct out *o)
{
        int r = o->len ? o->emit(o->ctx, o->buf, o->len) : 0;

        o->len = 0;
        if (r < 0)
                return fail(o->core, r, "writing the log: %s", strerror(-r));
        return 0;
}

static int out_put(struct out *o, const char *s, size_t len)
{
        while (len > 0) {
                size_t n = sizeof(o->buf) - o->len;
                int r;

                if (n > len)
                        n = len;
                memcpy(o->buf + o->len, s, n);
                o->len += n;
                s += n;
                len -= n;
                if (o->len == sizeof(o->buf) && (r = out_flush(o)) < 0)
                        return r;
        }
        return 0;
}

/* As printk.c record_print_text() prints it: the stamp before each line of the text. */
static int record_print(struct out *o, uint64_t ts_nsec, const char *text, size_t len)
{
        char stamp[48];
        int n = snprintf(stamp, sizeof(stamp), "[%5" PRIu64 ".%06" PRIu64 "] ",
                         ts_nsec / 1000000000, ts_nsec % 1000000000 / 1000);

        for (;;) {
                const char *nl = memchr(text, '\n', len);
                size_t line = nl ? (size_t)(nl - text) : len;
                int r;

                if ((r = out_put(o, stamp, (size_t)n)) < 0 || (r = out_put(o, text, line)) < 0 ||
                    (r = out_put(o, "\n", 1)) < 0)
                        return r;
                if (!nl)
                        return 0;
                text = nl + 1;
                len -= line + 1;
        }
}

/*
 * Where a record's text is in the data ring (printk_ringbuffer.c get_data()):
 * a block in one wrap, or one that wrapped and keeps its data at index 0.
 * Each begins with the descriptor's id.  Returns false for a block that has
 * no data or makes no sense.
 */
static bool block_locate(const struct ring *g, uint64_t begin, uint64_t next,
                         uint64_t *index, uint64_t *size)
{
        uint64_t ring_size = UINT64_C(1) << g->size_bits;
        unsigned bits = g->size_bits;

        if ((begin | next) % BLOCK_ID_SIZE)
                return false;
        if (next - begin > 0 && next - begin <= ring_size && begin >> bits == (next - 1) >> bits) {
                *index = begin & (ring_size - 1);
                *size = next - begin;
        } else if ((begin + ring_size) >> bits == next >> bits && (next & (ring_size - 1)) != 0) {
                *index = 0;
                *size = next & (ring_size - 1);
        } else {
                return false;
        }
        if (*size < BLOCK_ID_SIZE)
                return false;
        *index += BLOCK_ID_SIZE;
        *size -= BLOCK_ID_SIZE;
        return true;
}

static uint64_t field64(const unsigned char *p, uint64_t off)
{
        uint64_t v;

        memcpy(&v, p + off, sizeof(v));
        return v;
}

/*
 * Print the record in descriptor @id when it was committed and is whole:
 * one being written, reused or lost (data-less, FAILED_LPOS) is left out, as
 * the kernel's readers leave it out.
 */
static int record_read(struct core *c, const struct layout *l, const struct ring *g, uint64_t id,
                       char *text, uint64_t *data_left, struct out *o)
{
        unsigned char desc[STRUCT_MAX], info[STRUCT_MAX];
        uint64_t idx = id & ((UINT64_C(1) << g->count_bits) - 1);
        uint64_t sv, begin, next, seq, index, size;
        uint16_t text_len;
        int r;

        r = kva_read(c, g->descs + idx * l->desc_size, desc, l->desc_size, "a printk descriptor");
        if (r < 0)
                return r;
        sv = field64(desc, l->state_var + l->counter);
        if ((sv & DESC_ID_MASK) != id ||
            (sv >> DESC_FLAGS_SHIFT != DESC_COMMITTED && sv >> DESC_FLAGS_SHIFT != DESC_FINALIZED))
                return 0;
        r = kva_read(c, g->infos + idx * l->info_size, info, l->info_size, "a printk_info");
        if (r < 0)
                return r;
        seq = field64(info, l->seq);
        memcpy(&text_len, info + l->text_len, sizeof(text_len));
        /* A record's seq is congruent to its index (printk_ringbuffer.c desc_reserve()). */
        if ((seq ^ idx) & ((UINT64_C(1) << g->count_bits) - 1))
                return 0;
        begin = field64(desc, l->text_lpos + l->lpos_begin);
        next = field64(desc, l->text_lpos + l->lpos_next);
        if (LPOS_DATALESS(begin) && LPOS_DATALESS(next)) {
                if (begin != EMPTY_LINE_LPOS || next != EMPTY_LINE_LPOS)
                        return 0;
                text_len = 0;
        } else if (!block_locate(g, begin, next, &index, &size) || text_len > size) {
                return 0;
        } else if (size + BLOCK_ID_SIZE > *data_left) {
                /* Live blocks never overlap: this ring would print its data again and again. */
                return fail(c, -EINVAL, "the records' data blocks add up to more than the %" PRIu64
                            "-byte data ring", UINT64_C(1) << g->size_bits);
        } else {
                *data_left -= size + BLOCK_ID_SIZE;
                r = kva_read(c, g->data + index, text, text_len, "a printk record's text");
                if (r < 0)
                        return r;
        }
        return record_print(o, field64(info, l->ts_nsec), text, text_len);
}

static int ring_print(struct core *c, const struct layout *l, const struct ring *g, struct out *o)
{
        uint64_t n = ((g->head_id - g->tail_id) & DESC_ID_MASK) + 1;
        uint64_t data_left = UINT64_C(1) << g->size_bits;
        char *text = malloc(TEXT_MAX);
        int r = 0;

        if (!text)
                return fail(c, -ENOMEM, "out of memory");
        for (uint64_t i = 0; i < n && r == 0; i++)
                r = record_read(c, l, g, (g->tail_id + i) & DESC_ID_MASK, text, &data_left, o);
        free(text);
        if (r == 0)
                r = out_flush(o);
        return r;
}

int vmcore_dmesg(int fd, int (*emit)(void *ctx, const char *buf, size_t len), void *ctx,
                 char *why, size_t size)
{
        struct core c = { .fd = fd, .why = why, .why_size = size };
        struct layout l;
        struct ring g;
        struct out *o = NULL;
        int r;

        if (size)
                why[0] = '\0';
        r = core_open(&c);
        if (r == 0)
                r = layout_load(&c, &l);
        if (r == 0)
                r = ring_load(&c, &l, &g);
        if (r == 0) {
                o = calloc(1, sizeof(*o));
                r = o ? 0 : fail(&c, -ENOMEM, "out of memory");
        }
        if (r == 0) {
                o->core = &c;
                o->emit = emit;
                o->ctx = ctx;
                r = ring_print(&c, &l, &g, o);
        }
        free(o);
        free(c.segs);
        free(c.info);
        return r;
}
