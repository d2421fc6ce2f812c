# root=MAJ:MIN: virtio_blk's dynamic major is 254 on this kernel; partition 2 is minor 2.
BOOT_ARGS=(--disk "$(copy_of "$IMG_GPT")" root=254:2)
check() {
    expect_clean_exit
    expect_order \
        '^rdcheck: checkpoint=disks status=pass ms=[0-9]+ detail="root /dev/vda2 appeared \(virtio_blk\)"$' \
        '^ROOT-INIT-MARKER pid=1 '
}
