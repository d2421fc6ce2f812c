# dracut image (systemd flavour) with our module, root=UUID= of no disk:
# dracut-pre-mount.service is ordered after the initqueue, not after the
# root device, so rdcheck --checks runs while systemd still waits for it
# (for ever, without rd.timeout=); its disks checkpoint fails within the
# 2 s the image's /etc/rdcheck.conf (from rdcheck_image_conf=) sets, with
# the block devices it saw; the prompt opens, and "poweroff" powers off.
# The rd.checkpoint word here is rd.checkpoint.onfail=shell, the default.
source "$TOP/test/hooks/scenario-lib.sh"
distro_image dracut
BOOT_ARGS=(--disk "$DISK" root=UUID=$MISSING_UUID rd.checkpoint.onfail=shell
           --send 'rdcheck (disks: fail)# ' 'poweroff')
TIMEOUT=240
check() {
    expect_clean_exit
    expect_order \
        'Starting .*dracut-pre-mount' \
        "${CHECKS_ROOT_MISSING[@]}"
    expect_no_line 'emergency|Emergency'
    expect_no_line 'ROOT-INIT-MARKER'
}
