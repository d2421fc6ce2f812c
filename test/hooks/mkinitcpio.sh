#!/bin/bash
# mkinitcpio is not packaged in Debian 12: its hooks are tested through the
# interface mkinitcpio documents (mkinitcpio(8), "ABOUT INSTALL HOOKS" and
# "ABOUT RUNTIME HOOKS"), with that interface stubbed.
#   test/hooks/mkinitcpio.sh
set -euo pipefail
TOP=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)
HOOKDIR=$TOP/initramfs-hooks/mkinitcpio
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

fail() { echo "FAIL: $*" >&2; exit 1; }
expect_eq() { [[ $1 == "$2" ]] || fail "$3: got '$1', expected '$2'"; }

# --- the install hook: sourced by mkinitcpio (bash), build() and help() ----

# build_calls [VAR=VALUE...]: the image functions build() called, one a line.
build_calls() {
    env "$@" bash -c '
        set -euo pipefail
        calls=()
        for f in add_binary add_file add_dir add_full_dir add_module add_all_modules \
                 add_checked_modules add_symlink add_runscript add_udev_rule map; do
            eval "$f() { calls+=(\"$f\${*:+ \$*}\"); }"
        done
        source "$1"
        build
        printf "%s\n" "${calls[@]}"' sh "$HOOKDIR/install/rdcheck"
}

expect_eq "$(build_calls RDCHECK_IMAGE_CONF="$work/absent.conf")" \
    $'add_binary /usr/lib/rdcheck/init /usr/bin/rdcheck\nadd_runscript' \
    "build() with the default binary and no image settings"
echo 'rescue=locked' >"$work/rdcheck.conf"
expect_eq "$(build_calls RDCHECK_IMAGE_CONF="$work/rdcheck.conf")" \
    $'add_binary /usr/lib/rdcheck/init /usr/bin/rdcheck\nadd_file '"$work"$'/rdcheck.conf /etc/rdcheck.conf\nadd_runscript' \
    "build() with image settings"
expect_eq "$(build_calls RDCHECK_IMAGE_CONF=)" \
    $'add_binary /usr/lib/rdcheck/init /usr/bin/rdcheck\nadd_runscript' \
    "build() with RDCHECK_IMAGE_CONF empty"
expect_eq "$(build_calls RDCHECK_BINARY=/opt/rdcheck/rdcheck RDCHECK_IMAGE_CONF=)" \
    $'add_binary /opt/rdcheck/rdcheck /usr/bin/rdcheck\nadd_runscript' \
    "build() with RDCHECK_BINARY from mkinitcpio.conf"
help_text=$(bash -c 'source "$1"; help' sh "$HOOKDIR/install/rdcheck")
grep -q 'rd.checkpoint' <<<"$help_text" || fail "help() does not say what turns the checks on"
grep -q 'HOOKS=(.*udev.*block encrypt lvm2 rdcheck filesystems' <<<"$help_text" ||
    fail "help() does not say where the hook goes in HOOKS: after the stack's hooks"

# --- the runtime hook: sourced by the image's /init (busybox ash) -----------

# A stand-in for the binary: records its arguments, exits with $work/status.
cat >"$work/rdcheck" <<STUB
#!/bin/sh
echo "\$*" >>"$work/calls"
exit \$(cat "$work/status")
STUB
chmod +x "$work/rdcheck"

shells=(dash)
if command -v busybox >/dev/null && busybox ash -c : 2>/dev/null; then
    shells+=("busybox ash")
fi

# run_hook_with SHELL CMDLINE STATUS: what run_hook did (rdcheck's arguments
# and init's err messages, one a line) and its return status.
run_hook_with() {
    printf '%s\n' "$2" >"$work/cmdline"
    echo "$3" >"$work/status"
    : >"$work/calls"
    $1 -c '
        work=$2
        err() { echo "err: $*" >>"$work/calls"; }
        . "$1"
        rdcheck_binary=$work/rdcheck
        rdcheck_cmdline_file=$work/cmdline
        run_hook
        echo "return $?" >>"$work/calls"' sh "$HOOKDIR/hooks/rdcheck" "$work"
    cat "$work/calls"
}

for sh in "${shells[@]}"; do
    expect_eq "$(run_hook_with "$sh" 'root=/dev/vda1 ro quiet' 0)" 'return 0' \
        "$sh: no rd.checkpoint word runs nothing"
    expect_eq "$(run_hook_with "$sh" 'root=/dev/vda1 xrd.checkpoint=disks' 0)" 'return 0' \
        "$sh: a word that only contains rd.checkpoint runs nothing"
    expect_eq "$(run_hook_with "$sh" 'root=/dev/vda1 rd.checkpoint=disks' 0)" \
        $'--checks\nreturn 0' "$sh: rd.checkpoint=disks runs the checks"
    expect_eq "$(run_hook_with "$sh" 'rd.checkpoint.timeout=30 root=/dev/vda1' 0)" \
        $'--checks\nreturn 0' "$sh: rd.checkpoint.timeout= as the first word runs the checks"
    expect_eq "$(run_hook_with "$sh" 'root=/dev/vda1 rd.checkpoint=all' 2)" \
        $'--checks\nerr: rdcheck: --checks exited with status 2; the boot goes on without it\nreturn 0' \
        "$sh: rdcheck failing to run is said, and the boot goes on"
done
# run_latehook and the others are not defined: nothing to do after root is mounted.
funcs=$(bash -c 'source "$1"; declare -F | cut -d" " -f3' sh "$HOOKDIR/hooks/rdcheck")
expect_eq "$funcs" run_hook "the runtime hook's functions"
echo "mkinitcpio hooks: ok (${shells[*]})"
