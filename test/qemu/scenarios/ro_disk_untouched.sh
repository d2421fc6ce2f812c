# Read-only unless rw: after a boot that mounted root and then failed (a
# required variable is missing), the disk image is byte for byte what it was.
before=$(sha256sum <"$DISK")
BOOT_ARGS=(--disk "$DISK" root=UUID=$ROOT_UUID rd.env.require=NOT_SET
           --send 'rdcheck (env: fail)# ' 'poweroff')
check() {
    expect_clean_exit
    expect_order \
        '^rdcheck: checkpoint=mounts status=pass ms=[0-9]+ detail="/dev/vda on /sysroot \(ext4, ro\)' \
        '^rdcheck: checkpoint=env status=fail '
    [[ $(sha256sum <"$DISK") == "$before" ]] || fail "the disk image changed during a read-only boot"
}
