# MD RAID1 (metadata 1.2) assembled from its two members.
stack_image --mdraid
BOOT_ARGS=(--disk "$(copy_of "$STACK_RAID1_IMG_A")" --disk "$(copy_of "$STACK_RAID1_IMG_B")"
           root=/dev/md/rdraid)
check() {
    expect_clean_exit
    expect_order \
        '^rdcheck: checkpoint=disks status=pass ms=[0-9]+ detail="root /dev/md127 appeared \(RAID1 md127 on /dev/vd[ab]\+/dev/vd[ab], virtio_blk\)"$' \
        '^ROOT-INIT-MARKER pid=1 argv0=/sbin/init '
    expect_no_line 'status=warn.*RAID'
}
