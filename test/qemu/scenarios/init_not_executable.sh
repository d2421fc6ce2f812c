# mounts fault: /sbin/init is there but not executable (and nothing else is).
BOOT_ARGS=(--disk "$(copy_of "$IMG_NOEXEC")" root=UUID=$UUID_NOEXEC init=/sbin/init
           --send 'rdcheck (mounts: fail)# ' 'poweroff')
check() {
    expect_clean_exit
    expect_order \
        '^rdcheck: checkpoint=mounts status=fail ms=[0-9]+ detail="no init to run on /dev/vda: /sbin/init: not executable \(mode 0644\)"$' \
        '^rdcheck: rescue checkpoint=mounts reason=fail$'
}
