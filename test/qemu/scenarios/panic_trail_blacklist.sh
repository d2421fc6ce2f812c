# The panic trail, two boots in one QEMU: boot 1 inserts crashme (it panics
# in its init) and the kernel keeps its log in ramoops; boot 2 names the
# module from the trail line in that record, holds it back at the modules
# checkpoint, and the person blacklists it at the prompt and goes on.
crashme_image --module virtio_pci --module virtio_blk --module ext4 --pstore --module crashme
PANIC_EXPECTED='crashme: panic on load'
TIMEOUT=240
BOOT_ARGS=(--reboot --disk "$DISK" root=UUID=$ROOT_UUID "${RAMOOPS_WORDS[@]}"
           rd.driver.pre=crashme
           --send 'rdcheck (modules: pause)# ' 'blacklist crashme'
           --send 'blacklist: crashme stays out for this boot' 'continue')
check() {
    expect_clean_exit
    # Boot 1 panicked once, in crashme (the kernel's line); boot 2 never inserted it.
    expect_count 1 '^\[ *[0-9]+\.[0-9]+\] Kernel panic - not syncing: crashme: panic on load'
    expect_order \
        'Kernel panic - not syncing: crashme: panic on load' \
        '^rdcheck: previous_boot ended=panic records=[0-9]+ detail="panicked while rdcheck was inserting module crashme \(checkpoint modules\)' \
        '^rdcheck: checkpoint=modules status=pause ms=[0-9]+ detail="held back crashme: the last boot panicked while rdcheck was inserting it"$' \
        '^rdcheck: rescue checkpoint=modules reason=held$' \
        "^'blacklist crashme' keeps it out for this boot; 'continue' alone inserts it\\.\$" \
        '^blacklist: crashme stays out for this boot$' \
        '^continue: crashme stays out \(blacklisted\)$' \
        '^rdcheck: checkpoint=modules status=warn ms=[0-9]+ detail="[0-9]+ loaded; blacklisted but needed: crashme"$' \
        '^rdcheck: checkpoint=mounts status=pass ' \
        '^ROOT-INIT-MARKER pid=1 '
    expect_line '^ROOT-INIT-REPORT     "modules: blacklist crashme",$'
}
