# LUKS fault: both copies of a LUKS2 header damaged (the JSON area of each
# overwritten; the magic stays, so blkid still calls it crypto_LUKS). No
# passphrase is asked for a header that cannot be read; the detail says why.
disk=$(copy_of "$STACK_LUKS2_PBKDF2_IMG")
# LUKS2 with 16 KiB of metadata: the copies start at 0 and 16 KiB, each
# with a 4 KiB binary header followed by its JSON.
for off in 4096 20480; do
    dd if=/dev/zero of="$disk" bs=1 seek=$off count=2048 conv=notrunc status=none
done
stack_image --luks
BOOT_ARGS=(--disk "$disk" root=UUID=$STACK_LUKS2_PBKDF2_UUID rd.checkpoint.timeout=3
           --send 'rdcheck (disks: fail)# ' 'poweroff')
check() {
    expect_clean_exit
    expect_line '^rdcheck: checkpoint=disks status=fail ms=[0-9]+ detail="root UUID='"$STACK_LUKS2_PBKDF2_UUID"' not found within 3 s: LUKS on /dev/vda: header damaged or unreadable'
    expect_no_line '^Passphrase for'
}
