# rd.verdict=isa-debug-exit with the panic trail: boot 1 panics inserting
# crashme; boot 2 holds it back and, with nobody at the prompt under
# rd.verdict=, keeps it out and goes on as a locked image does, to the pass
# verdict (QEMU exits 33).  The verdict tty spans both boots.
crashme_image --module virtio_pci --module virtio_blk --module ext4 --pstore --module crashme
PANIC_EXPECTED='crashme: panic on load'
TIMEOUT=240
VERDICT_LOG=$OUT/logs/$name.verdict.log
rm -f "$VERDICT_LOG"
BOOT_ARGS=(--reboot --disk "$DISK" --verdict-log "$VERDICT_LOG" root=UUID=$ROOT_UUID "${RAMOOPS_WORDS[@]}"
           rd.driver.pre=crashme rd.verdict=isa-debug-exit rd.verdict.tty=ttyS1)
check() {
    [[ $qemu_status -eq 33 ]] || fail "qemu exited with $qemu_status, expected 33 (pass)"
    expect_count 1 '^\[ *[0-9]+\.[0-9]+\] Kernel panic - not syncing: crashme: panic on load'
    expect_no_line '^rdcheck \(modules: pause\)# '
    expect_order \
        '^rdcheck: checkpoint=modules status=pause ms=[0-9]+ detail="held back crashme: the last boot panicked while rdcheck was inserting it"$' \
        '^rdcheck: rescue checkpoint=modules reason=held policy=verdict action=continue blacklisted=crashme$' \
        '^rdcheck: checkpoint=modules status=warn ms=[0-9]+ detail="[0-9]+ loaded; blacklisted but needed: crashme"$' \
        '^rdcheck: verdict=pass checkpoint=switch_root$'
    expect_no_line 'ROOT-INIT-MARKER'
    # Boot 1's drivers line, then boot 2's eight (modules twice: held, then decided).
    expect_verdict_log 9 'rdcheck: verdict=pass checkpoint=switch_root'
}
