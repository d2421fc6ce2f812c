# disks fault: no disk at all; the detail says none appeared.
BOOT_ARGS=(root=UUID=$ROOT_UUID rd.checkpoint.timeout=2 --send 'rdcheck (disks: fail)# ' 'poweroff')
check() {
    expect_clean_exit
    expect_order \
        "^rdcheck: checkpoint=disks status=fail ms=[0-9]+ detail=\"root UUID=$ROOT_UUID not found within 2 s; block devices: none; no driver in image for PCI IDE controller 8086:7010 \\(0000:00:01.1\\) needs ata_piix, not in the image\"\$" \
        '^rdcheck: rescue checkpoint=disks reason=fail$'
}
