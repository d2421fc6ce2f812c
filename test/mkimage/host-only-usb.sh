#!/bin/bash
# --host-only on a machine whose root is on a USB stick: a /sys and a
# /proc/self/mountinfo made up for it, over the real ones in a private
# mount namespace, with / on sda1 behind usb-storage on an xHCI controller.
# The image must get the controller's driver (xhci_pci), not only
# usb-storage and sd_mod.  Needs root (unshare -m); skipped otherwise.
#   test/mkimage/host-only-usb.sh MKIMAGE INIT
set -euo pipefail
source "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/lib.sh"

if [[ $(id -u) -ne 0 ]] || ! unshare -m true 2>/dev/null; then
    echo "host-only-usb: skipped: needs root for a mount namespace"
    exit 77
fi

sys=$work/sys
# driver_of DEVDIR BUS DRIVER MODULE: DEVDIR bound to DRIVER, which MODULE provides.
driver_of() {
    mkdir -p "$sys/bus/$2/drivers/$3" "$sys/module/$4"
    ln -sfn "$(realpath --relative-to="$sys/bus/$2/drivers/$3" "$sys/module/$4")" "$sys/bus/$2/drivers/$3/module"
    ln -sfn "$(realpath --relative-to="$1" "$sys/bus/$2/drivers/$3")" "$1/driver"
}
pci=$sys/devices/pci0000:00/0000:00:04.0
intf=$pci/usb2/2-1/2-1:1.0
disk=$intf/host0/target0:0:0/0:0:0:0
mkdir -p "$disk/block/sda/sda1" "$sys/dev/block"
echo pci:v00001B36d0000000Dsv00001AF4sd00001100bc0Csc03i30 >"$pci/modalias"
driver_of "$pci" pci xhci_hcd xhci_pci
driver_of "$pci/usb2" usb usb usbcore
driver_of "$pci/usb2/2-1" usb usb usbcore
echo usb:v46F4p0001d0000dc00dsc00dp00ic08isc06ip50in00 >"$intf/modalias"
driver_of "$intf" usb usb-storage usb_storage
echo scsi:t-0x00 >"$disk/modalias"
driver_of "$disk" scsi sd sd_mod
ln -s ../../../0:0:0:0 "$disk/block/sda/device"
echo 8:0 >"$disk/block/sda/dev"
echo 8:1 >"$disk/block/sda/sda1/dev"
echo 1 >"$disk/block/sda/sda1/partition"
ln -s "../../${disk#$sys/}/block/sda/sda1" "$sys/dev/block/8:1"
echo '25 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw' >"$work/mountinfo"

# Only the mountinfo of the process that becomes rdcheck-mkimage: the rest
# of /proc stays real (a sanitizer build reads it).
unshare -m --propagation private bash -c '
    mount --bind "$1/sys" /sys && mount --bind "$1/mountinfo" /proc/$$/mountinfo &&
    exec "$2" --kver "$3" --moddir "$4" --init "$5" -o "$1/usb.img" --host-only' \
    - "$work" "$MKIMAGE" "$KVER" "$MODDIR" "$INIT" >"$work/out" 2>&1 ||
    { cat "$work/out"; fail "--host-only with root on USB"; }
list=$("$MKIMAGE" --list "$work/usb.img")
for m in xhci-pci xhci-hcd usb-storage sd_mod ext4; do
    grep -q "/$m\.ko\$" <<<"$list" || fail "--host-only, root on USB: no $m.ko in the image"
done
