#!/bin/bash
# Runs one scenario (test/qemu/scenarios/NAME.sh) and prints PASS or FAIL with the reason.
# A scenario sets BOOT_ARGS (qemu-run arguments) and defines check(), which
# uses the expect_* helpers below on the serial log.
set -uo pipefail
name=$1
log=$OUT/logs/$name.log
fail() { echo "FAIL $name: $* (log: ${log#$TOP/})"; exit 1; }

# The serial log with CRs removed (written once QEMU is done), so patterns
# can anchor at line starts.  grep reads files, not pipes: grep -q closing a
# pipe early would fail the writer under pipefail.
text=$log.txt
# expect_line ERE: at least one line matches.
expect_line() { grep -aqE -- "$1" "$text" || fail "no line matching '$1'"; }
# expect_no_line ERE: no line matches.
expect_no_line() { grep -aqE -- "$1" "$text" && fail "unexpected line matching '$1'"; return 0; }
# expect_count N ERE: exactly N lines match.
expect_count() {
    local n
    n=$(grep -acE -- "$2" "$text")
    [[ $n -eq $1 ]] || fail "$n lines match '$2', expected $1"
}
# expect_order ERE...: the patterns match lines in this order.
expect_order() {
    local prev=0 n p
    for p in "$@"; do
        n=$(grep -anE -- "$p" "$text" | cut -d: -f1 | awk -v prev="$prev" '$1 > prev { print; exit }')
        [[ -n $n ]] || fail "no line matching '$p' after line $prev"
        prev=$n
    done
}

