# initramfs-tools image with our hook, root=UUID= of no disk and an
# rd.checkpoint word: initramfs-tools waits its 30 s and gives up; its
# panic runs our script before its shell, where rdcheck's disks checkpoint
# fails within its own bound with the block devices it saw; the prompt
# opens for the failure and "poweroff" works from a non-PID-1 rdcheck.
source "$TOP/test/hooks/scenario-lib.sh"
distro_image initramfs-tools
BOOT_ARGS=(--disk "$DISK" root=UUID=$MISSING_UUID rd.checkpoint=filesystems rd.checkpoint.timeout=3
           --send 'rdcheck (disks: fail)# ' 'why'
           --send 'Check root= against the list' 'poweroff')
TIMEOUT=120
check() {
    expect_clean_exit
    expect_order \
        '^Gave up waiting for root file system device' \
        "^ALERT!  UUID=$MISSING_UUID does not exist\\.  Dropping to a shell!" \
        "^rdcheck: checkpoint=disks status=fail ms=[0-9]+ detail=\"root UUID=$MISSING_UUID not found within 3 s; block devices: vda " \
        '^rdcheck: rescue checkpoint=disks reason=fail$' \
        'rdcheck \(disks: fail\)# why' \
        "^root=UUID=$MISSING_UUID did not appear within 3 s\. Block devices present:" \
        '^rdcheck: poweroff requested at the prompt$' \
        'reboot: Power down'
    expect_no_line '^rdcheck: checkpoint=filesystems '
    expect_no_line 'ROOT-INIT-MARKER'
    expect_no_line '\(initramfs\)'
}
