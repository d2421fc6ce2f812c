# MD RAID1 with one member missing: after 2/3 of the disk wait the array is
# started degraded, the disks line warns naming the array and what is
# there, and the boot goes on.
stack_image --mdraid
BOOT_ARGS=(--disk "$(copy_of "$STACK_RAID1_IMG_A")" root=UUID=$STACK_RAID1_UUID rd.checkpoint.timeout=6)
check() {
    expect_clean_exit
    expect_order \
        '^rdcheck: checkpoint=disks status=warn ms=[0-9]+ detail="root /dev/md127 appeared \(RAID1 md127 on /dev/vda, virtio_blk\); RAID rdraid started degraded: 1 of 2 members \(/dev/vda\); the other did not appear"$' \
        '^ROOT-INIT-MARKER pid=1 argv0=/sbin/init '
}
