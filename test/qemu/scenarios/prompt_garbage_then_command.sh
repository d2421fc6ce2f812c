# Binary garbage, stray escape sequences and line editing keys at the
# prompt: nothing crashes or hangs, and the next commands still run.
garbage=$'\x01\x02\x1b\x1b[99;99~\x1bOZ\x7f\xff\xfe\x80\x1b[1;5C\x07\x0b\x0ejunk\x15'
BOOT_ARGS=(--disk "$DISK" root=LABEL=nothing rd.checkpoint.timeout=1
           --send 'rdcheck (disks: fail)# ' "$garbage"
           --send 'rdcheck (disks: fail)# ' $'whyy\x7f'
           --send 'disks: fail: root LABEL=nothing' $'foo bar\x17\x17statx\x08us'
           --send 'disks        fail' $'nonsense\x03'
           --send '^C' 'poweroff')
check() {
    expect_clean_exit
    expect_order \
        '^rdcheck: rescue checkpoint=disks reason=fail$' \
        '^disks: fail: root LABEL=nothing not found' \
        '^  disks        fail ' \
        '\^C$'
    expect_no_line 'unknown command'
}
