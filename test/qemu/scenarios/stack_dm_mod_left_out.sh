# LVM fault: the image has the lvm tool but not dm_mod.
tools=$OUT/disks/$name-lvm
cp "$TOP/build/cache/musl/sbin/lvm" "$tools"
image_of --module virtio_pci --module virtio_blk --module ext4 --add "$tools:/sbin/lvm"
BOOT_ARGS=(--disk "$(copy_of "$STACK_LVM_IMG")" root=/dev/mapper/rdvg-root rd.checkpoint.timeout=3
           --send 'rdcheck (disks: fail)# ' 'poweroff')
check() {
    expect_clean_exit
    expect_line '^rdcheck: checkpoint=disks status=fail ms=[0-9]+ detail="root /dev/mapper/rdvg-root not found within 3 s: LVM PV /dev/vda: dm_mod not in the image"$'
}
