# filesystems fault: root= points at an LVM physical volume.
BOOT_ARGS=(--disk "$(copy_of "$IMG_LVM")" root=/dev/vda
           --send 'rdcheck (filesystems: fail)# ' 'poweroff')
check() {
    [[ $qemu_status -eq 0 ]] || fail "qemu exited with $qemu_status (124: timed out)"
    expect_order \
        '^rdcheck: checkpoint=filesystems status=fail ms=[0-9]+ detail="/dev/vda is LVM2_member \(raid\), not a filesystem"$' \
        '^rdcheck: rescue checkpoint=filesystems reason=fail$'
}
