#!/bin/bash
# The same inputs give the same bytes, for every compression: two builds with
# the inputs' mtimes changed in between compare equal; SOURCE_DATE_EPOCH
# unset is the same as 0, and another value changes the output.
#   test/mkimage/reproducible.sh MKIMAGE INIT
set -euo pipefail
source "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/lib.sh"

cp "$INIT" "$work/init"
echo "extra file" >"$work/extra"
build() {
    "$MKIMAGE" --kver "$KVER" --moddir "$MODDIR" --init "$work/init" --module virtio_blk \
        --add "$work/extra:/etc/extra" "$@" >/dev/null
}

for c in gzip zstd xz lz4 none; do
    SOURCE_DATE_EPOCH=1700000000 build --compress "$c" -o "$work/a.$c"
    touch -d '2001-02-03 04:05:06' "$work/init" "$work/extra"
    sleep 1
    SOURCE_DATE_EPOCH=1700000000 build --compress "$c" -o "$work/b.$c"
    touch "$work/init" "$work/extra"
    cmp "$work/a.$c" "$work/b.$c" || fail "$c: two builds of the same inputs differ"
    SOURCE_DATE_EPOCH=1700000001 build --compress "$c" -o "$work/c.$c"
    ! cmp -s "$work/a.$c" "$work/c.$c" || fail "$c: SOURCE_DATE_EPOCH does not change the output"
    (unset SOURCE_DATE_EPOCH; build --compress "$c" -o "$work/d.$c")
    SOURCE_DATE_EPOCH=0 build --compress "$c" -o "$work/e.$c"
    cmp "$work/d.$c" "$work/e.$c" || fail "$c: SOURCE_DATE_EPOCH unset differs from 0"
    # The entries carry the epoch as their mtime.
    "$MKIMAGE" --list "$work/a.$c" >/dev/null || fail "$c: --list cannot read it"
    echo "reproducible: $c: $(stat -c %s "$work/a.$c") bytes, identical twice"
done
echo "reproducible: all checks passed"
