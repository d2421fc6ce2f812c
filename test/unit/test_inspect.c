/* SPDX-License-Identifier: MIT */
/*
 * The prompt's look-around commands, run as the prompt runs them, with
 * console_printf() captured.  Only what needs neither root nor the host's
 * disks: files in a temporary directory, text fed to the parsers, and the
 * argument checks that come before anything is touched.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "inspect.h"
#include "pager.h"
#include "log.h"
#include "modload.h"

static char *out;
static size_t out_len;

/* Stands in for log.c's: what the commands print goes into out. */
void console_printf(const char *fmt, ...)
{
        va_list ap;
        char *s;
        int n;

        va_start(ap, fmt);
        n = vasprintf(&s, fmt, ap);
        va_end(ap);
        assert_true(n >= 0);
        out = realloc(out, out_len + (size_t)n + 1);
        assert_non_null(out);
        memcpy(out + out_len, s, (size_t)n + 1);
        out_len += (size_t)n;
        free(s);
}

static void out_reset(void)
{
        free(out);
        out = strdup("");
        out_len = 0;
}

static const struct command *inspect_find(const char *name)
{
        for (size_t i = 0; i < inspect_command_count; i++)
                if (strcmp(inspect_commands[i].name, name) == 0)
                        return &inspect_commands[i];
        return NULL;
}

/* Runs @line (words split on blanks) as the prompt would; output in out. */
static int run(struct boot *b, const char *line)
{
        char buf[2048], *argv[32];
        const struct command *c;
        int argc = 0;

        snprintf(buf, sizeof(buf), "%s", line);
        for (char *w = strtok(buf, " "); w && argc < 31; w = strtok(NULL, " "))
                argv[argc++] = w;
        argv[argc] = NULL;
        c = inspect_find(argv[0]);
        assert_non_null(c);
        out_reset();
        return c->run(b, argc, argv);
}

static struct boot *boot_new(void)
{
        struct boot *b = calloc(1, sizeof(*b));

        assert_non_null(b);
        assert_int_equal(cmdline_parse(NULL, &b->cmd), 0);
        b->uevent_fd = -1;
        snprintf(b->kver, sizeof(b->kver), "6.1.0-28-amd64");
        return b;
}

static void boot_free(struct boot *b)
{
        cmdline_free(&b->cmd);
        strlist_free(&b->init_env);
        strlist_free(&b->modlog.loaded);
        free(b);
}

struct fixture {
        struct boot *boot;
        char dir[64];
};

/* Runs @fmt, each %s in it the fixture's directory. */
static int run_dir(struct fixture *f, const char *fmt)
{
        char line[1024];

        snprintf(line, sizeof(line), fmt, f->dir, f->dir);
        return run(f->boot, line);
}

/* The output is @fmt, each %s in it the fixture's directory. */
static void assert_out_dir(struct fixture *f, const char *fmt)
{
        char want[1024];

        snprintf(want, sizeof(want), fmt, f->dir, f->dir);
        assert_string_equal(out, want);
}

static void file_put(const char *dir, const char *name, const char *data, size_t len)
{
        char path[PATH_MAX];
        int fd;

        snprintf(path, sizeof(path), "%s/%s", dir, name);
        fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
        assert_true(fd >= 0);
        assert_int_equal(write(fd, data, len), (ssize_t)len);
        close(fd);
}

static int setup(void **state)
{
        struct fixture *f = calloc(1, sizeof(*f));

        if (!f)
                return -1;
        snprintf(f->dir, sizeof(f->dir), "/tmp/test_inspect.XXXXXX");
        if (!mkdtemp(f->dir))
                return -1;
        f->boot = boot_new();
        out_reset();
        *state = f;
        return 0;
}

static int teardown(void **state)
{
        struct fixture *f = *state;
        char cmd[128];

        snprintf(cmd, sizeof(cmd), "rm -rf '%s'", f->dir);
        if (system(cmd) != 0)
                return -1;
        boot_free(f->boot);
        free(f);
        free(out);
        out = NULL;
        out_len = 0;
        return 0;
}

static void test_commands_are_registered_in_help_order(void **state)
{
        static const char *const order[] = { "env", "report", "dmesg", "lsblk", "blkid", "lsmod",
                                             "lsdev", "ls", "cat", "mount", "umount", "free",
                                             "modprobe", "blacklist", "rmmod" };

        assert_int_equal(inspect_command_count, sizeof(order) / sizeof(order[0]));
        for (size_t i = 0; i < inspect_command_count; i++)
                assert_string_equal(inspect_commands[i].name, order[i]);
}

