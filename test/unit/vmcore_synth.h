/* SPDX-License-Identifier: MIT */
/*
 * A small but faithful kdump core, built in memory for the vmcore reader's
 * tests: an ELF64 core with a CORE note and the VMCOREINFO note a 6.1
 * x86_64 kernel writes (its real struct sizes and offsets), one PT_LOAD for
 * the kernel image (holding the prb pointer and the printk_ringbuffer) and
 * one for the direct map (holding the descriptors, the infos and a 128-byte
 * data ring).  The ring is in the state the kernel leaves early on: ids just
 * below the top of the id space, lpos values just below 2^64.
 */
#pragma once

#include <elf.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define SYNTH_KTEXT_VADDR       0xffffffff82a00000ull   /* .data, where prb lives */
#define SYNTH_KTEXT_PADDR       0x2a00000ull
#define SYNTH_DMAP_VADDR        0xffff888001000000ull   /* __va() of the log's memblock */
#define SYNTH_DMAP_PADDR        0x1000000ull
#define SYNTH_RB_OFF            0x40            /* struct printk_ringbuffer in the kernel image */
#define SYNTH_DESCS_OFF         0x000           /* 8 struct prb_desc of 24 bytes */
#define SYNTH_INFOS_OFF         0x100           /* 8 struct printk_info of 88 bytes */
#define SYNTH_DATA_OFF          0x400           /* 128 bytes of text data ring */
#define SYNTH_COUNT_BITS        3
#define SYNTH_SIZE_BITS         7
#define SYNTH_ID_TOP            0x3fffffffffffffffull   /* DESC_ID_MASK */
#define SYNTH_L0                ((uint64_t)-128)        /* BLK0_LPOS(7) */

struct synth {
        unsigned char ktext[256];
        unsigned char dmap[0x480];
        const char *omit;               /* a VMCOREINFO key left out, or NULL */
        const char *extra;              /* lines added to VMCOREINFO, or NULL */
};

static inline void synth_put64(unsigned char *p, uint64_t v)
{
        memcpy(p, &v, sizeof(v));
}

/* One descriptor and its info: state 0 reserved, 1 committed, 2 finalized, 3 reusable. */
static inline void synth_record(struct synth *s, uint64_t id, unsigned state, uint64_t begin,
                                uint64_t next, uint64_t seq, uint64_t ts_nsec, uint16_t text_len)
{
        unsigned idx = id & 7;
        unsigned char *d = s->dmap + SYNTH_DESCS_OFF + idx * 24;
        unsigned char *i = s->dmap + SYNTH_INFOS_OFF + idx * 88;

        synth_put64(d, (uint64_t)state << 62 | id);
        synth_put64(d + 8, begin);
        synth_put64(d + 16, next);
        synth_put64(i, seq);
        synth_put64(i + 8, ts_nsec);
        memcpy(i + 16, &text_len, sizeof(text_len));
        i[18] = 0;              /* facility: kernel */
        i[19] = 6 << 5;         /* level: info */
}

/* A data block at ring index @index: the descriptor's id, then the text. */
static inline void synth_block(struct synth *s, unsigned index, uint64_t id, const char *text)
{
        synth_put64(s->dmap + SYNTH_DATA_OFF + index, id);
        memcpy(s->dmap + SYNTH_DATA_OFF + index + 8, text, strlen(text));
}

