#!/bin/bash
# rdcheck-mkimage --verify: a good image passes; an image for another
# release, without this machine's root driver, with modules of another
# release, without /init, or with a dynamic /init lacking its interpreter or
# a library, fails naming what is wrong; a microcode + compressed image is
# read; unreadable input exits 2.
#   test/mkimage/verify.sh MKIMAGE INIT
set -euo pipefail
source "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/lib.sh"
# /init must run with nothing else in the image: the host build's rdcheck
# is dynamic, so the static busybox stands in for it there.
if ! file -L "$INIT" | grep -q 'statically linked'; then
    INIT=/bin/busybox
fi

fail() { echo "FAIL: $*" >&2; [[ -f $work/out ]] && cat "$work/out" >&2; exit 1; }
build() { "$MKIMAGE" --kver "$KVER" --moddir "$MODDIR" --init "$INIT" "$@" >/dev/null; }
# verify_status WANT IMAGE [ARGS...]: runs --verify into $work/out, checks its exit status.
verify_status() {
    local want=$1 img=$2 rc=0
    shift 2
    "$MKIMAGE" --verify "$img" "$@" >"$work/out" 2>&1 || rc=$?
    [[ $rc -eq $want ]] || fail "--verify $img $*: exit $rc, expected $want"
}
expect_out() { grep -qE -- "$1" "$work/out" || fail "no line matching '$1'"; }
modules_of() { "$MKIMAGE" --list "$1" | sed -n 's|.*/\([^/]*\)\.ko$|\1|p' | tr - _ | sort; }

# A host-only image for the test kernel verifies.
build --host-only --compress zstd -o "$work/good.img" 2>/dev/null
verify_status 0 "$work/good.img" --kver "$KVER" --moddir "$MODDIR"
expect_out "^ok   modules: /lib/modules/$KVER "
expect_out '^ok   init: '
expect_out '^ok   root drivers: '

# Built for release X, checked for Y: both named.
verify_status 1 "$work/good.img" --kver 9.9.9-other --moddir "$MODDIR"
expect_out "^FAIL modules: .*$KVER.*9\.9\.9-other"

# Without one of the modules this machine's root needs (what --host-only
# chose, less one that nothing else pulls back in): named.
mapfile -t needed < <(modules_of "$work/good.img")
left_out=
for m in "${needed[@]}"; do
    args=()
    for o in "${needed[@]}"; do [[ $o == "$m" ]] || args+=(--module "$o"); done
    build "${args[@]}" -o "$work/less.img"
    if ! modules_of "$work/less.img" | grep -qx "$m"; then left_out=$m; break; fi
done
[[ -n $left_out ]] || fail "every module --host-only chose is pulled in by another"
verify_status 1 "$work/less.img" --kver "$KVER" --moddir "$MODDIR"
expect_out "^FAIL root drivers: .*\\b$left_out\\b"

# Modules of another release under this release's directory: the vermagic names both.
other=$work/other/lib/modules/7.0.0-test
mkdir -p "$other"
ln -s "$(readlink -f "$MODDIR")"/* "$other/"
"$MKIMAGE" --kver 7.0.0-test --moddir "$other" --init "$INIT" --module virtio_blk \
    -o "$work/other.img" >/dev/null 2>&1
verify_status 1 "$work/other.img" --kver 7.0.0-test --moddir "$other"
expect_out "^ok   modules: /lib/modules/7\.0\.0-test "
expect_out "^FAIL vermagic: 3 of 3 modules are not for 7\.0\.0-test; first: .*\.ko: built for $KVER"

# An early microcode archive, zero padding, then the compressed image.
mkdir -p "$work/ucode/kernel/x86/microcode"
echo ucode >"$work/ucode/kernel/x86/microcode/GenuineIntel.bin"
(cd "$work/ucode" && find kernel | LC_ALL=C sort | cpio --quiet -o -H newc) >"$work/cat.img"
head -c 512 /dev/zero >>"$work/cat.img"
cat "$work/good.img" >>"$work/cat.img"
"$MKIMAGE" --list "$work/cat.img" >"$work/out" || fail "--list of a microcode + zstd image"
expect_out '^segment 1: offset 0 \(0x0\), uncompressed, 4 entries'
expect_out '^segment 2: offset [0-9]+ \(0x[0-9a-f]+\), zstd, [0-9]+ entries'
expect_out '^-rw-r--r-- +6 kernel/x86/microcode/GenuineIntel.bin$'
verify_status 0 "$work/cat.img" --kver "$KVER" --moddir "$MODDIR"

# No /init.
build --no-host-only --compress none -o "$work/plain.img"
mkdir "$work/noinit"
(cd "$work/noinit" && cpio -id --quiet <"$work/plain.img")
rm "$work/noinit/init"
(cd "$work/noinit" && find . | LC_ALL=C sort | cpio --quiet -o -H newc | gzip -n) >"$work/noinit.img"
verify_status 1 "$work/noinit.img" --kver "$KVER" --moddir "$MODDIR"
expect_out '^FAIL init: .*/init.*missing'

