# rd.verdict=isa-debug-exit on a machine without the device: the byte goes
# nowhere, a line says the machine did not stop, and the boot goes on as
# without the word (here the onfail action powers off).  A verdict tty that
# is a console is refused (made raw, the console would lose its CRs), said
# once, and the boot goes on.
BOOT_ARGS=(--disk "$DISK" root=LABEL=nosuchlabel rd.checkpoint.timeout=1 rd.checkpoint.onfail=poweroff
           rd.verdict=isa-debug-exit rd.verdict.tty=ttyS0)
check() {
    expect_clean_exit
    expect_order \
        '^rdcheck: rd.verdict.tty=ttyS0: a console, not a line of its own; not used$' \
        '^rdcheck: checkpoint=disks status=fail ' \
        '^rdcheck: verdict=fail checkpoint=disks$' \
        '^rdcheck: rd.verdict=isa-debug-exit:0xf4: the machine did not stop \(no isa-debug-exit device\?\)$' \
        '^rdcheck: checkpoint disks failed: rd.checkpoint.onfail=poweroff$'
    expect_count 1 '^rdcheck: rd.verdict.tty='
    expect_count 1 '^rdcheck: rd.verdict=.*did not stop'
    # Each line once: the console did not get the status lines a second time.
    expect_count 1 '^rdcheck: checkpoint=disks '
}
