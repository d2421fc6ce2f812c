/* SPDX-License-Identifier: MIT */
/*
 * The records a crashed kernel left in pstore: read from a directory
 * (/sys/fs/pstore), rebuilt from their parts and summarised into one line.
 * (pstore_save.c copies and erases them.)
 *
 * What the kernel writes (Linux 6.1): fs/pstore/inode.c names each file
 * TYPE-BACKEND-ID, with ".enc.z" when it could not decompress the record;
 * fs/pstore/platform.c starts every part of a dump with "Panic#1 Part1"
 * (reason, dump count, part; Part1 is the newest end of the log) and
 * writes the log as "<N>[    1.234567] text" lines.  The EFI backend
 * (drivers/firmware/efi/efi-pstore.c) keeps each part in a variable of its
 * own and numbers it (time * 100 + part) * 1000 + count; ramoops keeps one
 * part per record.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "pstore.h"
#include "status.h"
#include "trail.h"
#include "util.h"

/* A pstore file is a few KiB (EFI) to a few hundred (ramoops): more is not one. */
#define PSTORE_FILE_MAX (4 << 20)

/* One record rebuilt from its parts. */
struct record {
        const struct pstore_file *first;        /* the part named in messages */
        char type[16];                          /* dmesg, console, pmsg, ... */
        char reason[16];                        /* panic, oops, ... from the header; "" */
        struct timespec time;
        unsigned long long id;
        char *text;
        size_t len;
};

static bool has_suffix(const char *s, const char *suffix)
{
        size_t n = strlen(s), m = strlen(suffix);

        return n >= m && strcmp(s + n - m, suffix) == 0;
}

int pstore_name_parse(const char *name, struct pstore_name *rn)
{
        const char *dash1 = strchr(name, '-'), *dash2 = strrchr(name, '-');
        size_t len = strlen(name);
        char *end;

        memset(rn, 0, sizeof(*rn));
        rn->compressed = has_suffix(name, ".enc.z");
        if (rn->compressed)
                len -= strlen(".enc.z");
        if (!dash1 || dash1 == dash2 || dash1 == name || (size_t)(dash1 - name) >= sizeof(rn->type) ||
            (size_t)(dash2 - dash1 - 1) >= sizeof(rn->backend) || dash2 == dash1 + 1)
                return -EINVAL;
        if (dash2 + 1 >= name + len || dash2[1] < '0' || dash2[1] > '9')
                return -EINVAL;
        errno = 0;
        rn->id = strtoull(dash2 + 1, &end, 10);
        if (errno || end != name + len)
                return -EINVAL;
        memcpy(rn->type, name, (size_t)(dash1 - name));
        memcpy(rn->backend, dash1 + 1, (size_t)(dash2 - dash1 - 1));
        return 0;
}

bool pstore_name_is_efi(const struct pstore_name *rn)
{
        return strcmp(rn->backend, "efi") == 0 || strcmp(rn->backend, "efi_pstore") == 0;
}

/* ---- reading a directory ------------------------------------------------ */

int pstore_set_add(struct pstore_set *set, const char *name, const char *data, size_t size,
                   time_t mtime, int error)
{
        struct pstore_file *files = realloc(set->files, (set->n + 1) * sizeof(*files));
        struct pstore_file *f;

        if (!files)
                return -ENOMEM;
        set->files = files;
        f = &files[set->n];
        memset(f, 0, sizeof(*f));
        snprintf(f->name, sizeof(f->name), "%s", name);
        f->mtime.tv_sec = mtime;
        f->error = error;
        if (data) {
                f->data = malloc(size + 1);
                if (!f->data)
                        return -ENOMEM;
                memcpy(f->data, data, size);
                f->data[size] = '\0';
                f->size = size;
        }
        set->n++;
        return 0;
}

void pstore_set_free(struct pstore_set *set)
{
        for (size_t i = 0; i < set->n; i++)
                free(set->files[i].data);
        free(set->files);
        set->files = NULL;
        set->n = 0;
}

