# filesystems fault: root= points at an LVM physical volume.
BOOT_ARGS=(--disk "$(copy_of "$IMG_LVM")" root=/dev/vda
           --send 'rdcheck (filesystems: fail)# ' 'poweroff')
check() {
    expect_clean_exit
    expect_order \
        '^rdcheck: checkpoint=filesystems status=fail ms=[0-9]+ detail="/dev/vda is LVM2_member \(raid\), not a filesystem"$' \
        '^rdcheck: rescue checkpoint=filesystems reason=fail$'
}
