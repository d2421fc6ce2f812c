# LUKS2 (pbkdf2), opened by rd.luks.name=UUID=NAME under the name given,
# root=/dev/mapper/NAME.
stack_image --luks
TIMEOUT=150
BOOT_ARGS=(--disk "$(copy_of "$STACK_LUKS2_PBKDF2_IMG")"
           rd.luks.name=$STACK_LUKS2_PBKDF2_LUKSUUID=cryptroot root=/dev/mapper/cryptroot
           --send 'Passphrase for /dev/vda ' "$STACK_PASSPHRASE")
check() {
    expect_clean_exit
    expect_order \
        '^rdcheck: checkpoint=disks status=pass ms=[0-9]+ detail="root /dev/mapper/cryptroot appeared \(LUKS2 cryptroot on /dev/vda, virtio_blk\)"$' \
        '^ROOT-INIT-MARKER pid=1 argv0=/sbin/init '
    expect_secret_kept
}
