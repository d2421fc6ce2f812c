# disks fault: root=UUID= names a LUKS container, not the filesystem inside
# it.  The image has no LUKS helper, so rdcheck cannot look inside: it says
# what root= points at and what it should name.
BOOT_ARGS=(--disk "$(copy_of "$IMG_LUKS")" root=UUID=$UUID_LUKS
           --send 'rdcheck (disks: fail)# ' 'why'
           --send 'root= must name' 'poweroff')
check() {
    expect_clean_exit
    expect_order \
        '^rdcheck: checkpoint=disks status=fail ms=[0-9]+ detail="root=UUID='"$UUID_LUKS"' is the LUKS container on /dev/vda, not a filesystem; root= must name the filesystem inside it"$' \
        '^rdcheck: rescue checkpoint=disks reason=fail$' \
        'could not be opened to look inside: LUKS on /dev/vda: no rdcheck-luks in the image \(rdcheck-mkimage --luks\)'
}
