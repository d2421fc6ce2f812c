#!/bin/bash
# dracut module "rdcheck": the static rdcheck in the image, and a hook that
# runs its checks (drivers, modules, disks, filesystems) when the kernel
# command line has an rd.checkpoint word: before root is mounted, or when
# dracut gives up if they have not run by then.  Settings, in dracut.conf.d:
# rdcheck_binary=PATH (default /usr/lib/rdcheck/init); rdcheck_image_conf=PATH
# (default /etc/rdcheck.conf, empty for none), the image's rdcheck settings.

# Installed means wanted in every image, as the distribution's own modules are.
check() {
    require_binaries "${rdcheck_binary:-/usr/lib/rdcheck/init}" || return 1
    return 0
}

# Static, and it reads only what udev and the kernel already provide.
depends() {
    return 0
}

install() {
    local conf=${rdcheck_image_conf-/etc/rdcheck.conf}

    inst_simple "${rdcheck_binary:-/usr/lib/rdcheck/init}" /usr/sbin/rdcheck
    # The prompt's policy is the image's, never the command line's.
    if [[ -n $conf && -f $conf ]]; then
        inst_simple "$conf" /etc/rdcheck.conf
    fi
    inst_hook pre-mount 00 "$moddir/rdcheck-checks.sh"
    # A root device that never appears never reaches pre-mount: dracut's
    # emergency hook, where it gives up, gets the checks instead.
    inst_hook emergency 00 "$moddir/rdcheck-checks.sh"
}
