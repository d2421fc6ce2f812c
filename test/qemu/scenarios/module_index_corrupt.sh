# drivers fault: the image's modules.dep.bin is garbage (a second archive
# appended to the image overwrites it, as the kernel unpacks them in order).
INITRD=$OUT/disks/module_index_corrupt.cpio.gz
stage=$OUT/disks/module_index_corrupt.d
rm -rf "$stage" && mkdir -p "$stage/lib/modules/$KVER"
head -c 4096 /dev/urandom >"$stage/lib/modules/$KVER/modules.dep.bin"
image_with_overlay "$OUT/rdcheck.img" "$INITRD" "$stage" || fail "could not append the archive"
BOOT_ARGS=(--disk "$DISK" root=UUID=$ROOT_UUID --send 'rdcheck (drivers: fail)# ' 'poweroff')
check() {
    expect_clean_exit
    expect_order \
        "^rdcheck: checkpoint=drivers status=fail ms=[0-9]+ detail=\"module indexes in /lib/modules/$KVER unreadable: [A-Za-z ]+\"\$" \
        '^rdcheck: rescue checkpoint=drivers reason=fail$'
}
