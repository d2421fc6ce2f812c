# LVM: a thin LV is out of rdcheck's scope, and the disks line names it as
# unsupported instead of a timeout on a device that never comes.
stack_image --lvm
BOOT_ARGS=(--disk "$(copy_of "$STACK_LVM_THIN_IMG")" root=/dev/$STACK_LVM_THIN_VG/$STACK_LVM_THIN_LV
           rd.checkpoint.timeout=4
           --send 'rdcheck (disks: fail)# ' 'poweroff')
check() {
    expect_clean_exit
    expect_line '^rdcheck: checkpoint=disks status=fail ms=[0-9]+ detail="root /dev/rdthin/root not found within 4 s: LV rdthin/root is a thin LV: rdcheck activates linear, striped and mirrored LVs only"$'
}
