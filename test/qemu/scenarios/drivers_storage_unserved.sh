# drivers names a storage controller the image has no driver for (the VM's
# IDE controller; the root is on virtio) as information, not a warning:
# which controller root is on is not known yet, and the boot goes on quietly.
BOOT_ARGS=(--disk "$DISK" root=UUID=$ROOT_UUID)
check() {
    expect_clean_exit
    expect_order \
        '^rdcheck: checkpoint=drivers status=pass ms=[0-9]+ detail="[0-9]+ modules for [^ ]+ in image; no driver in image for storage: PCI IDE controller 8086:7010 \(0000:00:01.1\) needs ata_piix, not in the image"$' \
        '^rdcheck: switch_root init=/sbin/init ' \
        '^ROOT-INIT-MARKER pid=1 '
    expect_no_line '^rdcheck: checkpoint=[a-z_]+ status=(warn|fail) '
}
