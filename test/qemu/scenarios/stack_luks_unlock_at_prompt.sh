# rd.luks=0 leaves the container closed, so root is not found; at the
# prompt 'unlock' asks for the passphrase and 'retry disks' boots.
stack_image --luks
TIMEOUT=180
BOOT_ARGS=(--disk "$(copy_of "$STACK_LUKS2_PBKDF2_IMG")" root=UUID=$STACK_LUKS2_PBKDF2_UUID rd.luks=0
           rd.checkpoint.timeout=3
           --send 'rdcheck (disks: fail)# ' 'unlock /dev/vda'
           --send 'Passphrase for /dev/vda ' "$STACK_PASSPHRASE"
           --send 'unlock: /dev/vda is open' 'retry disks')
check() {
    expect_clean_exit
    expect_order \
        '^rdcheck: checkpoint=disks status=fail ms=[0-9]+ detail="root UUID=[-0-9a-f]+ not found within 3 s: LUKS on /dev/vda left closed \(rd.luks=0, ' \
        '^unlock: /dev/vda is open' \
        '^rdcheck: checkpoint=disks status=pass ms=[0-9]+ detail="root /dev/mapper/luks-'"$STACK_LUKS2_PBKDF2_LUKSUUID"' appeared' \
        '^ROOT-INIT-MARKER pid=1 argv0=/sbin/init '
    expect_secret_kept
}