/* The ring the tests read; its log is SYNTH_LOG. */
static inline void synth_ring(struct synth *s)
{
        unsigned char *rb = s->ktext + SYNTH_RB_OFF;
        const uint64_t T = SYNTH_ID_TOP;

        memset(s, 0, sizeof(*s));
        synth_put64(s->ktext, SYNTH_KTEXT_VADDR + SYNTH_RB_OFF);        /* prb = &printk_rb_dynamic */
        /* struct prb_desc_ring at 0: count_bits, descs, infos, head_id, tail_id, last_finalized_id */
        memcpy(rb, &(uint32_t){ SYNTH_COUNT_BITS }, 4);
        synth_put64(rb + 8, SYNTH_DMAP_VADDR + SYNTH_DESCS_OFF);
        synth_put64(rb + 16, SYNTH_DMAP_VADDR + SYNTH_INFOS_OFF);
        synth_put64(rb + 24, 4);                        /* head_id */
        synth_put64(rb + 32, T - 1);                    /* tail_id */
        /* struct prb_data_ring at 48: size_bits, data, head_lpos, tail_lpos */
        memcpy(rb + 48, &(uint32_t){ SYNTH_SIZE_BITS }, 4);
        synth_put64(rb + 56, SYNTH_DMAP_VADDR + SYNTH_DATA_OFF);
        synth_put64(rb + 64, 56);
        synth_put64(rb + 72, SYNTH_L0 + 56);

        /* Overwritten long ago: reusable, before the tail. */
        synth_record(s, T - 2, 3, SYNTH_L0, SYNTH_L0 + 56, 5, 1000000000, 40);
        synth_record(s, T - 1, 2, SYNTH_L0 + 56, SYNTH_L0 + 72, 6, 1500000000, 5);
        synth_block(s, 56, T - 1, "first");
        /* printk("\n"): no data block */
        synth_record(s, T, 2, 3, 3, 7, 2000000000, 0);
        synth_record(s, 0, 2, SYNTH_L0 + 72, SYNTH_L0 + 104, 8, 3000000000, 17);
        synth_block(s, 72, 0, "line one\nline two");
        /* Lost: FAILED_LPOS, no data. */
        synth_record(s, 1, 2, 1, 1, 9, 3500000000, 12);
        /* 24 bytes were left at the end of the wrap: the block wraps, its data at index 0. */
        synth_record(s, 2, 2, SYNTH_L0 + 104, 32, 10, 4250000000, 17);
        synth_put64(s->dmap + SYNTH_DATA_OFF + 104, 2);
        synth_block(s, 0, 2, "wrapped text here");
        /* Committed, not yet finalized: the last words of a dying kernel are readable. */
        synth_record(s, 3, 1, 32, 56, 11, 5000001000, 10);
        synth_block(s, 32, 3, "last words");
        /* Reserved: being written when the kernel died. */
        synth_record(s, 4, 0, 1, 1, 12, 5100000000, 0);
}

#define SYNTH_LOG "[    1.500000] first\n"                \
                  "[    2.000000] \n"                     \
                  "[    3.000000] line one\n"             \
                  "[    3.000000] line two\n"             \
                  "[    4.250000] wrapped text here\n"    \
                  "[    5.000001] last words\n"

static inline size_t synth_info(const struct synth *s, char *buf, size_t size)
{
        static const char *const lines[] = {
                "OSRELEASE=6.1.0-27-amd64", "BUILD-ID=0123456789abcdef0123456789abcdef01234567",
                "PAGESIZE=4096", "SYMBOL(init_uts_ns)=ffffffff82a13400", "OFFSET(uts_namespace.name)=0",
                "SYMBOL(node_online_map)=ffffffff82b59b28", "SYMBOL(swapper_pg_dir)=ffffffff8280a000",
                "SYMBOL(_stext)=ffffffff81000000", "SYMBOL(vmap_area_list)=ffffffff82b6ee40",
                "SYMBOL(mem_map)=0", "SIZE(page)=64", "SIZE(printk_ringbuffer)=88",
                "SYMBOL(prb)=ffffffff82a00000", "SYMBOL(printk_rb_static)=ffffffff82a0a6a0",
                "SYMBOL(clear_seq)=ffffffff82a29b80",
                "OFFSET(printk_ringbuffer.desc_ring)=0", "OFFSET(printk_ringbuffer.text_data_ring)=48",
                "OFFSET(printk_ringbuffer.fail)=80", "SIZE(prb_desc_ring)=48",
                "OFFSET(prb_desc_ring.count_bits)=0", "OFFSET(prb_desc_ring.descs)=8",
                "OFFSET(prb_desc_ring.infos)=16", "OFFSET(prb_desc_ring.head_id)=24",
                "OFFSET(prb_desc_ring.tail_id)=32", "SIZE(prb_desc)=24", "OFFSET(prb_desc.state_var)=0",
                "OFFSET(prb_desc.text_blk_lpos)=8", "SIZE(prb_data_blk_lpos)=16",
                "OFFSET(prb_data_blk_lpos.begin)=0", "OFFSET(prb_data_blk_lpos.next)=8",
                "SIZE(printk_info)=88", "OFFSET(printk_info.seq)=0", "OFFSET(printk_info.ts_nsec)=8",
                "OFFSET(printk_info.text_len)=16", "OFFSET(printk_info.caller_id)=20",
                "OFFSET(printk_info.dev_info)=24", "SIZE(dev_printk_info)=64",
                "OFFSET(dev_printk_info.subsystem)=0", "LENGTH(printk_info_subsystem)=16",
                "OFFSET(dev_printk_info.device)=16", "LENGTH(printk_info_device)=48",
                "SIZE(prb_data_ring)=32", "OFFSET(prb_data_ring.size_bits)=0",
                "OFFSET(prb_data_ring.data)=8", "OFFSET(prb_data_ring.head_lpos)=16",
                "OFFSET(prb_data_ring.tail_lpos)=24", "SIZE(atomic_long_t)=8",
                "OFFSET(atomic_long_t.counter)=0", "SIZE(latched_seq)=24", "OFFSET(latched_seq.val)=8",
                "LENGTH(zone.free_area)=11", "NUMBER(NR_FREE_PAGES)=0", "NUMBER(PG_lru)=4",
                "NUMBER(phys_base)=0", "SYMBOL(init_top_pgt)=ffffffff8280a000",
                "NUMBER(pgtable_l5_enabled)=0", "KERNELOFFSET=0", "CRASHTIME=1795916400",
        };
        size_t len = 0;

        for (size_t i = 0; i < sizeof(lines) / sizeof(lines[0]); i++) {
                size_t klen = strcspn(lines[i], "=");

                if (s->omit && strlen(s->omit) == klen && strncmp(lines[i], s->omit, klen) == 0)
                        continue;
                len += snprintf(buf + len, size - len, "%s\n", lines[i]);
        }
        if (s->extra)
                len += snprintf(buf + len, size - len, "%s", s->extra);
        return len;
}