# A dynamic /init: without its ELF interpreter, then without a library, then whole.
dyn=$(type -P true)
interp=$(readelf -l "$dyn" | sed -n 's/.*Requesting program interpreter: \(.*\)\]/\1/p')
libc=$(ldd "$dyn" | awk '$1 ~ /^libc\.so/ { print $3 }')
[[ -n $interp && -n $libc ]] || fail "$dyn: not a dynamic program with an interpreter and libc"
"$MKIMAGE" --kver "$KVER" --moddir "$MODDIR" --init "$dyn" --host-only -o "$work/dyn.img" >/dev/null 2>&1
verify_status 1 "$work/dyn.img" --kver "$KVER" --moddir "$MODDIR"
expect_out "^FAIL init: .*interpreter $interp missing"
"$MKIMAGE" --kver "$KVER" --moddir "$MODDIR" --init "$dyn" --host-only \
    --add "$(readlink -f "$interp"):$interp" -o "$work/dyn2.img" >/dev/null 2>&1
verify_status 1 "$work/dyn2.img" --kver "$KVER" --moddir "$MODDIR"
expect_out "^FAIL init: /init needs library $(basename "$libc")"
"$MKIMAGE" --kver "$KVER" --moddir "$MODDIR" --init "$dyn" --host-only \
    --add "$(readlink -f "$interp"):$interp" --add "$(readlink -f "$libc"):$libc" -o "$work/dyn3.img" >/dev/null 2>&1
verify_status 0 "$work/dyn3.img" --kver "$KVER" --moddir "$MODDIR"

# What the kernel cannot unpack: xz with CRC64, zstd with CONFIG_RD_ZSTD not set.
zstd -dcq "$work/good.img" >"$work/good.cpio"
xz --check=crc64 -c "$work/good.cpio" >"$work/crc64.img"
verify_status 1 "$work/crc64.img" --kver "$KVER" --moddir "$MODDIR"
expect_out '^FAIL unpack: segment 1 \(xz at offset 0\) has a CRC64 check'
xz --check=crc32 -c "$work/good.cpio" >"$work/crc32.img"
verify_status 0 "$work/crc32.img" --kver "$KVER" --moddir "$MODDIR"
expect_out '^ok   unpack: 1 segment the kernel can unpack$'
sed 's/^CONFIG_RD_ZSTD=y$/# CONFIG_RD_ZSTD is not set/' \
    "$TOP/build/cache/kernel/root/boot/config-$KVER" >"$work/config"
verify_status 1 "$work/cat.img" --kver "$KVER" --moddir "$MODDIR" --kconfig "$work/config"
expect_out '^FAIL unpack: segment 2 \(zstd at offset [0-9]+\): .* says CONFIG_RD_ZSTD is not set'

# Unreadable input: exit 2 with the offset.
head -c 3000 "$work/plain.img" >"$work/trunc.img"
verify_status 2 "$work/trunc.img" --kver "$KVER" --moddir "$MODDIR"
expect_out 'offset [0-9]+ \(0x[0-9a-f]+\): .*(runs past the end|truncated|without TRAILER)'
printf 'BZh91AY&SY garbage' >"$work/bz.img"
verify_status 2 "$work/bz.img"
expect_out 'offset 0 \(0x0\): bzip2-compressed segment: recognised, but not supported'
verify_status 2 "$work/missing.img"
verify_status 2 "$work/good.img" --bogus-option
echo "verify: all checks passed"