static int file_read(int dirfd, struct pstore_file *f)
{
        int fd = openat(dirfd, f->name, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
        size_t cap = 0;
        struct stat st;

        if (fd < 0)
                return -errno;
        if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
                close(fd);
                return -EINVAL;
        }
        f->mtime = st.st_mtim;
        for (;;) {
                ssize_t n;

                if (f->size + 4096 + 1 > cap) {
                        char *data;

                        cap = cap ? cap * 2 : 16384;
                        if (cap > PSTORE_FILE_MAX + 1) {
                                close(fd);
                                return -EFBIG;
                        }
                        data = realloc(f->data, cap);
                        if (!data) {
                                close(fd);
                                return -ENOMEM;
                        }
                        f->data = data;
                }
                n = read(fd, f->data + f->size, cap - f->size - 1);
                if (n < 0 && errno == EINTR)
                        continue;
                if (n < 0) {
                        int r = -errno;

                        close(fd);
                        return r;
                }
                if (n == 0)
                        break;
                f->size += (size_t)n;
        }
        f->data[f->size] = '\0';
        close(fd);
        return 0;
}

static int file_cmp(const void *a, const void *b)
{
        return strcmp(((const struct pstore_file *)a)->name, ((const struct pstore_file *)b)->name);
}

int pstore_scan(const char *dir, struct pstore_set *set)
{
        struct dirent *de;
        DIR *d = opendir(dir);

        memset(set, 0, sizeof(*set));
        if (!d)
                return -errno;
        while ((de = readdir(d))) {
                struct pstore_file *f;
                int r;

                if (de->d_name[0] == '.')
                        continue;
                if (pstore_set_add(set, de->d_name, NULL, 0, 0, 0) < 0)
                        break;
                f = &set->files[set->n - 1];
                r = file_read(dirfd(d), f);
                if (r < 0) {
                        free(f->data);
                        f->data = NULL;
                        f->size = 0;
                        f->error = r;
                }
        }
        closedir(d);
        if (set->n)
                qsort(set->files, set->n, sizeof(*set->files), file_cmp);
        return (int)set->n;
}

/* ---- rebuilding ------------------------------------------------------------ */

static int problem(struct strv *problems, const char *name, const char *what)
{
        char line[512];

        snprintf(line, sizeof(line), "pstore: %s: %s", name, what);
        return strlist_push(problems, line);
}

/*
 * "Panic#1 Part3\n" at the start of @data: the reason, lowercased, into
 * @reason and the part number; returns the header's length, 0 if none.
 */
static size_t header_parse(const char *data, size_t size, char *reason, size_t rsize, unsigned *part)
{
        size_t i = 0, r = 0;
        unsigned long n;
        char *end;

        while (i < size && ((data[i] >= 'A' && data[i] <= 'Z') || (data[i] >= 'a' && data[i] <= 'z')))
                i++;
        if (i == 0 || i >= size || data[i] != '#')
                return 0;
        for (r = 0; r < i && r + 1 < rsize; r++)
                reason[r] = (char)(data[r] | 0x20);
        reason[r] = '\0';
        i++;
        while (i < size && data[i] >= '0' && data[i] <= '9')
                i++;
        if (i + 5 > size || strncmp(data + i, " Part", 5) != 0)
                return 0;
        i += 5;
        if (i >= size || data[i] < '0' || data[i] > '9')
                return 0;
        n = strtoul(data + i, &end, 10);
        i = (size_t)(end - data);
        if (i >= size || data[i] != '\n')
                return 0;
        *part = (unsigned)(n > 1000 ? 1000 : n);
        return i + 1;
}

static int text_append(struct record *rec, const char *s, size_t n, bool newline)
{
        char *text = realloc(rec->text, rec->len + n + 2);

        if (!text)
                return -ENOMEM;
        rec->text = text;
        memcpy(text + rec->len, s, n);
        rec->len += n;
        if (newline)
                text[rec->len++] = '\n';
        text[rec->len] = '\0';
        return 0;
}

