# LVM: root=/dev/VG/LV, the other spelling; rd.lvm.lv= names the same LV.
stack_image --lvm
BOOT_ARGS=(--disk "$(copy_of "$STACK_LVM_IMG")" root=/dev/rdvg/root rd.lvm.lv=rdvg/root)
check() {
    expect_clean_exit
    expect_order \
        '^rdcheck: checkpoint=disks status=pass ms=[0-9]+ detail="root /dev/mapper/rdvg-root appeared \(LVM rdvg/root on /dev/vda, virtio_blk\)"$' \
        '^ROOT-INIT-MARKER pid=1 argv0=/sbin/init '
}
