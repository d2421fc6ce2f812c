#!/bin/bash
# Modules a distribution ships compressed (.ko.xz, .ko.zst) go into the
# image uncompressed, as .ko, byte for byte the module that was packed
# (its signature with it), and the image's modules.dep names them so; a
# module that does not decompress is an error naming the file.
#   test/mkimage/compressed-modules.sh MKIMAGE INIT
set -euo pipefail
source "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/lib.sh"

"$TOP/test/mkimage/compressed-tree" "$MODDIR" "$KVER" "$work/tree"
tree=$work/tree/lib/modules/$KVER
ls "$tree"/kernel/fs/ext4/ext4.ko.xz "$tree"/kernel/drivers/block/virtio_blk.ko.zst >/dev/null
build() { "$MKIMAGE" --kver "$KVER" --moddir "$tree" --init "$INIT" "$@" 2>"$work/err"; }

build -o "$work/image" --compress none --module virtio_pci --module virtio_blk --module ext4 ||
    { cat "$work/err"; fail "an image from compressed modules"; }
mkdir "$work/unpacked"
(cd "$work/unpacked" && cpio -id --quiet <"$work/image")
img=$work/unpacked/lib/modules/$KVER
for m in kernel/fs/ext4/ext4 kernel/lib/crc16 kernel/fs/jbd2/jbd2 kernel/drivers/block/virtio_blk \
         kernel/drivers/virtio/virtio_pci; do
    [[ -f $img/$m.ko ]] || fail "no $m.ko in the image"
    cmp -s "$img/$m.ko" "$MODDIR/$m.ko" || fail "$m.ko in the image is not the module that was packed"
done
leftover=$(find "$img" -name '*.ko.*')
[[ -z $leftover ]] || fail "compressed modules left in the image: $leftover"
grep -q '^kernel/fs/ext4/ext4.ko: .*kernel/fs/jbd2/jbd2.ko' "$img/modules.dep" ||
    fail "the image's modules.dep does not name ext4.ko and jbd2.ko: $(cat "$img/modules.dep")"
tail -c 28 "$img/kernel/fs/ext4/ext4.ko" | grep -q 'Module signature appended' ||
    fail "ext4.ko lost its signature"

# A module that does not decompress: the build fails and names it.
head -c 1000 "$MODDIR/kernel/drivers/block/virtio_blk.ko" | zstd -q -c | head -c 300 \
    >"$tree/kernel/drivers/block/virtio_blk.ko.zst"
if build -o "$work/bad" --module virtio_blk; then
    fail "an image built from a truncated virtio_blk.ko.zst"
fi
grep -q 'virtio_blk.ko.zst: cannot decompress (zstd)' "$work/err" ||
    fail "the error does not name the module: $(cat "$work/err")"
echo "compressed-modules: ok"
