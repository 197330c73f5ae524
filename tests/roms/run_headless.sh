#!/bin/sh
# Runs superboard-emu in headless mode and checks what it printed (and recorded).
# Usage: run_headless.sh [--expect TEXT]... [--tape-out-is PRINTF_FORMAT] -- EMU ARGS...
#        run_headless.sh --skip REASON
#   --expect TEXT          the emulator's standard output (the --screen dump) must contain TEXT
#   --tape-out-is FORMAT   record the ACIA output to a raw file (--tape-out) and require it to
#                          equal the bytes printf FORMAT makes
# Fails when the emulator exits non-zero (e.g. an --until not met), showing its output.
set -u
if [ "${1:-}" = "--skip" ]; then
    echo "skipped: $2"
    exit 77
fi
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
: > "$tmp/expects"
tape_format=
while [ $# -gt 0 ] && [ "$1" != "--" ]; do
    case $1 in
        --expect) printf '%s\n' "$2" >> "$tmp/expects"; shift 2 ;;
        --tape-out-is) tape_format=$2; shift 2 ;;
        *) echo "run_headless.sh: unknown option $1"; exit 2 ;;
    esac
done
[ "${1:-}" = "--" ] || { echo "run_headless.sh: missing -- EMU ARGS"; exit 2; }
shift
emu=$1
shift
if [ -n "$tape_format" ]; then
    set -- --tape-out "$tmp/tape-out.raw" "$@"
fi
"$emu" "$@" > "$tmp/stdout" 2> "$tmp/stderr"
status=$?
show() {
    echo "--- standard output:"; cat "$tmp/stdout"
    echo "--- standard error:"; cat "$tmp/stderr"
}
if [ $status -ne 0 ]; then
    echo "FAIL: superboard-emu exited with status $status"
    show
    exit 1
fi
failed=0
while IFS= read -r text; do
    if ! grep -qF -- "$text" "$tmp/stdout"; then
        echo "FAIL: the screen does not show: $text"
        failed=1
    fi
done < "$tmp/expects"
if [ -n "$tape_format" ]; then
    printf "$tape_format" > "$tmp/tape-expected"
    if ! cmp -s "$tmp/tape-expected" "$tmp/tape-out.raw"; then
        echo "FAIL: the recorded tape differs from what was expected"
        echo "expected:"; od -c "$tmp/tape-expected"
        echo "recorded:"; od -c "$tmp/tape-out.raw" 2>&1
        failed=1
    fi
fi
[ $failed -eq 0 ] || { show; exit 1; }
echo "ok"; cat "$tmp/stdout"
