#!/bin/sh
# dracut hook (pre-mount, and emergency): sourced by dracut's init, or by
# dracut-pre-mount.service and dracut-emergency.service under systemd, so it
# must not exit and its names must not clash with dracut's.  Once a boot is
# enough: at emergency, only if pre-mount never came (no report yet).
read -r rdcheck_cmdline </proc/cmdline
case " ${rdcheck_cmdline} " in
*" rd.checkpoint"*)
    # stdin is /dev/null under systemd: rdcheck opens the console= devices itself.
    if [ ! -e /run/rdcheck/report.json ]; then
        /usr/sbin/rdcheck --checks ||
            warn "rdcheck: --checks exited with status $?; the boot goes on without it"
    fi
    ;;
esac
unset rdcheck_cmdline
