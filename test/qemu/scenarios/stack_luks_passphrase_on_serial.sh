# console=ttyS0 then console=tty0: the kernel's /dev/console is the screen,
# yet the passphrase question is on the serial line too, and is answered
# there (Debian's askpass reads /dev/console only; systemd #1027, NixOS #84105).
# The root's init writes to /dev/console, the screen: the serial line's last
# word is ours.
stack_image --luks
TIMEOUT=150
BOOT_ARGS=(--disk "$(copy_of "$STACK_LUKS2_PBKDF2_IMG")" root=UUID=$STACK_LUKS2_PBKDF2_UUID
           console=ttyS0,115200n8 console=tty0
           --send 'Passphrase for /dev/vda ' "$STACK_PASSPHRASE")
check() {
    expect_clean_exit
    expect_order \
        '^Passphrase for /dev/vda ' \
        '^rdcheck: checkpoint=disks status=pass ' \
        '^rdcheck: switch_root init=/sbin/init '
    expect_secret_kept
}
