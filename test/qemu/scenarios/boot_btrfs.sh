# Happy path: a btrfs root.
INITRD=$OUT/rdcheck-full.img
BOOT_ARGS=(--disk "$(copy_of "$IMG_BTRFS")" root=LABEL=$LABEL_BTRFS)
check() {
    expect_clean_exit
    expect_order \
        "^rdcheck: checkpoint=filesystems status=pass ms=[0-9]+ detail=\"/dev/vda btrfs UUID=$UUID_BTRFS LABEL=$LABEL_BTRFS\"\$" \
        '^rdcheck: checkpoint=mounts status=pass ms=[0-9]+ detail="/dev/vda on /sysroot \(btrfs, ro\), init /sbin/init"$' \
        '^ROOT-INIT-MARKER pid=1 '
}
