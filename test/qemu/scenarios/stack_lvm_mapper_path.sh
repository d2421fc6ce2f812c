# LVM: root=/dev/mapper/VG-LV. The disks checkpoint activates that LV (and
# only it) once its PV appears, and names the stack on its pass line.
stack_image --lvm
BOOT_ARGS=(--disk "$(copy_of "$STACK_LVM_IMG")" root=/dev/mapper/rdvg-root)
check() {
    expect_clean_exit
    expect_order \
        '^rdcheck: checkpoint=disks status=pass ms=[0-9]+ detail="root /dev/mapper/rdvg-root appeared \(LVM rdvg/root on /dev/vda, virtio_blk\)"$' \
        '^rdcheck: checkpoint=filesystems status=pass ms=[0-9]+ detail=.*UUID='"$STACK_LVM_UUID" \
        '^rdcheck: checkpoint=switch_root status=pass ' \
        '^ROOT-INIT-MARKER pid=1 argv0=/sbin/init '
    expect_no_line '^rdcheck: rescue'
}
