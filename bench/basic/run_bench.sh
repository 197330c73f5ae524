#!/bin/sh
# The eight Rugg/Feldman BASIC benchmarks (1977; BM8 with 100 passes, the others 1000),
# timed in emulated 6502 cycles by running the interpreter in cc65's sim65.
# Usage: run_bench.sh SIM65 IMAGE BENCH_DIR
# Each program is typed and RUN; the cycles of the same session without RUN are
# subtracted, so the figure is the program's run time alone (at 0.98304 MHz on a Superboard,
# seconds = cycles / 983040).
set -eu
sim65="$1"; image="$2"; dir="$3"
cycles() { "$sim65" -c -x 4000000000 "$image" < "$1" 2>&1 | tr "\r" "\n" | grep -o '[0-9]* cycles$' | cut -d" " -f1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
printf '%-5s %12s %10s\n' bench cycles seconds
for n in 1 2 3 4 5 6 7 8; do
    { printf '\n\n'; cat "$dir/bm$n.bas"; } > "$tmp/base"
    { cat "$tmp/base"; printf 'RUN\n'; } > "$tmp/run"
    base=$(cycles "$tmp/base"); run=$(cycles "$tmp/run")
    c=$((run - base))
    printf 'BM%-3s %12d %10s\n' "$n" "$c" "$(echo "scale=2; $c / 983040" | bc)"
done
