# Debian's guided encrypted LVM: LVM inside LUKS2 on a GPT partition. A
# wrong passphrase first, then the right one; rd.checkpoint=disks pauses
# after the disks line (a requested stop, not a failure), and continue boots.
stack_image --lvm --luks
TIMEOUT=180
BOOT_ARGS=(--disk "$(copy_of "$STACK_LVM_ON_LUKS_IMG")" root=/dev/mapper/rdcrypt-root rd.checkpoint=disks
           --send 'Passphrase for /dev/vda2 ' 'not-the-passphrase'
           --send 'wrong passphrase, try 1/3' "$STACK_PASSPHRASE"
           --send 'rdcheck (disks: pause)# ' 'stack'
           --send 'VG rdcrypt' 'continue')
check() {
    expect_clean_exit
    expect_order \
        '^rdcheck: disks: /dev/vda2: wrong passphrase, try 1/3$' \
        '^rdcheck: checkpoint=disks status=pass ms=[0-9]+ detail="root /dev/mapper/rdcrypt-root appeared \(LVM rdcrypt/root on LUKS2 luks-'"$STACK_LVM_ON_LUKS_LUKSUUID"' on /dev/vda2, virtio_blk\)"$' \
        '^rdcheck: rescue checkpoint=disks reason=requested$' \
        '^LUKS  /dev/vda2 +open ' \
        '^LVM   VG rdcrypt +open ' \
        '^rdcheck: checkpoint=switch_root status=pass ' \
        '^ROOT-INIT-MARKER pid=1 argv0=/sbin/init '
    expect_count 2 '^Passphrase for /dev/vda2'
    expect_secret_kept
    expect_no_line 'not-the-passphrase'
}
