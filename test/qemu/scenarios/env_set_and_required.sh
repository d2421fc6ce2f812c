# rd.env.NAME=VALUE sets a variable for the real init, and satisfies rd.env.require=.
BOOT_ARGS=(--disk "$DISK" root=UUID=$ROOT_UUID rd.env.LANG=C.UTF-8 rd.env.TERM=vt100
           rd.env.require=LANG,TERM=vt100)
check() {
    expect_clean_exit
    expect_order \
        '^rdcheck: checkpoint=env status=pass ms=[0-9]+ detail="3 variables for /sbin/init, all 2 required present"$' \
        '^ROOT-INIT-MARKER pid=1 '
    expect_line '^ROOT-INIT-ENV LANG=C.UTF-8$'
    expect_line '^ROOT-INIT-ENV TERM=vt100$'
    expect_count 1 '^ROOT-INIT-ENV TERM='
}