static void test_every_command_has_usage_summary_and_help_with_example(void **state)
{
        for (size_t i = 0; i < inspect_command_count; i++) {
                const struct command *c = &inspect_commands[i];
                size_t name = strlen(c->name);

                assert_int_equal(strncmp(c->usage, c->name, name), 0);
                assert_true(c->usage[name] == '\0' || c->usage[name] == ' ');
                assert_true(strlen(c->summary) > 0 && !strchr(c->summary, '\n'));
                assert_non_null(strstr(c->help, "Example: "));
                assert_int_equal(c->help[strlen(c->help) - 1], '\n');
                for (const char *p = c->help; *p; p += strcspn(p, "\n") + 1)
                        assert_true(strcspn(p, "\n") <= 76);
                for (const char *p = c->help; *p; p++)
                        assert_true((unsigned char)*p < 0x80);
                assert_non_null(c->run);
        }
}

/* One line, starting with the command's name: what an expect script matches. */
static void assert_one_error_line(const char *name)
{
        size_t len = strlen(name);

        assert_int_equal(strncmp(out, name, len), 0);
        assert_int_equal(out[len], ':');
        assert_non_null(strchr(out, '\n'));
        assert_int_equal(strchr(out, '\n')[1], '\0');
}

static void test_usage_errors_start_with_the_command_name(void **state)
{
        struct fixture *f = *state;
        static const char *const bad[] = {
                "env extra", "report extra", "dmesg -x", "dmesg -n", "lsblk extra",
                "lsmod extra", "lsdev pci extra", "ls -z", "cat", "mount /dev/vdb",
                "mount -t", "mount -x ext4 /dev/vdb /mnt", "umount", "umount -f /mnt",
                "free extra", "modprobe", "modprobe -d /mnt", "modprobe -x virtio_blk",
                "rmmod", "rmmod a b",
        };

        for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
                char name[16];

                snprintf(name, sizeof(name), "%.*s", (int)strcspn(bad[i], " "), bad[i]);
                assert_int_equal(run(f->boot, bad[i]), -EINVAL);
                assert_one_error_line(name);
                assert_non_null(strstr(out, ": usage: "));
        }
}

static void test_usage_error_shows_the_usage_line(void **state)
{
        struct fixture *f = *state;

        assert_int_equal(run(f->boot, "umount"), -EINVAL);
        assert_string_equal(out, "umount: usage: umount DIR\n");
}

static void test_env_before_env_checkpoint_is_kernel_env_with_rd_env_on_top(void **state)
{
        struct fixture *f = *state;
        char *envp[] = { "HOME=/", "TERM=linux", "LANG=C", NULL };

        f->boot->kernel_envp = envp;
        assert_int_equal(strlist_push(&f->boot->cmd.env_set, "TERM=vt100"), 0);
        assert_int_equal(strlist_push(&f->boot->cmd.env_set, "DEBUG=1"), 0);
        assert_int_equal(run(f->boot, "env"), 0);
        assert_string_equal(out, "HOME=/\nTERM=vt100\nLANG=C\nDEBUG=1\n");
        assert_int_equal(f->boot->init_env.n, 0);
}

static void test_env_after_env_checkpoint_is_what_it_built(void **state)
{
        struct fixture *f = *state;
        char *envp[] = { "HOME=/", NULL };

        f->boot->kernel_envp = envp;
        f->boot->ran[checkpoint_index("env")] = true;
        assert_int_equal(strlist_push(&f->boot->init_env, "PATH=/usr/bin"), 0);
        assert_int_equal(strlist_push(&f->boot->init_env, "container=none"), 0);
        assert_int_equal(run(f->boot, "env"), 0);
        assert_string_equal(out, "PATH=/usr/bin\ncontainer=none\n");
}

static void test_report_prints_indented_json(void **state)
{
        struct fixture *f = *state;

        assert_int_equal(run(f->boot, "report"), 0);
        assert_int_equal(strncmp(out, "{\n  \"schema\": \"rdcheck-report/1\"", 32), 0);
        assert_string_equal(out + out_len - 2, "}\n");
}

