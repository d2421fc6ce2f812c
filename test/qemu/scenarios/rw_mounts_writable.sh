# With rw the root is mounted read-write (and the disk may change: ext4
# records the mount), the counterpart of ro_disk_untouched.
before=$(sha256sum <"$DISK")
BOOT_ARGS=(--disk "$DISK" root=UUID=$ROOT_UUID rw)
check() {
    expect_clean_exit
    expect_order \
        '^rdcheck: checkpoint=mounts status=pass ms=[0-9]+ detail="/dev/vda on /sysroot \(ext4, rw\), init /sbin/init"$' \
        '^ROOT-INIT-MARKER pid=1 '
    [[ $(sha256sum <"$DISK") != "$before" ]] || fail "an rw mount left no trace: was it read-only?"
}
