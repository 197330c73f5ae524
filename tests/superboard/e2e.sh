#!/bin/sh
# End-to-end tests of superboard-emu --headless with the built-in monitor ROM.
# Usage: e2e.sh CASE EMU [KCS_ENCODE KCS_DECODE]
# Each case runs the real program (and the real KCS tools for the audio cases) and checks
# its screen dump, exit status, messages and recorded tapes.
set -u
case_name=$1
emu=$2
kcs_encode=${3:-}
kcs_decode=${4:-}
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT

fail() {
    echo "FAIL ($case_name): $*"
    for f in "$tmp"/out "$tmp"/err; do
        [ -f "$f" ] && { echo "--- $f:"; cat "$f"; }
    done
    exit 1
}

# An OS65V tape (what the monitor's L reads): the program's bytes at $0300, a jump to it,
# then optional data the program reads itself.
os65v() { # HEXBYTES... (then DATA in $data)
    printf '\r.0300/'
    for b in "$@"; do printf '%s\r' "$b"; done
    printf '.0300G'
}

case $case_name in
boot)
    "$emu" --headless --until "D/C/W/M ?" --screen > "$tmp/out" 2> "$tmp/err" || fail "status $?"
    grep -q "D/C/W/M ?" "$tmp/out" || fail "no menu on the screen"
    [ "$(wc -l < "$tmp/out")" -eq 26 ] || fail "the visible window is 26 rows"
    "$emu" --headless --until "D/C/W/M ?" --screen --full > "$tmp/out" 2> "$tmp/err" || fail "status $?"
    [ "$(wc -l < "$tmp/out")" -eq 32 ] || fail "--full shows 32 rows"
    ;;
until_unmet)
    "$emu" --headless --seconds 2 --until "NOT ON THE SCREEN" > "$tmp/out" 2> "$tmp/err"
    status=$?
    [ $status -eq 3 ] || fail "status $status, want 3"
    grep -q -- '--until "NOT ON THE SCREEN"' "$tmp/err" || fail "the message does not name the --until"
    ;;
bad_options)
    printf 'abc' > "$tmp/short.rom"
    "$emu" --headless --basic-rom "$tmp/short.rom" > "$tmp/out" 2> "$tmp/err"
    [ $? -eq 1 ] || fail "a 3-byte BASIC ROM must fail with status 1"
    grep -q "short.rom.*8192" "$tmp/err" || fail "message must name the file and the size"
    "$emu" --headless --monitor-rom "$tmp/short.rom" > "$tmp/out" 2> "$tmp/err"
    grep -q "short.rom.*2048" "$tmp/err" || fail "monitor size message"
    "$emu" --headless --ram 16 > "$tmp/out" 2> "$tmp/err"
    [ $? -eq 2 ] || fail "--ram 16 must be a usage error"
    "$emu" --headless --tape-in "$tmp/missing.wav" > "$tmp/out" 2> "$tmp/err"
    [ $? -eq 1 ] && grep -q "missing.wav" "$tmp/err" || fail "missing tape"
    "$emu" --headless --tape-wait > "$tmp/out" 2> "$tmp/err"
    [ $? -eq 2 ] && grep -q "no tape" "$tmp/err" || fail "--tape-wait without a tape"
    "$emu" --headless --load-state "$tmp/short.rom" > "$tmp/out" 2> "$tmp/err"
    [ $? -eq 1 ] && grep -q "short.rom" "$tmp/err" || fail "a bad state file"
    "$emu" --headless --latency 0.1 > "$tmp/out" 2> "$tmp/err"
    [ $? -eq 2 ] && grep -q "need --cassette-audio" "$tmp/err" || fail "--latency without --cassette-audio"
    "$emu" --headless --cassette-audio --latency 9 > "$tmp/out" 2> "$tmp/err"
    [ $? -eq 2 ] && grep -q "latency 9" "$tmp/err" || fail "--latency out of range"
    "$emu" --headless --telnet 127.0.0.1:0 --cassette-audio > "$tmp/out" 2> "$tmp/err"
    [ $? -eq 2 ] && grep -q "choose one" "$tmp/err" || fail "--telnet with --cassette-audio"
    ;;
