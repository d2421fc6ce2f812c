#!/bin/bash
# The commands of the rdcheck binary when it is not PID 1 (README "The boot
# report", rdcheck(8)): --help lists every one and exits 0; an unknown word
# or no word exits 2 naming the problem; report's exit statuses end to end.
#   test/cli/commands.sh RDCHECK
set -euo pipefail
RDCHECK=$(readlink -f "$1")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

fail() { echo "FAIL: $*" >&2; exit 1; }
# run ARGS...: $status, $out, $err of one run of rdcheck.
run() {
    status=0
    "$RDCHECK" "$@" >"$work/out" 2>"$work/err" || status=$?
    out=$(cat "$work/out")
    err=$(cat "$work/err")
}
expect() { [[ $status == "$1" ]] || fail "rdcheck $2: exit $status, expected $1 (stderr: $err)"; }

for flag in --help -h; do
    run "$flag"
    expect 0 "$flag"
    [[ -z $err ]] || fail "rdcheck $flag wrote to stderr: $err"
    for word in 'report [--json] [FILE]' '--checks' 'kdump-load' '-q -- MODULE' '-h, --help' 'as PID 1'; do
        grep -qF -- "$word" <<<"$out" || fail "rdcheck $flag does not mention '$word'"
    done
done

run frobnicate
expect 2 frobnicate
[[ $err == "rdcheck: unknown command frobnicate; rdcheck --help lists them" ]] ||
    fail "rdcheck frobnicate said: $err"
[[ -z $out ]] || fail "rdcheck frobnicate wrote to stdout: $out"

run
expect 2 "(no arguments, not PID 1)"
grep -q "only as PID 1" <<<"$err" || fail "rdcheck with no arguments said: $err"

run report "$work/none.json"
expect 1 "report (missing file)"
[[ $err == "rdcheck report: $work/none.json: No such file or directory" ]] || fail "missing file: $err"

printf '{"schema":"rdcheck-report/1","checkpoints":[' >"$work/cut.json"
run report "$work/cut.json"
expect 1 "report (truncated)"
grep -q "^rdcheck report: $work/cut.json: truncated" <<<"$err" || fail "truncated file: $err"

run report --frob
expect 2 "report --frob"
run kdump-load --help
expect 0 "kdump-load --help"
echo "cli: rdcheck --help, unknown commands and report's exit statuses as documented"
