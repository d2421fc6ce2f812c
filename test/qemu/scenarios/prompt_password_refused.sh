# Three wrong passwords take the onfail action (reboot, since the prompt
# was the onfail action); no prompt ever opens.
hash='$6$rdchecksalt$uYS1pYzz5edbyyRUrjgIMXcK4eRF3WJ8iDFI2neuGM1Gqo9qNJylKS.Xxm8f7Z8WbzcpK4.8Lt4PamwEZTS1I/'
image_of --module virtio_pci --module virtio_blk --module ext4 --rescue password --password-hash "$hash"
BOOT_ARGS=(--disk "$DISK" root=LABEL=nothing rd.checkpoint.timeout=1
           --send 'Password: ' 'one'
           --send 'try=1/3' 'two'
           --send 'try=2/3' 'three')
check() {
    expect_clean_exit
    expect_order \
        '^rdcheck: rescue checkpoint=disks password=wrong try=1/3$' \
        '^rdcheck: rescue checkpoint=disks password=wrong try=2/3$' \
        '^rdcheck: rescue checkpoint=disks password=wrong try=3/3$' \
        '^rdcheck: rescue checkpoint=disks password=refused action=reboot$' \
        'reboot: Restarting system'
    expect_no_line 'rdcheck \('
}
