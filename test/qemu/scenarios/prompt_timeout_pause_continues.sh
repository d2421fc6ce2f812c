# A requested pause that nobody answers goes on with the boot after
# rd.checkpoint.prompt_timeout=.
BOOT_ARGS=(--disk "$DISK" root=UUID=$ROOT_UUID rd.checkpoint=disks rd.checkpoint.prompt_timeout=1)
check() {
    expect_clean_exit
    expect_order \
        '^rdcheck: rescue checkpoint=disks reason=requested$' \
        '^rdcheck: rescue checkpoint=disks prompt_timeout=1 action=continue$' \
        '^rdcheck: checkpoint=filesystems status=pass ' \
        '^ROOT-INIT-MARKER pid=1 '
}
