# initramfs-tools image built with RDCHECK_INIT=y in conf.d/rdcheck: rdcheck
# is the image's /init and boots through its seven checkpoints with the
# modules mkinitramfs collected (and the module indexes it regenerated),
# and the image settings RDCHECK_IMAGE_CONF names (rd.checkpoint.timeout=7).
source "$TOP/test/hooks/scenario-lib.sh"
distro_image initramfs-tools-init
BOOT_ARGS=(--disk "$DISK" root=UUID=$ROOT_UUID)
TIMEOUT=120
check() {
    expect_clean_exit
    expect_order \
        '^rdcheck: checkpoint=drivers status=(pass|warn) ' \
        '^rdcheck: checkpoint=modules status=pass ms=[0-9]+ detail=.*virtio_blk' \
        '^rdcheck: checkpoint=disks status=pass ' \
        '^rdcheck: checkpoint=filesystems status=pass .*ext4' \
        '^rdcheck: checkpoint=mounts status=pass ' \
        '^rdcheck: checkpoint=env status=pass ' \
        '^rdcheck: checkpoint=switch_root status=pass ' \
        '^rdcheck: switch_root init=/sbin/init total_ms=[0-9]+$' \
        '^ROOT-INIT-MARKER pid=1 argv0=/sbin/init '
    expect_count 7 '^rdcheck: checkpoint='
    expect_no_line '^Begin: |^Loading, please wait'
    expect_no_line '^rdcheck: rescue'
    expect_line '^ROOT-INIT-REPORT +"timeout": 7,$'
}
