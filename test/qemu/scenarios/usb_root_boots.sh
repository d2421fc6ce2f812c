# Root on a USB stick behind an xHCI controller (and a USB keyboard on the
# same controller), with an --all-storage image: the host controller driver
# comes from coldplug, the stick's usb-storage and sd_mod while the disks
# checkpoint waits (USB enumerates after the controller's driver returns;
# TCG is slow, hence the generous wait), and the keyboard's usbhid and
# hid_generic meanwhile.  The disks line names the chain: usb-storage/sd.
image_of --all-storage
TIMEOUT=240
BOOT_ARGS=(--usb-keyboard --usb-disk "$DISK" root=UUID=$ROOT_UUID rd.checkpoint.timeout=60)
check() {
    expect_clean_exit
    expect_order \
        '^rdcheck: checkpoint=drivers status=pass ms=[0-9]+ detail="[0-9]+ modules for ' \
        '^rdcheck: checkpoint=modules status=pass ' \
        '^rdcheck: checkpoint=disks status=pass ms=[0-9]+ detail="root /dev/sda appeared \(usb-storage/sd\)"$' \
        '^rdcheck: checkpoint=filesystems status=pass ms=[0-9]+ detail=.*ext4' \
        '^rdcheck: switch_root init=/sbin/init total_ms=[0-9]+$' \
        '^ROOT-INIT-MARKER pid=1 argv0=/sbin/init '
    expect_count 7 '^rdcheck: checkpoint=[a-z_]+ status=pass '
    expect_line '^ROOT-INIT-REPORT       "driver": "usb-storage/sd",$'
    # usb_storage comes in as uas's dependency.
    for m in xhci_pci uas sd_mod usbhid hid_generic; do
        expect_line "^ROOT-INIT-REPORT       \"$m\",?\$"
    done
}
