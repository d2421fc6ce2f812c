# MD RAID1 fault: neither member attached. The disks line lists what is
# there; 'why' says root= is an array and that no member appeared.
stack_image --mdraid
BOOT_ARGS=(--disk "$DISK" root=/dev/md/rdraid rd.checkpoint.timeout=3
           --send 'rdcheck (disks: fail)# ' 'why'
           --send 'no member of any array appeared' 'poweroff')
check() {
    expect_clean_exit
    expect_order \
        '^rdcheck: checkpoint=disks status=fail ms=[0-9]+ detail="root /dev/md/rdraid not found within 3 s; block devices: vda ' \
        '^root=/dev/md/rdraid is a RAID array, and no member of any array appeared$'
}
