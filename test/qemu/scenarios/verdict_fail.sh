# rd.verdict=isa-debug-exit: a failing checkpoint ends QEMU with exit status
# 35 + 2 * its index (disks: 39) before any prompt or onfail action; the
# verdict tty ends with the verdict line naming it.
VERDICT_LOG=$OUT/logs/$name.verdict.log
rm -f "$VERDICT_LOG"
BOOT_ARGS=(--disk "$DISK" --verdict-log "$VERDICT_LOG" root=LABEL=nosuchlabel rd.checkpoint.timeout=2
           rd.verdict=isa-debug-exit rd.verdict.tty=ttyS1)
check() {
    [[ $qemu_status -eq 39 ]] || fail "qemu exited with $qemu_status, expected 39 (disks failed)"
    expect_order \
        '^rdcheck: checkpoint=disks status=fail ms=[0-9]+ detail="root LABEL=nosuchlabel not found within 2 s' \
        '^rdcheck: verdict=fail checkpoint=disks$'
    expect_no_line '^rdcheck: rescue '
    expect_no_line 'rdcheck \(disks'
    expect_no_line '^rdcheck: checkpoint=filesystems'
    expect_verdict_log 3 'rdcheck: verdict=fail checkpoint=disks'
}
