#!/bin/bash
# Roots on storage stacks: what --lvm, --luks (--crypttab), --mdraid put
# into an image; a missing or dynamic tool and an unsupported crypttab line
# fail the build naming them; --host-only walks a fake /sys (LVM on LUKS on
# MD RAID1 on two virtio disks) down to the disks; --verify says what a
# stacked root lacks.
#   test/mkimage/stack.sh MKIMAGE INIT
set -euo pipefail
source "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/lib.sh"
# --verify runs /init's check: the host build's rdcheck is dynamic.
if ! file -L "$INIT" | grep -q 'statically linked'; then
    INIT=/bin/busybox
fi

fail() { echo "FAIL: $*" >&2; [[ -f $work/out ]] && cat "$work/out" >&2; exit 1; }
build() { "$MKIMAGE" --kver "$KVER" --moddir "$MODDIR" --init "$INIT" --tools-dir "$tools" "$@"; }
contents() { "$MKIMAGE" --list "$1" | awk '!/^segment / { print $3 }'; }
has() { grep -qx "$2" <<<"$1" || fail "$3: no $2 in the image"; }
has_module() { grep -q "/$2\.ko\$" <<<"$1" || fail "$3: no $2.ko in the image"; }
# build_fails WHAT PATTERN ARGS...: the build must fail with a line matching PATTERN.
build_fails() {
    local what=$1 pattern=$2
    shift 2
    if build "$@" -o "$work/bad.img" >"$work/out" 2>&1; then fail "$what: built"; fi
    grep -qE -- "$pattern" "$work/out" || fail "$what: no line matching '$pattern'"
}

# The tools: the static ones tools/bootstrap built when they are there,
# a static busybox standing in for the others (rdcheck-luks is the init's).
tools=$work/tools
mkdir -p "$tools"
for t in lvm mdadm rdcheck-luks; do
    if [[ -x $TOP/build/cache/musl/sbin/$t ]]; then
        cp "$TOP/build/cache/musl/sbin/$t" "$tools/$t"
    else
        cp /bin/busybox "$tools/$t"
    fi
done

# Each flag: its tool, its configuration, its modules.
build --no-host-only --lvm -o "$work/lvm.img" >/dev/null
list=$(contents "$work/lvm.img")
has "$list" sbin/lvm --lvm
has "$list" etc/lvm/lvm.conf --lvm
has_module "$list" dm-mod --lvm
! grep -qE '^sbin/(mdadm|rdcheck-luks)$|^etc/crypttab$' <<<"$list" || fail "--lvm took another layer's files"
mkdir "$work/lvm"
(cd "$work/lvm" && zstd -dcq "$work/lvm.img" | cpio -id --quiet)
for setting in 'udev_sync = 0' 'udev_rules = 0' 'use_devicesfile = 0' 'monitoring = 0' 'backup = 0' \
               'archive = 0' 'use_lvmlockd = 0' 'use_lvmpolld = 0' 'obtain_device_list_from_udev = 0'; do
    grep -qF "$setting" "$work/lvm/etc/lvm/lvm.conf" || fail "lvm.conf: no '$setting'"
done
if file "$tools/lvm" | grep -q 'statically linked' && "$tools/lvm" version >/dev/null 2>&1; then
    LVM_SYSTEM_DIR=$work/lvm/etc/lvm "$tools/lvm" lvmconfig --validate >"$work/out" 2>&1 ||
        fail "lvm.conf: lvmconfig --validate"
fi

build --no-host-only --luks -o "$work/luks.img" >/dev/null
list=$(contents "$work/luks.img")
has "$list" sbin/rdcheck-luks --luks
for m in dm-mod dm-crypt algif_skcipher algif_hash af_alg xts ecb essiv; do
    has_module "$list" "$m" --luks
done
! grep -qx etc/crypttab <<<"$list" || fail "--luks without --crypttab wrote one"

build --no-host-only --mdraid -o "$work/md.img" >/dev/null
list=$(contents "$work/md.img")
has "$list" sbin/mdadm --mdraid
has_module "$list" md-mod --mdraid
has_module "$list" raid1 --mdraid

# --crypttab: checked, installed as it is; it brings --luks along.
printf '# root\ncryptroot UUID=5a1e0c1d-0000-4000-8000-000000000001 none luks,discard\n' >"$work/crypttab"
build --no-host-only --crypttab "$work/crypttab" -o "$work/ct.img" >/dev/null
list=$(contents "$work/ct.img")
has "$list" etc/crypttab --crypttab
has "$list" sbin/rdcheck-luks --crypttab
printf 'data UUID=1 none luks\ncryptroot /dev/vda2 none luks,keyscript=/lib/cryptsetup/scripts/passdev\n' \
    >"$work/keyscript"
build_fails "keyscript=" "--crypttab $work/keyscript: line 2 \(cryptroot\): option keyscript= is not supported" \
    --luks --crypttab "$work/keyscript"

# A missing tool names itself and the flag; a dynamic one is refused.
mkdir "$work/empty"
build_fails "no lvm" "--lvm: the lvm tool $work/empty/lvm \(--tools-dir\): No such file" \
    --lvm --tools-dir "$work/empty"
cp "$(type -P true)" "$work/empty/mdadm"
build_fails "dynamic mdadm" "--mdraid: $work/empty/mdadm is dynamically linked" --mdraid --tools-dir "$work/empty"

