# rd.pstore=erase with the root mounted read-only: rdcheck does not make it
# writable, says archiving waits, and erases nothing: the record stays in
# the backend (and in /run).  (Two boots, as in pstore_previous_panic.)
PANIC_EXPECTED=1
TIMEOUT=240
image_of --module virtio_pci --module virtio_blk --module ext4 --pstore
DISK=$(copy_of "$IMG_CRASH")
before=$(sha256sum <"$DISK")
BOOT_ARGS=(--reboot --disk "$DISK" root=UUID=$UUID_CRASH rd.pstore=erase panic=1
           'memmap=1M$0x10000000' ramoops.mem_address=0x10000000 ramoops.mem_size=0x100000
           ramoops.record_size=0x20000)
check() {
    expect_clean_exit
    expect_order \
        '^rdcheck: previous_boot ended=panic records=1 ' \
        '^rdcheck: rd.pstore=erase: the root is mounted read-only; archiving waits for a writable root \(records left in pstore\)$' \
        '^CRASH-INIT-MARKER second boot'
    expect_line '^CRASH-INIT-PSTORE /sys/fs/pstore/dmesg-ramoops-0 [1-9][0-9]*$'
    expect_no_line '^CRASH-INIT-ARCHIVED '
    [[ $(sha256sum <"$DISK") == "$before" ]] || fail "the read-only root changed"
}