# Each scenario boots its own copy of the root disk: QEMU locks images it
# writes to, and a scenario may want to compare its disk afterwards.
mkdir -p "$OUT/disks"
DISK=$OUT/disks/$name.img
cp --sparse=always "$OUT/root.img" "$DISK"
# shellcheck source=/dev/null
source "$IMAGES_ENV"
# shellcheck source=/dev/null
source "$STACK_IMAGES_ENV"
# copy_of IMG: this scenario's own copy of a shared image (QEMU locks what it writes to).
copy_of() {
    local copy=$OUT/disks/$name-$(basename "$1")
    cp --sparse=always "$1" "$copy"
    echo "$copy"
}
# image_with_overlay BASE OUT DIR: BASE with a second archive of DIR's lib/
# appended; the kernel unpacks both in order, so DIR's files replace BASE's.
image_with_overlay() {
    cp "$1" "$2"
    (cd "$3" && find lib | LC_ALL=C sort | cpio --quiet -o -H newc | gzip -n) >>"$2"
}
# image_of ARGS...: this scenario's own image, rdcheck-mkimage ARGS on the
# test kernel, as INITRD.
image_of() {
    INITRD=$OUT/disks/$name.cpio.gz
    "$TOP/build/musl/tools/rdcheck-mkimage" --kver "$KVER" --moddir "$MODDIR" \
        --init "$TOP/build/musl/init/rdcheck" -o "$INITRD" "$@" >/dev/null ||
        fail "rdcheck-mkimage $* failed"
}
# stack_image ARGS...: image_of for a stacked root: the lean image's
# modules, and lvm, mdadm and rdcheck-luks where --lvm, --mdraid and --luks
# look for them.
stack_image() {
    local tools=$OUT/disks/$name-tools
    mkdir -p "$tools"
    ln -sfn "$TOP/build/cache/musl/sbin/lvm" "$tools/lvm"
    ln -sfn "$TOP/build/cache/musl/sbin/mdadm" "$tools/mdadm"
    ln -sfn "$TOP/build/musl/init/rdcheck-luks" "$tools/rdcheck-luks"
    image_of --module virtio_pci --module virtio_blk --module ext4 --tools-dir "$tools" "$@"
}
# expect_secret_kept: the passphrase is nowhere in what the guest printed
# (the console, the kernel log's copies, the report the root's init prints).
expect_secret_kept() {
    expect_no_line "$STACK_PASSPHRASE"
}
# expect_clean_exit: QEMU ended by itself (poweroff), not by the time bound.
expect_clean_exit() {
    [[ $qemu_status -eq 0 ]] || fail "qemu exited with $qemu_status (124: timed out)"
}
# expect_verdict_log N LINE: the verdict tty's log (VERDICT_LOG, tools/qemu-run
# --verdict-log) holds the console's N status lines exactly, then the report
# block, "rdcheck: report bytes=N" and that many bytes rdcheck report reads,
# then LINE, last.
expect_verdict_log() {
    local want=$1 last=$2 header bytes offset rest
    [[ -s $VERDICT_LOG ]] || fail "the verdict log $VERDICT_LOG is empty or missing"
    grep -a '^rdcheck: checkpoint=' "$text" >"$VERDICT_LOG.console-status"
    grep -a '^rdcheck: checkpoint=' "$VERDICT_LOG" >"$VERDICT_LOG.status"
    [[ $(wc -l <"$VERDICT_LOG.status") -eq $want ]] ||
        fail "$(wc -l <"$VERDICT_LOG.status") status lines in the verdict log, expected $want"
    cmp -s "$VERDICT_LOG.console-status" "$VERDICT_LOG.status" ||
        fail "the verdict log's status lines are not the console's"
    header=$(grep -an '^rdcheck: report bytes=[0-9]*$' "$VERDICT_LOG") || fail "no report block in the verdict log"
    [[ $(wc -l <<<"$header") -eq 1 ]] || fail "more than one report block in the verdict log"
    bytes=${header##*=}
    offset=$(head -n "${header%%:*}" "$VERDICT_LOG" | wc -c)
    tail -c +$((offset + 1)) "$VERDICT_LOG" | head -c "$bytes" >"$VERDICT_LOG.report.json"
    "$TOP/build/musl/init/rdcheck" report "$VERDICT_LOG.report.json" >/dev/null 2>"$VERDICT_LOG.report.err" ||
        fail "rdcheck report cannot read the verdict log's $bytes report bytes: $(cat "$VERDICT_LOG.report.err")"
    rest=$(tail -c +$((offset + bytes + 1)) "$VERDICT_LOG")
    [[ $rest == "$last" ]] || fail "after the report the verdict log has '$rest', expected '$last' alone"
}
# crashme_image ARGS...: image_of on a modules tree that also holds
# crashme.ko, a module that panics as it loads (test/crashme/build).
crashme_image() {
    local tree
    tree=$("$TOP/test/crashme/build" 2>"$OUT/disks/$name-crashme.log") ||
        fail "test/crashme/build failed (log: $OUT/disks/$name-crashme.log)"
    MODDIR=$tree image_of "$@"
}
# The ramoops words that keep a panic's log in reserved RAM across a guest
# reset (tools/qemu-run --reboot), with panic=1 to reset.
RAMOOPS_WORDS=('memmap=1M$0x10000000' ramoops.mem_address=0x10000000 ramoops.mem_size=0x100000
               ramoops.record_size=0x20000 panic=1)
BOOT_ARGS=()
TIMEOUT=90
# A scenario that panics the guest on purpose sets it: 1 for any panic, or
# an ERE the panic's lines match (any other panic still fails it).
PANIC_EXPECTED=
INITRD=$OUT/rdcheck.img
source "$TOP/test/qemu/scenarios/$name.sh"
qemu_status=0
"$TOP/tools/qemu-run" --initrd "$INITRD" --log "$log" --timeout "$TIMEOUT" \
    "${BOOT_ARGS[@]}" || qemu_status=$?
tr -d '\r' <"$log" >"$text"
# A scenario that crashes the kernel on purpose says so: CRASH_EXPECTED (the
# kdump_* ones) names the one panic there must be; PANIC_EXPECTED (the
# two-boot pstore_* and panic_trail_* ones) is 1 for any panic, or a pattern
# every panic line must match.
expect_no_line 'Attempted to kill init'
if [[ -n ${CRASH_EXPECTED:-} ]]; then
    n=$(grep -aE 'Kernel panic' "$text" | grep -acv '^rdcheck: ')
    [[ $n -eq 1 ]] || fail "$n kernel panics, expected the one on purpose"
    expect_line "Kernel panic - not syncing: $CRASH_EXPECTED"
else
    case ${PANIC_EXPECTED:-} in
    '') expect_no_line 'Kernel panic' ;;
    1) ;;
    *) panicked=$(grep -aE 'Kernel panic' "$text" | grep -avE -- "$PANIC_EXPECTED" | head -n 1)
       [[ -z $panicked ]] || fail "unexpected kernel panic: '$panicked'" ;;
    esac
fi
# Every scenario: each status line whole, at column 0, with nothing (a kernel
# message, say) inside it.  Lines with a kernel time stamp in front are the
# kernel log's copies, printed when the console level lets debug through.
status_grammar='^rdcheck: checkpoint=[a-z_]+ status=(pass|warn|fail|skip|pause) ms=[0-9]+ detail=("([^"\\]|\\.)*"|[^ "]*)$'
broken=$(grep -aE 'rdcheck: checkpoint=' "$text" | grep -avE "$status_grammar" |
         grep -avE '^\[ *[0-9]+\.[0-9]+\] rdcheck: checkpoint=' | head -n 1)
[[ -z $broken ]] || fail "a status line not whole: '$broken'"
# The previous_boot line (README: Crash evidence) keeps its grammar too.
previous_grammar='^rdcheck: previous_boot ended=[a-z]+ records=[0-9]+ detail=("([^"\\]|\\.)*"|[^ "]*)$'
broken=$(grep -aE 'rdcheck: previous_boot' "$text" | grep -avE "$previous_grammar" |
         grep -avE '^\[ *[0-9]+\.[0-9]+\] rdcheck: previous_boot' | head -n 1)
[[ -z $broken ]] || fail "a previous_boot line not whole: '$broken'"
# ... and none of their kernel-log copies dropped by /dev/kmsg's rate limit.
expect_no_line 'printk: (init|rdcheck): [0-9]+ output lines suppressed due to ratelimiting'
check
echo "PASS $name"
