# Two boots in one QEMU: the first boot's root init crashes the kernel
# (sysrq c), ramoops keeps the log in reserved RAM, panic=1 resets the guest
# with its RAM kept; the second boot names the panic in its previous_boot
# line, copies the record to /run, and (rd.pstore=keep) leaves it in pstore.
PANIC_EXPECTED=1
TIMEOUT=240
image_of --module virtio_pci --module virtio_blk --module ext4 --pstore
DISK=$(copy_of "$IMG_CRASH")
BOOT_ARGS=(--reboot --disk "$DISK" root=UUID=$UUID_CRASH panic=1
           'memmap=1M$0x10000000' ramoops.mem_address=0x10000000 ramoops.mem_size=0x100000
           ramoops.record_size=0x20000)
check() {
    expect_clean_exit
    # A happy first boot is quiet: one previous_boot line in all, the second boot's.
    expect_count 1 '^rdcheck: previous_boot '
    expect_order \
        '^CRASH-INIT-CRASH first boot' \
        'Kernel panic - not syncing: sysrq triggered crash' \
        '^rdcheck: previous_boot ended=panic records=1 detail="(.*; )?Kernel panic - not syncing: sysrq triggered crash"$' \
        '^rdcheck: checkpoint=drivers status=pass ' \
        '^CRASH-INIT-MARKER second boot'
    expect_line '^CRASH-INIT-REPORT +"ended": "panic",$'
    expect_line '^CRASH-INIT-REPORT +"saved_dir": "/run/rdcheck/pstore",$'
    expect_line '^CRASH-INIT-REPORT +"pstore_backend": "ramoops",$'
    # Saved in /run, and (keep) still in the backend for systemd-pstore.
    expect_line '^CRASH-INIT-SAVED /run/rdcheck/pstore/dmesg-ramoops-0 [1-9][0-9]*$'
    expect_line '^CRASH-INIT-PSTORE /sys/fs/pstore/dmesg-ramoops-0 [1-9][0-9]*$'
    expect_no_line '^CRASH-INIT-ARCHIVED '
}
