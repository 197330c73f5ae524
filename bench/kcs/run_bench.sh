#!/usr/bin/env bash
# The KCS robustness and speed benchmark: kcs-decode and minimodem side by side.
# 1. Synthesizes impaired recordings of the same 1000 random bytes (kcs-encode, then kcs_impair)
#    and prints the byte errors of each decoder under each condition: at 300 baud every one
#    of the issue, at 600 and 1200 baud the harder ones.
# 2. Times both decoders on 10 minutes of 44.1 kHz 16-bit audio (wall clock, best of five
#    runs each, alternating; kcs-decode also with --no-fast-path) and prints the throughput
#    ratio; prints kcs-decode's peak memory on 1 and 10 minutes (constant memory).
# Usage: bench/kcs/run_bench.sh BUILD_DIR [--quick]
# (KCS_ENCODE, KCS_DECODE and KCS_IMPAIR override the programs' paths; --quick, the ctest
# smoke run, does 200 bytes, no timing, and fails if the clean recording has any byte error.)
set -eu
build=${1:?usage: run_bench.sh BUILD_DIR [--quick]}
quick=${2:-}
enc=${KCS_ENCODE:-$build/src/kcs/kcs-encode} dec=${KCS_DECODE:-$build/src/kcs/kcs-decode}
impair=${KCS_IMPAIR:-$build/tests/kcs/kcs_impair}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
have_mm=0; command -v minimodem >/dev/null && have_mm=1
count_errors() {  # expected actual -> byte errors (wrong, lost or extra bytes after alignment)
  python3 - "$1" "$2" <<'PY'
import difflib, sys
a = open(sys.argv[1], "rb").read(); b = open(sys.argv[2], "rb").read()
sm = difflib.SequenceMatcher(None, a, b, autojunk=False)
same = sum(m.size for m in sm.get_matching_blocks())
print(max(len(a), len(b)) - same)
PY
}
n=1000; [ "$quick" = --quick ] && n=200
head -c $n /dev/urandom > "$tmp/data.bin"
conditions=(
  "clean|"
  "noise 10 dB SNR|--noise-snr 10" "noise 6 dB SNR|--noise-snr 6" "noise 3 dB SNR|--noise-snr 3"
  "noise 0 dB SNR|--noise-snr 0" "noise -3 dB SNR|--noise-snr -3"
  "speed x0.90|--speed 0.90" "speed x0.95|--speed 0.95" "speed x0.98|--speed 0.98" "speed x1.02|--speed 1.02"
  "speed x1.05|--speed 1.05" "speed x1.10|--speed 1.10"
  "wow 2% at 0.5 Hz|--wow 0.02@0.5" "flutter 5% at 4 Hz|--wow 0.05@4"
  "DC offset 0.8|--gain-db -12 --dc 0.8" "inverted|--invert" "clipped at 20%|--clip 0.2"
  "level -40 dBFS|--gain-db -37" "band 150-3500 Hz|--band 150:3500"
  "combined: x1.05, wow 2%, 10 dB SNR, DC 0.3, band|--speed 1.05 --wow 0.02@0.5 --noise-snr 10 --dc 0.3 --band 150:3500 --gain-db -6"
)
# the faster rates (not a goal of the issue, but people use them): the harder conditions
conditions_fast=(
  "clean|" "noise 10 dB SNR|--noise-snr 10" "noise 6 dB SNR|--noise-snr 6" "speed x0.95|--speed 0.95"
  "speed x1.05|--speed 1.05" "flutter 5% at 4 Hz|--wow 0.05@4" "band 150-3500 Hz|--band 150:3500"
  "combined: x1.05, wow 2%, 10 dB SNR, DC 0.3, band|--speed 1.05 --wow 0.02@0.5 --noise-snr 10 --dc 0.3 --band 150:3500 --gain-db -6"
)
table() {  # BAUD CONDITION...: the byte errors of both decoders under each condition
  local baud=$1; shift
  "$enc" --binary --baud "$baud" --leader 2 --trailer 1 "$tmp/data.bin" "$tmp/clean.wav"
  printf '%-52s %12s %12s\n' "condition ($n bytes, $baud baud)" kcs-decode minimodem
  for c in "$@"; do
    local name=${c%%|*} args=${c#*|} ours theirs=n/a
    # shellcheck disable=SC2086
    "$impair" $args "$tmp/clean.wav" "$tmp/imp.wav"
    "$dec" --quiet --baud "$baud" "$tmp/imp.wav" > "$tmp/ours.bin" 2>/dev/null || true
    ours=$(count_errors "$tmp/data.bin" "$tmp/ours.bin")
    if [ $have_mm = 1 ]; then
      minimodem --rx -q -M 2400 -S 1200 --startbits 1 --stopbits 2 -8 -f "$tmp/imp.wav" "$baud" > "$tmp/mm.bin" 2>/dev/null || true
      theirs=$(count_errors "$tmp/data.bin" "$tmp/mm.bin")
    fi
    printf '%-52s %12s %12s\n' "$name" "$ours" "$theirs"
    if [ "$name" = clean ] && [ "$ours" != 0 ]; then echo "kcs-decode fails on clean audio"; exit 1; fi
  done
}
table 300 "${conditions[@]}"
[ "$quick" = --quick ] && exit 0
for baud in 600 1200; do echo; table "$baud" "${conditions_fast[@]}"; done
echo
minutes() {  # N -> a WAV of about N minutes of KCS at 44.1 kHz 16-bit
  head -c $(( $1 * 60 * 300 / 11 )) /dev/urandom > "$tmp/long.bin"
  "$enc" --binary --leader 1 --trailer 1 "$tmp/long.bin" "$tmp/long$1.wav"
}
minutes 1; minutes 10
secs() { local s e; s=$(date +%s.%N); "$@" > /dev/null 2>&1 || true; e=$(date +%s.%N); echo "$e - $s" | bc -l; }
min() { echo "if ($1 < $2) $1 else $2" | bc -l; }
# The best of five runs each, the two decoders alternating, so that both meet the same load
# (the machine may be shared).
mm=(minimodem --rx -q -M 2400 -S 1200 --startbits 1 --stopbits 2 -8 -f "$tmp/long10.wav" 300)
# kcs-decode as it runs (the clean audio on its fast path), and with every sample through the
# full decoder (what a noisy tape costs)
ours=999 full=999 theirs=999
for _ in 1 2 3 4 5; do
  ours=$(min "$(secs "$dec" --quiet "$tmp/long10.wav")" "$ours")
  full=$(min "$(secs "$dec" --quiet --no-fast-path "$tmp/long10.wav")" "$full")
  [ $have_mm = 1 ] && theirs=$(min "$(secs "${mm[@]}")" "$theirs")
done
printf 'kcs-decode on 10 min of audio:  %.3f s (%.0fx real time)\n' "$ours" "$(echo "600 / $ours" | bc -l)"
printf '... with --no-fast-path:        %.3f s (%.0fx real time)\n' "$full" "$(echo "600 / $full" | bc -l)"
if [ $have_mm = 1 ]; then
  printf 'minimodem on the same:          %.3f s (%.0fx real time)\n' "$theirs" "$(echo "600 / $theirs" | bc -l)"
  printf 'throughput ratio kcs-decode / minimodem: %.1fx (with --no-fast-path %.1fx)\n' "$(echo "$theirs / $ours" | bc -l)" \
    "$(echo "$theirs / $full" | bc -l)"
fi
for m in 1 10; do
  rss=$( { /usr/bin/time -f %M "$dec" --quiet "$tmp/long$m.wav" > /dev/null; } 2>&1 | tail -1)
  echo "kcs-decode peak memory on $m min: ${rss} KB"
done
