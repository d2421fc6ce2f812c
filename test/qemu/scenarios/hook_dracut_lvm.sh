# dracut image (its shell flavour: systemd's switch-root wants an
# /etc/os-release that the root filesystem inside the LV does not have,
# and debugfs cannot write into an LV from outside) with dracut's lvm and
# dm modules and lvm2 from Debian, root on LV rdvg/root, rd.checkpoint=disks:
# dracut's initqueue runs its lvm_scan, the pre-mount hook comes once root
# is there, and rdcheck --checks names the LV on the disks line; the
# prompt, "continue", and dracut mounts root and runs the real init.
source "$TOP/test/hooks/scenario-lib.sh"
distro_image dracut-shell-lvm
checks=("${CHECKS_PAUSED_AT_DISKS[@]}")
checks[2]='^rdcheck: checkpoint=disks status=pass ms=[0-9]+ detail="root /dev/mapper/rdvg-root appeared \(LVM rdvg/root on /dev/vda, virtio_blk\)"$'
BOOT_ARGS=(--disk "$(copy_of "$STACK_LVM_IMG")" root=/dev/mapper/rdvg-root "${PAUSE_AT_DISKS[@]}")
TIMEOUT=240
check() {
    expect_clean_exit
    expect_order \
        "${checks[@]}" \
        '^ROOT-INIT-MARKER pid=1 argv0=/sbin/init '
    expect_count 7 '^rdcheck: checkpoint='
    expect_count 1 '^rdcheck: rescue '
}
