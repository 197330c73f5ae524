#!/bin/sh
# Builds a C program with cc65 for the osic1p target in the boot format the 65V monitor loads
# (cl65 -t osic1p -u __BOOT__, linked for 8K of RAM), then loads it from a raw tape through the
# monitor's M and L in the headless emulator and checks that it runs and prints what it should.
# Usage: cc65_program.sh CL65 SOURCE.c WORKDIR RUN_HEADLESS EMU
set -u
cl65=$1 src=$2 work=$3 run=$4 emu=$5
mkdir -p "$work" || exit 1
# cl65 writes its object file beside the source: compile a copy inside the work directory.
cp "$src" "$work/hello.c" || exit 1
if ! "$cl65" -t osic1p -u __BOOT__ -Wl -D,__HIMEM__=0x2000 -o "$work/hello.lod" "$work/hello.c"; then
    echo "FAIL: cl65 could not build $src"
    exit 1
fi
exec sh "$run" --expect "HELLO FROM CC65" --expect "SUM 1..100 = 5050" \
    -- "$emu" --headless --seconds 120 --tape-in "$work/hello.lod" \
    --until "D/C/W/M ?" --type M --until "0000" --type L --until "SUM 1..100" --screen
