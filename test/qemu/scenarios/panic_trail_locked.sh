# The panic trail on an image with no prompt (--rescue locked): boot 2 holds
# back crashme, which panicked boot 1, cannot ask, keeps it out for this
# boot and goes on, saying so in one line.
crashme_image --module virtio_pci --module virtio_blk --module ext4 --pstore --module crashme --rescue locked
PANIC_EXPECTED='crashme: panic on load'
TIMEOUT=240
BOOT_ARGS=(--reboot --disk "$DISK" root=UUID=$ROOT_UUID "${RAMOOPS_WORDS[@]}" rd.driver.pre=crashme)
check() {
    expect_clean_exit
    expect_count 1 '^\[ *[0-9]+\.[0-9]+\] Kernel panic - not syncing: crashme: panic on load'
    expect_no_line '^rdcheck \(modules: pause\)# '
    expect_order \
        '^rdcheck: checkpoint=modules status=pause ms=[0-9]+ detail="held back crashme: the last boot panicked while rdcheck was inserting it"$' \
        '^rdcheck: rescue checkpoint=modules reason=held policy=locked action=continue blacklisted=crashme$' \
        '^rdcheck: checkpoint=modules status=warn ms=[0-9]+ detail="[0-9]+ loaded; blacklisted but needed: crashme"$' \
        '^ROOT-INIT-MARKER pid=1 '
}
