# initramfs-tools image built by Debian's mkinitramfs with lvm2 and
# cryptsetup-initramfs (a crypttab naming the LUKS2 container as
# vda2_crypt), on Debian's guided encrypted LVM: cryptroot asks its own
# passphrase in local-top (typed over the serial line), udev activates
# rdcrypt, and rdcheck --checks runs in local-premount, once root is
# there: the disks line names the whole stack the host opened and the
# time is rdcheck's own (not the passphrase's); the prompt after disks,
# "continue", and initramfs-tools mounts root and runs the real init.
source "$TOP/test/hooks/scenario-lib.sh"
distro_image initramfs-tools-lvm-luks "$STACK_LVM_ON_LUKS_LUKSUUID"
checks=("${CHECKS_PAUSED_AT_DISKS[@]}")
checks[2]='^rdcheck: checkpoint=disks status=pass ms=[0-9]{1,4} detail="root /dev/mapper/rdcrypt-root appeared \(LVM rdcrypt/root on LUKS2 vda2_crypt on /dev/vda2, virtio_blk\)"$'
BOOT_ARGS=(--disk "$(copy_of "$STACK_LVM_ON_LUKS_IMG")" root=/dev/mapper/rdcrypt-root
           --send 'Please unlock disk vda2_crypt: ' "$STACK_PASSPHRASE"
           "${PAUSE_AT_DISKS[@]}")
TIMEOUT=300
check() {
    expect_clean_exit
    expect_order \
        'Please unlock disk vda2_crypt' \
        'cryptsetup: vda2_crypt: set up successfully' \
        '^Begin: Running /scripts/local-premount \.\.\. ' \
        '^rdcheck: start kernel_ms=[0-9]+$' \
        "${checks[@]}" \
        '^Begin: Running /scripts/local-bottom ' \
        '^ROOT-INIT-MARKER pid=1 argv0=/sbin/init '
    expect_count 7 '^rdcheck: checkpoint='
    expect_count 1 '^rdcheck: rescue '
    expect_no_line '^rdcheck: checkpoint=disks status=fail'
    expect_secret_kept
}
