#!/bin/sh
# Run one BASIC program through the sim65 test image and compare the output with the
# expected text. Usage: run_program.sh SIM65 IMAGE PROGRAM.bas EXPECTED.out
# The program file is typed as it stands (its first two lines answer MEMORY SIZE? and
# TERMINAL WIDTH?); the run ends when the input does. CRs and NULs are dropped.
set -u
sim65="$1"; image="$2"; program="$3"; expected="$4"
for f in "$image" "$program" "$expected"; do
    [ -r "$f" ] || { echo "run_program.sh: cannot read $f" >&2; exit 2; }
done
actual=$(mktemp) || exit 2
trap 'rm -f "$actual"' EXIT
"$sim65" -x 3000000000 "$image" < "$program" | tr -d '\r\000' > "$actual"
if diff -u "$expected" "$actual"; then
    echo "ok: $(basename "$program")"
else
    echo "FAIL: $(basename "$program") (expected vs actual above)" >&2
    exit 1
fi
