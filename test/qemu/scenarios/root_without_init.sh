# mounts fault: the root filesystem has no init at all.
BOOT_ARGS=(--disk "$(copy_of "$IMG_NOINIT")" root=UUID=$UUID_NOINIT
           --send 'rdcheck (mounts: fail)# ' 'poweroff')
check() {
    expect_clean_exit
    expect_order \
        '^rdcheck: checkpoint=mounts status=fail ms=[0-9]+ detail="no init to run on /dev/vda: /sbin/init: missing; /etc/init: missing; /bin/init: missing; /bin/sh: missing"$' \
        '^rdcheck: rescue checkpoint=mounts reason=fail$'
}
