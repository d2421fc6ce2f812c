# LUKS fault: three wrong passphrases. The container stays locked, and the
# detail says exactly that (not "does not exist", not "bad password" for a
# disk that is not there).
stack_image --lvm --luks
TIMEOUT=180
BOOT_ARGS=(--disk "$(copy_of "$STACK_LVM_ON_LUKS_IMG")" root=/dev/mapper/rdcrypt-root rd.checkpoint.timeout=3
           --send 'Passphrase for /dev/vda2 ' 'wrong-1'
           --send 'try 1/3' 'wrong-2'
           --send 'try 2/3' 'wrong-3'
           --send 'rdcheck (disks: fail)# ' 'poweroff')
check() {
    expect_clean_exit
    expect_order \
        '^rdcheck: disks: /dev/vda2: wrong passphrase, try 3/3$' \
        '^rdcheck: checkpoint=disks status=fail ms=[0-9]+ detail="root /dev/mapper/rdcrypt-root not found within 3 s: LUKS on /dev/vda2 still locked: 3 wrong passphrases"$' \
        '^rdcheck: rescue checkpoint=disks reason=fail$'
    expect_no_line 'wrong-[123]'
}
