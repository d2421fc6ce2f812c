# dracut image with our module, no rd.checkpoint word: the pre-mount hook
# returns at once, systemd mounts root and runs the real init, and rdcheck
# says nothing.
source "$TOP/test/hooks/scenario-lib.sh"
distro_image dracut
disk_add_os_release
BOOT_ARGS=(--disk "$DISK" root=UUID=$ROOT_UUID)
TIMEOUT=240
check() {
    expect_clean_exit
    expect_order \
        'Finished .*dracut-pre-mount' \
        'Mounted .*sysroot\.mount' \
        '^ROOT-INIT-MARKER pid=1 argv0=/sbin/init '
    expect_no_line '^rdcheck: '
}
