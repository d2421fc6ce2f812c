# mounts fault: the kernel refuses a root mount option; the detail carries
# the filesystem's own words from the kernel log.
BOOT_ARGS=(--disk "$DISK" root=UUID=$ROOT_UUID rootflags=bogus
           --send 'rdcheck (mounts: fail)# ' 'poweroff')
check() {
    expect_clean_exit
    expect_order \
        '^rdcheck: checkpoint=mounts status=fail ms=[0-9]+ detail="mounting /dev/vda \(ext4\) on /sysroot failed: Invalid argument \(kernel: ext4: Unknown parameter '"'"'bogus'"'"'\)"$' \
        '^rdcheck: rescue checkpoint=mounts reason=fail$'
}
