# drivers warns about a module in the image that was built for another
# release than the running kernel's, though it sits under its directory
# (here crc32c-intel.ko with its vermagic rewritten, which breaks its
# signature too): the kernel refuses it when it is needed, and the modules
# checkpoint then gives the kernel's reason.
# Nothing the root needs: the boot goes on.
ko=lib/modules/$KVER/kernel/arch/x86/crypto/crc32c-intel.ko
other=${KVER/-[0-9]*-/-99-}
mkdir -p "$OUT/disks/$name-overlay/$(dirname "$ko")"
sed "s/vermagic=$KVER /vermagic=$other /" "$MODDIR/${ko#lib/modules/$KVER/}" \
    >"$OUT/disks/$name-overlay/$ko"
cmp -s "$MODDIR/${ko#lib/modules/$KVER/}" "$OUT/disks/$name-overlay/$ko" && fail "vermagic not rewritten"
INITRD=$OUT/disks/$name.cpio.gz
image_with_overlay "$OUT/rdcheck.img" "$INITRD" "$OUT/disks/$name-overlay"
BOOT_ARGS=(--disk "$DISK" root=UUID=$ROOT_UUID)
check() {
    expect_clean_exit
    expect_order \
        "^rdcheck: checkpoint=drivers status=warn ms=[0-9]+ detail=\"1 of [0-9]+ modules in image not built for $KVER: kernel/arch/x86/crypto/crc32c-intel.ko \\($other\\)\"\$" \
        '^rdcheck: checkpoint=modules status=warn ms=[0-9]+ detail=".*crc32c_intel' \
        '^rdcheck: switch_root init=/sbin/init ' \
        '^ROOT-INIT-MARKER pid=1 '
}
