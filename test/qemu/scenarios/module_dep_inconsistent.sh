# drivers fault: modules.dep promises a module the image does not hold (a
# second archive appended to the image replaces modules.dep).
INITRD=$OUT/disks/module_dep_inconsistent.cpio.gz
stage=$OUT/disks/module_dep_inconsistent.d
dep=lib/modules/$KVER/modules.dep
rm -rf "$stage" && mkdir -p "$stage"
(cd "$stage" && zstd -dc "$OUT/rdcheck.img" | cpio --quiet -id "$dep") || fail "cannot read $dep from the image"
echo "kernel/fs/xfs/xfs.ko: kernel/lib/libcrc32c.ko" >>"$stage/$dep"
image_with_overlay "$OUT/rdcheck.img" "$INITRD" "$stage" || fail "could not append the archive"
BOOT_ARGS=(--disk "$DISK" root=UUID=$ROOT_UUID --send 'rdcheck (drivers: fail)# ' 'poweroff')
check() {
    expect_clean_exit
    expect_order \
        '^rdcheck: checkpoint=drivers status=fail ms=[0-9]+ detail="modules.dep lists 1 module missing from the image: kernel/fs/xfs/xfs.ko"$' \
        '^rdcheck: rescue checkpoint=drivers reason=fail$'
}
