# The new root's /etc/fstab names a separate /usr: it is mounted too,
# read-only, before the init is looked for, and the real init sees it.
BOOT_ARGS=(--disk "$(copy_of "$IMG_FSTAB_ROOT")" --disk "$(copy_of "$IMG_FSTAB_USR")"
           root=UUID=$UUID_FSTAB_ROOT)
check() {
    expect_clean_exit
    expect_order \
        '^rdcheck: checkpoint=mounts status=pass ms=[0-9]+ detail="/dev/vda on /sysroot \(ext4, ro\), /usr from /dev/vdb, init /sbin/init"$' \
        '^ROOT-INIT-MARKER pid=1 ' \
        '^ROOT-INIT-USR mounted$'
}
