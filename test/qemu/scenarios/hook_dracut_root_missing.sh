# dracut image with our module, root=UUID= of no disk: pre-mount never
# comes; when systemd gives up on the device (rd.timeout=) and dracut's
# emergency service starts, its emergency hook runs rdcheck --checks, whose
# disks checkpoint fails with the block devices it saw, within the 2 s the
# image's /etc/rdcheck.conf (from rdcheck_image_conf=) sets; the prompt
# opens before dracut's shell, and "poweroff" powers off.  The rd.checkpoint
# word here is rd.checkpoint.onfail=shell, the default.
source "$TOP/test/hooks/scenario-lib.sh"
distro_image dracut
missing=5a1e0c1d-7e57-4b00-9d15-0000000000ff
BOOT_ARGS=(--disk "$DISK" root=UUID=$missing rd.timeout=5 rd.checkpoint.onfail=shell
           --send 'rdcheck (disks: fail)# ' 'poweroff')
TIMEOUT=240
check() {
    expect_clean_exit
    expect_order \
        "^rdcheck: checkpoint=disks status=fail ms=[0-9]+ detail=\"root UUID=$missing not found within 2 s; block devices: vda " \
        '^rdcheck: rescue checkpoint=disks reason=fail$' \
        'rdcheck \(disks: fail\)# poweroff' \
        '^rdcheck: poweroff requested at the prompt$' \
        'reboot: Power down'
    expect_count 1 '^rdcheck: checkpoint=disks '
    expect_no_line 'ROOT-INIT-MARKER'
}
