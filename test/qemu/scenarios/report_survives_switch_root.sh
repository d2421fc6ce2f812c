# The boot report is in /run/rdcheck/report.json for the real init, with
# every checkpoint's verdict.
BOOT_ARGS=(--disk "$DISK" root=UUID=$ROOT_UUID)
check() {
    expect_clean_exit
    expect_line '^ROOT-INIT-REPORT   "schema": "rdcheck-report/1",$'
    expect_line "^ROOT-INIT-REPORT     \"root\": \"UUID=$ROOT_UUID\",\$"
    expect_count 7 '^ROOT-INIT-REPORT       "ran": true,$'
    expect_count 7 '^ROOT-INIT-REPORT       "status": "(pass|warn)",$'
    expect_line '^ROOT-INIT-REPORT     "device": "/dev/vda",$'
    expect_line '^ROOT-INIT-REPORT     "peak_rss_kib": [0-9]+$'
}