type_60)
    # A program that echoes keys: JSR $FD00 (keyboard), JSR $FFEE (output), JMP $0300.
    os65v 20 00 FD 20 EE FF 4C 00 03 > "$tmp/echo.tape"
    line="10 PRINT\"A SIXTY-CHARACTER LINE TYPED IN ONE GO\";A*2+B;C(1)/"
    [ ${#line} -eq 60 ] || fail "the test line is ${#line} characters"
    "$emu" --headless --tape-in "$tmp/echo.tape" --until "D/C/W/M ?" --type M --until "0000" \
        --type L --tape-wait --type "$line" --until "C(1)/" --screen > "$tmp/out" 2> "$tmp/err" \
        || fail "status $?"
    tr -d '\n' < "$tmp/out" | grep -qF -- "$line" || fail "the 60 characters did not arrive whole"
    ;;
menu_to_basic)
    # The menu takes C and jumps to BASIC, whose MEMORY SIZE? reads the keyboard afresh: the
    # C must not be seen a second time there (a key held longer than needed would be).
    "$emu" --headless --until "D/C/W/M" --type C --until "MEMORY SIZE" --type '\r' \
        --until "WIDTH" --type '\r' --until "OK" --type 'PRINT FRE(0)\r' --wait 1 --screen --full \
        > "$tmp/out" 2> "$tmp/err" || fail "status $?"
    [ "$(grep -c "MEMORY SIZE?" "$tmp/out")" -eq 1 ] || fail "MEMORY SIZE? asked more than once"
    ;;
state)
    "$emu" --headless --until "D/C/W/M ?" --type M --until "0000" --type ".0300" --until "0300" \
        --save-state "$tmp/s.state" > "$tmp/out" 2> "$tmp/err" || fail "save: status $?"
    # Loaded, the machine is in the 65V monitor at 0300: data mode works at once.
    "$emu" --headless --load-state "$tmp/s.state" --type "/A9" --until "0300 A9" --screen \
        > "$tmp/out" 2> "$tmp/err" || fail "load: status $?"
    ;;
tape_raw)
    # The echo program on the ACIA (no master reset: the monitor set it up): what the tape
    # holds after the program comes back out on the recorder.
    os65v AD 00 F0 4A 90 FA AE 01 F0 AD 00 F0 29 02 F0 F9 8E 01 F0 4C 00 03 > "$tmp/in.tape"
    printf 'PAYLOAD FROM THE TAPE 0123456789' >> "$tmp/in.tape"
    "$emu" --headless --tape-in "$tmp/in.tape" --tape-out "$tmp/out.raw" --until "D/C/W/M ?" \
        --type M --until "0000" --type L --tape-wait --wait 1 > "$tmp/out" 2> "$tmp/err" \
        || fail "status $?"
    [ "$(cat "$tmp/out.raw")" = "PAYLOAD FROM THE TAPE 0123456789" ] || fail "recorded: $(od -c "$tmp/out.raw")"
    ;;
tape_wav)
    [ -n "$kcs_encode" ] || { echo "skipped: kcs-encode/kcs-decode not built"; exit 77; }
    os65v AD 00 F0 4A 90 FA AE 01 F0 AD 00 F0 29 02 F0 F9 8E 01 F0 4C 00 03 > "$tmp/in.raw"
    printf '10 PRINT "FROM A WAV"\r' >> "$tmp/in.raw"
    "$kcs_encode" "$tmp/in.raw" "$tmp/in.wav" > "$tmp/out" 2> "$tmp/err" || fail "kcs-encode: $?"
    "$emu" --headless --tape-in "$tmp/in.wav" --tape-out "$tmp/out.wav" --until "D/C/W/M ?" \
        --type M --until "0000" --type L --tape-wait --wait 1 > "$tmp/out" 2> "$tmp/err" \
        || fail "status $?"
    "$kcs_decode" "$tmp/out.wav" "$tmp/back.raw" > "$tmp/out" 2> "$tmp/err" || fail "kcs-decode: $?"
    printf '10 PRINT "FROM A WAV"\r' > "$tmp/want.raw"
    cmp -s "$tmp/want.raw" "$tmp/back.raw" || fail "decoded: $(od -c "$tmp/back.raw")"
    ;;
