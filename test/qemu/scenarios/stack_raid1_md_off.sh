# rd.md=0: the RAID members are left alone, as asked. Root (inside the
# array) is then not found, and the detail says why instead of a bare
# timeout; 'status' shows the layers.
stack_image --mdraid
BOOT_ARGS=(--disk "$(copy_of "$STACK_RAID1_IMG_A")" --disk "$(copy_of "$STACK_RAID1_IMG_B")"
           root=UUID=$STACK_RAID1_UUID rd.md=0 rd.checkpoint.timeout=3
           --send 'rdcheck (disks: fail)# ' 'status'
           --send 'switch_root  -' 'poweroff')
check() {
    expect_clean_exit
    expect_order \
        '^rdcheck: checkpoint=disks status=fail ms=[0-9]+ detail="root UUID='"$STACK_RAID1_UUID"' not found within 3 s: RAID member /dev/vd[ab] left alone \(rd.md=0\)"$' \
        'rdcheck \(disks: fail\)# status' \
        '^RAID member /dev/vd[ab] left alone \(rd.md=0\)$'
    expect_no_line '^rdcheck: checkpoint=disks status=pass'
}
