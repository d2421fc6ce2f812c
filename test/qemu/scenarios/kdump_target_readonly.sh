# A dump target the capture kernel sees read-only: one clear line, nothing
# written (not even tried), and rd.kdump.final=poweroff after the prompt's
# timeout.
source "$TOP/test/qemu/kdump.inc"
kdump_prepare 64M rd.kdump.target=LABEL=kdumptarget rd.kdump.final=poweroff rd.checkpoint.prompt_timeout=2
BOOT_ARGS=("${KDUMP_ARGS[@]}" --ro-disk "$TARGET" "${KDUMP_WORDS[@]}")
check() {
    expect_clean_exit
    expect_order \
        '^rdcheck: kdump capture vmcore_size=[0-9]+ target=LABEL=kdumptarget path=/var/crash final=poweroff prompt_timeout=2$' \
        '^rdcheck: checkpoint=filesystems status=pass ' \
        '^rdcheck: checkpoint=mounts status=fail ms=[0-9]+ detail="dump target /dev/vd[a-z] is a read-only device: nothing can be saved there"' \
        '^rdcheck: rescue checkpoint=mounts prompt_timeout=2 action=continue$' \
        '^rdcheck: checkpoint=dmesg status=skip ms=[0-9]+ detail="no dump target mounted: ' \
        '^rdcheck: checkpoint=dump status=skip ms=[0-9]+ detail="no dump target mounted: the dump is not saved"' \
        '^rdcheck: kdump final=poweroff saved=nothing$' \
        'reboot: Power down'
    expect_count 1 '^rdcheck: rescue checkpoint=.* reason=fail$'
    [[ -z $(crash_dir) ]] || fail "something was written to the read-only target"
}
