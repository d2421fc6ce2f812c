# Happy path: an xfs root, its module loaded through the fs-xfs alias.
INITRD=$OUT/rdcheck-full.img
BOOT_ARGS=(--disk "$(copy_of "$IMG_XFS")" root=UUID=$UUID_XFS)
check() {
    expect_clean_exit
    expect_order \
        "^rdcheck: checkpoint=filesystems status=pass ms=[0-9]+ detail=\"/dev/vda xfs UUID=$UUID_XFS LABEL=$LABEL_XFS\"\$" \
        '^rdcheck: checkpoint=mounts status=pass ms=[0-9]+ detail="/dev/vda on /sysroot \(xfs, ro\), init /sbin/init"$' \
        '^ROOT-INIT-MARKER pid=1 '
}
