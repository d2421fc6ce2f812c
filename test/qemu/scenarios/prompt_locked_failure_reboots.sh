# A locked image whose root is missing: no prompt, even with
# rd.checkpoint.onfail=shell on the command line (it cannot loosen the
# image's policy); the machine reboots (QEMU's -no-reboot ends the run).
image_of --module virtio_pci --module virtio_blk --module ext4 --rescue locked
BOOT_ARGS=(--disk "$DISK" root=LABEL=nothing rd.checkpoint.timeout=1 rd.checkpoint.onfail=shell)
check() {
    expect_clean_exit
    expect_order \
        '^rdcheck: rd.checkpoint.onfail=shell: this image.s prompt is locked; reboot instead$' \
        '^rdcheck: checkpoint=disks status=fail ' \
        '^rdcheck: rescue checkpoint=disks reason=fail policy=locked action=reboot$' \
        'reboot: Restarting system'
    expect_no_line 'rdcheck \('
}
