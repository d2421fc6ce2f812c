# env fault: a required variable has another value than demanded.
BOOT_ARGS=(--disk "$DISK" root=UUID=$ROOT_UUID rd.env.require=TERM=vt100
           --send 'rdcheck (env: fail)# ' 'poweroff')
check() {
    expect_clean_exit
    expect_order \
        '^rdcheck: checkpoint=env status=fail ms=[0-9]+ detail="TERM=linux, expected TERM=vt100"$' \
        '^rdcheck: rescue checkpoint=env reason=fail$'
    expect_no_line 'ROOT-INIT-MARKER'
}
