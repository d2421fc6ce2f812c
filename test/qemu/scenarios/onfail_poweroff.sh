# rd.checkpoint.onfail=poweroff: a failing checkpoint powers the machine off
# instead of opening the prompt, and says so first.
BOOT_ARGS=(--disk "$DISK" root=LABEL=no-such-label rd.checkpoint.timeout=1
           rd.checkpoint.onfail=poweroff)
check() {
    expect_clean_exit
    expect_order \
        '^rdcheck: checkpoint=disks status=fail ms=[0-9]+ detail="root LABEL=no-such-label not found within 1 s' \
        '^rdcheck: checkpoint disks failed: rd.checkpoint.onfail=poweroff$'
    expect_no_line '^rdcheck: rescue '
    expect_no_line 'rdcheck \(disks'
}
