# Fix and resume with a module the image left out: the root disk is on
# virtio, the image has no virtio_blk.  A second disk (on IDE, which the
# image can drive) holds a modules tree; at the prompt the person mounts it,
# loads virtio_blk from it, and retries: the boot reaches the real init.
image_of --module virtio_pci --module ext4 --module ata_piix --module sd_mod
mods=$OUT/disks/$name-mods
rm -rf "$mods" && mkdir -p "$mods/lib/modules/$KVER"
for m in kernel/drivers/block/virtio_blk.ko kernel/drivers/virtio/virtio.ko \
         kernel/drivers/virtio/virtio_ring.ko modules.order modules.builtin modules.builtin.modinfo; do
    mkdir -p "$(dirname "$mods/lib/modules/$KVER/$m")"
    cp "$MODDIR/$m" "$mods/lib/modules/$KVER/$m"
done
depmod -b "$mods" "$KVER" || fail "depmod on the modules disk failed"
MODS_DISK=$OUT/disks/$name-mods.img
rm -f "$MODS_DISK"
mke2fs -q -t ext4 -L rdmods -d "$mods" "$MODS_DISK" 16M >/dev/null || fail "mke2fs of the modules disk failed"
BOOT_ARGS=(--disk "$DISK" --ide-disk "$MODS_DISK" root=UUID=$ROOT_UUID rd.checkpoint.timeout=2
           --send 'rdcheck (disks: fail)# ' 'lsblk'
           --send 'rdmods' 'mount /dev/sda /mnt'
           --send 'mounted /dev/sda on /mnt' 'modprobe -d /mnt virtio_blk'
           --send 'loaded virtio_blk' 'retry')
check() {
    expect_clean_exit
    expect_order \
        '^rdcheck: checkpoint=disks status=fail ms=[0-9]+ detail=.*virtio block device \(virtio[0-9]+\) needs virtio_blk, not in the image' \
        '^rdcheck: rescue checkpoint=disks reason=fail$' \
        '^sda +16 MiB +ext4 +rdmods ' \
        '^mounted /dev/sda on /mnt \(ro\)$' \
        '^loaded virtio_blk$' \
        '^retry: from disks$' \
        "^rdcheck: checkpoint=disks status=pass ms=[0-9]+ detail=\"root /dev/vda appeared \\(virtio_blk\\)\"\$" \
        '^rdcheck: checkpoint=mounts status=pass ' \
        '^rdcheck: switch_root init=/sbin/init ' \
        '^ROOT-INIT-MARKER pid=1 '
    # The report says what was done at the prompt.
    expect_line '^ROOT-INIT-REPORT     "disks: mount /dev/sda /mnt",$'
    expect_line '^ROOT-INIT-REPORT     "disks: modprobe -d /mnt virtio_blk",$'
    expect_line '^ROOT-INIT-REPORT     "disks: retry"$'
}
