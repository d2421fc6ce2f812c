# mounts fault: fstab names a /usr disk that is not there.
BOOT_ARGS=(--disk "$(copy_of "$IMG_FSTAB_ROOT")" root=UUID=$UUID_FSTAB_ROOT
           --send 'rdcheck (mounts: fail)# ' 'poweroff')
check() {
    expect_clean_exit
    expect_order \
        '^rdcheck: checkpoint=mounts status=fail ms=[0-9]+ detail="/usr from /sysroot/etc/fstab: UUID=[0-9a-f-]+ not found"$' \
        '^rdcheck: rescue checkpoint=mounts reason=fail$'
}
