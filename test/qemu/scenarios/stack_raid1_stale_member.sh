# MD RAID1 fault: the members' event counts disagree (one was failed out and
# the array written to since). Not assembled: both are named, with their counts.
stack_image --mdraid
BOOT_ARGS=(--disk "$(copy_of "$STACK_RAID1_STALE_IMG_A")" --disk "$(copy_of "$STACK_RAID1_STALE_IMG_B")"
           root=/dev/md/rdstale rd.checkpoint.timeout=4
           --send 'rdcheck (disks: fail)# ' 'mdadm --examine /dev/vdb'
           --send 'Array State' 'poweroff')
check() {
    expect_clean_exit
    expect_order \
        '^rdcheck: checkpoint=disks status=fail ms=[0-9]+ detail="root /dev/md/rdstale not found within 4 s: RAID rdstale: members disagree: /dev/vd[ab] has events [0-9]+, /dev/vd[ab] has [0-9]+; not assembled' \
        'rdcheck \(disks: fail\)# mdadm --examine /dev/vdb' \
        'Events : '
}
