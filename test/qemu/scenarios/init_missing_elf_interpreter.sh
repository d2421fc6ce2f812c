# mounts fault: /sbin/init is a dynamically linked program whose ELF
# interpreter is not on the root; caught before anything is switched.
BOOT_ARGS=(--disk "$(copy_of "$IMG_DYNINIT")" root=UUID=$UUID_DYNINIT init=/sbin/init
           --send 'rdcheck (mounts: fail)# ' 'poweroff')
check() {
    expect_clean_exit
    expect_order \
        "^rdcheck: checkpoint=mounts status=fail ms=[0-9]+ detail=\"no init to run on /dev/vda: /sbin/init: ELF interpreter $DYNINIT_INTERP missing\"\$" \
        '^rdcheck: rescue checkpoint=mounts reason=fail$'
    expect_no_line '^rdcheck: checkpoint=switch_root'
}
