#!/bin/bash
# rdcheck-mkimage's defaults and refusals: an --init that is no program and
# a --cmdline with control characters are refused and nothing is written;
# without a module selection the image is --host-only's; the settings file
# (--config) gives the defaults of --rescue, --password-hash, --onfail and
# --cmdline, and a flag wins over it.
#   test/mkimage/defaults.sh MKIMAGE INIT
set -euo pipefail
source "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/lib.sh"

build() { "$MKIMAGE" --kver "$KVER" --moddir "$MODDIR" --no-config "$@"; }
# refused PATTERN ARGS...: exit 1, a line matching PATTERN, no image.
refused() {
    local pattern=$1 rc=0
    shift
    rm -f "$work/bad.img"
    build "$@" -o "$work/bad.img" >"$work/out" 2>&1 || rc=$?
    [[ $rc -eq 1 ]] || { cat "$work/out"; fail "$*: exit $rc, expected 1"; }
    grep -qE -- "$pattern" "$work/out" || { cat "$work/out"; fail "$*: no line matching '$pattern'"; }
    [[ ! -e $work/bad.img && ! -e $work/bad.img.tmp ]] || fail "$*: an image was written"
}
settings() { (cd "$work" && cpio --quiet -i --to-stdout etc/rdcheck.conf <"$1"); }

# --init: the check --verify makes of an image's /init.
printf 'root:x:0:0:root:/root:/bin/bash\n' >"$work/passwd"
refused "^rdcheck-mkimage: --init $work/passwd: not an ELF executable or #! script\$" \
    --no-host-only --init "$work/passwd"
: >"$work/empty"
refused "^rdcheck-mkimage: --init $work/empty: empty file\$" --no-host-only --init "$work/empty"
refused "^rdcheck-mkimage: --init $work: not a regular file \(directory\)\$" --no-host-only --init "$work"
refused "^rdcheck-mkimage: --init $work/nothing: No such file or directory\$" --no-host-only --init "$work/nothing"
printf '#!/bin/sh\nexec /sbin/init\n' >"$work/script"
build --no-host-only --init "$work/script" -o "$work/script.img" >/dev/null || fail "a #! script as --init"
help=$("$MKIMAGE" --help)
grep -qE -- '--init PATH .*default$' <<<"$help" || fail "--help: no --init default"
grep -qE '^ +/[^ ]+/rdcheck/init\); an ELF' <<<"$help" || fail "--help: the built-in init path not shown"

# --cmdline: a control character is named by its byte and position.
refused '^rdcheck-mkimage: --cmdline: control character 0x09 at byte 14: ' \
    --no-host-only --init "$INIT" --cmdline "$(printf 'root=/dev/vda\tquiet')"
refused '^rdcheck-mkimage: --cmdline: control character 0x0a at byte 6: ' \
    --no-host-only --init "$INIT" --cmdline "$(printf 'quiet\nrd.checkpoint=disks')"
refused '^rdcheck-mkimage: --cmdline: control character 0x1b at byte 1: ' \
    --no-host-only --init "$INIT" --cmdline "$(printf '\033[2J')"

# No module selection: what --host-only chooses, on a fake machine whose
# root is ext4 on vda1, a virtio disk.
host=$work/host
sys=$host/sys
dev=$sys/devices/pci0000:00/0000:00:04.0
mkdir -p "$host/proc/self" "$host/etc" "$sys/class/block" "$sys/dev/block" "$dev/virtio1/block/vda/vda1"
echo '25 1 252:1 / / rw,relatime shared:1 - ext4 /dev/vda1 rw' >"$host/proc/self/mountinfo"
echo "pci:v00001AF4d00001001sv00001AF4sd00000002bc01sc00i00" >"$dev/modalias"
echo "virtio:d00000002v00001AF4" >"$dev/virtio1/modalias"
ln -s ../.. "$dev/virtio1/block/vda/device"
for b in vda:252:0:vda vda1:252:1:vda/vda1; do
    IFS=: read -r name maj min rel <<<"$b"
    echo "$maj:$min" >"$dev/virtio1/block/$rel/dev"
    ln -s "../../devices/pci0000:00/0000:00:04.0/virtio1/block/$rel" "$sys/class/block/$name"
    ln -s "../../devices/pci0000:00/0000:00:04.0/virtio1/block/$rel" "$sys/dev/block/$maj:$min"
