#!/bin/sh
# Klaus Dormann's 6502 functional test through cpu6502-run: must end at $3469 after exactly
# 30,646,176 instructions and 96,241,364 cycles. Usage: klaus.sh CPU6502_RUN CPU_TESTS_DIR
run=$1
bin=$2/6502_functional_test.bin
if [ ! -r "$bin" ]; then
    echo "skip: $bin not found (the team's shared/ folder is absent)"
    exit 77
fi
out=$("$run" --load "$bin@0" --pc 400 --until-pc 3469) || { echo "cpu6502-run failed: $out"; exit 1; }
echo "$out"
case "$out" in
    *"pc=3469 instructions=30646176 cycles=96241364 "*) ;;
    *) echo "wrong end state (want pc=3469 instructions=30646176 cycles=96241364)"; exit 1 ;;
esac
# Without --until-pc the run stops at the self-loop (JMP * not counted) and exits 1.
out=$("$run" --load "$bin@0" --pc 400)
rc=$?
echo "$out"
case "$out" in
    *"pc=3469 instructions=30646176 cycles=96241364 "*) [ $rc -eq 1 ] && exit 0 ;;
esac
echo "self-loop stop: wrong end state or exit status $rc (want 1)"
exit 1
