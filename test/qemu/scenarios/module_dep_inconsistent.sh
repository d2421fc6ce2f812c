# drivers fault: modules.dep promises a module the image does not hold (a
# second archive appended to the image replaces modules.dep).
INITRD=$OUT/disks/module_dep_inconsistent.cpio.gz
stage=$OUT/disks/module_dep_inconsistent.d
dep=lib/modules/$KVER/modules.dep
rm -rf "$stage" && mkdir -p "$stage"
(cd "$stage" && zcat "$OUT/rdcheck.img" | cpio --quiet -id "$dep") || fail "cannot read $dep from the image"
echo "kernel/fs/xfs/xfs.ko: kernel/lib/libcrc32c.ko" >>"$stage/$dep"
cp "$OUT/rdcheck.img" "$INITRD"
(cd "$stage" && find lib | LC_ALL=C sort | cpio --quiet -o -H newc | gzip -n) >>"$INITRD" ||
    fail "could not append the archive"
BOOT_ARGS=(--disk "$DISK" root=UUID=$ROOT_UUID --send 'rdcheck (drivers: fail)# ' 'poweroff')
check() {
    [[ $qemu_status -eq 0 ]] || fail "qemu exited with $qemu_status (124: timed out)"
    expect_order \
        '^rdcheck: checkpoint=drivers status=fail ms=[0-9]+ detail="modules.dep lists 1 module missing from the image: kernel/fs/xfs/xfs.ko"$' \
        '^rdcheck: rescue checkpoint=drivers reason=fail$'
}
