#!/bin/bash
# Each compression is what the kernel's unpacker reads (checked with the
# reference tools: xz with CRC32, lz4's legacy frame), and a compression the
# kernel's config leaves out is refused by its CONFIG_RD_ name.
#   test/mkimage/compress.sh MKIMAGE INIT
set -euo pipefail
source "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/lib.sh"

build() { "$MKIMAGE" --kver "$KVER" --moddir "$MODDIR" --init "$INIT" --module virtio_blk "$@"; }

build --compress none -o "$work/plain" >/dev/null
cpio -t --quiet <"$work/plain" >"$work/plain.list"
unpack_zstd() { zstd -dc "$1"; }
unpack_xz() { xz -dc "$1"; }
unpack_lz4() { lz4 -dc "$1"; }
unpack_gzip() { gzip -dc "$1"; }
for c in gzip zstd xz lz4; do
    build --compress "$c" -o "$work/img.$c" 2>"$work/err" >/dev/null || { cat "$work/err"; fail "--compress $c"; }
    "unpack_$c" "$work/img.$c" | cmp - "$work/plain" || fail "$c: does not unpack to the plain archive"
done
xz --robot --list "$work/img.xz" | grep -q $'^file\t.*\tCRC32\t' || fail "xz: check is not CRC32"
[[ $(od -An -tx1 -N4 "$work/img.lz4" | tr -d ' ') == 02214c18 ]] || fail "lz4: not the legacy frame"

# The test kernel's config is found beside its modules: no warning.
build --compress zstd -o "$work/z" 2>"$work/err" >/dev/null
! grep -q 'no kernel config' "$work/err" || fail "the test kernel's config was not found"
# A config without CONFIG_RD_ZSTD refuses zstd, by name; gzip still goes.
sed 's/^CONFIG_RD_ZSTD=y$/# CONFIG_RD_ZSTD is not set/' \
    "$TOP/build/cache/kernel/root/boot/config-$KVER" >"$work/config"
if build --compress zstd --kconfig "$work/config" -o "$work/z2" 2>"$work/err" >/dev/null; then
    fail "zstd accepted with CONFIG_RD_ZSTD not set"
fi
grep -q 'CONFIG_RD_ZSTD is not set' "$work/err" || { cat "$work/err"; fail "the refusal does not name CONFIG_RD_ZSTD"; }
build --compress gzip --kconfig "$work/config" -o "$work/g2" >/dev/null 2>&1 || fail "gzip refused"
# No config anywhere: one warning, and the image is written.
mkdir -p "$work/tree/lib/modules/$KVER"
ln -s "$(readlink -f "$MODDIR")"/* "$work/tree/lib/modules/$KVER/"
"$MKIMAGE" --kver "$KVER" --moddir "$work/tree/lib/modules/$KVER" --init "$INIT" \
    --module virtio_blk --compress xz -o "$work/x" 2>"$work/err" >/dev/null || fail "no config: not written"
[[ $(grep -c 'warning: no kernel config' "$work/err") -eq 1 ]] || { cat "$work/err"; fail "no config: not one warning"; }
build --compress bzip2 -o "$work/b" 2>/dev/null && fail "--compress bzip2 accepted"
echo "compress: all checks passed"
