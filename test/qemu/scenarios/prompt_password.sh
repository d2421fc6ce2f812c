# A password image: the wrong password is refused (and never echoed), the
# right one opens the prompt; three wrong ones would take the onfail action.
# The hash is of "open sesame" (openssl passwd -6 -salt rdchecksalt).
hash='$6$rdchecksalt$uYS1pYzz5edbyyRUrjgIMXcK4eRF3WJ8iDFI2neuGM1Gqo9qNJylKS.Xxm8f7Z8WbzcpK4.8Lt4PamwEZTS1I/'
image_of --module virtio_pci --module virtio_blk --module ext4 --rescue password --password-hash "$hash"
BOOT_ARGS=(--disk "$DISK" root=LABEL=nothing rd.checkpoint.timeout=1
           --send 'Password: ' 'letmein'
           --send 'password=wrong try=1/3' 'open sesame'
           --send 'password=accepted' 'status'
           --send 'disks        fail' 'poweroff')
check() {
    expect_clean_exit
    expect_order \
        '^rdcheck: rescue checkpoint=disks reason=fail$' \
        '^Password: ' \
        '^rdcheck: rescue checkpoint=disks password=wrong try=1/3$' \
        '^wrong password$' \
        '^rdcheck: rescue checkpoint=disks password=accepted$' \
        'rdcheck \(disks: fail\)# status' \
        '^  disks        fail '
    expect_no_line 'letmein|open sesame'
}
