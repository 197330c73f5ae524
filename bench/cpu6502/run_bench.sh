#!/bin/sh
# Host instructions per emulated cycle of the 6502 core on Klaus Dormann's functional test,
# counted by callgrind (machine-independent), plus emulated MHz on this machine.
#   bench/cpu6502/run_bench.sh [BUILD_DIR]      (default: ./build; SHARED_DIR overrides ../shared)
# Peers measured in the same run: the core with all memory as RAM, and the core with device
# observers mapped (the configuration a machine uses). The issue's reference figure for a
# popular simple C core is 22.7 host instructions per cycle; the goal is <= 15.
set -e
build=${1:-build}
here=$(cd "$(dirname "$0")" && pwd)
bin=${SHARED_DIR:-$here/../../../shared}/cpu-tests/6502_functional_test.bin
bench=$build/bench/cpu6502/cpu6502-bench
[ -x "$bench" ] || { echo "run_bench.sh: $bench not built (cmake --build $build --target cpu6502-bench)"; exit 1; }
[ -r "$bin" ] || { echo "run_bench.sh: $bin not found (the team's shared/ folder)"; exit 1; }
command -v valgrind >/dev/null || { echo "run_bench.sh: valgrind not installed"; exit 1; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cycles=96241364
for mode in ram observers; do
    flag=; [ $mode = observers ] && flag=--observers
    valgrind --tool=callgrind --callgrind-out-file="$tmp/cg.$mode" "$bench" $flag "$bin" \
        >"$tmp/out.$mode" 2>"$tmp/err.$mode"
    ir=$(sed -n 's/^==[0-9]*== Collected : \([0-9]*\).*/\1/p' "$tmp/err.$mode")
    grep -q "cycles=$cycles " "$tmp/out.$mode" || { echo "wrong result: $(cat "$tmp/out.$mode")"; exit 1; }
    native=$("$bench" $flag --repeat 5 "$bin")
    mhz=$(echo "$native" | sed 's/.*mhz=//')
    echo "$mode: $(echo "$native" | sed 's/ seconds=.*//')"
    awk -v ir="$ir" -v c=$cycles -v m="$mode" -v mhz="$mhz" 'BEGIN {
        printf "%-9s host instructions (callgrind Ir, whole process): %.0f = %.2f per emulated cycle; %s MHz native\n",
               m, ir, ir / c, mhz }'
    eval "ir_$mode=$ir"
done
awk -v a="$ir_ram" -v b="$ir_observers" -v c=$cycles 'BEGIN {
    printf "observers / all-RAM: %.3f; vs the issue'"'"'s simple C core (22.7/cycle): %.2fx fewer instructions\n",
           b / a, 22.7 / (b / c) }'
