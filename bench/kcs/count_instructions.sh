#!/usr/bin/env bash
# Instructions per input sample of kcs-decode on one minute of 44.1 kHz 16-bit KCS audio
# (valgrind's callgrind, the whole process): a figure that, unlike the wall clock, does not
# move with the load of a shared machine. The bytes are random, so it varies a little between
# runs (about +-0.1).
# Usage: bench/kcs/count_instructions.sh BUILD_DIR [FILE.wav]   (KCS_ENCODE, KCS_DECODE override)
set -eu
build=${1:?usage: count_instructions.sh BUILD_DIR [FILE.wav]}
enc=${KCS_ENCODE:-$build/src/kcs/kcs-encode} dec=${KCS_DECODE:-$build/src/kcs/kcs-decode}
command -v valgrind >/dev/null || { echo "valgrind is not installed" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
wav=${2:-}
if [ -z "$wav" ]; then
  head -c $(( 60 * 300 / 11 )) /dev/urandom > "$tmp/data.bin"
  "$enc" --binary --leader 1 --trailer 1 "$tmp/data.bin" "$tmp/one.wav"
  wav=$tmp/one.wav
fi
# as it runs (clean audio: mostly the fast path), then every sample through the full decoder
for how in "" --no-fast-path; do
  # shellcheck disable=SC2086
  valgrind --tool=callgrind --callgrind-out-file="$tmp/cg.out" "$dec" --quiet $how "$wav" > /dev/null 2> "$tmp/vg.log"
  python3 - "$wav" "$tmp/vg.log" "$how" <<'PY'
import re, sys, wave
w = wave.open(sys.argv[1])
samples = w.getnframes() * w.getnchannels()
refs = int(re.search(r"refs:\s+([\d,]+)", open(sys.argv[2]).read()).group(1).replace(",", ""))
print(f"kcs-decode {sys.argv[3]}: {refs:,} instructions for {samples:,} input samples: {refs / samples:.2f} per sample")
PY
done
