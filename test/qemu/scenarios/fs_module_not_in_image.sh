# filesystems fault: an xfs root, and an image without the xfs module.
BOOT_ARGS=(--disk "$(copy_of "$IMG_XFS")" root=UUID=$UUID_XFS
           --send 'rdcheck (filesystems: fail)# ' 'poweroff')
check() {
    [[ $qemu_status -eq 0 ]] || fail "qemu exited with $qemu_status (124: timed out)"
    expect_order \
        '^rdcheck: checkpoint=filesystems status=fail ms=[0-9]+ detail="/dev/vda is xfs, but the kernel does not support xfs and the image has no module for it"$' \
        '^rdcheck: rescue checkpoint=filesystems reason=fail$'
}
