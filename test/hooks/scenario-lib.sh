# Sourced by test/qemu/scenarios/hook_*.sh (inside test/qemu/scenario.sh):
# images built by a distribution's own tool with our hook.

# distro_image FLAVOUR [LUKS-UUID]: INITRD is that image (built once,
# cached by input hash).
distro_image() {
    INITRD=$("$TOP/test/hooks/distro-image" "$1" "$OUT/distro" "${2:-}") ||
        fail "building the $1 image failed (log: build/test/distro/$1.log)"
}

# systemd's switch-root refuses a root without os-release: give this
# scenario's copy of the test disk one (debugfs writes into the image file).
disk_add_os_release() {
    local f=$OUT/disks/$name.os-release
    printf 'ID=rdchecktest\nNAME="rdcheck test root"\n' >"$f"
    debugfs -w -R "write $f /etc/os-release" "$DISK" >/dev/null 2>&1 ||
        fail "cannot add /etc/os-release to $DISK"
}

# rd.checkpoint=disks, and "continue" typed at the prompt (qemu-run words).
PAUSE_AT_DISKS=(rd.checkpoint=disks --send 'rdcheck (disks: pause)# ' 'continue')
# What rdcheck --checks then says, in order, for expect_order between the
# host init's own lines.
CHECKS_PAUSED_AT_DISKS=(
    '^rdcheck: checkpoint=drivers status=(pass|warn) '
    '^rdcheck: checkpoint=modules status=pass ms=[0-9]+ detail="[0-9]+ loaded by the host init"$'
    '^rdcheck: checkpoint=disks status=pass ms=[0-9]+ detail="root /dev/vda appeared \(virtio_blk\)"$'
    '^rdcheck: rescue checkpoint=disks reason=requested$'
    'rdcheck \(disks: pause\)# continue'
    '^rdcheck: checkpoint=filesystems status=pass .*ext4'
    '^rdcheck: checkpoint=mounts status=skip ms=[0-9]+ detail="left to the host init"$'
    '^rdcheck: checkpoint=switch_root status=skip '
)

# A filesystem UUID no disk has, for root=UUID=.
MISSING_UUID=5a1e0c1d-7e57-4b00-9d15-0000000000ff
# rdcheck --checks with root=UUID=$MISSING_UUID and rd.checkpoint.timeout 2
# (from the command line or the image), "poweroff" typed at the prompt.
CHECKS_ROOT_MISSING=(
    "^rdcheck: checkpoint=disks status=fail ms=[0-9]+ detail=\"root UUID=$MISSING_UUID not found within 2 s; block devices: vda "
    '^rdcheck: rescue checkpoint=disks reason=fail$'
    'rdcheck \(disks: fail\)# poweroff'
    '^rdcheck: poweroff requested at the prompt$'
    'reboot: Power down'
)
