# env fault: a variable rd.env.require= demands is not set.
BOOT_ARGS=(--disk "$DISK" root=UUID=$ROOT_UUID rd.env.require=HOME,LANG
           --send 'rdcheck (env: fail)# ' 'poweroff')
check() {
    expect_clean_exit
    expect_order \
        '^rdcheck: checkpoint=mounts status=pass ' \
        '^rdcheck: checkpoint=env status=fail ms=[0-9]+ detail="LANG missing"$' \
        '^rdcheck: rescue checkpoint=env reason=fail$'
    expect_no_line 'ROOT-INIT-MARKER'
}
