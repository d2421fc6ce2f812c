#!/bin/bash
# initramfs-hooks/kernel/postinst.d/zz-rdcheck-verify: its arguments (no
# version: exit 2; the initramfs found beside the kernel image path given),
# loud but harmless failures, and VERIFY_STRICT=yes making them fatal.
#   test/mkimage/postinst-hook.sh MKIMAGE INIT
set -euo pipefail
source "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/lib.sh"
HOOK=$TOP/initramfs-hooks/kernel/postinst.d/zz-rdcheck-verify
export RDCHECK_MKIMAGE=$MKIMAGE RDCHECK_MODULES_ROOT=$TOP/build/cache/kernel/root
export RDCHECK_VERIFY_CONF=$work/default
if ! file -L "$INIT" | grep -q 'statically linked'; then
    INIT=/bin/busybox
fi

# hook_status WANT ARGS...: runs the hook into $work/out, checks its exit status.
hook_status() {
    local want=$1 rc=0
    shift
    "$HOOK" "$@" >"$work/out" 2>&1 || rc=$?
    [[ $rc -eq $want ]] || { cat "$work/out" >&2; fail "hook $*: exit $rc, expected $want"; }
}
expect_out() { grep -qE -- "$1" "$work/out" || { cat "$work/out" >&2; fail "no line matching '$1'"; }; }

hook_status 2
expect_out 'did not pass a kernel version'
hook_status 2 ../evil "$work/boot/vmlinuz"
mkdir -p "$work/boot"
# No initramfs beside the (fake) kernel image: loud, not fatal.
hook_status 0 "$KVER" "$work/boot/vmlinuz-$KVER"
expect_out "$work/boot/initrd.img-$KVER does not exist"
"$MKIMAGE" --kver "$KVER" --moddir "$MODDIR" --init "$INIT" --host-only \
    -o "$work/boot/initrd.img-$KVER" >/dev/null 2>&1
hook_status 0 "$KVER" "$work/boot/vmlinuz-$KVER"
expect_out "verified for $KVER: it would boot"
# The same image installed for another release: every reason shown, exit 0.
cp "$work/boot/initrd.img-$KVER" "$work/boot/initrd.img-9.9.9-other"
mkdir -p "$work/modroot/lib/modules"
ln -s "$(readlink -f "$MODDIR")" "$work/modroot/lib/modules/9.9.9-other"
RDCHECK_MODULES_ROOT=$work/modroot hook_status 0 9.9.9-other "$work/boot/vmlinuz-9.9.9-other"
expect_out 'WOULD NOT BOOT kernel 9\.9\.9-other'
expect_out "^rdcheck: FAIL modules: .*$KVER.*9\\.9\\.9-other"
echo 'VERIFY_STRICT=yes' >"$work/default"
RDCHECK_MODULES_ROOT=$work/modroot hook_status 1 9.9.9-other "$work/boot/vmlinuz-9.9.9-other"
# Unreadable: loud; fatal only when strict.
echo garbage >"$work/boot/initrd.img-$KVER"
hook_status 1 "$KVER" "$work/boot/vmlinuz-$KVER"
expect_out 'could not be read'
rm "$work/default"
hook_status 0 "$KVER" "$work/boot/vmlinuz-$KVER"
echo "postinst-hook: all checks passed"
