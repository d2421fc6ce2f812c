# filesystems fault: root= names a disk whose superblock is zeroed: no
# filesystem signature, and the detail says so.
dd if=/dev/zero of="$DISK" bs=1M count=2 conv=notrunc status=none
BOOT_ARGS=(--disk "$DISK" root=/dev/vda --send 'rdcheck (filesystems: fail)# ' 'poweroff')
check() {
    expect_clean_exit
    expect_order \
        '^rdcheck: checkpoint=disks status=pass ' \
        '^rdcheck: checkpoint=filesystems status=fail ms=[0-9]+ detail="no filesystem signature on /dev/vda"$' \
        '^rdcheck: rescue checkpoint=filesystems reason=fail$'
}
