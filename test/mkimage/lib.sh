# Sourced by the test/mkimage scripts: their arguments (MKIMAGE INIT, made
# absolute), the test kernel, a work directory removed on exit, and fail().
TOP=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)
MKIMAGE=$(readlink -f "$1")
INIT=$(readlink -f "$2")
KVER=$(cat "$TOP/build/cache/kernel/kver")
MODDIR=$TOP/build/cache/kernel/modules
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export SOURCE_DATE_EPOCH=1

fail() { echo "FAIL: $*" >&2; exit 1; }