# A fake machine: / is ext4 on LVM (dm-1) on LUKS2 (dm-0) on MD RAID1
# (md0) over vda1 and vdb1, two virtio disks.
host=$work/host
sys=$host/sys
pci=$sys/devices/pci0000:00
mkdir -p "$host/proc/self" "$host/etc" "$sys/class/block" "$sys/dev/block"
echo '25 1 253:1 / / rw,relatime shared:1 - ext4 /dev/mapper/vg-root rw' >"$host/proc/self/mountinfo"
block() {       # block NAME DIR MAJ:MIN: a block device at DIR, in class/block and dev/block
    mkdir -p "$2/slaves"
    echo "$3" >"$2/dev"
    ln -s "$(realpath --relative-to="$sys/class/block" "$2")" "$sys/class/block/$1"
    ln -s "$(realpath --relative-to="$sys/dev/block" "$2")" "$sys/dev/block/$3"
}
slave() { ln -s "../../$2" "$sys/class/block/$1/slaves/$2"; }
n=0
for d in vda vdb; do
    n=$((n + 1))
    fn=$pci/0000:00:0$((3 + n)).0
    mkdir -p "$fn/virtio$n"
    echo "pci:v00001AF4d00001001sv00001AF4sd00000002bc01sc00i00" >"$fn/modalias"
    echo "virtio:d00000002v00001AF4" >"$fn/virtio$n/modalias"
    block "$d" "$fn/virtio$n/block/$d" "252:$((16 * (n - 1)))"
    ln -s ../.. "$fn/virtio$n/block/$d/device"
    block "${d}1" "$fn/virtio$n/block/$d/${d}1" "252:$((16 * (n - 1) + 1))"
done
block md0 "$sys/devices/virtual/block/md0" 9:0
mkdir "$sys/devices/virtual/block/md0/md"
echo raid1 >"$sys/devices/virtual/block/md0/md/level"
slave md0 vda1
slave md0 vdb1
block dm-0 "$sys/devices/virtual/block/dm-0" 253:0
mkdir "$sys/devices/virtual/block/dm-0/dm"
echo CRYPT-LUKS2-5a1e0c1d000040008000000000000001-cryptroot >"$sys/devices/virtual/block/dm-0/dm/uuid"
slave dm-0 md0
block dm-1 "$sys/devices/virtual/block/dm-1" 253:1
mkdir "$sys/devices/virtual/block/dm-1/dm"
echo LVM-Vd0aXw3c9ZdQ1nqvDpkE2ugxSuxSVSmxUvTVSh2cEXw3pkzMfjnZ0AFHpvMR1DS6 >"$sys/devices/virtual/block/dm-1/dm/uuid"
slave dm-1 dm-0
cp "$work/crypttab" "$host/etc/crypttab"

# --host-only: every layer, and the disks' drivers at the bottom.
build --host-only --host-root "$host" -o "$work/host.img" >/dev/null 2>"$work/out" || fail "--host-only on the fake tree"
grep -q 'root is on LVM, LUKS, MD RAID' "$work/out" || fail "--host-only: the layers not named"
list=$(contents "$work/host.img")
for f in sbin/lvm sbin/rdcheck-luks sbin/mdadm etc/lvm/lvm.conf etc/crypttab; do
    has "$list" "$f" "--host-only"
done
for m in ext4 dm-mod dm-crypt xts algif_skcipher md-mod raid1 virtio_blk virtio_pci; do
    has_module "$list" "$m" "--host-only"
done
cmp -s "$host/etc/crypttab" <(cd "$work" && mkdir h && cd h && zstd -dcq "$work/host.img" | cpio -id --quiet &&
                              cat etc/crypttab) || fail "--host-only: /etc/crypttab not the machine's"

# --verify on the same machine: the stack is there; an image without it is told what it lacks.
verify() {      # verify WANT IMAGE
    local rc=0
    "$MKIMAGE" --verify "$2" --kver "$KVER" --moddir "$MODDIR" --host-root "$host" >"$work/out" 2>&1 || rc=$?
    [[ $rc -eq $1 ]] || fail "--verify $2: exit $rc, expected $1"
}
verify 0 "$work/host.img"
grep -qx 'ok   stack: root is on LVM, LUKS, MD RAID; the image has each layer.s tool and modules' "$work/out" ||
    fail "--verify: no ok stack line"
grep -qx 'ok   crypttab: /etc/crypttab: 1 entry rdcheck can open' "$work/out" || fail "--verify: no ok crypttab line"
build --module ext4 --module virtio_blk --module virtio_pci --module dm_mod --module md_mod --module raid1 \
    --lvm -o "$work/nostack.img" >/dev/null
verify 1 "$work/nostack.img"
grep -qE '^FAIL stack: root is on LVM, LUKS, MD RAID; the image lacks what it needs: for --luks /sbin/rdcheck-luks: missing, dm_crypt, algif_skcipher, algif_hash, xts, ecb; for --mdraid /sbin/mdadm: missing$' \
    "$work/out" || fail "--verify: the missing tools and modules not named"
grep -q 'FAIL root drivers: .*dm_crypt' "$work/out" || fail "--verify: root drivers did not miss dm_crypt"

# A crypttab in an image that the init would refuse.
"$MKIMAGE" --kver "$KVER" --moddir "$MODDIR" --init "$INIT" --no-host-only --add "$work/keyscript:etc/crypttab" \
    -o "$work/badct.img" >/dev/null
verify 1 "$work/badct.img"
grep -qx 'FAIL crypttab: /etc/crypttab: line 2 (cryptroot): option keyscript= is not supported' "$work/out" ||
    fail "--verify: the refused crypttab line not named"

# --host-only with a machine crypttab the init cannot honour: the build fails naming it.
cp "$work/keyscript" "$host/etc/crypttab"
build_fails "host keyscript=" "--host-only $host/etc/crypttab: line 2 \(cryptroot\): option keyscript= is not supported" \
    --host-only --host-root "$host"
echo "stack: all checks passed"
