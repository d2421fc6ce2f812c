# root=PARTUUID= on partition 1 of a GPT disk: found through libblkid's
# partition probing, mounted, handed over.
"$TOP/tools/mkrootdisk" -o "$DISK" --init "$TOP/build/musl/test/marker-init" --partitioned \
    --uuid 5a1e0c1d-7e57-4b00-9d15-000000000002 || fail "mkrootdisk --partitioned failed"
# mkrootdisk derives the PARTUUID from the filesystem UUID: last digit f.
BOOT_ARGS=(--disk "$DISK" root=PARTUUID=5a1e0c1d-7e57-4b00-9d15-00000000000f)
check() {
    expect_clean_exit
    expect_order \
        '^rdcheck: checkpoint=disks status=pass ms=[0-9]+ detail="root /dev/vda1 appeared \(virtio_blk\)"$' \
        '^rdcheck: checkpoint=filesystems status=pass ms=[0-9]+ detail="/dev/vda1 ext4 UUID=5a1e0c1d-7e57-4b00-9d15-000000000002 ' \
        '^rdcheck: switch_root init=/sbin/init ' \
        '^ROOT-INIT-MARKER pid=1 '
}
