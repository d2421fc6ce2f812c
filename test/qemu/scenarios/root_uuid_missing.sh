# Smoke 2: a root=UUID= that matches nothing fails at disks within the
# timeout, opens the prompt (no panic), and the prompt's poweroff works.
BOOT_ARGS=(--disk "$DISK" root=UUID=00000000-dead-beef-0000-000000000000
           rd.checkpoint.timeout=3
           --send 'rdcheck (disks: fail)# ' 'poweroff')
check() {
    expect_clean_exit
    expect_order \
        '^rdcheck: checkpoint=modules status=pass' \
        '^rdcheck: checkpoint=disks status=fail ms=[0-9]+ detail="root UUID=00000000-dead-beef-0000-000000000000 not found within 3 s; block devices: vda 32 MiB; no driver in image for PCI IDE controller 8086:7010 \(0000:00:01.1\) needs ata_piix, not in the image"$' \
        '^rdcheck: rescue checkpoint=disks reason=fail$' \
        'rdcheck \(disks: fail\)# ' \
        '^rdcheck: poweroff requested at the prompt$'
    expect_no_line '^rdcheck: checkpoint=filesystems'
    expect_no_line 'ROOT-INIT-MARKER'
    # The wait used rd.checkpoint.timeout=3, not the default 10 s.
    ms=$(sed -n 's/^rdcheck: checkpoint=disks status=fail ms=\([0-9]*\) .*/\1/p' "$text")
    [[ $ms -ge 2900 && $ms -lt 9000 ]] || fail "disks waited $ms ms for a 3 s timeout"
}