static void test_dmesg_n_wants_a_line_count(void **state)
{
        struct fixture *f = *state;
        static const char *const bad[] = { "0", "-3", "abc", "12x", "10001", "99999999999999999999" };
        char line[64];

        for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
                snprintf(line, sizeof(line), "dmesg -n %s", bad[i]);
                assert_int_equal(run(f->boot, line), -EINVAL);
                assert_one_error_line("dmesg");
                assert_non_null(strstr(out, "not a number of lines from 1 to 10000"));
        }
}

static void test_ls_lists_sorted_by_bytes_with_dot_files(void **state)
{
        struct fixture *f = *state;
        char path[PATH_MAX];

        file_put(f->dir, "b", "", 0);
        file_put(f->dir, "a", "", 0);
        file_put(f->dir, "C", "", 0);
        file_put(f->dir, ".hidden", "", 0);
        snprintf(path, sizeof(path), "%s/d", f->dir);
        assert_int_equal(mkdir(path, 0755), 0);
        assert_int_equal(run_dir(f, "ls %s"), 0);
        assert_string_equal(out, ".hidden\nC\na\nb\nd\n");
}

static void test_ls_l_shows_mode_size_and_symlink_target(void **state)
{
        struct fixture *f = *state;
        char path[PATH_MAX];

        file_put(f->dir, "data", "12345", 5);
        snprintf(path, sizeof(path), "%s/data", f->dir);
        assert_int_equal(chmod(path, 0640), 0);
        snprintf(path, sizeof(path), "%s/link", f->dir);
        assert_int_equal(symlink("data", path), 0);
        assert_int_equal(run_dir(f, "ls -l %s"), 0);
        assert_string_equal(out, "-rw-r-----  5  data\n"
                                 "lrwxrwxrwx  4  link -> data\n");
}

static void test_ls_of_a_file_shows_the_file(void **state)
{
        struct fixture *f = *state;

        file_put(f->dir, "one", "x", 1);
        assert_int_equal(run_dir(f, "ls %s/one"), 0);
        assert_out_dir(f, "%s/one\n");
}

static void test_ls_of_several_paths_heads_each(void **state)
{
        struct fixture *f = *state;
        char p1[PATH_MAX], p2[PATH_MAX];

        snprintf(p1, sizeof(p1), "%s/x", f->dir);
        snprintf(p2, sizeof(p2), "%s/y", f->dir);
        assert_int_equal(mkdir(p1, 0755), 0);
        assert_int_equal(mkdir(p2, 0755), 0);
        file_put(p1, "in_x", "", 0);
        file_put(p2, "in_y", "", 0);
        assert_int_equal(run_dir(f, "ls %s/x %s/y"), 0);
        assert_out_dir(f, "%s/x:\nin_x\n\n%s/y:\nin_y\n");
}

static void test_ls_missing_path_is_one_error_line(void **state)
{
        struct fixture *f = *state;

        assert_int_equal(run_dir(f, "ls %s/nothing"), -ENOENT);
        assert_out_dir(f, "ls: %s/nothing: No such file or directory\n");
}

static void test_cat_prints_text_and_ends_the_line(void **state)
{
        struct fixture *f = *state;
        static const char fstab[] = "/dev/vda1 / ext4 ro 0 1\n/dev/vda2 /usr ext4 ro 0 2";

        file_put(f->dir, "fstab", fstab, strlen(fstab));
        assert_int_equal(run_dir(f, "cat %s/fstab"), 0);
        assert_string_equal(out, "/dev/vda1 / ext4 ro 0 1\n/dev/vda2 /usr ext4 ro 0 2\n");
}

static void test_cat_shows_control_characters_as_question_marks(void **state)
{
        struct fixture *f = *state;

        file_put(f->dir, "esc", "\x1b[31mred\tx\n", 11);
        assert_int_equal(run_dir(f, "cat %s/esc"), 0);
        assert_string_equal(out, "?[31mred\tx\n");
}

static void test_cat_refuses_nul_bytes(void **state)
{
        struct fixture *f = *state;

        file_put(f->dir, "bin", "\x7f" "ELF\0\0\0", 7);
        assert_int_equal(run_dir(f, "cat %s/bin"), -EINVAL);
        assert_out_dir(f, "cat: %s/bin: binary file (NUL bytes), not shown\n");
}

