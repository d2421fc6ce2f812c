#!/bin/sh
# dracut hook: sourced by dracut's init (or dracut-pre-mount.service under
# systemd), so it must not exit and its names must not clash with dracut's.
read -r rdcheck_cmdline </proc/cmdline
case " ${rdcheck_cmdline} " in
*" rd.checkpoint"*)
    # stdin is /dev/null under systemd: rdcheck opens the console= devices itself.
    /usr/sbin/rdcheck --checks ||
        warn "rdcheck: --checks exited with status $?; the boot goes on without it"
    ;;
esac
unset rdcheck_cmdline
