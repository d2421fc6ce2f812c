# console=ttyS0,115200n8 then console=tty0: the kernel's /dev/console is
# tty0, yet the status lines and the prompt are on the serial line too,
# where the person types.
BOOT_ARGS=(--disk "$DISK" root=LABEL=nothing rd.checkpoint.timeout=1 console=ttyS0,115200n8 console=tty0
           --send 'rdcheck (disks: fail)# ' 'status'
           --send 'disks        fail' 'poweroff')
check() {
    expect_clean_exit
    expect_order \
        '^rdcheck: checkpoint=disks status=fail ' \
        '^rdcheck: rescue checkpoint=disks reason=fail$' \
        'rdcheck \(disks: fail\)# status' \
        '^  disks        fail '
    expect_no_line '^rdcheck: console='
}
