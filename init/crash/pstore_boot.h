/* SPDX-License-Identifier: MIT */
#pragma once

#include "engine.h"

/*
 * Before the drivers checkpoint: load the pstore backend the machine can
 * use (ramoops when the command line configures it, efi_pstore on EFI),
 * mount pstore, and when it holds records, print the one previous_boot
 * line and copy them to PSTORE_SAVE_DIR.  A boot without records says
 * nothing.
 */
void pstore_boot_read(struct boot *boot);

/*
 * rd.pstore=archive|erase, with the root mounted: copy the records to
 * PSTORE_ARCHIVE_DIR on it if it is writable, and under erase delete from
 * the backend what the copy holds.  A read-only root is never made writable.
 */
void pstore_boot_archive(struct boot *boot);
