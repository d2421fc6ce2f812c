# LUKS2 (argon2id) holding root directly, root=UUID= of the filesystem
# inside: the passphrase is asked for, typed over the serial line with no
# echo, and never shows up in the console, the kernel log or the report.
stack_image --luks
TIMEOUT=150
BOOT_ARGS=(--disk "$(copy_of "$STACK_LUKS2_ARGON2ID_IMG")" root=UUID=$STACK_LUKS2_ARGON2ID_UUID
           --send 'Passphrase for /dev/vda ' "$STACK_PASSPHRASE")
check() {
    expect_clean_exit
    expect_order \
        '^Passphrase for /dev/vda \(luks-'"$STACK_LUKS2_ARGON2ID_LUKSUUID"'\): ' \
        '^rdcheck: checkpoint=disks status=pass ms=[0-9]+ detail="root /dev/mapper/luks-'"$STACK_LUKS2_ARGON2ID_LUKSUUID"' appeared \(LUKS2 luks-'"$STACK_LUKS2_ARGON2ID_LUKSUUID"' on /dev/vda, virtio_blk\)"$' \
        '^ROOT-INIT-MARKER pid=1 argv0=/sbin/init ' \
        '"root":'
    expect_secret_kept
}
