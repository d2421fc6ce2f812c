# dracut image (dracut from Debian's dracut-core, our 90rdcheck module; its
# systemd flavour, which dracut picks here because systemd is installed),
# rd.checkpoint=disks: dracut-pre-mount.service runs rdcheck --checks, which
# pauses after disks with the prompt on the serial line although the
# service's stdin is /dev/null; "continue" lets systemd mount root and
# switch to the real init.
source "$TOP/test/hooks/scenario-lib.sh"
distro_image dracut
disk_add_os_release
BOOT_ARGS=(--disk "$DISK" root=UUID=$ROOT_UUID "${PAUSE_AT_DISKS[@]}")
TIMEOUT=240
check() {
    expect_clean_exit
    expect_order \
        'Starting .*dracut-pre-mount' \
        "${CHECKS_PAUSED_AT_DISKS[@]}" \
        'Finished .*dracut-pre-mount' \
        'Mounted .*sysroot\.mount' \
        '^ROOT-INIT-MARKER pid=1 argv0=/sbin/init '
    expect_count 7 '^rdcheck: checkpoint='
    expect_count 1 '^rdcheck: rescue '
}
