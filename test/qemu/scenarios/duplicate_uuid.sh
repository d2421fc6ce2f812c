# filesystems fault: two disks carry the same filesystem UUID (a cloned
# disk); rdcheck names both and refuses to guess.
cp --sparse=always "$DISK" "$OUT/disks/duplicate_uuid-clone.img"
BOOT_ARGS=(--disk "$DISK" --disk "$OUT/disks/duplicate_uuid-clone.img" root=UUID=$ROOT_UUID
           --send 'rdcheck (filesystems: fail)# ' 'poweroff')
check() {
    expect_clean_exit
    expect_order \
        "^rdcheck: checkpoint=filesystems status=fail ms=[0-9]+ detail=\"UUID=$ROOT_UUID is on several devices: /dev/vd[ab], /dev/vd[ab]; refusing to guess\"\$" \
        '^rdcheck: rescue checkpoint=filesystems reason=fail$'
    expect_no_line '^rdcheck: checkpoint=mounts'
}
