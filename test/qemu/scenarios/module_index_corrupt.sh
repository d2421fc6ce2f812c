# drivers fault: the image's modules.dep.bin is garbage (a second archive
# appended to the image overwrites it, as the kernel unpacks them in order).
INITRD=$OUT/disks/module_index_corrupt.cpio.gz
stage=$OUT/disks/module_index_corrupt.d
rm -rf "$stage" && mkdir -p "$stage/lib/modules/$KVER"
head -c 4096 /dev/urandom >"$stage/lib/modules/$KVER/modules.dep.bin"
cp "$OUT/rdcheck.img" "$INITRD"
(cd "$stage" && find lib | LC_ALL=C sort | cpio --quiet -o -H newc | gzip -n) >>"$INITRD" ||
    fail "could not append the archive"
BOOT_ARGS=(--disk "$DISK" root=UUID=$ROOT_UUID --send 'rdcheck (drivers: fail)# ' 'poweroff')
check() {
    [[ $qemu_status -eq 0 ]] || fail "qemu exited with $qemu_status (124: timed out)"
    expect_order \
        "^rdcheck: checkpoint=drivers status=fail ms=[0-9]+ detail=\"module indexes in /lib/modules/$KVER unreadable: [A-Za-z ]+\"\$" \
        '^rdcheck: rescue checkpoint=drivers reason=fail$'
}
