/* SPDX-License-Identifier: MIT */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "cmdline.h"

#define PSTORE_DIR "/sys/fs/pstore"
/* The copy made at every boot that finds records (systemd-pstore's layout). */
#define PSTORE_SAVE_DIR "/run/rdcheck/pstore"
/* rd.pstore=archive|erase: inside the root, once it is mounted writable. */
#define PSTORE_ARCHIVE_DIR "/var/lib/rdcheck/pstore"

/* Whether the next crash will leave evidence: information, never a warn. */
struct crash_readiness {
        char pstore_backend[32];        /* /sys/module/pstore/parameters/backend; "" none */
        long long crash_bytes;          /* /sys/kernel/kexec_crash_size; -1 unknown */
        int capture_loaded;             /* /sys/kernel/kexec_crash_loaded: 1, 0, -1 unknown */
};

/*
 * What the previous boot left in pstore, as PID 1 read it before the drivers
 * checkpoint.  Filled by the pstore reader (pstore.c); read by the report,
 * the prompt and the modules checkpoint (a panic the trail pins on a module).
 */
struct previous_boot {
        bool found;             /* pstore held at least one record */
        int records;            /* records rebuilt (an EFI record's parts count once) */
        char ended[16];         /* panic, oops, emergency, shutdown, ... ("" if unknown) */
        char detail[512];       /* the status line's detail="..." text */
        char saved_dir[256];    /* where the records were copied, "" if not */
        /* The last rdcheck-trail line in the newest record; "" when none. */
        char trail_checkpoint[16];      /* modules */
        char trail_step[16];            /* insert, mount, exec */
        char trail_object[128];         /* crashme, /dev/vda1 on /sysroot, /sbin/init */
        char archived_dir[256];         /* rd.pstore=archive|erase: the copy on the root, "" if none */
        char *record;                   /* the newest record rebuilt (malloc'd), NULL if none */
        size_t record_len;
        struct crash_readiness ready;
};

/* A file name as fs/pstore/inode.c writes it: TYPE-BACKEND-ID[.enc.z]. */
struct pstore_name {
        char type[16];          /* dmesg, console, pmsg, ... */
        char backend[32];       /* ramoops, efi, efi_pstore, erst, ... */
        unsigned long long id;
        bool compressed;        /* .enc.z: the kernel could not decompress it */
};

/* Split @name into @rn.  Returns 0, or -EINVAL for a name of another form. */
int pstore_name_parse(const char *name, struct pstore_name *rn);
/* The EFI backend, which keeps a dump in parts numbered (time * 100 + part) * 1000 + count. */
bool pstore_name_is_efi(const struct pstore_name *rn);

/* One file of a pstore directory, read whole. */
struct pstore_file {
        char name[256];
        char *data;             /* NULL when it could not be read */
        size_t size;
        struct timespec mtime;  /* the kernel sets it to the record's time */
        int error;              /* -errno from reading, or 0 */
};

struct pstore_set {
        struct pstore_file *files;
        size_t n;
};

/*
 * Read every file of @dir (/sys/fs/pstore) into @set, sorted by name; a
 * file that cannot be read is kept with its error.  Returns the number of
 * files, or -errno when @dir itself cannot be read.
 */
int pstore_scan(const char *dir, struct pstore_set *set);

/* Add one file as if read from a directory (tests, fuzzing).  Returns 0 or -ENOMEM. */
int pstore_set_add(struct pstore_set *set, const char *name, const char *data, size_t size,
                   time_t mtime, int error);
void pstore_set_free(struct pstore_set *set);

/*
 * Rebuild the records of @set (an EFI dump's parts joined oldest first,
 * their "Panic#1 Part1" header lines removed) and summarise the newest
 * dmesg record into @pb: the reason, the kernel's most telling line, the
 * faulting function, and the last rdcheck-trail step.  A file that cannot
 * be used gets one line in @problems naming it and what is wrong.
 * Returns 0 or -ENOMEM.
 */
int pstore_summarise(const struct pstore_set *set, struct previous_boot *pb, struct strv *problems);

/* "rdcheck: previous_boot ended=panic records=1 detail=\"...\"", no newline. */
size_t previous_boot_line(char *buf, size_t size, const struct previous_boot *pb);

/*
 * Where systemd-pstore keeps the file @name under its archive directory:
 * an EFI part "dmesg-efi-ID" goes to "TIME/COUNT/dmesg-efi-ID" (the ID
 * holds time*100000 + part*1000 + count), anything else stays at the top.
 * Returns 0 or -ENAMETOOLONG.
 */
int pstore_layout_path(const char *name, char *out, size_t size);

/*
 * Copy every readable file of @set under @dir in that layout, each EFI
 * dump's parts also joined in TIME/COUNT/dmesg.txt, every file and
 * directory fsynced.  Returns 0, or -errno with @why naming the file.
 */
int pstore_save(const struct pstore_set *set, const char *dir, char *why, size_t size);

/*
 * Delete from @src (the backend's directory) each file of @set whose copy
 * under @dir holds the same bytes; one line in @problems for each one kept.
 * Returns the number deleted.
 */
int pstore_erase_saved(const char *src, const struct pstore_set *set, const char *dir,
                       struct strv *problems);

void previous_boot_free(struct previous_boot *pb);
