# rd.checkpoint=disks pauses after the disks line (a requested stop, not a
# failure), and "continue" resumes the boot to the real init.
BOOT_ARGS=(--disk "$DISK" root=UUID=$ROOT_UUID rd.checkpoint=disks
           --send 'rdcheck (disks: pause)# ' 'continue')
check() {
    expect_clean_exit
    expect_order \
        '^rdcheck: checkpoint=disks status=pass ' \
        '^rdcheck: rescue checkpoint=disks reason=requested$' \
        'rdcheck \(disks: pause\)# ' \
        '^rdcheck: checkpoint=filesystems status=pass ' \
        '^rdcheck: switch_root init=/sbin/init ' \
        '^ROOT-INIT-MARKER pid=1 '
    expect_count 1 '^rdcheck: rescue '
}
