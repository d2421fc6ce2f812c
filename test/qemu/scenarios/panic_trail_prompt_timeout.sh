# The panic trail when nobody answers: boot 2 holds back crashme, which
# panicked boot 1, opens the prompt, and when rd.checkpoint.prompt_timeout=
# ends it keeps crashme out for this boot and goes on (a boot loop of
# panics is the worst outcome), saying so in one line.
crashme_image --module virtio_pci --module virtio_blk --module ext4 --pstore --module crashme
PANIC_EXPECTED='crashme: panic on load'
TIMEOUT=240
BOOT_ARGS=(--reboot --disk "$DISK" root=UUID=$ROOT_UUID "${RAMOOPS_WORDS[@]}"
           rd.driver.pre=crashme rd.checkpoint.prompt_timeout=2)
check() {
    expect_clean_exit
    expect_count 1 '^\[ *[0-9]+\.[0-9]+\] Kernel panic - not syncing: crashme: panic on load'
    expect_order \
        'Kernel panic - not syncing: crashme: panic on load' \
        '^rdcheck: previous_boot ended=panic .*panicked while rdcheck was inserting module crashme \(checkpoint modules\)' \
        '^rdcheck: checkpoint=modules status=pause ms=[0-9]+ detail="held back crashme: the last boot panicked while rdcheck was inserting it"$' \
        '^rdcheck: rescue checkpoint=modules reason=held$' \
        '^rdcheck: rescue checkpoint=modules prompt_timeout=2 action=continue blacklisted=crashme$' \
        '^rdcheck: checkpoint=modules status=warn ms=[0-9]+ detail="[0-9]+ loaded; blacklisted but needed: crashme"$' \
        '^ROOT-INIT-MARKER pid=1 '
}
