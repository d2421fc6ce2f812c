# An image built from a module tree as Fedora, Arch or Ubuntu ship theirs
# (ext4 and crc16 as .ko.xz, virtio_blk and jbd2 as .ko.zst): the modules go
# in as .ko, and the boot loads them and reaches the real init.
tree=$OUT/disks/$name-tree
rm -rf "$tree"
"$TOP/test/mkimage/compressed-tree" "$MODDIR" "$KVER" "$tree" || fail "compressed-tree"
MODDIR=$tree/lib/modules/$KVER
image_of --module virtio_pci --module virtio_blk --module ext4
BOOT_ARGS=(--disk "$DISK" root=UUID=$ROOT_UUID)
check() {
    expect_clean_exit
    expect_order \
        '^rdcheck: checkpoint=modules status=pass ms=[0-9]+ detail=.*virtio_blk' \
        '^rdcheck: checkpoint=disks status=pass ' \
        '^rdcheck: checkpoint=filesystems status=pass ms=[0-9]+ detail=.*ext4' \
        '^rdcheck: switch_root init=/sbin/init ' \
        '^ROOT-INIT-MARKER pid=1 '
    expect_no_line 'module verification failed|Invalid ELF header|Exec format error'
}
