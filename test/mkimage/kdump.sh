#!/bin/bash
# --kdump: a capture image is marked kdump=yes in its settings and holds only
# the modules asked for (--module, or --host-only's), never --all-storage's.
#   test/mkimage/kdump.sh MKIMAGE INIT
set -euo pipefail
source "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/lib.sh"

build() { "$MKIMAGE" --kver "$KVER" --moddir "$MODDIR" --init "$INIT" --compress none "$@"; }
modules() { "$MKIMAGE" --list "$1" | awk '!/^segment / { print $3 }' | grep '\.ko' | sort; }
settings() { (cd "$work" && cpio --quiet -i --to-stdout etc/rdcheck.conf <"$1"); }

build -o "$work/capture.img" --kdump --module virtio_blk --module ext4 >/dev/null || fail "--kdump --module"
build -o "$work/plain.img" --module virtio_blk --module ext4 >/dev/null || fail "--module"
settings "$work/capture.img" | grep -qx 'kdump=yes' || fail "--kdump: no kdump=yes in etc/rdcheck.conf"
if settings "$work/plain.img" 2>/dev/null | grep -q '^kdump='; then
    fail "an image without --kdump says kdump="
fi
[[ $(modules "$work/capture.img") == "$(modules "$work/plain.img")" ]] ||
    fail "--kdump changed the modules --module chose"
modules "$work/capture.img" | grep -qE '/(usbhid|atkbd|xhci-pci)\.ko$' && fail "--kdump image has keyboard or USB modules"

# The settings the init reads are checked by the init's own parser: a rescue
# policy and --kdump together.
build -o "$work/locked.img" --kdump --rescue locked --module ext4 >/dev/null || fail "--kdump --rescue locked"
settings "$work/locked.img" | grep -qx 'rescue=locked' || fail "--kdump lost --rescue locked"
settings "$work/locked.img" | grep -qx 'kdump=yes' || fail "--kdump --rescue locked: no kdump=yes"

# Compression: gzip unless --compress says otherwise (its 32 KiB window fits
# a small crashkernel= better than zstd's 8 MiB).
"$MKIMAGE" --kver "$KVER" --moddir "$MODDIR" --init "$INIT" -o "$work/gz.img" --kdump --module ext4 >/dev/null ||
    fail "--kdump without --compress"
[[ $(od -An -tx1 -N2 "$work/gz.img" | tr -d ' ') == 1f8b ]] || fail "--kdump image is not gzip by default"
"$MKIMAGE" --kver "$KVER" --moddir "$MODDIR" --init "$INIT" -o "$work/zst.img" --kdump --compress zstd \
    --module ext4 >/dev/null || fail "--kdump --compress zstd"
[[ $(od -An -tx1 -N4 "$work/zst.img" | tr -d ' ') == 28b52ffd ]] || fail "--kdump --compress zstd is not zstd"

# --all-storage is the opposite of a capture image: refused, with the reason.
if build -o "$work/all.img" --kdump --all-storage >"$work/out" 2>&1; then
    fail "--kdump --all-storage was accepted"
fi
grep -q -- '--kdump with --all-storage: a capture image carries only what the dump target needs' "$work/out" ||
    { cat "$work/out"; fail "--kdump --all-storage: no reason given"; }
[[ ! -e $work/all.img ]] || fail "--kdump --all-storage left an image"

# --host-only: the same modules as without --kdump (this machine's root).
if build -o "$work/host.img" --host-only >/dev/null 2>&1; then
    build -o "$work/host-kdump.img" --host-only --kdump >/dev/null 2>&1 || fail "--kdump --host-only"
    [[ $(modules "$work/host-kdump.img") == "$(modules "$work/host.img")" ]] ||
        fail "--kdump changed the modules --host-only chose"
    settings "$work/host-kdump.img" | grep -qx 'kdump=yes' || fail "--kdump --host-only: no kdump=yes"
fi
echo "kdump: ok"
