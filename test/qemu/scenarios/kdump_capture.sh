# rdcheck as the kdump capture initramfs: the crashed kernel's log and a
# sparse raw copy of /proc/vmcore land on the target disk in kdump-tools'
# layout, named by rd.kdump.target=, and the capture kernel reboots.
source "$TOP/test/qemu/kdump.inc"
kdump_prepare 1G rd.kdump.target=UUID=$KDUMP_TARGET_UUID
BOOT_ARGS=("${KDUMP_ARGS[@]}" --disk "$TARGET" "${KDUMP_WORDS[@]}")
check() {
    local dir stamp size got
    expect_clean_exit
    expect_order \
        '^KDUMP-INIT-ARMED ' \
        'sysrq triggered crash' \
        '^rdcheck: kdump capture vmcore_size=[0-9]+ target=UUID=5a1e0c1d-7e57-4b00-9d15-0000000000d2 path=/var/crash final=reboot ' \
        '^rdcheck: checkpoint=disks status=pass ' \
        '^rdcheck: checkpoint=mounts status=pass ms=[0-9]+ detail="dump target /dev/vd[a-z] \(ext4\) mounted rw on /sysroot, saving to /var/crash/[0-9]{12}"' \
        '^rdcheck: checkpoint=dmesg status=pass ms=[0-9]+ detail="the crashed kernel.s log, [0-9]+ lines \([0-9]+ KiB\), in /var/crash/[0-9]{12}/dmesg\.[0-9]{12}: Kernel panic - not syncing: sysrq triggered crash"' \
        '^rdcheck: kdump dump progress=100% ' \
        '^rdcheck: checkpoint=dump status=pass ms=[0-9]+ detail="/proc/vmcore size=[0-9]+ in /var/crash/[0-9]{12}/dump\.[0-9]{12} ' \
        '^rdcheck: kdump final=reboot saved=/var/crash/[0-9]{12}$'
    # The first kernel's boot has env and switch_root; the capture kernel's has dmesg and dump instead.
    expect_count 1 '^rdcheck: checkpoint=switch_root '
    expect_count 1 '^rdcheck: checkpoint=dump '
    expect_no_line 'status=fail'
    # Progress is bounded: ten lines at most.
    [[ $(grep -ac '^rdcheck: kdump dump progress=' "$text") -le 10 ]] || fail "more than ten progress lines"
    dir=$(crash_dir)
    [[ -n $dir ]] || fail "no /var/crash/<stamp> directory on the target"
    stamp=${dir##*/}
    target_file "$dir/dmesg.$stamp" "$OUT/disks/$name-dmesg" || fail "no $dir/dmesg.$stamp on the target"
    grep -aq 'sysrq triggered crash' "$OUT/disks/$name-dmesg" ||
        fail "dmesg.$stamp does not hold the crash message"
    target_file "$dir/dump.$stamp" "$OUT/disks/$name-dump" || fail "no $dir/dump.$stamp on the target"
    /sbin/debugfs -R "ls $dir" "$TARGET" 2>/dev/null | grep -q incomplete && fail "an -incomplete file is left"
    readelf -h "$OUT/disks/$name-dump" | grep -q 'Type:.*CORE (Core file)' || fail "dump.$stamp is not an ELF core"
    size=$(grep -aoE 'detail="/proc/vmcore size=[0-9]+' "$text" | grep -oE '[0-9]+$')
    got=$(stat -c %s "$OUT/disks/$name-dump")
    [[ $got == "$size" ]] || fail "dump.$stamp has $got bytes, /proc/vmcore had $size"
    rm -f "$OUT/disks/$name-dump"
}
