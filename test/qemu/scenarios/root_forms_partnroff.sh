# root=PARTUUID=<partition 1>/PARTNROFF=1 means partition 2 of the same disk.
BOOT_ARGS=(--disk "$(copy_of "$IMG_GPT")" root=PARTUUID=$PARTUUID_GPT_BOOT/PARTNROFF=1)
check() {
    expect_clean_exit
    expect_order \
        '^rdcheck: checkpoint=disks status=pass ms=[0-9]+ detail="root /dev/vda2 appeared \(virtio_blk\)"$' \
        '^ROOT-INIT-MARKER pid=1 '
}
