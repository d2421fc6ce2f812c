/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include <cmocka.h>

#include "vmcore.h"
#include "vmcore_synth.h"

struct sink {
        char text[8192];
        size_t len;
        int calls;
        int fail_with;          /* emit returns this when not 0 */
};

static int sink_emit(void *ctx, const char *buf, size_t len)
{
        struct sink *s = ctx;

        s->calls++;
        if (s->fail_with)
                return s->fail_with;
        assert_true(len <= sizeof(s->text) - 1 - s->len);
        memcpy(s->text + s->len, buf, len);
        s->len += len;
        s->text[s->len] = '\0';
        return 0;
}

static int core_fd(const unsigned char *core, size_t len)
{
        int fd = memfd_create("vmcore", 0);

        assert_true(fd >= 0);
        assert_int_equal(write(fd, core, len), (ssize_t)len);
        return fd;
}

/* Read a core of @len bytes; the log lands in @sink, the reason in @why. */
static int read_core(const unsigned char *core, size_t len, struct sink *sink, char *why, size_t size)
{
        int fd = core_fd(core, len), r;

        memset(sink, 0, sizeof(*sink));
        r = vmcore_dmesg(fd, sink_emit, sink, why, size);
        close(fd);
        return r;
}

static int read_synth(const struct synth *s, struct sink *sink, char *why, size_t size)
{
        static unsigned char core[8192];

        return read_core(core, synth_core(s, core), sink, why, size);
}

static void test_the_log_is_printed_oldest_first_as_the_kernel_prints_it(void **state)
{
        static struct synth s;
        struct sink sink;
        char why[256];

        synth_ring(&s);
        assert_int_equal(read_synth(&s, &sink, why, sizeof(why)), 0);
        assert_string_equal(sink.text, SYNTH_LOG);
        assert_string_equal(why, "");
}

/* Optional: it lets tools/fuzz and a person regenerate the fuzz seed. */
static void test_seed_is_written_when_asked(void **state)
{
        const char *path = getenv("VMCORE_SEED");
        static unsigned char core[8192];
        static struct synth s;
        FILE *f;
        size_t len;

        if (!path)
                skip();
        synth_ring(&s);
        len = synth_core(&s, core);
        f = fopen(path, "wb");
        assert_non_null(f);
        assert_int_equal(fwrite(core, 1, len, f), len);
        assert_int_equal(fclose(f), 0);
}

static void test_a_missing_entry_is_named(void **state)
{
        static struct synth s;
        struct sink sink;
        char why[256];

        synth_ring(&s);
        s.omit = "OFFSET(printk_info.text_len)";
        assert_int_equal(read_synth(&s, &sink, why, sizeof(why)), -ENOENT);
        assert_string_equal(why, "VMCOREINFO has no OFFSET(printk_info.text_len)");
        assert_int_equal(sink.len, 0);
}

static void test_a_kernel_before_the_lockless_ring_is_named(void **state)
{
        static struct synth s;
        struct sink sink;
        char why[256];

        synth_ring(&s);
        s.omit = "SYMBOL(prb)";
        s.extra = "SYMBOL(log_buf)=ffffffff82b00000\nSYMBOL(log_buf_len)=ffffffff82b00008\n";
        assert_int_equal(read_synth(&s, &sink, why, sizeof(why)), -ENOENT);
        assert_non_null(strstr(why, "older than 5.10"));
}

static void test_a_core_without_vmcoreinfo_is_named(void **state)
{
        static unsigned char core[8192];
        static struct synth s;
        struct sink sink;
        char why[256];
        size_t len;

        synth_ring(&s);
        len = synth_core(&s, core);
        /* rename the note: "VMCOREINFO" -> "VMCOREINFX" */
        for (size_t i = 0; i + 10 < len; i++)
                if (memcmp(core + i, "VMCOREINFO", 11) == 0)
                        core[i + 9] = 'X';
        assert_int_equal(read_core(core, len, &sink, why, sizeof(why)), -ENOENT);
        assert_string_equal(why, "the core has no VMCOREINFO note");
}

static void test_every_truncation_fails_cleanly(void **state)
{
        static unsigned char core[8192];
        static struct synth s;
        struct sink sink;
        char why[256];
        size_t len;

        synth_ring(&s);
        len = synth_core(&s, core);
        for (size_t cut = 0; cut < len; cut++) {
                int r = read_core(core, cut, &sink, why, sizeof(why));

                if (r != -EINVAL && r != -ENOENT)
                        fail_msg("cut at %zu: %d (%s)", cut, r, why);
                assert_true(why[0] != '\0');
        }
        assert_int_equal(read_core(core, 40, &sink, why, sizeof(why)), -EINVAL);
        assert_string_equal(why, "not an ELF core (shorter than an ELF header)");
        assert_int_equal(read_core(core, 100, &sink, why, sizeof(why)), -EINVAL);
        assert_non_null(strstr(why, "the ELF program headers"));
        assert_non_null(strstr(why, "truncated"));
}

static void test_an_elf32_core_is_refused(void **state)
{
        static unsigned char core[8192];
        static struct synth s;
        struct sink sink;
        char why[256];
        size_t len;

        synth_ring(&s);
        len = synth_core(&s, core);
        core[EI_CLASS] = ELFCLASS32;
        assert_int_equal(read_core(core, len, &sink, why, sizeof(why)), -EINVAL);
        assert_string_equal(why, "an ELF32 core: only the cores of 64-bit kernels are read");
        memcpy(core, "#!/bin", 6);
        assert_int_equal(read_core(core, len, &sink, why, sizeof(why)), -EINVAL);
        assert_string_equal(why, "not an ELF core (no ELF magic)");
}

