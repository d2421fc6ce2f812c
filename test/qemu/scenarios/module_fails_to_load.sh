# modules fault: the disk driver refuses to load (a bad module option); the
# detail names the device, the module and the kernel's own reason.
BOOT_ARGS=(--disk "$DISK" root=UUID=$ROOT_UUID virtio_blk.queue_depth=abc
           --send 'rdcheck (modules: fail)# ' 'poweroff')
check() {
    expect_clean_exit
    expect_order \
        "^rdcheck: checkpoint=modules status=fail ms=[0-9]+ detail=\"virtio block device: virtio_blk: Invalid argument \\(kernel: virtio_blk: \`abc' invalid for parameter \`queue_depth'\\)\"\$" \
        '^rdcheck: rescue checkpoint=modules reason=fail$'
}
