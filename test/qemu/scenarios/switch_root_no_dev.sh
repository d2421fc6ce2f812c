# switch_root fault: the new root has no /dev.  Nothing is moved, the prompt
# opens with root still mounted, and `status` still answers.
debugfs -w -R 'rmdir dev' "$DISK" >/dev/null 2>&1 || fail "debugfs could not remove /dev"
BOOT_ARGS=(--disk "$DISK" root=UUID=$ROOT_UUID
           --send 'rdcheck (switch_root: fail)# ' 'status'
           --send '  switch_root  fail' 'poweroff')
check() {
    expect_clean_exit
    expect_order \
        '^rdcheck: checkpoint=env status=pass ' \
        '^rdcheck: checkpoint=switch_root status=fail ms=[0-9]+ detail="new root has no /dev: the real init would start without it"$' \
        '^rdcheck: rescue checkpoint=switch_root reason=fail$' \
        '^  mounts       pass ' \
        '^rdcheck: poweroff requested at the prompt$'
    expect_no_line '^rdcheck: switch_root init='
}