basic_wav)
    # BASIC LOADs a program from a WAV made by kcs-encode, runs it, SAVEs it with LIST to a
    # WAV that kcs-decode --text turns back into the listing.
    [ -n "$kcs_encode" ] || { echo "skipped: kcs-encode/kcs-decode not built"; exit 77; }
    printf '10 PRINT "FROM A WAV"\n20 FOR I=1 TO 3:PRINT I*7;:NEXT\n' > "$tmp/prog.bas"
    "$kcs_encode" --text "$tmp/prog.bas" "$tmp/prog.wav" > "$tmp/out" 2> "$tmp/err" || fail "kcs-encode: $?"
    "$emu" --headless --tape-in "$tmp/prog.wav" --tape-out "$tmp/saved.wav" \
        --until "D/C/W/M ?" --type 'C\r\r' --until OK --type 'LOAD\r' --tape-wait --type ' ' \
        --wait 0.5 --type 'RUN\r' --until ' 7  14  21' --type 'SAVE\rLIST\r' --wait 8 --screen \
        > "$tmp/out" 2> "$tmp/err" || fail "status $?"
    grep -q "FROM A WAV" "$tmp/out" || fail "the loaded program did not run"
    "$kcs_decode" --text "$tmp/saved.wav" "$tmp/listing.txt" > /dev/null 2> "$tmp/err" || fail "kcs-decode: $?"
    grep -q '^10 PRINT "FROM A WAV"$' "$tmp/listing.txt" && grep -q '^20 FOR I=1 TO 3:PRINT I\*7;:NEXT$' "$tmp/listing.txt" \
        || fail "listing decoded from the recording: $(cat "$tmp/listing.txt")"
    ;;
sigterm)
    # A program sending A..Z over and over on the ACIA; SIGTERM mid-run must leave a complete
    # recording (raw: every byte sent; audio: a WAV that kcs-decode reads).
    os65v A2 41 AD 00 F0 29 02 F0 F9 8E 01 F0 E8 E0 5B D0 F1 4C 00 03 > "$tmp/send.tape"
    ext=raw
    [ -n "$kcs_encode" ] && ext=wav
    "$emu" --headless --seconds 100000 --tape-in "$tmp/send.tape" --tape-out "$tmp/rec.$ext" \
        --until "D/C/W/M ?" --type M --until "0000" --type L --wait 100000 > "$tmp/out" 2> "$tmp/err" &
    pid=$!
    sleep 1
    kill -TERM $pid
    wait $pid
    status=$?
    [ $status -eq 143 ] || fail "status $status after SIGTERM, want 143"
    if [ $ext = wav ]; then
        "$kcs_decode" "$tmp/rec.wav" "$tmp/rec.raw" > "$tmp/out" 2> "$tmp/err" || fail "kcs-decode: $?"
    fi
    size=$(wc -c < "$tmp/rec.raw")
    [ "$size" -ge 52 ] || fail "only $size bytes recorded"
    yes ABCDEFGHIJKLMNOPQRSTUVWXYZ | tr -d '\n' | head -c "$size" > "$tmp/want.raw"
    cmp -s "$tmp/want.raw" "$tmp/rec.raw" || fail "recording differs: $(head -c 80 "$tmp/rec.raw")"
    ;;
genuine)
    # The user's genuine SYNMON and BASIC dumps (never in the repository), when
    # SUPERBOARD_ROM_DIR names a folder holding them by the usual names.
    dir=${SUPERBOARD_ROM_DIR:-}
    [ -n "$dir" ] || { echo "skipped: set SUPERBOARD_ROM_DIR to a folder with genuine ROM dumps"; exit 77; }
    "$emu" --headless --rom-dir "$dir" --status --until "D/C/W/M ?" --type 'C\r\r' \
        --until "BYTES FREE" --type '10 FOR I=1 TO 3:PRINT I*7;:NEXT\rRUN\r' --until "7  14  21" \
        --screen > "$tmp/out" 2> "$tmp/err" || fail "status $?"
    grep -q "genuine SYNMON" "$tmp/out" || fail "the monitor is not named genuine"
    grep -q "genuine OSI BASIC" "$tmp/out" || fail "BASIC is not named genuine"
    grep -q " 7423 BYTES FREE" "$tmp/out" || fail "not 7423 bytes free with 8K"
    ;;
*)
    echo "e2e.sh: unknown case $case_name"
    exit 2
    ;;
esac
echo "ok: $case_name"
