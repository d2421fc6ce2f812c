# rd.verdict=isa-debug-exit: a boot that reaches the real init ends QEMU
# with exit status 33 before the real init runs.  The verdict tty (ttyS1,
# QEMU's second serial port) holds a copy of every status line, the report
# with its byte count, and the verdict line last.  A requested stop goes on
# by itself: nobody is at the prompt.
VERDICT_LOG=$OUT/logs/$name.verdict.log
rm -f "$VERDICT_LOG"
BOOT_ARGS=(--disk "$DISK" --verdict-log "$VERDICT_LOG" root=UUID=$ROOT_UUID rd.checkpoint=drivers
           rd.verdict=isa-debug-exit rd.verdict.tty=ttyS1)
check() {
    [[ $qemu_status -eq 33 ]] || fail "qemu exited with $qemu_status, expected 33 (pass)"
    expect_order \
        '^rdcheck: checkpoint=drivers status=pass ' \
        '^rdcheck: rescue checkpoint=drivers reason=requested policy=verdict action=continue$' \
        '^rdcheck: checkpoint=switch_root status=pass ' \
        '^rdcheck: switch_root init=/sbin/init total_ms=[0-9]+$' \
        '^rdcheck: verdict=pass checkpoint=switch_root$'
    expect_no_line 'ROOT-INIT-MARKER'
    expect_no_line 'did not stop'
    expect_verdict_log 7 'rdcheck: verdict=pass checkpoint=switch_root'
}