static void test_cat_truncates_at_64_kib_and_says_so(void **state)
{
        struct fixture *f = *state;
        size_t size = 100000;
        char *big = malloc(size);

        assert_non_null(big);
        for (size_t i = 0; i < size; i++)
                big[i] = i % 64 == 63 ? '\n' : 'x';
        file_put(f->dir, "big", big, size);
        assert_int_equal(run_dir(f, "cat %s/big"), 0);
        assert_memory_equal(out, big, 65536);
        memmove(out, out + 65536, out_len - 65536 + 1);
        assert_out_dir(f, "cat: %s/big: truncated: the first 64 KiB of 100000 bytes shown\n");
        free(big);
}

static void test_cat_exactly_64_kib_is_not_truncated(void **state)
{
        struct fixture *f = *state;
        char *data = malloc(65536);

        assert_non_null(data);
        memset(data, 'y', 65535);
        data[65535] = '\n';
        file_put(f->dir, "full", data, 65536);
        assert_int_equal(run_dir(f, "cat %s/full"), 0);
        assert_int_equal(out_len, 65536);
        free(data);
}

static void test_cat_missing_file_is_one_error_line(void **state)
{
        struct fixture *f = *state;

        assert_int_equal(run_dir(f, "cat %s/none"), -ENOENT);
        assert_out_dir(f, "cat: %s/none: No such file or directory\n");
}

static void test_cat_goes_on_after_a_missing_file(void **state)
{
        struct fixture *f = *state;

        file_put(f->dir, "ok", "fine\n", 5);
        assert_int_equal(run_dir(f, "cat %s/none %s/ok"), -ENOENT);
        assert_int_equal(strncmp(out, "cat: ", 5), 0);
        assert_string_equal(strchr(out, '\n') + 1, "fine\n");
}

static const char meminfo[] =
        "MemTotal:        2014532 kB\n"
        "MemFree:         1700000 kB\n"
        "MemAvailable:    1800000 kB\n"
        "Buffers:            1024 kB\n"
        "Cached:            65536 kB\n"
        "SwapCached:            0 kB\n"
        "Shmem:              2048 kB\n"
        "ShmemHugePages:        0 kB\n";

static void test_meminfo_parse_reads_the_six_fields(void **state)
{
        struct meminfo m;

        assert_int_equal(meminfo_parse(meminfo, &m), 6);
        assert_int_equal(m.kib[MEM_TOTAL], 2014532);
        assert_int_equal(m.kib[MEM_FREE], 1700000);
        assert_int_equal(m.kib[MEM_AVAILABLE], 1800000);
        assert_int_equal(m.kib[MEM_BUFFERS], 1024);
        assert_int_equal(m.kib[MEM_CACHED], 65536);
        assert_int_equal(m.kib[MEM_SHMEM], 2048);
}

static void test_meminfo_parse_marks_missing_fields(void **state)
{
        struct meminfo m;

        /* Kernels before 3.14 have no MemAvailable; SwapCached is not Cached. */
        assert_int_equal(meminfo_parse("MemTotal: 100 kB\nSwapCached: 5 kB\nbroken line\nMemFree:\n", &m), 1);
        assert_int_equal(m.kib[MEM_TOTAL], 100);
        assert_int_equal(m.kib[MEM_AVAILABLE], -1);
        assert_int_equal(m.kib[MEM_CACHED], -1);
        assert_int_equal(m.kib[MEM_FREE], -1);
        assert_int_equal(meminfo_parse("", &m), 0);
}

static void test_free_prints_kib_and_mib_columns(void **state)
{
        struct fixture *f = *state;

        /* /proc/meminfo is read-only and always there on Linux. */
        assert_int_equal(run(f->boot, "free"), 0);
        assert_int_equal(strncmp(out, "            ", 12), 0);
        assert_true(strstr(out, "KiB") < strchr(out, '\n'));
        assert_true(strstr(out, "MiB") < strchr(out, '\n'));
        assert_non_null(strstr(out, "\nMemTotal "));
        assert_non_null(strstr(out, "\nShmem "));
}

