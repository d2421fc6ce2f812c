# A boot where the kernel talks while we do: initcall_debug and loglevel=8
# print a line for every module init (from the modules we load in parallel)
# and our own kernel-log copies.  Every status line comes out whole at
# column 0 (scenario.sh checks that for every scenario), the kernel's console
# is not left held after our lines (its messages about the modules we load
# come after the drivers line), and none of its messages is lost: each module
# init that started says how it returned.  loglevel=8 shows the kernel
# log's copies of our lines too: all of them are there.
INITRD=$OUT/rdcheck-full.img
BOOT_ARGS=(--disk "$DISK" root=UUID=$ROOT_UUID initcall_debug loglevel=8)
check() {
    local calls returns
    expect_clean_exit
    expect_count 7 '^rdcheck: checkpoint=[a-z_]+ status=pass '
    expect_order \
        '^rdcheck: checkpoint=drivers status=pass ' \
        '^\[ *[0-9.]+\] calling  virtio_blk_init\+.* \[virtio_blk\]' \
        '^\[ *[0-9.]+\] initcall virtio_blk_init\+.* \[virtio_blk\] returned 0 ' \
        '^rdcheck: checkpoint=modules status=pass ' \
        '^\[ *[0-9.]+\] EXT4-fs \(vda\): mounted filesystem' \
        '^rdcheck: checkpoint=mounts status=pass ' \
        '^ROOT-INIT-MARKER pid=1 '
    expect_count 7 '^\[ *[0-9.]+\] rdcheck: checkpoint=[a-z_]+ status=pass '
    expect_count 1 '^\[ *[0-9.]+\] rdcheck: switch_root init=/sbin/init '
    calls=$(grep -acE '^\[ *[0-9.]+\] calling  .* \[[a-z0-9_]+\] @ [0-9]+$' "$text")
    returns=$(grep -acE '^\[ *[0-9.]+\] initcall .* \[[a-z0-9_]+\] returned ' "$text")
    [[ $calls -ge 4 && $calls -eq $returns ]] ||
        fail "$calls module inits started on the console, $returns returned"
}
