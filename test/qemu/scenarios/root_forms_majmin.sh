# root=MAJ:MIN: virtio_blk's dynamic major is 254 on this kernel; partition 2 is minor 2.
BOOT_ARGS=(--disk "$(copy_of "$IMG_GPT")" root=254:2)
check() {
    [[ $qemu_status -eq 0 ]] || fail "qemu exited with $qemu_status (124: timed out)"
    expect_order \
        '^rdcheck: checkpoint=disks status=pass ms=[0-9]+ detail="root /dev/vda2 appeared \(virtio_blk\)"$' \
        '^ROOT-INIT-MARKER pid=1 '
}
