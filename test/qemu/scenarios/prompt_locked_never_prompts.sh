# A locked image: rd.checkpoint=disks is ignored with a line saying so, and
# the boot goes on to the real init without a prompt.
image_of --module virtio_pci --module virtio_blk --module ext4 --rescue locked
BOOT_ARGS=(--disk "$DISK" root=UUID=$ROOT_UUID rd.checkpoint=disks)
check() {
    expect_clean_exit
    expect_order \
        '^rdcheck: checkpoint=disks status=pass ' \
        '^rdcheck: rescue checkpoint=disks reason=requested policy=locked action=continue$' \
        '^rdcheck: switch_root init=/sbin/init ' \
        '^ROOT-INIT-MARKER pid=1 '
    expect_no_line 'rdcheck \('
}
