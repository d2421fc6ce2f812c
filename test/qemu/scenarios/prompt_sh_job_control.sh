# "sh" at the prompt runs the image's /bin/sh (here busybox) on the serial
# console as its controlling terminal: ^C interrupts a command in the shell,
# "exit" comes back to the prompt.
image_of --module virtio_pci --module virtio_blk --module ext4 --add /bin/busybox:/bin/sh
BOOT_ARGS=(--disk "$DISK" root=LABEL=nothing rd.checkpoint.timeout=1
           --send 'rdcheck (disks: fail)# ' 'sh'
           --send 'rdcheck-sh# ' 'echo re""ady; sleep 100'
           --send 'ready' $'\x03'
           --send '^C' 'echo after-$((20+22))'
           --send 'after-42' 'exit'
           --send 'sh: exited with status' 'poweroff')
check() {
    expect_clean_exit
    expect_order \
        '^rdcheck: rescue checkpoint=disks reason=fail$' \
        '^sh: running /bin/sh; .exit. comes back here$' \
        '^ready$' \
        '^after-42$' \
        '^sh: exited with status 0$' \
        'rdcheck \(disks: fail\)# poweroff'
    expect_no_line "can't access tty|job control turned off"
}
