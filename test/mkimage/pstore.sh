#!/bin/bash
# rdcheck-mkimage --pstore adds both pstore backends (efi_pstore, ramoops
# and its reed_solomon); --host-only adds the one this machine uses, as
# /sys/module/pstore/parameters/backend names it (a fake tree, --host-root).
#   test/mkimage/pstore.sh MKIMAGE INIT
set -euo pipefail
source "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/lib.sh"

build() { "$MKIMAGE" --kver "$KVER" --moddir "$MODDIR" --init "$INIT" "$@" 2>"$work/err"; }
modules() { "$MKIMAGE" --list "$1" | awk '!/^segment / { print $3 }' | sed -n 's|.*/\([^/]*\)\.ko[^/]*$|\1|p' | sort; }
has() { grep -qx "$2" <<<"$1" || fail "$3: no $2.ko in the image"; }
lacks() { ! grep -qx "$2" <<<"$1" || fail "$3: $2.ko in the image"; }

build --module ext4 -o "$work/plain.img" >/dev/null
list=$(modules "$work/plain.img")
lacks "$list" ramoops "no --pstore"
lacks "$list" efi-pstore "no --pstore"

build --module ext4 --pstore -o "$work/pstore.img" >/dev/null
list=$(modules "$work/pstore.img")
for m in ramoops reed_solomon efi-pstore ext4; do has "$list" "$m" --pstore; done

# A machine whose root is ext4 on a virtio disk, with a pstore backend in use.
host=$work/host
sys=$host/sys
fn=$sys/devices/pci0000:00/0000:00:04.0
mkdir -p "$host/proc/self" "$fn/virtio1/block/vda/vda1" "$sys/dev/block" "$sys/module/pstore/parameters"
echo '25 1 252:1 / / rw,relatime shared:1 - ext4 /dev/vda1 rw' >"$host/proc/self/mountinfo"
echo pci:v00001AF4d00001001sv00001AF4sd00000002bc01sc00i00 >"$fn/modalias"
echo virtio:d00000002v00001AF4 >"$fn/virtio1/modalias"
echo 252:0 >"$fn/virtio1/block/vda/dev"
echo 252:1 >"$fn/virtio1/block/vda/vda1/dev"
echo 1 >"$fn/virtio1/block/vda/vda1/partition"
ln -s ../.. "$fn/virtio1/block/vda/device"
ln -s ../../devices/pci0000:00/0000:00:04.0/virtio1/block/vda/vda1 "$sys/dev/block/252:1"

for backend in ramoops efi efi_pstore '(null)'; do
    echo "$backend" >"$sys/module/pstore/parameters/backend"
    build --host-only --host-root "$host" -o "$work/host.img" >/dev/null ||
        { cat "$work/err"; fail "--host-only, backend $backend"; }
    list=$(modules "$work/host.img")
    has "$list" ext4 "--host-only"
    has "$list" virtio_blk "--host-only"
    case $backend in
    ramoops)
        has "$list" ramoops "--host-only, backend ramoops"
        lacks "$list" efi-pstore "--host-only, backend ramoops"
        grep -qx 'rdcheck-mkimage: --host-only: pstore backend in use: ramoops' "$work/err" ||
            fail "--host-only: the backend not named"
        ;;
    efi|efi_pstore)
        has "$list" efi-pstore "--host-only, backend $backend"
        lacks "$list" ramoops "--host-only, backend $backend"
        ;;
    *)
        lacks "$list" ramoops "--host-only, no backend"
        lacks "$list" efi-pstore "--host-only, no backend"
        ;;
    esac
done
rm "$sys/module/pstore/parameters/backend"
build --host-only --host-root "$host" -o "$work/host.img" >/dev/null || fail "--host-only, no pstore in the kernel"
lacks "$(modules "$work/host.img")" ramoops "--host-only, no pstore"
echo "pstore: all checks passed"
