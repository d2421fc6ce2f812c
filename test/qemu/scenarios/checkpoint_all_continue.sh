# rd.checkpoint=all pauses at every checkpoint; "continue" at each steps the
# boot through all seven to the real init.
BOOT_ARGS=(--disk "$DISK" root=UUID=$ROOT_UUID rd.checkpoint=all
           --send 'rdcheck (drivers: pause)# ' 'continue'
           --send 'rdcheck (modules: pause)# ' 'continue'
           --send 'rdcheck (disks: pause)# ' 'continue'
           --send 'rdcheck (filesystems: pause)# ' 'continue'
           --send 'rdcheck (mounts: pause)# ' 'continue'
           --send 'rdcheck (env: pause)# ' 'continue'
           --send 'rdcheck (switch_root: pause)# ' 'continue')
check() {
    expect_clean_exit
    expect_count 7 '^rdcheck: rescue checkpoint=[a-z_]+ reason=requested$'
    expect_order \
        '^rdcheck: checkpoint=drivers status=(pass|warn) ' 'rdcheck \(drivers: pause\)# continue' \
        '^rdcheck: checkpoint=modules status=pass ' 'rdcheck \(modules: pause\)# continue' \
        '^rdcheck: checkpoint=disks status=pass ' 'rdcheck \(disks: pause\)# continue' \
        '^rdcheck: checkpoint=filesystems status=pass ' 'rdcheck \(filesystems: pause\)# continue' \
        '^rdcheck: checkpoint=mounts status=pass ' 'rdcheck \(mounts: pause\)# continue' \
        '^rdcheck: checkpoint=env status=pass ' 'rdcheck \(env: pause\)# continue' \
        '^rdcheck: checkpoint=switch_root status=pass ' 'rdcheck \(switch_root: pause\)# continue' \
        '^rdcheck: switch_root init=/sbin/init ' \
        '^ROOT-INIT-MARKER pid=1 '
}
