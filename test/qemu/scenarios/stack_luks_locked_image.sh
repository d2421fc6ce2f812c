# A locked image (--rescue locked) still asks for the disk's passphrase:
# that is a question, not the rescue prompt.
stack_image --luks --rescue locked
TIMEOUT=150
BOOT_ARGS=(--disk "$(copy_of "$STACK_LUKS2_PBKDF2_IMG")" root=UUID=$STACK_LUKS2_PBKDF2_UUID
           --send 'Passphrase for /dev/vda ' "$STACK_PASSPHRASE")
check() {
    expect_clean_exit
    expect_order \
        '^rdcheck: checkpoint=disks status=pass ' \
        '^ROOT-INIT-MARKER pid=1 argv0=/sbin/init '
}
