# The image of hook_initramfs_tools_lvm_on_luks_pause, root= naming an LV
# that rdcrypt does not have: the passphrase opens the container and udev
# activates the VG, initramfs-tools waits its 30 s for root, gives up
# ("ALERT!") and runs its panic scripts before its shell: rdcheck --checks
# there (local-premount never came) fails disks naming the VG and the LVs
# it has (read with lvm lvs, nothing activated), and its prompt opens
# before initramfs-tools' shell; "poweroff" powers off.
source "$TOP/test/hooks/scenario-lib.sh"
distro_image initramfs-tools-lvm-luks "$STACK_LVM_ON_LUKS_LUKSUUID"
BOOT_ARGS=(--disk "$(copy_of "$STACK_LVM_ON_LUKS_IMG")" root=/dev/mapper/rdcrypt-nosuch
           rd.checkpoint.timeout=2
           --send 'Please unlock disk vda2_crypt: ' "$STACK_PASSPHRASE"
           --send 'rdcheck (disks: fail)# ' 'why'
           --send 'At the prompt:' 'poweroff')
TIMEOUT=300
check() {
    expect_clean_exit
    expect_order \
        'cryptsetup: vda2_crypt: set up successfully' \
        '^Gave up waiting for root file system device' \
        '^ALERT!  /dev/mapper/rdcrypt-nosuch does not exist\.  Dropping to a shell!' \
        '^rdcheck: checkpoint=disks status=fail ms=[0-9]+ detail="root /dev/mapper/rdcrypt-nosuch not found within 2 s: VG rdcrypt has no LV nosuch \(LVs: root, swap_1\)"$' \
        '^rdcheck: rescue checkpoint=disks reason=fail$' \
        'rdcheck \(disks: fail\)# why' \
        '^LUKS on /dev/vda2 \(UUID '"$STACK_LVM_ON_LUKS_LUKSUUID"'\): open as /dev/mapper/vda2_crypt$' \
        '^VG rdcrypt: 1 PVs, not active: VG rdcrypt has no LV nosuch' \
        '^rdcheck: poweroff requested at the prompt$' \
        'reboot: Power down'
    expect_no_line '\(initramfs\)'
    expect_no_line 'ROOT-INIT-MARKER'
    expect_secret_kept
}
