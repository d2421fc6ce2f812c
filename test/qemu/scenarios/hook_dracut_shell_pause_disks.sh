# dracut image in its other flavour, dracut's own shell /init (no systemd
# module), with our module, rd.checkpoint=disks: the pre-mount hook is
# sourced by /init after the initqueue has found root; our lines, the
# prompt, "continue", and dracut mounts root and runs the real init.
source "$TOP/test/hooks/scenario-lib.sh"
distro_image dracut-shell
BOOT_ARGS=(--disk "$DISK" root=UUID=$ROOT_UUID "${PAUSE_AT_DISKS[@]}")
TIMEOUT=240
check() {
    expect_clean_exit
    expect_order \
        "${CHECKS_PAUSED_AT_DISKS[@]}" \
        '^ROOT-INIT-MARKER pid=1 argv0=/sbin/init '
    expect_count 7 '^rdcheck: checkpoint='
    expect_count 1 '^rdcheck: rescue '
    expect_no_line 'systemd\[1\]|Starting .*dracut-pre-mount'
}
