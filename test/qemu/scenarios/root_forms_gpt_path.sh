# root=/dev/vda2 on a GPT disk.
BOOT_ARGS=(--disk "$(copy_of "$IMG_GPT")" root=/dev/vda2)
check() {
    expect_clean_exit
    expect_order \
        '^rdcheck: checkpoint=disks status=pass ms=[0-9]+ detail="root /dev/vda2 appeared \(virtio_blk\)"$' \
        "^rdcheck: checkpoint=filesystems status=pass ms=[0-9]+ detail=\"/dev/vda2 ext4 UUID=$UUID_GPT_ROOT " \
        '^ROOT-INIT-MARKER pid=1 '
}
