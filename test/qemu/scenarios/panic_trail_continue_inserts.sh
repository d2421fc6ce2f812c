# The panic trail when the person chooses to insert the module anyway: at
# boot 2's prompt 'continue' inserts crashme as asked, and it panics again;
# boot 3 holds it back once more (the newest record blames it too), nobody
# answers, and it is kept out: three boots, two panics, then the real init.
crashme_image --module virtio_pci --module virtio_blk --module ext4 --pstore --module crashme
PANIC_EXPECTED='crashme: panic on load'
TIMEOUT=300
BOOT_ARGS=(--reboot --disk "$DISK" root=UUID=$ROOT_UUID "${RAMOOPS_WORDS[@]}"
           rd.driver.pre=crashme rd.checkpoint.prompt_timeout=20
           --send 'rdcheck (modules: pause)# ' 'continue')
check() {
    expect_clean_exit
    expect_count 2 '^\[ *[0-9]+\.[0-9]+\] Kernel panic - not syncing: crashme: panic on load'
    expect_order \
        '^\[ *[0-9]+\.[0-9]+\] Kernel panic - not syncing: crashme: panic on load' \
        '^rdcheck: rescue checkpoint=modules reason=held$' \
        '^continue: crashme is inserted, as asked$' \
        '^\[ *[0-9]+\.[0-9]+\] Kernel panic - not syncing: crashme: panic on load' \
        '^rdcheck: previous_boot ended=panic .*panicked while rdcheck was inserting module crashme \(checkpoint modules\)' \
        '^rdcheck: rescue checkpoint=modules reason=held$' \
        '^rdcheck: rescue checkpoint=modules prompt_timeout=20 action=continue blacklisted=crashme$' \
        '^ROOT-INIT-MARKER pid=1 '
}
