#!/bin/sh
# Encodes an OS65V tape as Kansas City Standard audio with kcs-encode, then loads it through
# the monitor's M and L from that audio in the headless emulator.
# Usage: kcs_tape.sh KCS_ENCODE TAPE WORKDIR RUN_HEADLESS EMU
set -u
encode=$1 tape=$2 work=$3 run=$4 emu=$5
mkdir -p "$work" || exit 1
if ! "$encode" --binary "$tape" "$work/output_save.wav"; then
    echo "FAIL: kcs-encode could not encode $tape"
    exit 1
fi
exec sh "$run" --expect "TO TAPE" --expect "SCREEN ONLY" \
    -- "$emu" --headless --seconds 120 --tape-in "$work/output_save.wav" \
    --until "D/C/W/M ?" --type M --until "0000" --type L --until "SCREEN ONLY" --screen
