# rd.lvm.vg= names another VG: rdvg stays inactive, as asked, and the disks
# line says so.
stack_image --lvm
BOOT_ARGS=(--disk "$(copy_of "$STACK_LVM_IMG")" root=UUID=$STACK_LVM_UUID rd.lvm.vg=othervg
           rd.checkpoint.timeout=3
           --send 'rdcheck (disks: fail)# ' 'poweroff')
check() {
    expect_clean_exit
    expect_line '^rdcheck: checkpoint=disks status=fail ms=[0-9]+ detail="root UUID='"$STACK_LVM_UUID"' not found within 3 s: VG rdvg left inactive \(rd.lvm.vg=, rd.lvm.lv= or root= name others\)"$'
}