/* Whether file @f can be read as text; if not, says why in @problems. */
static int usable(const struct pstore_file *f, const struct pstore_name *rn, bool named, struct strv *problems)
{
        char what[160];

        if (f->error) {
                snprintf(what, sizeof(what), "cannot read: %s", strerror(-f->error));
                return problem(problems, f->name, what) < 0 ? -ENOMEM : 0;
        }
        if (!named)
                return problem(problems, f->name, "not a pstore record name (TYPE-BACKEND-ID)") < 0 ? -ENOMEM : 0;
        if (rn->compressed)
                return problem(problems, f->name, "compressed, and the kernel could not decompress it; "
                               "saved as is, not read") < 0 ? -ENOMEM : 0;
        if (f->size == 0 || !f->data)
                return problem(problems, f->name, "empty") < 0 ? -ENOMEM : 0;
        if (memchr(f->data, '\0', f->size))
                return problem(problems, f->name, "corrupt: binary data (NUL bytes) in a text record") < 0 ?
                       -ENOMEM : 0;
        return 1;
}

/* One part into @rec: its header checked and dropped. */
static int part_add(struct record *rec, const struct pstore_file *f, bool dmesg, struct strv *problems)
{
        unsigned part = 0;
        char reason[16] = "";
        size_t hdr = header_parse(f->data, f->size, reason, sizeof(reason), &part);
        const char *body = f->data + hdr;
        size_t n = f->size - hdr;

        if (dmesg && hdr == 0 && !memchr(f->data, '\n', f->size))
                return problem(problems, f->name, "truncated: not even a whole header line") < 0 ? -ENOMEM : 0;
        if (hdr && part == 1)
                snprintf(rec->reason, sizeof(rec->reason), "%s", reason);
        if (n > 0 && body[n - 1] != '\n' &&
            problem(problems, f->name, "truncated: the last line is cut off") < 0)
                return -ENOMEM;
        if (n > 0 && text_append(rec, body, n, body[n - 1] != '\n') < 0)
                return -ENOMEM;
        if (f->mtime.tv_sec > rec->time.tv_sec ||
            (f->mtime.tv_sec == rec->time.tv_sec && f->mtime.tv_nsec > rec->time.tv_nsec))
                rec->time = f->mtime;
        return 0;
}

/* The EFI part number in an id: (time * 100 + part) * 1000 + count. */
static unsigned efi_part(unsigned long long id)
{
        return (unsigned)(id / 1000 % 100);
}

/* The seconds in an EFI id. */
static unsigned long long efi_time(unsigned long long id)
{
        return id / 100000;
}

/*
 * The parts of one EFI dump share its count, but not always its time: the
 * kernel stamps each part as it writes it, and writing a dozen variables
 * can cross a second or more (seen under QEMU without KVM).  Parts whose
 * times are this close to a part already in the dump, and whose part number
 * it does not have yet, belong to it.
 */
#define EFI_DUMP_SPREAD 10ULL

static unsigned long long distance(unsigned long long a, unsigned long long b)
{
        return a > b ? a - b : b - a;
}

struct records {
        struct record *items;
        size_t n;
};

static void records_free(struct records *rs)
{
        for (size_t i = 0; i < rs->n; i++)
                free(rs->items[i].text);
        free(rs->items);
}

/* Say which parts of an EFI dump are missing: 1..highest should all be there. */
static int efi_gaps(const char *name, const bool *seen, unsigned highest, struct strv *problems)
{
        char what[128];

        for (unsigned p = 1; p <= highest; p++) {
                if (seen[p])
                        continue;
                snprintf(what, sizeof(what), "part %u of the %u the dump was written in is missing", p, highest);
                if (problem(problems, name, what) < 0)
                        return -ENOMEM;
        }
        return 0;
}

/* Build the record whose parts are the usable files @idx[0..n) (all of one dump). */
static int record_build(struct records *rs, const struct pstore_set *set, const size_t *idx, size_t n,
                        const struct pstore_name *rn, struct strv *problems)
{
        struct record *items = realloc(rs->items, (rs->n + 1) * sizeof(*items));
        struct record *rec;
        bool seen[100] = { false };
        unsigned highest = 0;
        int r = 0;

        if (!items)
                return -ENOMEM;
        rs->items = items;
        rec = &items[rs->n];
        memset(rec, 0, sizeof(*rec));
        snprintf(rec->type, sizeof(rec->type), "%s", rn->type);
        rec->first = &set->files[idx[0]];
        /* Oldest first: the highest part number first, Part1 (the newest end) last. */
        for (unsigned p = 99; ; p--) {
                for (size_t k = 0; k < n && r == 0; k++) {
                        const struct pstore_file *f = &set->files[idx[k]];
                        struct pstore_name pn;

                        if (pstore_name_parse(f->name, &pn) < 0 || efi_part(pn.id) != p)
                                continue;
                        rec->first = f;
                        rec->id = pn.id;
                        if (pstore_name_is_efi(rn)) {
                                seen[p] = true;
                                highest = p > highest ? p : highest;
                        }
                        r = part_add(rec, f, strcmp(rn->type, "dmesg") == 0, problems);
                }
                if (p == 0 || r < 0)
                        break;
        }
        if (r == 0 && pstore_name_is_efi(rn))
                r = efi_gaps(rec->first->name, seen, highest, problems);
        if (r < 0 || !rec->text) {
                free(rec->text);
                return r;
        }
        rs->n++;
        return 0;
}

