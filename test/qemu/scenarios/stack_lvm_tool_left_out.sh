# LVM fault: the image has dm_mod but no lvm tool. The PV is seen, and the
# detail says what the image lacks and how to build it.
image_of --module virtio_pci --module virtio_blk --module ext4 --module dm_mod
BOOT_ARGS=(--disk "$(copy_of "$STACK_LVM_IMG")" root=/dev/mapper/rdvg-root rd.checkpoint.timeout=3
           --send 'rdcheck (disks: fail)# ' 'poweroff')
check() {
    expect_clean_exit
    expect_line '^rdcheck: checkpoint=disks status=fail ms=[0-9]+ detail="root /dev/mapper/rdvg-root not found within 3 s: LVM PV /dev/vda: no lvm tool in the image \(rdcheck-mkimage --lvm\)"$'
}
