# rd.pstore=erase on a root mounted rw: the record is archived under
# /var/lib/rdcheck/pstore on the root, synced, and only then deleted from
# the backend.  (Two boots, as in pstore_previous_panic.)
PANIC_EXPECTED=1
TIMEOUT=240
image_of --module virtio_pci --module virtio_blk --module ext4 --pstore
DISK=$(copy_of "$IMG_CRASH")
BOOT_ARGS=(--reboot --disk "$DISK" root=UUID=$UUID_CRASH rw rd.pstore=erase panic=1
           'memmap=1M$0x10000000' ramoops.mem_address=0x10000000 ramoops.mem_size=0x100000
           ramoops.record_size=0x20000)
check() {
    expect_clean_exit
    expect_order \
        '^CRASH-INIT-CRASH first boot' \
        '^rdcheck: previous_boot ended=panic records=1 ' \
        '^rdcheck: rd.pstore=erase: 1 files archived to /var/lib/rdcheck/pstore/[0-9]{8}-[0-9]{6}, 1 erased from pstore$' \
        '^CRASH-INIT-MARKER second boot'
    expect_line '^CRASH-INIT-ARCHIVED /var/lib/rdcheck/pstore/[0-9]{8}-[0-9]{6}/dmesg-ramoops-0 [1-9][0-9]*$'
    expect_line '^CRASH-INIT-REPORT +"archived_dir": "/var/lib/rdcheck/pstore/[0-9]{8}-[0-9]{6}"'
    expect_no_line '^CRASH-INIT-PSTORE /sys/fs/pstore/dmesg-ramoops-0'
}