done
build --init "$INIT" --host-root "$host" -o "$work/plain.img" >/dev/null 2>&1 || fail "no selection flag"
build --init "$INIT" --host-root "$host" --host-only -o "$work/host.img" >/dev/null 2>&1 || fail "--host-only"
cmp -s "$work/plain.img" "$work/host.img" || fail "no selection flag: not the --host-only image"
list=$("$MKIMAGE" --list "$work/plain.img")
for m in virtio_blk virtio_pci ext4; do
    grep -q "/$m\.ko\$" <<<"$list" || fail "no selection flag: no $m.ko"
done
build --init "$INIT" --no-host-only -o "$work/none.img" >/dev/null
! grep -q 'lib/modules' <<<"$("$MKIMAGE" --list "$work/none.img")" || fail "--no-host-only: modules in the image"
refused '^rdcheck-mkimage: --host-only with --no-host-only: choose one$' --init "$INIT" --host-only --no-host-only

# The settings file: defaults of the flags; a flag wins; --no-config reads none.
conf=$work/rdcheck.conf
hash='$6$saltsalt$Yvk3BzT3uGGc7N6WzwbdPPLyLkhOiVGZXKRCkQkt5jnODUVZTZ36zPcDiTc8JJpZx6UIlTdoHIzYQR9/yhWfe.'
printf '# test\nrescue=password\npassword_hash=%s\nonfail=poweroff\ncmdline=quiet rd.checkpoint.timeout=5\n' \
    "$hash" >"$conf"
conf_build() { "$MKIMAGE" --kver "$KVER" --moddir "$MODDIR" --init "$INIT" --no-host-only --compress none "$@"; }
conf_build --config "$conf" -o "$work/c1.img" >/dev/null
[[ $(settings "$work/c1.img" | grep -v '^#') == "rescue=password
password_hash=$hash
onfail=poweroff
cmdline=quiet rd.checkpoint.timeout=5" ]] || { settings "$work/c1.img"; fail "--config: not its settings"; }
conf_build --config "$conf" --rescue open --onfail reboot --cmdline ro -o "$work/c2.img" >/dev/null
[[ $(settings "$work/c2.img" | grep -v '^#') == "rescue=open
onfail=reboot
cmdline=ro" ]] || { settings "$work/c2.img"; fail "--config: the flags did not win"; }
conf_build --config "$conf" --no-config -o "$work/c3.img" >/dev/null
! grep -q 'etc/rdcheck.conf' <<<"$("$MKIMAGE" --list "$work/c3.img")" || fail "--no-config: settings in the image"
conf_build --config "$TOP/initramfs-hooks/rdcheck.conf" -o "$work/c4.img" >/dev/null
! grep -q 'etc/rdcheck.conf' <<<"$("$MKIMAGE" --list "$work/c4.img")" || fail "the installed rdcheck.conf sets something"
printf 'rescue=sometimes\n' >"$work/bad.conf"
refused "^rdcheck-mkimage: $work/bad.conf: rescue=sometimes" --init "$INIT" --no-host-only --config "$work/bad.conf"
printf 'kdump=yes\n' >"$work/kdump.conf"
refused "^rdcheck-mkimage: $work/kdump.conf: kdump=yes: only --kdump" --init "$INIT" --no-host-only --config "$work/kdump.conf"
refused "^rdcheck-mkimage: --config $work/nothing: No such file" --init "$INIT" --no-host-only --config "$work/nothing"
echo "defaults: all checks passed"
