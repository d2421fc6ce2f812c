# initramfs-tools image with our hook, rd.checkpoint=disks: rdcheck --checks
# runs from local-premount, pauses after disks with the prompt, "continue"
# comes back to initramfs-tools, which mounts root and runs the real init.
source "$TOP/test/hooks/scenario-lib.sh"
distro_image initramfs-tools
BOOT_ARGS=(--disk "$DISK" root=UUID=$ROOT_UUID "${PAUSE_AT_DISKS[@]}")
TIMEOUT=120
check() {
    expect_clean_exit
    expect_order \
        '^Begin: Running /scripts/local-premount \.\.\. ' \
        '^rdcheck: start kernel_ms=[0-9]+$' \
        "${CHECKS_PAUSED_AT_DISKS[@]}" \
        '^Begin: Running /scripts/local-bottom ' \
        '^ROOT-INIT-MARKER pid=1 argv0=/sbin/init '
    expect_count 7 '^rdcheck: checkpoint='
    expect_count 1 '^rdcheck: rescue '
    expect_no_line '^rdcheck: switch_root '
    # The report is in /run, which initramfs-tools moves into the real root.
    expect_line '^ROOT-INIT-REPORT +"disks: continue"$'
}
