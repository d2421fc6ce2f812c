# As pstore_previous_panic, with efi_pstore instead of ramoops: the guest
# boots through OVMF with a private copy of its variable store; at the
# panic the kernel writes the log into EFI variables, one part each (about
# 1 KiB compressed), and the second boot rebuilds the parts into one record
# and copies them in systemd-pstore's layout (TIME/COUNT/, with dmesg.txt).
PANIC_EXPECTED=1
TIMEOUT=300
[[ -r /usr/share/OVMF/OVMF_CODE_4M.fd && -r /usr/share/OVMF/OVMF_VARS_4M.fd ]] ||
    fail "needs OVMF (Debian package ovmf; tools/bootstrap installs it)"
VARS=$OUT/disks/$name-vars.fd
cp /usr/share/OVMF/OVMF_VARS_4M.fd "$VARS"
image_of --module virtio_pci --module virtio_blk --module ext4 --pstore
DISK=$(copy_of "$IMG_CRASH")
BOOT_ARGS=(--reboot --efi-vars "$VARS" --disk "$DISK" root=UUID=$UUID_CRASH panic=1)
check() {
    expect_clean_exit
    expect_count 1 '^rdcheck: previous_boot '
    expect_order \
        '^CRASH-INIT-CRASH first boot' \
        '^rdcheck: previous_boot ended=panic records=1 detail="(.*; )?Kernel panic - not syncing: sysrq triggered crash"$' \
        '^CRASH-INIT-MARKER second boot'
    expect_line '^CRASH-INIT-REPORT +"pstore_backend": "efi",$'
    expect_line '^CRASH-INIT-PSTORE /sys/fs/pstore/dmesg-efi-[0-9]+02001 [1-9][0-9]*$'
    expect_line '^CRASH-INIT-SAVED /run/rdcheck/pstore/[0-9]+/001/dmesg\.txt [1-9][0-9]*$'
    expect_line '^CRASH-INIT-SAVED /run/rdcheck/pstore/[0-9]+/001/dmesg-efi-[0-9]+01001 [1-9][0-9]*$'
    expect_no_line '^rdcheck: pstore: '
}