static void test_lsmod_print_aligns_and_trims_used_by(void **state)
{
        static const char modules[] =
                "ext4 1003520 1 - Live 0x0000000000000000\n"
                "mbcache 16384 1 ext4, Live 0x0000000000000000\n"
                "jbd2 167936 1 ext4, Live 0x0000000000000000\n"
                "virtio_blk 20480 2 - Live 0x0000000000000000\n"
                "crc16 16384 2 ext4,btrfs, Live 0x0000000000000000\n";

        out_reset();
        assert_int_equal(lsmod_print(modules), 5);
        assert_string_equal(out,
                            "Module         Size  Used by\n"
                            "ext4        1003520  1\n"
                            "mbcache       16384  1 ext4\n"
                            "jbd2         167936  1 ext4\n"
                            "virtio_blk    20480  2\n"
                            "crc16         16384  2 ext4,btrfs\n");
}

static void test_lsmod_print_skips_lines_it_cannot_read(void **state)
{
        out_reset();
        assert_int_equal(lsmod_print("garbage\n\n"), 0);
        assert_string_equal(out, "");
}

static void test_mount_is_read_only_by_default(void **state)
{
        char *argv[] = { "mount", "/dev/vdb1", "/mnt", NULL };
        struct mount_args a;

        assert_int_equal(mount_args_parse(3, argv, &a), 0);
        assert_string_equal(a.dev, "/dev/vdb1");
        assert_string_equal(a.dir, "/mnt");
        assert_null(a.fstype);
        assert_string_equal(a.opts, "ro");
}

static void test_mount_options_get_ro_unless_rw_is_asked(void **state)
{
        static const struct {
                const char *given, *opts;
        } cases[] = {
                { "noatime", "noatime,ro" },
                { "defaults", "defaults,ro" },
                { "rw", "rw" },
                { "noatime,rw", "noatime,rw" },
                { "ro", "ro" },
                { "errors=remount-ro", "errors=remount-ro,ro" },
                { "rwx,norw", "rwx,norw,ro" },
                { "", "ro" },
        };

        for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
                char *argv[] = { "mount", "-t", "ext4", "-o", (char *)cases[i].given, "/dev/vdb1", "/mnt",
                                 NULL };
                struct mount_args a;

                assert_int_equal(mount_args_parse(7, argv, &a), 0);
                assert_string_equal(a.fstype, "ext4");
                assert_string_equal(a.opts, cases[i].opts);
        }
}

static void test_mount_args_refuse_what_is_not_the_form(void **state)
{
        char *one[] = { "mount", "/dev/vdb1", NULL };
        char *three[] = { "mount", "/dev/vdb1", "/mnt", "/x", NULL };
        char *no_value[] = { "mount", "/dev/vdb1", "/mnt", "-o", NULL };
        char *unknown[] = { "mount", "-w", "/dev/vdb1", "/mnt", NULL };
        struct mount_args a;

        assert_int_equal(mount_args_parse(2, one, &a), -EINVAL);
        assert_int_equal(mount_args_parse(4, three, &a), -EINVAL);
        assert_int_equal(mount_args_parse(4, no_value, &a), -EINVAL);
        assert_int_equal(mount_args_parse(4, unknown, &a), -EINVAL);
}

static void test_modules_dir_for_another_tree(void **state)
{
        static const struct {
                const char *dir, *want;
        } cases[] = {
                { "/mnt", "/mnt/lib/modules/6.1.0" },
                { "/mnt/", "/mnt/lib/modules/6.1.0" },
                { "/mnt/lib/modules/6.1.0", "/mnt/lib/modules/6.1.0" },
                { "/mnt/lib/modules/6.1.0/", "/mnt/lib/modules/6.1.0" },
                { "/x/16.1.0", "/x/16.1.0/lib/modules/6.1.0" },
                { "6.1.0", "6.1.0" },
        };
        char path[PATH_MAX];

        for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
                assert_int_equal(modules_dir_for(cases[i].dir, "6.1.0", path, sizeof(path)), 0);
                assert_string_equal(path, cases[i].want);
        }
        assert_int_equal(modules_dir_for("/mnt", "6.1.0", path, 10), -ENAMETOOLONG);
}

static void test_modprobe_without_modules_says_so(void **state)
{
        struct fixture *f = *state;

        assert_int_equal(run(f->boot, "modprobe virtio_blk"), -ENOENT);
        assert_string_equal(out, "modprobe: the image has no modules for kernel 6.1.0-28-amd64\n");
        assert_int_equal(f->boot->modlog.loaded.n, 0);
}

