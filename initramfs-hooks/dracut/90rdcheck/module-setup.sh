#!/bin/bash
# dracut module "rdcheck": the static rdcheck in the image, and a hook that
# runs its checks (drivers, modules, disks, filesystems) when the kernel
# command line has an rd.checkpoint word: before root is mounted, or when
# dracut gives up if they have not run by then.  Where the binary is comes from
# dracut.conf.d: rdcheck_binary=PATH (default /usr/sbin/rdcheck).

# Installed means wanted in every image, as the distribution's own modules are.
check() {
    require_binaries "${rdcheck_binary:-/usr/sbin/rdcheck}" || return 1
    return 0
}

# Static, and it reads only what udev and the kernel already provide.
depends() {
    return 0
}

install() {
    inst_simple "${rdcheck_binary:-/usr/sbin/rdcheck}" /usr/sbin/rdcheck
    inst_hook pre-mount 00 "$moddir/rdcheck-checks.sh"
    # A root device that never appears never reaches pre-mount: dracut's
    # emergency hook, where it gives up, gets the checks instead.
    inst_hook emergency 00 "$moddir/rdcheck-checks.sh"
}
