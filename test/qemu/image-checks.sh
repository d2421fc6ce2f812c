# shellcheck shell=bash
# Checks shared by test/qemu/disks and test/qemu/stackdisks (sourced; the
# script defines die and WORK).

# expect_blkid IMG [--offset BYTES] KEY=VALUE...: blkid -p finds each.
expect_blkid() {
    local img=$1 found kv opts=()
    shift
    if [[ ${1:-} == --offset ]]; then opts=(--offset "$2"); shift 2; fi
    found=$(blkid -p -o export "${opts[@]}" "$img") || die "blkid -p finds nothing on ${img##*/} ${opts[*]}"
    for kv; do
        grep -qxF "$kv" <<<"$found" ||
            die "blkid -p on ${img##*/} ${opts[*]}: no $kv in:"$'\n'"$found"
    done
}

# quiet CMD...: run, show the output only when it fails.
quiet() {
    local log
    log=$("$@" 2>&1) || { echo "$log" >&2; die "'$*' failed"; }
}
