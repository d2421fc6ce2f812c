# LVM fault: a VG of two PVs with one of them not attached. lvm is asked
# which PV is missing, and the detail names it.
stack_image --lvm
BOOT_ARGS=(--disk "$(copy_of "$STACK_LVM2PV_IMG_A")" root=/dev/$STACK_LVM2PV_VG/root rd.checkpoint.timeout=4
           --send 'rdcheck (disks: fail)# ' 'poweroff')
check() {
    expect_clean_exit
    expect_order \
        '^rdcheck: checkpoint=disks status=fail ms=[0-9]+ detail="root /dev/rdvg2/root not found within 4 s: VG rdvg2 needs 2 PVs, found 1 \(missing PV uuid '"$STACK_LVM2PV_PVUUID_B"'\)"$' \
        '^rdcheck: rescue checkpoint=disks reason=fail$'
}
