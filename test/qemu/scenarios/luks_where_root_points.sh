# filesystems fault: root= points at a LUKS container, not a filesystem.
BOOT_ARGS=(--disk "$(copy_of "$IMG_LUKS")" root=UUID=$UUID_LUKS
           --send 'rdcheck (filesystems: fail)# ' 'poweroff')
check() {
    [[ $qemu_status -eq 0 ]] || fail "qemu exited with $qemu_status (124: timed out)"
    expect_order \
        '^rdcheck: checkpoint=filesystems status=fail ms=[0-9]+ detail="/dev/vda is crypto_LUKS \(crypto\), not a filesystem"$' \
        '^rdcheck: rescue checkpoint=filesystems reason=fail$'
}