/*
 * Add to the EFI dump that @idx[0] starts the files of the same type,
 * backend and count, the closest in time first, each within EFI_DUMP_SPREAD
 * seconds of a part already in and with a part number not yet in.
 */
static int efi_dump_gather(const struct pstore_set *set, const struct pstore_name *rn, bool *done,
                           size_t *idx, size_t *n, struct strv *problems)
{
        bool parts[100] = { false };

        parts[efi_part(rn->id)] = true;
        for (;;) {
                unsigned long long best_d = EFI_DUMP_SPREAD + 1;
                struct pstore_name best_name, other;
                size_t best = set->n;
                int ok;

                for (size_t j = 0; j < set->n; j++) {
                        unsigned long long d = EFI_DUMP_SPREAD + 1;

                        if (done[j] || pstore_name_parse(set->files[j].name, &other) < 0 ||
                            strcmp(other.type, rn->type) != 0 || strcmp(other.backend, rn->backend) != 0 ||
                            other.compressed || other.id % 1000 != rn->id % 1000 || parts[efi_part(other.id)])
                                continue;
                        for (size_t k = 0; k < *n; k++) {
                                struct pstore_name member;

                                if (pstore_name_parse(set->files[idx[k]].name, &member) == 0 &&
                                    distance(efi_time(member.id), efi_time(other.id)) < d)
                                        d = distance(efi_time(member.id), efi_time(other.id));
                        }
                        if (d < best_d) {
                                best_d = d;
                                best = j;
                                best_name = other;
                        }
                }
                if (best == set->n)
                        return 0;
                done[best] = true;
                parts[efi_part(best_name.id)] = true;
                ok = usable(&set->files[best], &best_name, true, problems);
                if (ok < 0)
                        return ok;
                if (ok > 0)
                        idx[(*n)++] = best;
        }
}

/* Group the files of @set into records: an EFI dump's parts together, anything else alone. */
static int records_build(const struct pstore_set *set, struct records *rs, struct strv *problems)
{
        bool *done = calloc(set->n + 1, sizeof(*done));
        size_t *idx = calloc(set->n + 1, sizeof(*idx));
        int r = 0;

        if (!done || !idx) {
                free(done);
                free(idx);
                return -ENOMEM;
        }
        for (size_t i = 0; i < set->n && r == 0; i++) {
                struct pstore_name rn;
                bool named = pstore_name_parse(set->files[i].name, &rn) == 0;
                size_t n = 0;
                int ok;

                if (done[i])
                        continue;
                done[i] = true;
                ok = usable(&set->files[i], &rn, named, problems);
                if (ok <= 0) {
                        r = ok;
                        continue;
                }
                idx[n++] = i;
                if (pstore_name_is_efi(&rn))
                        r = efi_dump_gather(set, &rn, done, idx, &n, problems);
                if (r == 0)
                        r = record_build(rs, set, idx, n, &rn, problems);
        }
        free(done);
        free(idx);
        return r;
}

/* ---- summarising ------------------------------------------------------------ */

/* The text of a log line without its "<6>[    1.234567] " (and any "[T1]") in front. */
static const char *line_text(const char *s)
{
        const char *p = s;

        if (*p == '<') {
                const char *q = p + 1;

                while (*q >= '0' && *q <= '9')
                        q++;
                if (*q == '>' && q > p + 1)
                        p = q + 1;
        }
        while (*p == '[') {
                const char *q = strchr(p, ']');

                if (!q)
                        break;
                p = q + 1;
                while (*p == ' ')
                        p++;
        }
        return p;
}

