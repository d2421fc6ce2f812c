# A USB keyboard enumerates after coldplug has loaded its controller's
# driver, while the prompt is open (a pause after modules): the prompt
# loads usbhid and hid_generic for it from the kernel's uevents, so a
# prompt on the screen can read it.  The cat commands of files that do not
# exist only give the keyboard time to appear (TCG: about half a second).
image_of --module virtio_pci --module virtio_blk --module ext4 \
    --module xhci_pci --module usbhid --module hid_generic
BOOT_ARGS=(--usb-keyboard --disk "$DISK" root=UUID=$ROOT_UUID rd.checkpoint=modules
           --send 'rdcheck (modules: pause)# ' 'cat /wait1')
for i in 1 2 3 4 5 6 7 8 9; do
    BOOT_ARGS+=(--send "/wait$i: " "cat /wait$((i + 1))")
done
BOOT_ARGS+=(--send '/wait10: ' 'lsmod' --send 'hid_generic ' 'continue')
check() {
    expect_clean_exit
    expect_order \
        '^rdcheck: checkpoint=modules status=pass ms=[0-9]+ detail=.*xhci_pci' \
        '^rdcheck: rescue checkpoint=modules reason=requested$' \
        'rdcheck \(modules: pause\)# lsmod$' \
        '^usbhid ' \
        '^rdcheck: checkpoint=disks status=pass ' \
        '^ROOT-INIT-MARKER pid=1 '
    expect_line '^hid_generic '
}