static void test_blacklist_adds_each_module_once_for_this_boot(void **state)
{
        struct fixture *f = *state;

        assert_int_equal(run(f->boot, "blacklist crashme"), 0);
        assert_string_equal(out, "blacklist: crashme stays out for this boot\nblacklisted: crashme\n");
        assert_int_equal(run(f->boot, "blacklist crashme virtio-blk"), 0);
        assert_string_equal(out, "blacklist: crashme stays out for this boot\n"
                                 "blacklist: virtio-blk stays out for this boot\n"
                                 "blacklisted: crashme, virtio-blk\n");
        assert_int_equal(f->boot->cmd.blacklist.n, 2);
        assert_true(module_list_has(&f->boot->cmd.blacklist, "virtio_blk"));
}

static void test_blacklist_refuses_what_is_not_a_module_name(void **state)
{
        struct fixture *f = *state;

        assert_int_equal(run(f->boot, "blacklist crashme a/b"), -EINVAL);
        assert_string_equal(out, "blacklist: usage: blacklist [MOD...]\n");
        assert_int_equal(run(f->boot, "blacklist -f"), -EINVAL);
        assert_int_equal(f->boot->cmd.blacklist.n, 0);
        assert_int_equal(run(f->boot, "blacklist"), 0);
        assert_string_equal(out, "blacklisted: none\n");
}

static void test_modprobe_d_without_a_tree_there_says_so(void **state)
{
        struct fixture *f = *state;

        assert_int_equal(run_dir(f, "modprobe -d %s virtio_scsi"), -ENOENT);
        assert_out_dir(f, "modprobe: %s/lib/modules/6.1.0-28-amd64: no modules for kernel "
                          "6.1.0-28-amd64 there\n");
}

static void test_blkid_missing_device_is_one_error_line(void **state)
{
        struct fixture *f = *state;

        assert_int_equal(run_dir(f, "blkid %s/vdz"), -ENOENT);
        assert_out_dir(f, "blkid: %s/vdz: No such file or directory\n");
}

static void test_umount_of_what_is_not_mounted_is_one_error_line(void **state)
{
        struct fixture *f = *state;

        assert_true(run_dir(f, "umount %s") < 0);
        assert_one_error_line("umount");
}

/* The pager's keys, one per --More--, from a list; -ETIMEDOUT past its end. */
static const int *keys;
static int keys_asked;

static int key_next(void *ctx)
{
        int k = keys[keys_asked];

        keys_asked++;
        return k ? k : -ETIMEDOUT;
}

static size_t count(const char *s, const char *needle)
{
        size_t n = 0;

        for (const char *p = strstr(s, needle); p; p = strstr(p + 1, needle))
                n++;
        return n;
}

static void test_pager_stops_every_23_rows_and_q_quits(void **state)
{
        static const int space_then_q[] = { ' ', 'q', 0 };
        char text[8192];
        size_t len = 0;

        /* 30 short lines, one of 200 columns (3 rows), 30 more. */
        for (int i = 1; i <= 30; i++)
                len += (size_t)snprintf(text + len, sizeof(text) - len, "line %d\n", i);
        memset(text + len, 'x', 200);
        len += 200;
        text[len++] = '\n';
        for (int i = 31; i <= 60; i++)
                len += (size_t)snprintf(text + len, sizeof(text) - len, "line %d\n", i);
        out_reset();
        keys = space_then_q;
        keys_asked = 0;
        assert_int_equal(pager_show(text, len, key_next, NULL), 1);
        assert_int_equal(keys_asked, 2);
        assert_int_equal(count(out, "--More--"), 2);
        /* Screen 1: lines 1-23; screen 2: 24-30, the long line (3 rows), 31-43; then q. */
        assert_non_null(strstr(out, "line 23\n--More--"));
        assert_non_null(strstr(out, "line 43\n--More--"));
        assert_null(strstr(out, "line 44"));
        out_reset();
}

static void test_pager_shows_short_text_without_asking(void **state)
{
        static const int none[] = { 0 };

        out_reset();
        keys = none;
        keys_asked = 0;
        assert_int_equal(pager_show("a\nb\nc", 5, key_next, NULL), 0);
        assert_string_equal(out, "a\nb\nc\n");
        assert_int_equal(keys_asked, 0);
        out_reset();
}

static void test_pager_stops_when_nobody_answers(void **state)
{
        static const int none[] = { 0 };
        char text[200];
        size_t len = 0;

        for (int i = 0; i < 30; i++)
                len += (size_t)snprintf(text + len, sizeof(text) - len, "%d\n", i);
        out_reset();
        keys = none;
        keys_asked = 0;
        assert_int_equal(pager_show(text, len, key_next, NULL), -ETIMEDOUT);
        assert_null(strstr(out, "\n23\n"));
        out_reset();
}