static bool starts(const char *s, const char *prefix)
{
        return strncmp(s, prefix, strlen(prefix)) == 0;
}

/* How telling a line is: 1 a panic, 2 a BUG or a fault, 3 an oops, 4 a warning; 0 not. */
static int telling_rank(const char *t)
{
        if (starts(t, "Kernel panic - not syncing"))
                return 1;
        if (starts(t, "BUG: ") || starts(t, "kernel BUG at ") || starts(t, "general protection fault"))
                return 2;
        if (starts(t, "Oops: ") || starts(t, "Oops#"))
                return 3;
        if (starts(t, "WARNING: "))
                return 4;
        return 0;
}

/*
 * "RIP: 0010:ixgbe_clean_rx_irq+0x1a2/0x6d0 [ixgbe]" -> the function and
 * module; a user-space RIP (a bare address) is not one.
 */
static bool rip_parse(const char *t, char *out, size_t size)
{
        const char *p;

        if (!starts(t, "RIP: "))
                return false;
        p = t + 5;
        if (strlen(p) > 5 && p[4] == ':' && strspn(p, "0123456789abcdefABCDEF") == 4)
                p += 5;
        if (starts(p, "0x") || !strchr(p, '+'))
                return false;
        snprintf(out, size, "%s", p);
        return true;
}

/* "checkpoint=modules step=insert object=crashme" into @pb. */
static void trail_parse(const char *t, struct previous_boot *pb)
{
        const char *c = strstr(t, "checkpoint="), *s = strstr(t, "step="), *o = strstr(t, "object=");

        if (!c || !s || !o || o < s || s < c)
                return;
        c += strlen("checkpoint=");
        s += strlen("step=");
        o += strlen("object=");
        snprintf(pb->trail_checkpoint, sizeof(pb->trail_checkpoint), "%.*s", (int)strcspn(c, " "), c);
        snprintf(pb->trail_step, sizeof(pb->trail_step), "%.*s", (int)strcspn(s, " "), s);
        snprintf(pb->trail_object, sizeof(pb->trail_object), "%s", o);
}

struct findings {
        char telling[256];
        int rank;
        char rip[160];
        char last[256];
};

/* Walk the record's lines once: the most telling line, the first kernel RIP, the last trail step. */
static void record_read(const struct record *rec, struct previous_boot *pb, struct findings *f)
{
        const char *p = rec->text, *end = rec->text + rec->len;
        char line[512];

        while (p < end) {
                const char *nl = memchr(p, '\n', (size_t)(end - p));
                size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
                const char *t;
                int rank;

                snprintf(line, sizeof(line), "%.*s", (int)(n < sizeof(line) ? n : sizeof(line) - 1), p);
                p += n + 1;
                while (strlen(line) && (line[strlen(line) - 1] == ' ' || line[strlen(line) - 1] == '\r'))
                        line[strlen(line) - 1] = '\0';
                t = line_text(line);
                if (!*t)
                        continue;
                snprintf(f->last, sizeof(f->last), "%s", t);
                rank = telling_rank(t);
                if (rank && (!f->rank || rank < f->rank)) {
                        f->rank = rank;
                        snprintf(f->telling, sizeof(f->telling), "%s", t);
                }
                if (!f->rip[0])
                        rip_parse(t, f->rip, sizeof(f->rip));
                if (starts(t, TRAIL_PREFIX))
                        trail_parse(t + strlen(TRAIL_PREFIX), pb);
        }
}

/* "inserting module crashme": what rdcheck was doing at the last trail step. */
static void trail_words(const struct previous_boot *pb, char *buf, size_t size)
{
        const char *verb = strcmp(pb->ended, "panic") == 0 ? "panicked" : "oopsed";

        if (strcmp(pb->trail_step, "insert") == 0)
                snprintf(buf, size, "%s while rdcheck was inserting module %s (checkpoint %s)", verb,
                         pb->trail_object, pb->trail_checkpoint);
        else if (strcmp(pb->trail_step, "mount") == 0)
                snprintf(buf, size, "%s while rdcheck was mounting %s (checkpoint %s)", verb,
                         pb->trail_object, pb->trail_checkpoint);
        /* The exec went through: rdcheck was gone, the real init ran on. */
        else if (strcmp(pb->trail_step, "exec") == 0)
                snprintf(buf, size, "%s after rdcheck started the real init %s (checkpoint %s)", verb,
                         pb->trail_object, pb->trail_checkpoint);
        else
                snprintf(buf, size, "%s after rdcheck's step %s %s (checkpoint %s)", verb, pb->trail_step,
                         pb->trail_object, pb->trail_checkpoint);
}

