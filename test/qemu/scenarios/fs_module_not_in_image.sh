# filesystems fault: an xfs root, and an image without the xfs module.
BOOT_ARGS=(--disk "$(copy_of "$IMG_XFS")" root=UUID=$UUID_XFS
           --send 'rdcheck (filesystems: fail)# ' 'poweroff')
check() {
    expect_clean_exit
    expect_order \
        '^rdcheck: checkpoint=filesystems status=fail ms=[0-9]+ detail="/dev/vda is xfs, but the kernel does not support xfs and the image has no module for it"$' \
        '^rdcheck: rescue checkpoint=filesystems reason=fail$'
}
