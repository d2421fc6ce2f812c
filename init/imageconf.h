/* SPDX-License-Identifier: MIT */
#pragma once

#include <stdbool.h>
#include <stddef.h>

#include "cmdline.h"

/* Settings rdcheck-mkimage bakes into the image, in /etc/rdcheck.conf. */
#define IMAGECONF_PATH "/etc/rdcheck.conf"

enum rescue_policy {
        RESCUE_OPEN,            /* anyone at the console gets the prompt */
        RESCUE_PASSWORD,        /* after the password whose hash is in the image */
        RESCUE_LOCKED,          /* never a prompt: failures take the onfail action */
};

struct imageconf {
        enum rescue_policy rescue;
        char password_hash[256];        /* crypt(3) SHA-512: "$6$salt$hash" */
        bool has_onfail;
        enum onfail onfail;             /* the default, before the command line */
        char cmdline[CMDLINE_MAX_VALUE]; /* default words; the real command line wins */
        bool kdump;                     /* built as a kdump capture image (rdcheck-mkimage --kdump) */
};

/*
 * Parse the file's text: "key=value" lines, '#' comments, keys rescue,
 * password_hash, onfail, cmdline, kdump (yes|no).  Anything wrong is named in @why (one
 * line per problem) and the policy fails closed: a rescue= that is not
 * understood, or "password" without a usable hash, gives RESCUE_LOCKED, since
 * a broken file must not open a prompt the image meant to keep shut.
 * Returns 0, or -EINVAL when something was wrong.
 */
int imageconf_parse(const char *text, struct imageconf *ic, char *why, size_t size);

const char *rescue_policy_name(enum rescue_policy p);

/* Whether @hash looks like a crypt(3) SHA-512 hash: "$6$[rounds=N$]SALT$HASH". */
bool password_hash_valid(const char *hash);
