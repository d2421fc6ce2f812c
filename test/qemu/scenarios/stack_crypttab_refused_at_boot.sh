# An image whose /etc/crypttab rdcheck cannot honour (made by hand, past
# rdcheck-mkimage's own check): the line and option are named at boot, the
# file is set aside, and root= still says what to open.
printf 'cryptroot UUID=%s none luks,keyscript=/bin/cat\n' "$STACK_LUKS2_PBKDF2_LUKSUUID" \
    >"$OUT/disks/$name.crypttab"
stack_image --luks --add "$OUT/disks/$name.crypttab:/etc/crypttab"
TIMEOUT=150
BOOT_ARGS=(--disk "$(copy_of "$STACK_LUKS2_PBKDF2_IMG")" root=UUID=$STACK_LUKS2_PBKDF2_UUID
           --send 'Passphrase for /dev/vda (luks-' "$STACK_PASSPHRASE")
check() {
    expect_clean_exit
    expect_order \
        '^rdcheck: disks: /etc/crypttab: line 1 \(cryptroot\): option keyscript= is not supported$' \
        '^rdcheck: checkpoint=disks status=pass ' \
        '^ROOT-INIT-MARKER pid=1 argv0=/sbin/init '
    expect_secret_kept
}
