# root=UUID= names the LUKS container instead of the filesystem inside it
# (booster #47): rdcheck opens it and names the UUID root= should have had.
stack_image --luks
TIMEOUT=150
BOOT_ARGS=(--disk "$(copy_of "$STACK_LUKS2_PBKDF2_IMG")" root=UUID=$STACK_LUKS2_PBKDF2_LUKSUUID
           --send 'Passphrase for /dev/vda ' "$STACK_PASSPHRASE"
           --send 'rdcheck (disks: fail)# ' 'poweroff')
check() {
    expect_clean_exit
    expect_line '^rdcheck: checkpoint=disks status=fail ms=[0-9]+ detail="root=UUID='"$STACK_LUKS2_PBKDF2_LUKSUUID"' is the LUKS container on /dev/vda, not a filesystem; the filesystem inside has UUID='"$STACK_LUKS2_PBKDF2_UUID"'"$'
}
