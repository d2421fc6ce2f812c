# Smoke 1: root=UUID= on a virtio-blk ext4 disk boots through all seven
# checkpoints to the root's own init, with an image that has a driver for
# every controller of the VM.
INITRD=$OUT/rdcheck-full.img
BOOT_ARGS=(--disk "$DISK" root=UUID=$ROOT_UUID)
check() {
    expect_clean_exit
    expect_order \
        '^rdcheck: checkpoint=drivers status=pass ms=[0-9]+ detail=' \
        '^rdcheck: checkpoint=modules status=pass ms=[0-9]+ detail=.*virtio_blk' \
        '^rdcheck: checkpoint=disks status=pass ms=[0-9]+ detail="root /dev/vda appeared \(virtio_blk\)"$' \
        '^rdcheck: checkpoint=filesystems status=pass ms=[0-9]+ detail=.*ext4' \
        '^rdcheck: checkpoint=mounts status=pass ms=[0-9]+ detail=.*init /sbin/init' \
        '^rdcheck: checkpoint=env status=pass ' \
        '^rdcheck: checkpoint=switch_root status=pass ' \
        '^rdcheck: switch_root init=/sbin/init total_ms=[0-9]+$' \
        '^ROOT-INIT-MARKER pid=1 argv0=/sbin/init '
    expect_count 7 '^rdcheck: checkpoint='
    expect_no_line '^rdcheck: rescue'
}
