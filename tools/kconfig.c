/* SPDX-License-Identifier: MIT */
/* Reading a kernel's build config, for what it can do at boot. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kconfig.h"

int kconfig_find(const char *given, const char *kver, const char *moddir, char *path, size_t size)
{
        static const char *const suffixes[] = { "/usr/lib/modules/", "/lib/modules/" };
        char real[PATH_MAX];

        if (given) {
                snprintf(path, size, "%s", given);
                return 0;
        }
        snprintf(path, size, "/boot/config-%s", kver);
        if (access(path, R_OK) == 0)
                return 0;
        if (!realpath(moddir, real))
                return -ENOENT;
        for (size_t i = 0; i < sizeof(suffixes) / sizeof(suffixes[0]); i++) {
                char *at = strstr(real, suffixes[i]);

                if (!at)
                        continue;
                *at = '\0';
                snprintf(path, size, "%s/boot/config-%s", real, kver);
                if (access(path, R_OK) == 0)
                        return 0;
        }
        return -ENOENT;
}

int kconfig_enabled(const char *path, const char *option)
{
        char *line = NULL, unset[128];
        size_t cap = 0, len = strlen(option);
        int found = 0;
        FILE *f = fopen(path, "re");

        if (!f)
                return -errno;
        snprintf(unset, sizeof(unset), "# %s is not set", option);
        while (!found && getline(&line, &cap, f) > 0) {
                line[strcspn(line, "\n")] = '\0';
                if (!strncmp(line, option, len) && line[len] == '=')
                        found = line[len + 1] == 'y' ? 1 : -1;
                else if (!strcmp(line, unset))
                        found = -1;
        }
        free(line);
        fclose(f);
        return found;
}