static void detail_build(struct previous_boot *pb, const struct findings *f)
{
        char trail[320] = "", what[300];

        if (f->telling[0])
                snprintf(what, sizeof(what), "%s", f->telling);
        else if (f->last[0])
                snprintf(what, sizeof(what), "no panic or oops message; last line: %s", f->last);
        else
                snprintf(what, sizeof(what), "the record holds no log lines");
        if (pb->trail_step[0] && (strcmp(pb->ended, "panic") == 0 || strcmp(pb->ended, "oops") == 0))
                trail_words(pb, trail, sizeof(trail));
        snprintf(pb->detail, sizeof(pb->detail), "%s%s%s%s%s", trail, trail[0] ? "; " : "", what,
                 f->rip[0] ? "; RIP " : "", f->rip);
}

/* The newest dmesg record (by the time the kernel gave it, then id), or the newest of any type. */
static const struct record *newest(const struct records *rs)
{
        const struct record *best = NULL;

        for (size_t i = 0; i < rs->n; i++) {
                const struct record *r = &rs->items[i];
                bool dmesg = strcmp(r->type, "dmesg") == 0;

                if (best) {
                        bool best_dmesg = strcmp(best->type, "dmesg") == 0;

                        if (best_dmesg != dmesg) {
                                if (best_dmesg)
                                        continue;
                        } else if (r->time.tv_sec < best->time.tv_sec ||
                                   (r->time.tv_sec == best->time.tv_sec &&
                                    (r->time.tv_nsec < best->time.tv_nsec ||
                                     (r->time.tv_nsec == best->time.tv_nsec && r->id <= best->id)))) {
                                continue;
                        }
                }
                best = r;
        }
        return best;
}

static void ended_infer(struct previous_boot *pb, const struct findings *f)
{
        if (f->rank == 1)
                snprintf(pb->ended, sizeof(pb->ended), "panic");
        else if (f->rank == 2 || f->rank == 3)
                snprintf(pb->ended, sizeof(pb->ended), "oops");
}

int pstore_summarise(const struct pstore_set *set, struct previous_boot *pb, struct strv *problems)
{
        struct records rs = { 0 };
        struct findings f = { 0 };
        const struct record *rec;
        int r;

        pb->found = set->n > 0;
        r = records_build(set, &rs, problems);
        if (r < 0) {
                records_free(&rs);
                return r;
        }
        pb->records = (int)rs.n;
        rec = newest(&rs);
        if (!rec) {
                if (pb->found)
                        snprintf(pb->detail, sizeof(pb->detail), "%zu file%s in pstore, none readable", set->n,
                                 set->n == 1 ? "" : "s");
                records_free(&rs);
                return 0;
        }
        snprintf(pb->ended, sizeof(pb->ended), "%s", rec->reason);
        record_read(rec, pb, &f);
        if (!pb->ended[0])
                ended_infer(pb, &f);
        detail_build(pb, &f);
        free(pb->record);
        pb->record = rec->text;
        pb->record_len = rec->len;
        /* Handed over to @pb: not freed with the others. */
        rs.items[rec - rs.items].text = NULL;
        records_free(&rs);
        return 0;
}

size_t previous_boot_line(char *buf, size_t size, const struct previous_boot *pb)
{
        char value[1100];
        int n;

        status_value_quote(value, sizeof(value), pb->detail);
        n = snprintf(buf, size, "rdcheck: previous_boot ended=%s records=%d detail=%s",
                     pb->ended[0] ? pb->ended : "unknown", pb->records, value);
        if (n < 0)
                return 0;
        return (size_t)n < size ? (size_t)n : size - 1;
}

void previous_boot_free(struct previous_boot *pb)
{
        free(pb->record);
        pb->record = NULL;
        pb->record_len = 0;
}
