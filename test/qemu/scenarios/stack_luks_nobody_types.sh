# Nobody types the passphrase: rd.checkpoint.prompt_timeout= bounds the
# question too; the container stays locked, the disks line says so, and the
# unattended prompt then takes the onfail action (reboot: QEMU exits).
stack_image --luks
TIMEOUT=150
BOOT_ARGS=(--disk "$(copy_of "$STACK_LUKS2_PBKDF2_IMG")" root=UUID=$STACK_LUKS2_PBKDF2_UUID
           rd.checkpoint.prompt_timeout=3 rd.checkpoint.timeout=3)
check() {
    expect_clean_exit
    expect_order \
        '^Passphrase for /dev/vda ' \
        '^rdcheck: checkpoint=disks status=fail ms=[0-9]+ detail="root UUID='"$STACK_LUKS2_PBKDF2_UUID"' not found within 3 s: LUKS on /dev/vda still locked: no passphrase typed within 3 s"$' \
        '^rdcheck: rescue checkpoint=disks prompt_timeout=3 action=reboot$'
}