static void test_absurd_ring_sizes_are_refused(void **state)
{
        static struct synth s;
        struct sink sink;
        char why[256];

        synth_ring(&s);
        memcpy(s.ktext + SYNTH_RB_OFF, &(uint32_t){ 40 }, 4);
        assert_int_equal(read_synth(&s, &sink, why, sizeof(why)), -EINVAL);
        assert_string_equal(why, "prb->desc_ring.count_bits is 40: more than 30, not a printk ring");

        synth_ring(&s);
        memcpy(s.ktext + SYNTH_RB_OFF + 48, &(uint32_t){ 64 }, 4);
        assert_int_equal(read_synth(&s, &sink, why, sizeof(why)), -EINVAL);
        assert_non_null(strstr(why, "size_bits is 64"));

        /* head and tail further apart than the ring holds */
        synth_ring(&s);
        synth_put64(s.ktext + SYNTH_RB_OFF + 24, 100);
        assert_int_equal(read_synth(&s, &sink, why, sizeof(why)), -EINVAL);
        assert_non_null(strstr(why, "further apart than its 8 descriptors"));

        synth_ring(&s);
        s.extra = "SIZE(prb_desc)=999999\n";
        s.omit = "SIZE(prb_desc)";
        assert_int_equal(read_synth(&s, &sink, why, sizeof(why)), -EINVAL);
        assert_string_equal(why, "VMCOREINFO has an absurd SIZE(prb_desc)=999999");
}

static void test_an_unmapped_address_is_named(void **state)
{
        static struct synth s;
        struct sink sink;
        char why[256];

        synth_ring(&s);
        s.omit = "SYMBOL(prb)";
        s.extra = "SYMBOL(prb)=ffffffff8c000000\n";
        assert_int_equal(read_synth(&s, &sink, why, sizeof(why)), -EINVAL);
        assert_string_equal(why, "no PT_LOAD maps prb at 0xffffffff8c000000");
}

/* Records whose blocks overlap would print the same bytes again and again. */
static void test_overlapping_blocks_stop_the_read(void **state)
{
        static struct synth s;
        struct sink sink;
        char why[256];

        synth_ring(&s);
        for (uint64_t id = 0; id <= 3; id++)
                synth_record(&s, id, 2, SYNTH_L0, SYNTH_L0 + 128, 8 + id, 1, 100);
        assert_int_equal(read_synth(&s, &sink, why, sizeof(why)), -EINVAL);
        assert_non_null(strstr(why, "add up to more than the 128-byte data ring"));
}

/* What the kernel's readers skip, this one skips: the rest is printed. */
static void test_inconsistent_records_are_left_out(void **state)
{
        static struct synth s;
        struct sink sink;
        char why[256];

        synth_ring(&s);
        /* the "first" record: its text longer than its block; a seq of another slot */
        synth_record(&s, SYNTH_ID_TOP - 1, 2, SYNTH_L0 + 56, SYNTH_L0 + 72, 6, 1500000000, 9);
        synth_record(&s, 0, 2, SYNTH_L0 + 72, SYNTH_L0 + 104, 9, 3000000000, 17);
        assert_int_equal(read_synth(&s, &sink, why, sizeof(why)), 0);
        assert_string_equal(sink.text, "[    2.000000] \n"
                                       "[    4.250000] wrapped text here\n"
                                       "[    5.000001] last words\n");
}

static void test_an_emit_error_stops_the_read_and_is_returned(void **state)
{
        static unsigned char core[8192];
        static struct synth s;
        struct sink sink = { .fail_with = -ENOSPC };
        char why[256];
        size_t len;
        int fd;

        synth_ring(&s);
        len = synth_core(&s, core);
        fd = core_fd(core, len);
        assert_int_equal(vmcore_dmesg(fd, sink_emit, &sink, why, sizeof(why)), -ENOSPC);
        assert_int_equal(sink.calls, 1);
        assert_string_equal(why, "writing the log: No space left on device");
        close(fd);
}

int main(void)
{
        const struct CMUnitTest tests[] = {
                cmocka_unit_test(test_the_log_is_printed_oldest_first_as_the_kernel_prints_it),
                cmocka_unit_test(test_seed_is_written_when_asked),
                cmocka_unit_test(test_a_missing_entry_is_named),
                cmocka_unit_test(test_a_kernel_before_the_lockless_ring_is_named),
                cmocka_unit_test(test_a_core_without_vmcoreinfo_is_named),
                cmocka_unit_test(test_every_truncation_fails_cleanly),
                cmocka_unit_test(test_an_elf32_core_is_refused),
                cmocka_unit_test(test_absurd_ring_sizes_are_refused),
                cmocka_unit_test(test_an_unmapped_address_is_named),
                cmocka_unit_test(test_overlapping_blocks_stop_the_read),
                cmocka_unit_test(test_inconsistent_records_are_left_out),
                cmocka_unit_test(test_an_emit_error_stops_the_read_and_is_returned),
        };

        return cmocka_run_group_tests(tests, NULL, NULL);
}