/* Append one ELF note. */
static inline size_t synth_note(unsigned char *p, const char *name, uint32_t type,
                                const void *desc, uint32_t descsz)
{
        Elf64_Nhdr n = { (uint32_t)strlen(name) + 1, descsz, type };
        size_t name_pad = (n.n_namesz + 3) & ~3u, desc_pad = (descsz + 3) & ~3u;

        memcpy(p, &n, sizeof(n));
        memset(p + sizeof(n), 0, name_pad + desc_pad);
        memcpy(p + sizeof(n), name, n.n_namesz);
        memcpy(p + sizeof(n) + name_pad, desc, descsz);
        return sizeof(n) + name_pad + desc_pad;
}

/* The whole core into @out (8 KiB is plenty); returns its length. */
static inline size_t synth_core(const struct synth *s, unsigned char *out)
{
        Elf64_Ehdr e = { .e_type = ET_CORE, .e_machine = EM_X86_64, .e_version = EV_CURRENT,
                         .e_phoff = sizeof(Elf64_Ehdr), .e_ehsize = sizeof(Elf64_Ehdr),
                         .e_phentsize = sizeof(Elf64_Phdr), .e_phnum = 3 };
        Elf64_Phdr ph[3] = { { .p_type = PT_NOTE } };
        unsigned char prstatus[336] = { 0 };
        char info[4096];
        size_t off = sizeof(e) + sizeof(ph), notes = off;

        memcpy(e.e_ident, ELFMAG, SELFMAG);
        e.e_ident[EI_CLASS] = ELFCLASS64;
        e.e_ident[EI_DATA] = ELFDATA2LSB;
        e.e_ident[EI_VERSION] = EV_CURRENT;
        off += synth_note(out + off, "CORE", NT_PRSTATUS, prstatus, sizeof(prstatus));
        off += synth_note(out + off, "VMCOREINFO", 0, info, (uint32_t)synth_info(s, info, sizeof(info)));
        ph[0].p_offset = notes;
        ph[0].p_filesz = ph[0].p_memsz = off - notes;
        ph[1] = (Elf64_Phdr){ .p_type = PT_LOAD, .p_flags = PF_R | PF_W | PF_X, .p_offset = off,
                              .p_vaddr = SYNTH_KTEXT_VADDR, .p_paddr = SYNTH_KTEXT_PADDR,
                              .p_filesz = sizeof(s->ktext), .p_memsz = sizeof(s->ktext) };
        memcpy(out + off, s->ktext, sizeof(s->ktext));
        off += sizeof(s->ktext);
        ph[2] = (Elf64_Phdr){ .p_type = PT_LOAD, .p_flags = PF_R | PF_W | PF_X, .p_offset = off,
                              .p_vaddr = SYNTH_DMAP_VADDR, .p_paddr = SYNTH_DMAP_PADDR,
                              .p_filesz = sizeof(s->dmap), .p_memsz = sizeof(s->dmap) };
        memcpy(out + off, s->dmap, sizeof(s->dmap));
        off += sizeof(s->dmap);
        memcpy(out, &e, sizeof(e));
        memcpy(out + sizeof(e), ph, sizeof(ph));
        return off;
}
