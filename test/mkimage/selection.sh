#!/bin/bash
# What rdcheck-mkimage puts in an image beyond the modules named:
# --host-only, --all-storage, --firmware, --busybox, and the default --kver.
#   test/mkimage/selection.sh MKIMAGE INIT
set -euo pipefail
source "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/lib.sh"

build() { "$MKIMAGE" --kver "$KVER" --moddir "$MODDIR" --init "$INIT" "$@"; }
# The paths in an image, whatever its compression.
contents() { "$MKIMAGE" --list "$1" | awk '!/^segment / { print $3 }'; }
has_module() { grep -q "/$2\.ko\$" <<<"$1" || fail "$3: no $2.ko in the image"; }

# --host-only: the root filesystem's module and, when / is on a block
# device, the module of every driver bound along its sysfs path that the
# test kernel has, as this machine's kernel names them.
build -o "$work/host.img" --host-only 2>"$work/host.err" || { cat "$work/host.err"; fail "--host-only"; }
list=$(contents "$work/host.img")
fstype=$(awk '$5 == "/" { split($0, a, " - "); split(a[2], b, " "); t = b[1] } END { print t }' /proc/self/mountinfo)
moddir_real=$(readlink -f "$MODDIR")
fsmod=$(modprobe -d "${moddir_real%/lib/modules/$KVER}" -S "$KVER" -R "fs-$fstype" 2>/dev/null | head -1 || true)
if [[ -n $fsmod ]]; then
    has_module "$list" "$fsmod" "--host-only (root is $fstype)"
elif ! grep -q "^$fstype\$" <(cut -f2 /proc/filesystems); then
    echo "selection: note: no module for $fstype in the test kernel; built in there?"
fi
majmin=$(awk '$5 == "/" { d = $3 } END { print d }' /proc/self/mountinfo)
if [[ -e /sys/dev/block/$majmin ]]; then
    dev=$(readlink -f "/sys/dev/block/$majmin")
    [[ -e $dev/device ]] || dev=$(dirname "$dev")
    dev=$(readlink -f "$dev/device")
    while [[ $dev == /sys/devices/* ]]; do
        if [[ -L $dev/driver/module ]]; then
            mod=$(basename "$(readlink "$dev/driver/module")")
            file=$(grep -E "/${mod//_/[-_]}\.ko(\.[a-z]+)?:" "$MODDIR/modules.dep" | head -1 || true)
            [[ -z $file ]] || has_module "$list" "$(basename "${file%%:*}" .ko)" "--host-only ($dev)"
        fi
        dev=$(dirname "$dev")
    done
else
    grep -q "not on a block device" "$work/host.err" || fail "--host-only said nothing of a root without a block device"
fi
build -o "$work/host2.img" --host-only 2>/dev/null
cmp -s "$work/host.img" "$work/host2.img" || fail "--host-only: two builds differ"

# --all-storage: disk controllers and filesystems, not network cards.
build -o "$work/all.img" --all-storage >/dev/null
list=$(contents "$work/all.img")
for m in virtio_blk virtio_scsi ahci nvme sd_mod ata_piix usb-storage ext4 xfs btrfs vfat dm-mod raid1; do
    has_module "$list" "$m" "--all-storage"
done
! grep -q '/e1000\.ko$' <<<"$list" || fail "--all-storage took a network driver"
# ... the USB host controllers a USB disk hangs off, uas, and a keyboard for
# the prompt on the screen: what the test kernel builds as modules is in the
# image, the rest is built in.
for m in xhci-pci xhci-hcd ehci-pci ehci-hcd ohci-pci ohci-hcd uhci-hcd usbcore uas usbhid hid-generic hid; do
    has_module "$list" "$m" "--all-storage (USB, keyboard)"
done
for m in i8042 atkbd; do
    grep -q "/$m\.ko\$" <<<"$list" || grep -q "/$m\.ko\$" "$MODDIR/modules.builtin" ||
        fail "--all-storage: $m neither in the image nor built into the kernel"
done

# --firmware: what the modules declare, compressed or not; a missing file is named.
mkdir -p "$work/fw/e100"
echo ucode >"$work/fw/e100/d101m_ucode.bin"
xz "$work/fw/e100/d101m_ucode.bin"
echo ucode >"$work/fw/e100/d101s_ucode.bin"
build -o "$work/fw.img" --module e100 --firmware --firmware-dir "$work/fw" >/dev/null 2>"$work/fw.err"
list=$(contents "$work/fw.img")
grep -qx 'lib/firmware/e100/d101m_ucode.bin.xz' <<<"$list" || fail "--firmware: no d101m_ucode.bin.xz"
grep -qx 'lib/firmware/e100/d101s_ucode.bin' <<<"$list" || fail "--firmware: no d101s_ucode.bin"
grep -q 'e100/d102e_ucode.bin (for e100) not in' "$work/fw.err" || fail "--firmware: a missing file not named"
build -o "$work/nofw.img" --module e100 >/dev/null
! contents "$work/nofw.img" | grep -q '^lib/firmware' || fail "firmware without --firmware"

# --busybox: a static one becomes /bin/sh; a dynamic program is refused.
if [[ -x /bin/busybox ]] && ! file -L /bin/busybox | grep -q dynamically; then
    build -o "$work/bb.img" --no-host-only --busybox /bin/busybox >/dev/null
    contents "$work/bb.img" | grep -qx 'bin/sh' || fail "--busybox: no bin/sh"
fi
if build -o "$work/dyn.img" --no-host-only --busybox /usr/bin/true 2>"$work/dyn.err"; then
    fail "--busybox took a dynamically linked program"
fi
grep -q 'dynamically linked' "$work/dyn.err" || fail "--busybox: no reason given"

# modules.order: only the image's modules, in the kernel's order.
build -o "$work/order.img" --compress none --module virtio_blk >/dev/null
(cd "$work" && mkdir order && cd order && cpio -id --quiet <"$work/order.img")
order=$work/order/lib/modules/$KVER/modules.order
[[ $(wc -l <"$order") -eq $(grep -c '\.ko' "$work/order/lib/modules/$KVER/modules.dep") ]] ||
    fail "modules.order: not one line per module in the image"
grep -Fxf "$order" "$MODDIR/modules.order" | cmp -s - "$order" || fail "modules.order: not the kernel's order"

# No --kver: the running kernel's release names the modules directory.
"$MKIMAGE" --moddir "$MODDIR" --init "$INIT" -o "$work/kver.img" --module virtio_blk >/dev/null
contents "$work/kver.img" | grep -qx "lib/modules/$(uname -r)" || fail "no --kver: not the running release"
echo "selection: all checks passed"
