# initramfs-tools image (mkinitramfs from Debian's package, our hook and
# boot script in its conf dir), no rd.checkpoint word: initramfs-tools boots
# to the real init and rdcheck says nothing.
source "$TOP/test/hooks/scenario-lib.sh"
distro_image initramfs-tools
BOOT_ARGS=(--disk "$DISK" root=UUID=$ROOT_UUID)
TIMEOUT=120
check() {
    expect_clean_exit
    expect_order \
        '^Begin: Running /scripts/local-premount \.\.\. ' \
        '^ROOT-INIT-MARKER pid=1 argv0=/sbin/init '
    expect_no_line '^rdcheck: '
}
