# dracut image (its shell flavour) with our module, root=UUID= of no disk:
# pre-mount never comes; when dracut's initqueue gives up (rd.retry=2) and
# calls its emergency shell, the emergency hook runs rdcheck --checks first:
# disks fails with the block devices it saw, the prompt opens before
# dracut's shell, and "poweroff" powers off.
source "$TOP/test/hooks/scenario-lib.sh"
distro_image dracut-shell
BOOT_ARGS=(--disk "$DISK" root=UUID=$MISSING_UUID rd.retry=2 rd.checkpoint.timeout=2
           --send 'rdcheck (disks: fail)# ' 'poweroff')
TIMEOUT=240
check() {
    expect_clean_exit
    expect_order \
        'Could not boot' \
        "${CHECKS_ROOT_MISSING[@]}"
    expect_no_line 'Dropping to debug shell'
    expect_no_line 'ROOT-INIT-MARKER'
}
