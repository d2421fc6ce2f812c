# filesystems fault: root= points at a LUKS container, not a filesystem.
BOOT_ARGS=(--disk "$(copy_of "$IMG_LUKS")" root=UUID=$UUID_LUKS
           --send 'rdcheck (filesystems: fail)# ' 'poweroff')
check() {
    expect_clean_exit
    expect_order \
        '^rdcheck: checkpoint=filesystems status=fail ms=[0-9]+ detail="/dev/vda is crypto_LUKS \(crypto\), not a filesystem"$' \
        '^rdcheck: rescue checkpoint=filesystems reason=fail$'
}
