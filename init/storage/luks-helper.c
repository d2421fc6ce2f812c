/* SPDX-License-Identifier: MIT */
/*
 * rdcheck-luks: the one program of an image that links libcryptsetup.  PID 1
 * runs it as a child for each LUKS container, so that images of plain roots
 * do not carry (or page in) a library the size of the whole init.  The
 * passphrase comes on stdin, from PID 1, which asked for it on every
 * console; it is never an argument, never printed.
 *
 *   rdcheck-luks check DEVICE               is DEVICE a LUKS container we can read?
 *   rdcheck-luks open DEVICE NAME [discard] open it as /dev/mapper/NAME
 *
 * Exit status: 0 done; 2 wrong passphrase; 3 no readable LUKS header on
 * DEVICE (damaged or absent); 1 any other failure; 64 bad arguments.  One
 * line on stdout says what was found or what went wrong.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libcryptsetup.h>

#define EXIT_WRONG_PASSPHRASE   2
#define EXIT_NO_HEADER          3
#define EXIT_USAGE              64
#define PASSPHRASE_MAX          512     /* cryptsetup's own default limit */

/* libcryptsetup's errors, kept to be printed with our own line. */
static char lib_error[512];

static void log_cb(int level, const char *msg, void *usrptr)
{
        size_t len;

        if (level != CRYPT_LOG_ERROR)
                return;
        snprintf(lib_error, sizeof(lib_error), "%s", msg);
        len = strlen(lib_error);
        while (len && lib_error[len - 1] == '\n')
                lib_error[--len] = '\0';
}

static int header_load(const char *dev, struct crypt_device **cd)
{
        int r;

        r = crypt_init(cd, dev);
        if (r < 0) {
                printf("%s: cannot open: %s\n", dev, strerror(-r));
                return EXIT_FAILURE;
        }
        crypt_set_log_callback(*cd, log_cb, NULL);
        r = crypt_load(*cd, CRYPT_LUKS, NULL);
        if (r < 0) {
                printf("%s: no readable LUKS header: %s%s%s\n", dev, strerror(-r),
                       lib_error[0] ? ": " : "", lib_error);
                crypt_free(*cd);
                return EXIT_NO_HEADER;
        }
        return 0;
}

static int luks_check(const char *dev)
{
        struct crypt_device *cd;
        int r;

        r = header_load(dev, &cd);
        if (r)
                return r;
        printf("%s: %s uuid=%s cipher=%s-%s\n", dev, crypt_get_type(cd), crypt_get_uuid(cd),
               crypt_get_cipher(cd), crypt_get_cipher_mode(cd));
        crypt_free(cd);
        return 0;
}

/* The passphrase as typed: one line, without its line end. */
static ssize_t passphrase_read(char *buf, size_t size)
{
        size_t len = 0;
        ssize_t n;

        while (len < size && (n = read(0, buf + len, size - len)) != 0) {
                if (n < 0) {
                        if (errno == EINTR)
                                continue;
                        return -errno;
                }
                len += (size_t)n;
        }
        if (len == size)
                return -E2BIG;
        while (len && (buf[len - 1] == '\n' || buf[len - 1] == '\r'))
                len--;
        return (ssize_t)len;
}

static int luks_open(const char *dev, const char *name, unsigned flags)
{
        char pass[PASSPHRASE_MAX + 1];
        struct crypt_device *cd;
        ssize_t len;
        int r;

        len = passphrase_read(pass, sizeof(pass));
        if (len < 0) {
                printf("%s: reading the passphrase: %s\n", dev, strerror((int)-len));
                return EXIT_FAILURE;
        }
        r = header_load(dev, &cd);
        if (r) {
                explicit_bzero(pass, sizeof(pass));
                return r;
        }
        r = crypt_activate_by_passphrase(cd, name, CRYPT_ANY_SLOT, pass, (size_t)len, flags);
        explicit_bzero(pass, sizeof(pass));
        if (r == -EEXIST && crypt_status(cd, name) == CRYPT_ACTIVE)
                r = 0;
        if (r >= 0)
                printf("%s: opened as /dev/mapper/%s (%s, key slot %d)\n", dev, name,
                       crypt_get_type(cd), r);
        else if (r == -EPERM)
                printf("%s: no key slot opens with that passphrase\n", dev);
        else
                printf("%s: cannot open as %s: %s%s%s\n", dev, name, strerror(-r),
                       lib_error[0] ? ": " : "", lib_error);
        crypt_free(cd);
        if (r == -EPERM)
                return EXIT_WRONG_PASSPHRASE;
        return r < 0 ? EXIT_FAILURE : 0;
}

int main(int argc, char **argv)
{
        /* Messages from before a device is open (crypt_init) come through here. */
        crypt_set_log_callback(NULL, log_cb, NULL);
        if (argc == 3 && strcmp(argv[1], "check") == 0)
                return luks_check(argv[2]);
        if ((argc == 4 || argc == 5) && strcmp(argv[1], "open") == 0) {
                unsigned flags = 0;

                if (argc == 5) {
                        if (strcmp(argv[4], "discard") != 0) {
                                printf("rdcheck-luks: unknown option '%s' (known: discard)\n", argv[4]);
                                return EXIT_USAGE;
                        }
                        flags |= CRYPT_ACTIVATE_ALLOW_DISCARDS;
                }
                return luks_open(argv[2], argv[3], flags);
        }
        printf("usage: rdcheck-luks check DEVICE | open DEVICE NAME [discard]\n");
        return EXIT_USAGE;
}
