# switch_root fault: the new root's /proc is a file, not a directory.
printf 'rmdir proc\nwrite /dev/null proc\n' | debugfs -w -f - "$DISK" >/dev/null 2>&1 ||
    fail "debugfs could not replace /proc"
BOOT_ARGS=(--disk "$DISK" root=UUID=$ROOT_UUID --send 'rdcheck (switch_root: fail)# ' 'poweroff')
check() {
    expect_clean_exit
    expect_order \
        '^rdcheck: checkpoint=switch_root status=fail ms=[0-9]+ detail="new root'"'"'s /proc is not a directory"$' \
        '^rdcheck: rescue checkpoint=switch_root reason=fail$'
}
