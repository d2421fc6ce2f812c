# disks fault: root on a USB stick, and the image has usb-storage and
# sd_mod but no driver for the USB host controller, so the stick is never
# seen.  The controller leads the detail, before the root that did not
# appear; the VM's IDE controller (no ata_piix either) is the "+1 more".
image_of --module usb_storage --module uas --module sd_mod --module ext4
BOOT_ARGS=(--usb-disk "$DISK" root=UUID=$ROOT_UUID rd.checkpoint.timeout=3
           --send 'rdcheck (disks: fail)# ' 'poweroff')
check() {
    expect_clean_exit
    expect_order \
        '^rdcheck: checkpoint=drivers status=pass ms=[0-9]+ detail="[0-9]+ modules for [^ ]+ in image; no driver in image for storage: PCI IDE controller 8086:7010 \(0000:00:01.1\) needs ata_piix, not in the image; for others: PCI USB controller 1b36:000d \(0000:00:[0-9a-f]{2}\.0\) needs xhci_pci, not in the image"$' \
        "^rdcheck: checkpoint=disks status=fail ms=[0-9]+ detail=\"no driver in image for PCI USB controller 1b36:000d \\(0000:00:[0-9a-f]{2}\\.0\\) needs xhci_pci, not in the image; \\+1 more; root UUID=$ROOT_UUID not found within 3 s; block devices: none\"\$" \
        '^rdcheck: rescue checkpoint=disks reason=fail$'
}
