# A capture image (rdcheck-mkimage --kdump) booted by an ordinary kernel: no
# /proc/vmcore, so it says so once and boots the root as any image would.
image_of --kdump --module virtio_pci --module virtio_blk --module ext4
BOOT_ARGS=(--disk "$DISK" root=UUID=$ROOT_UUID)
check() {
    expect_clean_exit
    expect_order \
        '^rdcheck: kdump capture image without /proc/vmcore: this is not a capture kernel; booting as an ordinary initramfs$' \
        '^rdcheck: checkpoint=mounts status=pass ' \
        '^rdcheck: checkpoint=switch_root status=pass ' \
        '^ROOT-INIT-MARKER pid=1 argv0=/sbin/init '
    expect_no_line '^rdcheck: kdump capture vmcore_size='
    expect_no_line 'checkpoint=(dmesg|dump) '
}
