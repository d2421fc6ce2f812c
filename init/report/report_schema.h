/* SPDX-License-Identifier: MIT */
#pragma once

/*
 * Where the boot report is and which schema it follows: shared by the
 * writer (report.h, with our JSON writer) and the reader (report_read.h,
 * with json-c), whose headers cannot meet in one file.
 */

/* switch_root carries /run over to the real system. */
#define REPORT_PATH "/run/rdcheck/report.json"

#define REPORT_SCHEMA "rdcheck-report/1"
