# A dump target too small for the dump: the crashed kernel's log is saved
# first, the dump fails naming ENOSPC, its -incomplete file is removed so the
# target is not left full, and after the prompt's timeout the capture
# kernel still takes its final action: rd.kdump.final=shell, the prompt
# once more, and when nobody types there either, reboot.
source "$TOP/test/qemu/kdump.inc"
kdump_prepare 8M rd.kdump.target=UUID=$KDUMP_TARGET_UUID rd.checkpoint.prompt_timeout=2 rd.kdump.final=shell
BOOT_ARGS=("${KDUMP_ARGS[@]}" --disk "$TARGET" "${KDUMP_WORDS[@]}")
check() {
    local dir stamp
    expect_clean_exit
    expect_order \
        '^rdcheck: checkpoint=mounts status=pass ' \
        '^rdcheck: checkpoint=dmesg status=pass ms=[0-9]+ detail="the crashed kernel.s log, ' \
        '^rdcheck: checkpoint=dump status=fail ms=[0-9]+ detail="dump target /dev/vd[a-z] is full \(No space left on device\) after [0-9]+ MiB of [0-9]+: removed dump\.[0-9]{12}-incomplete so it is not left full; /var/crash/[0-9]{12}/dmesg\.[0-9]{12} is kept"' \
        '^rdcheck: rescue checkpoint=dump reason=fail$' \
        '^dump: dump target ' \
        '^rdcheck: rescue checkpoint=dump prompt_timeout=2 action=continue$' \
        '^rdcheck: kdump final=shell saved=/var/crash/[0-9]{12}$' \
        '^rdcheck: rescue checkpoint=dump reason=requested$' \
        '^dump: capture done, rd.kdump.final=shell\. Type' \
        '^rdcheck: rescue checkpoint=dump prompt_timeout=2 action=continue$' \
        'reboot: Restarting system'
    dir=$(crash_dir)
    [[ -n $dir ]] || fail "no /var/crash/<stamp> directory on the target"
    stamp=${dir##*/}
    target_file "$dir/dmesg.$stamp" "$OUT/disks/$name-dmesg" || fail "no $dir/dmesg.$stamp on the target"
    grep -aq 'sysrq triggered crash' "$OUT/disks/$name-dmesg" ||
        fail "dmesg.$stamp does not hold the crash message"
    /sbin/debugfs -R "ls $dir" "$TARGET" 2>/dev/null | grep -q "dump\.$stamp" &&
        fail "a dump file is left on the full target"
    return 0
}
