# The boot report is in /run/rdcheck/report.json for the real init, with
# every checkpoint's verdict, the block devices with their tags, the mounts,
# and the time from kernel start to the exec of the real init.
BOOT_ARGS=(--disk "$DISK" root=UUID=$ROOT_UUID)
check() {
    expect_clean_exit
    expect_line '^ROOT-INIT-REPORT   "schema": "rdcheck-report/1",$'
    expect_line "^ROOT-INIT-REPORT     \"root\": \"UUID=$ROOT_UUID\",\$"
    expect_count 7 '^ROOT-INIT-REPORT       "ran": true,$'
    expect_count 7 '^ROOT-INIT-REPORT       "status": "(pass|warn)",$'
    expect_line '^ROOT-INIT-REPORT     "device": "/dev/vda",$'
    expect_line '^ROOT-INIT-REPORT     "peak_rss_kib": [0-9]+$'
    expect_line '^ROOT-INIT-REPORT       "name": "vda",$'
    expect_line '^ROOT-INIT-REPORT       "driver": "virtio_blk",$'
    expect_line "^ROOT-INIT-REPORT       \"uuid\": \"$ROOT_UUID\",\$"
    expect_line '^ROOT-INIT-REPORT       "target": "/sysroot",$'
    expect_line '^ROOT-INIT-REPORT       "options": "ro,relatime"$'
    # The lean image leaves out ata_piix for the VM's IDE controller.
    expect_line '^ROOT-INIT-REPORT       "PCI IDE controller 8086:7010 \(0000:00:01.1\) needs ata_piix, not in the image"$'
    # No pstore backend, no records: a quiet boot, and the sections say so.
    expect_no_line '^rdcheck: previous_boot '
    expect_line '^ROOT-INIT-REPORT   "previous_boot": null,$'
    expect_line '^ROOT-INIT-REPORT     "pstore_backend": null,$'
    expect_line '^ROOT-INIT-REPORT     "crashkernel_bytes": 0,$'
    expect_line '^ROOT-INIT-REPORT     "capture_kernel_loaded": false$'
    # Written again just before the exec of the real init, with the time it happened.
    expect_line '^ROOT-INIT-REPORT     "init_start_ms": [0-9]+,$'
    expect_line '^ROOT-INIT-REPORT     "switch_root_ms": [0-9]+$'
}
