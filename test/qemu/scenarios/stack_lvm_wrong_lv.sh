# LVM fault: root= names an LV the VG does not have. The detail says so and
# lists the LVs there are, instead of a timeout on a device that never comes.
stack_image --lvm
BOOT_ARGS=(--disk "$(copy_of "$STACK_LVM_IMG")" root=/dev/mapper/rdvg-rooot rd.checkpoint.timeout=4
           --send 'rdcheck (disks: fail)# ' 'lvm lvs'
           --send '-wi-' 'poweroff')
check() {
    expect_clean_exit
    expect_order \
        '^rdcheck: checkpoint=disks status=fail ms=[0-9]+ detail="root /dev/mapper/rdvg-rooot not found within 4 s: VG rdvg has no LV rooot \(LVs: root, spare\)"$' \
        '^rdcheck: rescue checkpoint=disks reason=fail$' \
        'rdcheck \(disks: fail\)# lvm lvs' \
        '^ *root +rdvg '
}
