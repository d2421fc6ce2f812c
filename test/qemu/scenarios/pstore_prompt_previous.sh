# The prompt's "previous" shows the record the last boot left, paged for an
# 80x24 terminal: both boots pause at drivers (a paused prompt goes on by
# itself after rd.checkpoint.prompt_timeout=); on the second, "previous"
# prints the previous_boot line and the first 23 lines of the log, and q
# stops the pager.
PANIC_EXPECTED=1
TIMEOUT=300
image_of --module virtio_pci --module virtio_blk --module ext4 --pstore
DISK=$(copy_of "$IMG_CRASH")
BOOT_ARGS=(--reboot --disk "$DISK" root=UUID=$UUID_CRASH panic=1
           rd.checkpoint=drivers rd.checkpoint.prompt_timeout=8
           'memmap=1M$0x10000000' ramoops.mem_address=0x10000000 ramoops.mem_size=0x100000
           ramoops.record_size=0x20000
           --send 'rdcheck: previous_boot ended=panic' 'previous'
           --send '--More--' 'q')
check() {
    expect_clean_exit
    expect_order \
        '^CRASH-INIT-CRASH first boot' \
        '^rdcheck: previous_boot ended=panic records=1 ' \
        '^rdcheck: previous_boot ended=panic records=1 ' \
        '^<5>\[ *0\.000000\] Linux version ' \
        '--More-- \(q quits' \
        '^rdcheck: rescue checkpoint=drivers prompt_timeout=8 action=continue$' \
        '^CRASH-INIT-MARKER second boot'
    # q stopped it after the first screen: one --More--.
    expect_count 1 '--More--'
}
