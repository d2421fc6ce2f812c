# The classic new-kernel, old-initramfs failure: the image holds modules for
# another release.  drivers fails naming both releases.
INITRD=$OUT/disks/image_for_other_kernel.cpio.gz
"$TOP/build/musl/tools/rdcheck-mkimage" --kver 6.1.0-1-amd64 --moddir "$MODDIR" \
    --init "$TOP/build/musl/init/rdcheck" -o "$INITRD" --module virtio_blk >/dev/null ||
    fail "rdcheck-mkimage failed"
BOOT_ARGS=(--disk "$DISK" root=UUID=$ROOT_UUID --send 'rdcheck (drivers: fail)# ' 'poweroff')
check() {
    expect_clean_exit
    expect_order \
        "^rdcheck: checkpoint=drivers status=fail ms=[0-9]+ detail=\"image has modules for 6.1.0-1-amd64, running kernel is $KVER\"\$" \
        '^rdcheck: rescue checkpoint=drivers reason=fail$'
    expect_no_line '^rdcheck: checkpoint=modules'
}
