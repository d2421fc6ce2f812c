# root=LABEL= finds the filesystem by its label.
BOOT_ARGS=(--disk "$(copy_of "$IMG_GPT")" root=LABEL=$LABEL_GPT_ROOT)
check() {
    expect_clean_exit
    expect_order \
        '^rdcheck: checkpoint=disks status=pass ms=[0-9]+ detail="root /dev/vda2 appeared \(virtio_blk\)"$' \
        '^ROOT-INIT-MARKER pid=1 '
}
