#!/bin/sh
# SAVE a program to a raw tape, LOAD it back on a fresh board and RUN it: the tape holds the
# LIST text (lines end CR, ten NULs, LF, as on the genuine ROM). Usage: saveload.sh EMULATOR
set -u
emu="$1"
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
"$emu" --headless --tape-out "$tmp/prog.raw" --until 'D/C/W/M ?' --type 'C\r\r' --until OK \
    --type '10 PRINT "SAVED";2*21\r20 FOR I=1 TO 3:PRINT I;:NEXT\rSAVE\rLIST\r' --wait 10 \
    > /dev/null || { echo "FAIL: the SAVE session" >&2; exit 1; }
if ! tr -d '\000' < "$tmp/prog.raw" | grep -q '^20 FOR I=1 TO 3:PRINT I;:NEXT'; then
    echo "FAIL: the listing is not on the tape:" >&2; od -c "$tmp/prog.raw" | head -20 >&2; exit 1
fi
eol="0d$(printf '00%.0s' 1 2 3 4 5 6 7 8 9 10)0a"
if ! od -An -tx1 "$tmp/prog.raw" | tr -d ' \n' | grep -q "$eol"; then
    echo "FAIL: lines on the tape do not end CR, ten NULs, LF" >&2; exit 1
fi
"$emu" --headless --tape-in "$tmp/prog.raw" --until 'D/C/W/M ?' --type 'C\r\r' --until OK \
    --type 'NEW\rLOAD\r' --tape-wait --type ' ' --wait 0.5 --type 'RUN\r' --until ' 1  2  3' \
    --screen > "$tmp/screen" || { echo "FAIL: the LOAD session" >&2; cat "$tmp/screen" >&2; exit 1; }
grep -q '^SAVED 42' "$tmp/screen" || { echo "FAIL: the loaded program did not run:" >&2; cat "$tmp/screen" >&2; exit 1; }
echo "ok: SAVE, LOAD and RUN through a tape"
