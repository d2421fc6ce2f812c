# Bad words on the command line are named and ignored; the boot goes on with
# the defaults (root=/dev/vda names the disk by path, init= names the init).
BOOT_ARGS=(--disk "$DISK" root=/dev/vda init=/sbin/init rd.checkpoint=nosuch
           rd.checkpoint.timeout=soon 'FOO="unterminated')
check() {
    expect_clean_exit
    expect_line '^rdcheck: cmdline: rd.checkpoint=nosuch: unknown checkpoint'
    expect_line '^rdcheck: cmdline: rd.checkpoint.timeout=soon: '
    expect_line '^rdcheck: cmdline: .*unterminated quote'
    expect_order \
        '^rdcheck: checkpoint=disks status=pass ms=[0-9]+ detail="root /dev/vda appeared' \
        '^rdcheck: switch_root init=/sbin/init ' \
        '^ROOT-INIT-MARKER pid=1 ' \
        '^ROOT-INIT-ENV FOO=unterminated$'
}
