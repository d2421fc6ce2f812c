/* SPDX-License-Identifier: MIT */
#pragma once

#include <stdbool.h>

/* Whether @given is the password behind the crypt(3) @hash; compared in constant time. */
bool password_check(const char *given, const char *hash);
