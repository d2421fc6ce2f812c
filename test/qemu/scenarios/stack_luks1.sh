# LUKS1, named by rd.luks.uuid= (dracut's luks- prefix), root=/dev/mapper/luks-UUID.
stack_image --luks
TIMEOUT=150
BOOT_ARGS=(--disk "$(copy_of "$STACK_LUKS1_IMG")"
           rd.luks.uuid=luks-$STACK_LUKS1_LUKSUUID root=/dev/mapper/luks-$STACK_LUKS1_LUKSUUID
           --send 'Passphrase for /dev/vda ' "$STACK_PASSPHRASE")
check() {
    expect_clean_exit
    expect_order \
        '^rdcheck: checkpoint=disks status=pass ms=[0-9]+ detail="root /dev/mapper/luks-'"$STACK_LUKS1_LUKSUUID"' appeared \(LUKS1 luks-'"$STACK_LUKS1_LUKSUUID"' on /dev/vda, virtio_blk\)"$' \
        '^ROOT-INIT-MARKER pid=1 argv0=/sbin/init '
    expect_secret_kept
}
