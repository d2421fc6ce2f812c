# Happy path: a vfat root; the kernel asks for its codepage modules through
# /proc/sys/kernel/modprobe, which rdcheck answers.
INITRD=$OUT/rdcheck-full.img
BOOT_ARGS=(--disk "$(copy_of "$IMG_VFAT")" root=UUID=$UUID_VFAT)
check() {
    expect_clean_exit
    expect_order \
        "^rdcheck: checkpoint=filesystems status=pass ms=[0-9]+ detail=\"/dev/vda vfat UUID=$UUID_VFAT LABEL=$LABEL_VFAT\"\$" \
        '^rdcheck: checkpoint=mounts status=pass ms=[0-9]+ detail="/dev/vda on /sysroot \(vfat, ro\), init /sbin/init"$' \
        '^ROOT-INIT-MARKER pid=1 '
}
