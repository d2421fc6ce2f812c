# modules fault: the disk driver is blacklisted on the command line although
# a disk needs it.
BOOT_ARGS=(--disk "$DISK" root=UUID=$ROOT_UUID rd.driver.blacklist=virtio_blk
           --send 'rdcheck (modules: fail)# ' 'poweroff')
check() {
    expect_clean_exit
    expect_order \
        '^rdcheck: checkpoint=modules status=fail ms=[0-9]+ detail="virtio block device: virtio_blk blacklisted by the command line"$' \
        '^rdcheck: rescue checkpoint=modules reason=fail$'
}
