# Fix and resume: root= names nothing, the person sets the right root= at
# the prompt and retries, and the boot goes on to the real init.
BOOT_ARGS=(--disk "$DISK" root=LABEL=wrong rd.checkpoint.timeout=2
           --send 'rdcheck (disks: fail)# ' "set root=UUID=$ROOT_UUID"
           --send "set: root=UUID=$ROOT_UUID" 'retry')
check() {
    expect_clean_exit
    expect_order \
        '^rdcheck: checkpoint=disks status=fail ' \
        '^rdcheck: rescue checkpoint=disks reason=fail$' \
        "^set: root=UUID=$ROOT_UUID\$" \
        '^rdcheck: checkpoint=disks status=pass ms=[0-9]+ detail="root /dev/vda appeared' \
        '^rdcheck: switch_root init=/sbin/init ' \
        '^ROOT-INIT-MARKER pid=1 '
}
