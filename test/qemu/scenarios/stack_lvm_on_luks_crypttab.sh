# The image's /etc/crypttab (as Debian writes it) names the container
# cryptroot, by PARTUUID, with discard: rdcheck opens it under that name.
cat >"$OUT/disks/$name.crypttab" <<TAB
# <target name> <source device> <key file> <options>
cryptroot PARTUUID=$STACK_LVM_ON_LUKS_CRYPT_PARTUUID none luks,discard
TAB
stack_image --lvm --crypttab "$OUT/disks/$name.crypttab"
TIMEOUT=180
BOOT_ARGS=(--disk "$(copy_of "$STACK_LVM_ON_LUKS_IMG")" root=UUID=$STACK_LVM_ON_LUKS_UUID
           --send 'Passphrase for /dev/vda2 (cryptroot)' "$STACK_PASSPHRASE")
check() {
    expect_clean_exit
    expect_order \
        '^rdcheck: checkpoint=disks status=pass ms=[0-9]+ detail="root /dev/mapper/rdcrypt-root appeared \(LVM rdcrypt/root on LUKS2 cryptroot on /dev/vda2, virtio_blk\)"$' \
        '^ROOT-INIT-MARKER pid=1 argv0=/sbin/init '
    expect_secret_kept
}
