# Nobody at the console: rd.checkpoint.prompt_timeout= takes the onfail
# action after that long (reboot, since the prompt was the onfail action).
BOOT_ARGS=(--disk "$DISK" root=LABEL=nothing rd.checkpoint.timeout=1 rd.checkpoint.prompt_timeout=2)
check() {
    expect_clean_exit
    expect_order \
        '^rdcheck: rescue checkpoint=disks reason=fail$' \
        'rdcheck \(disks: fail\)# ' \
        '^rdcheck: rescue checkpoint=disks prompt_timeout=2 action=reboot$' \
        'reboot: Restarting system'
}
