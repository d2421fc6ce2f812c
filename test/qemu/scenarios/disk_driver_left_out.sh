# disks fault: the image has the bus driver (virtio_pci) but not the disk
# driver (virtio_blk): the root never appears, and the detail leads with
# the device that has no driver; the VM's IDE controller is the "+1 more".
INITRD=$OUT/disks/disk_driver_left_out.cpio.gz
"$TOP/build/musl/tools/rdcheck-mkimage" --kver "$KVER" --moddir "$MODDIR" \
    --init "$TOP/build/musl/init/rdcheck" -o "$INITRD" --module virtio_pci --module ext4 >/dev/null ||
    fail "rdcheck-mkimage failed"
BOOT_ARGS=(--disk "$DISK" root=UUID=$ROOT_UUID rd.checkpoint.timeout=2
           --send 'rdcheck (disks: fail)# ' 'poweroff')
check() {
    expect_clean_exit
    expect_order \
        "^rdcheck: checkpoint=disks status=fail ms=[0-9]+ detail=\"no driver in image for virtio block device \\(virtio[0-9]+\\) needs virtio_blk, not in the image; \\+1 more; root UUID=$ROOT_UUID not found within 2 s; block devices: none\"\$" \
        '^rdcheck: rescue checkpoint=disks reason=fail$'
}
