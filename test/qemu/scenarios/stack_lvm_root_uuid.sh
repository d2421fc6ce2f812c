# LVM: root=UUID= of the filesystem inside an LV. root= does not say which
# VG, so every complete VG is activated, with no rd.lvm.vg= by hand
# (dracut-ng #2423, Launchpad #1573982).
stack_image --lvm
BOOT_ARGS=(--disk "$(copy_of "$STACK_LVM_IMG")" root=UUID=$STACK_LVM_UUID)
check() {
    expect_clean_exit
    expect_order \
        '^rdcheck: checkpoint=disks status=pass ms=[0-9]+ detail="root /dev/mapper/rdvg-(root|spare) appeared \(LVM rdvg/(root|spare) on /dev/vda, virtio_blk\)"$' \
        '^ROOT-INIT-MARKER pid=1 argv0=/sbin/init '
    expect_line 'detail="root /dev/mapper/rdvg-root appeared'
}
