#!/bin/sh
# Run a scripted session of the built-in ROMs in superboard-emu --headless and compare the
# screen it leaves with the expected text. Usage: run_emu.sh EMULATOR SCENARIO EXPECTED
# SCENARIO holds the emulator's options and actions, one argument a line (# starts a comment).
set -u
emu="$1"; scenario="$2"; expected="$3"
for f in "$emu" "$scenario" "$expected"; do
    [ -r "$f" ] || { echo "run_emu.sh: cannot read $f" >&2; exit 2; }
done
set -- --headless
while IFS= read -r line; do
    case "$line" in \#*|'') continue ;; esac
    set -- "$@" "$line"
done < "$scenario"
actual=$(mktemp) || exit 2
trap 'rm -f "$actual"' EXIT
"$emu" "$@" --screen > "$actual"
status=$?
if [ $status -ne 0 ]; then
    echo "FAIL: superboard-emu exited with status $status" >&2
    cat "$actual" >&2
    exit 1
fi
if diff -u "$expected" "$actual"; then
    echo "ok: $(basename "$scenario")"
else
    echo "FAIL: $(basename "$scenario") (expected vs actual above)" >&2
    exit 1
fi