int main(void)
{
        const struct CMUnitTest tests[] = {
                cmocka_unit_test(test_pager_stops_every_23_rows_and_q_quits),
                cmocka_unit_test(test_pager_shows_short_text_without_asking),
                cmocka_unit_test(test_pager_stops_when_nobody_answers),
                cmocka_unit_test(test_commands_are_registered_in_help_order),
                cmocka_unit_test(test_every_command_has_usage_summary_and_help_with_example),
                cmocka_unit_test_setup_teardown(test_usage_errors_start_with_the_command_name, setup, teardown),
                cmocka_unit_test_setup_teardown(test_usage_error_shows_the_usage_line, setup, teardown),
                cmocka_unit_test_setup_teardown(test_env_before_env_checkpoint_is_kernel_env_with_rd_env_on_top,
                                                setup, teardown),
                cmocka_unit_test_setup_teardown(test_env_after_env_checkpoint_is_what_it_built, setup, teardown),
                cmocka_unit_test_setup_teardown(test_report_prints_indented_json, setup, teardown),
                cmocka_unit_test_setup_teardown(test_dmesg_n_wants_a_line_count, setup, teardown),
                cmocka_unit_test_setup_teardown(test_ls_lists_sorted_by_bytes_with_dot_files, setup, teardown),
                cmocka_unit_test_setup_teardown(test_ls_l_shows_mode_size_and_symlink_target, setup, teardown),
                cmocka_unit_test_setup_teardown(test_ls_of_a_file_shows_the_file, setup, teardown),
                cmocka_unit_test_setup_teardown(test_ls_of_several_paths_heads_each, setup, teardown),
                cmocka_unit_test_setup_teardown(test_ls_missing_path_is_one_error_line, setup, teardown),
                cmocka_unit_test_setup_teardown(test_cat_prints_text_and_ends_the_line, setup, teardown),
                cmocka_unit_test_setup_teardown(test_cat_shows_control_characters_as_question_marks, setup,
                                                teardown),
                cmocka_unit_test_setup_teardown(test_cat_refuses_nul_bytes, setup, teardown),
                cmocka_unit_test_setup_teardown(test_cat_truncates_at_64_kib_and_says_so, setup, teardown),
                cmocka_unit_test_setup_teardown(test_cat_exactly_64_kib_is_not_truncated, setup, teardown),
                cmocka_unit_test_setup_teardown(test_cat_missing_file_is_one_error_line, setup, teardown),
                cmocka_unit_test_setup_teardown(test_cat_goes_on_after_a_missing_file, setup, teardown),
                cmocka_unit_test(test_meminfo_parse_reads_the_six_fields),
                cmocka_unit_test(test_meminfo_parse_marks_missing_fields),
                cmocka_unit_test_setup_teardown(test_free_prints_kib_and_mib_columns, setup, teardown),
                cmocka_unit_test(test_lsmod_print_aligns_and_trims_used_by),
                cmocka_unit_test(test_lsmod_print_skips_lines_it_cannot_read),
                cmocka_unit_test(test_mount_is_read_only_by_default),
                cmocka_unit_test(test_mount_options_get_ro_unless_rw_is_asked),
                cmocka_unit_test(test_mount_args_refuse_what_is_not_the_form),
                cmocka_unit_test(test_modules_dir_for_another_tree),
                cmocka_unit_test_setup_teardown(test_modprobe_without_modules_says_so, setup, teardown),
                cmocka_unit_test_setup_teardown(test_modprobe_d_without_a_tree_there_says_so, setup, teardown),
                cmocka_unit_test_setup_teardown(test_blacklist_adds_each_module_once_for_this_boot, setup,
                                                teardown),
                cmocka_unit_test_setup_teardown(test_blacklist_refuses_what_is_not_a_module_name, setup,
                                                teardown),
                cmocka_unit_test_setup_teardown(test_blkid_missing_device_is_one_error_line, setup, teardown),
                cmocka_unit_test_setup_teardown(test_umount_of_what_is_not_mounted_is_one_error_line, setup,
                                                teardown),
        };

        return cmocka_run_group_tests(tests, NULL, NULL);
}
