/* SPDX-License-Identifier: MIT */
/* The dump step's copy: zero pages stay holes, the size is exact, a full target is said. */
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "sparsecopy.h"

static int tmpfile_make(void)
{
        char path[] = "/tmp/test_sparsecopy.XXXXXX";
        int fd = mkstemp(path);

        assert_true(fd >= 0);
        unlink(path);
        return fd;
}

/* @pages pages; page i holds its number in byte 100 when data[i], zeros otherwise; @tail extra bytes. */
static int source_make(const char *data, size_t pages, size_t tail)
{
        unsigned char page[SPARSE_PAGE];
        int fd = tmpfile_make();

        for (size_t i = 0; i < pages; i++) {
                memset(page, 0, sizeof(page));
                if (data[i] == 'x')
                        page[100] = (unsigned char)(i + 1);
                assert_int_equal(pwrite(fd, page, sizeof(page), (off_t)(i * SPARSE_PAGE)), SPARSE_PAGE);
        }
        if (tail) {
                memset(page, 0x5a, tail);
                assert_int_equal(pwrite(fd, page, tail, (off_t)(pages * SPARSE_PAGE)), (ssize_t)tail);
        }
        return fd;
}

static void assert_same(int a, int b, unsigned long long size)
{
        static unsigned char x[SPARSE_CHUNK], y[SPARSE_CHUNK];

        for (unsigned long long off = 0; off < size; off += SPARSE_CHUNK) {
                size_t len = size - off < SPARSE_CHUNK ? (size_t)(size - off) : SPARSE_CHUNK;

                assert_int_equal(pread(a, x, len, (off_t)off), (ssize_t)len);
                assert_int_equal(pread(b, y, len, (off_t)off), (ssize_t)len);
                assert_memory_equal(x, y, len);
        }
}

static void test_zero_pages_are_not_written_and_copy_is_equal(void **state)
{
        /* 100 pages, more than one chunk: data, zeros, data at a chunk edge, zeros at the end. */
        char data[101];
        int in, out;
        struct sparse_copy c = { 0 };
        struct stat st;
        size_t nonzero = 0;

        for (size_t i = 0; i < 100; i++) {
                data[i] = (i < 3 || i == 63 || i == 64 || (i > 70 && i < 80)) ? 'x' : '.';
                nonzero += data[i] == 'x';
        }
        in = source_make(data, 100, 0);
        out = tmpfile_make();
        c.size = 100 * SPARSE_PAGE;
        assert_int_equal(sparse_copy(in, out, &c), 0);
        assert_int_equal(fstat(out, &st), 0);
        assert_int_equal(st.st_size, 100 * SPARSE_PAGE);
        assert_int_equal(c.done, c.size);
        assert_int_equal(c.written, nonzero * SPARSE_PAGE);
        assert_int_equal(c.unreadable, 0);
        assert_same(in, out, c.size);
        close(in);
        close(out);
}

static void test_size_not_a_page_multiple_is_kept(void **state)
{
        int in = source_make("x.", 2, 17), out = tmpfile_make();
        struct sparse_copy c = { .size = 2 * SPARSE_PAGE + 17 };
        struct stat st;

        assert_int_equal(sparse_copy(in, out, &c), 0);
        assert_int_equal(fstat(out, &st), 0);
        assert_int_equal(st.st_size, 2 * SPARSE_PAGE + 17);
        assert_int_equal(c.written, SPARSE_PAGE + 17);
        assert_same(in, out, c.size);
        close(in);
        close(out);
}

static void test_all_zero_source_writes_nothing(void **state)
{
        int in = source_make("....", 4, 0), out = tmpfile_make();
        struct sparse_copy c = { .size = 4 * SPARSE_PAGE };
        struct stat st;

        assert_int_equal(sparse_copy(in, out, &c), 0);
        assert_int_equal(c.written, 0);
        assert_int_equal(fstat(out, &st), 0);
        assert_int_equal(st.st_size, 4 * SPARSE_PAGE);
        close(in);
        close(out);
}

static void test_full_target_is_enospc(void **state)
{
        int in = source_make("xx", 2, 0), out = open("/dev/full", O_WRONLY);
        struct sparse_copy c = { .size = 2 * SPARSE_PAGE };

        if (out < 0)
                skip();
        assert_int_equal(sparse_copy(in, out, &c), -ENOSPC);
        assert_true(c.done < c.size);
        close(in);
        close(out);
}

/* A source shorter than it claims (memory the kernel will not give): holes, counted, copy goes on. */
static void test_unreadable_source_is_counted_not_fatal(void **state)
{
        int in = source_make("x.x", 3, 0), out = tmpfile_make();
        struct sparse_copy c = { .size = 5 * SPARSE_PAGE };
        struct stat st;

        assert_int_equal(sparse_copy(in, out, &c), 0);
        assert_int_equal(c.unreadable, 2 * SPARSE_PAGE);
        assert_int_equal(c.read_error, EIO);
        assert_int_equal(c.written, 2 * SPARSE_PAGE);
        assert_int_equal(fstat(out, &st), 0);
        assert_int_equal(st.st_size, 5 * SPARSE_PAGE);
        assert_same(in, out, 3 * SPARSE_PAGE);
        close(in);
        close(out);
}

static void count(void *ctx, const struct sparse_copy *c)
{
        (*(int *)ctx)++;
}

static void test_progress_is_called_per_chunk(void **state)
{
        size_t pages = 2 * SPARSE_CHUNK / SPARSE_PAGE + 1;
        char *data = calloc(pages + 1, 1);
        int calls = 0, in, out;
        struct sparse_copy c = { .progress = count, .ctx = &calls };

        memset(data, '.', pages);
        in = source_make(data, pages, 0);
        out = tmpfile_make();
        c.size = pages * SPARSE_PAGE;
        assert_int_equal(sparse_copy(in, out, &c), 0);
        assert_int_equal(calls, 3);
        free(data);
        close(in);
        close(out);
}

int main(void)
{
        const struct CMUnitTest tests[] = {
                cmocka_unit_test(test_zero_pages_are_not_written_and_copy_is_equal),
                cmocka_unit_test(test_size_not_a_page_multiple_is_kept),
                cmocka_unit_test(test_all_zero_source_writes_nothing),
                cmocka_unit_test(test_full_target_is_enospc),
                cmocka_unit_test(test_unreadable_source_is_counted_not_fatal),
                cmocka_unit_test(test_progress_is_called_per_chunk),
        };

        return cmocka_run_group_tests(tests, NULL, NULL);
}
