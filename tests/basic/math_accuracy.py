#!/usr/bin/env python3
"""The math functions of the built-in BASIC ROM (LOG EXP SIN COS TAN ATN SQR and ^ with a
non-integer exponent) against Python's math, in superboard-emu --headless: BASIC prints each
result with POKE 517,1 set, so the monitor copies the output to the serial port, which
--tape-out records as raw bytes.

Usage: math_accuracy.py SUPERBOARD_EMU [--basic-rom FILE]

The arguments are short binary fractions, so BASIC holds them exactly. A result passes when
it prints as the exact value rounded to 6 significant digits. The one tolerance: the last
digit may be one off where the exact value lies within 4 units in the last place of a 24-bit
mantissa (2^-22 of it) of a rounding boundary of the 6th digit. There the printed digit
depends on the last bit of the 32-bit result and on the rounding of the printing itself, so
a genuine 32-bit float BASIC differs from correct rounding in such places too (TAN(.5) =
.54630249: its nearest 24-bit float is .54630250, which prints .546303). Everything else
must match exactly. SIN COS TAN are checked for |x| <= 10: beyond that every 32-bit BASIC
loses digits to the argument's own rounding.
"""
import math
import os
import subprocess
import sys
import tempfile

XS = [0.125, 0.25, 0.375, 0.5, 0.75, 1, 1.25, 1.5, 2, 2.5, 3, 3.5, 4, 5, 6, 7, 8, 9, 10,
      12, 16, 20, 25, 50, 100, 1000, 12345, 0.0625, 0.03125, 0.001953125]
FNS = {"SIN": math.sin, "COS": math.cos, "TAN": math.tan, "ATN": math.atan,
       "EXP": math.exp, "LOG": math.log, "SQR": math.sqrt}
POWERS = [(2, 0.5), (10, -0.5), (3, 1.5), (2, 10.5), (1.5, 2.5), (100, 0.25), (0.5, 0.5),
          (2, -2.5), (10, 2.5), (7, 0.125), (9, 0.375), (1.25, -3.5), (5, 3.25), (0.75, 7.5)]


def basic_number(x):
    return ("%d" % x) if x == int(x) else repr(x)


def cases():
    out = []
    for name, fn in FNS.items():
        for x in XS:
            for sx in (x, -x):
                if name in ("LOG", "SQR") and sx <= 0:
                    continue
                if name in ("SIN", "COS", "TAN") and abs(sx) > 10:
                    continue
                if name == "EXP" and abs(sx) > 20:
                    continue
                arg = basic_number(sx)
                out.append(("%s(%s)" % (name, arg), fn(sx)))
    for a, b in POWERS:
        out.append(("%s^(%s)" % (basic_number(a), basic_number(b)), a ** b))
    return out


def six(v):
    return float("%.6G" % v)


def main():
    if len(sys.argv) < 2:
        print(__doc__)
        return 2
    emu = sys.argv[1]
    extra = sys.argv[2:]
    todo = cases()
    typed = "POKE 517,1\r" + "".join("PRINT %s\r" % e for e, _ in todo) + "PRINT \"DO\"+\"NE\"\r"
    with tempfile.TemporaryDirectory() as tmp:
        tape = os.path.join(tmp, "out.bin")
        cmd = [emu, "--headless", "--seconds", "1200"] + extra + ["--tape-out", tape,
               "--until", "D/C/W/M", "--type", "C", "--until", "MEMORY SIZE", "--type", "\\r",
               "--until", "WIDTH", "--type", "\\r", "--until", "OK",
               "--type", typed.replace("\r", "\\r"), "--until", "DONE", "--wait", "0.2"]
        run = subprocess.run(cmd, capture_output=True, text=True)
        if run.returncode != 0:
            print("superboard-emu failed (%d): %s" % (run.returncode, run.stderr))
            return 1
        data = open(tape, "rb").read()
    text = data.replace(b"\0", b"").decode("ascii", "replace")
    lines = [l for l in text.replace("\r", "\n").split("\n") if l]
    results = []
    for i, line in enumerate(lines):
        if line.startswith("PRINT ") and "DO" not in line:
            results.append(lines[i + 1] if i + 1 < len(lines) else "")
    if len(results) != len(todo):
        print("expected %d results, found %d" % (len(todo), len(results)))
        return 1
    exact = boundary = 0
    failures = []
    for (expr, value), shown in zip(todo, results):
        try:
            got = float(shown)
        except ValueError:
            failures.append("%s printed %r" % (expr, shown))
            continue
        if got == six(value):
            exact += 1
            continue
        slack = abs(value) * 2.0 ** -22
        if got in (six(value - slack), six(value + slack)):
            boundary += 1
            print("last digit at a rounding boundary: %s = %.10g printed %s" % (expr, value, shown.strip()))
            continue
        failures.append("%s = %.10g printed %s (want %s)" % (expr, value, shown.strip(), "%.6G" % value))
    for f in failures:
        print("FAIL: " + f)
    print("%d results: %d exact, %d one off in the last digit at a rounding boundary, %d wrong"
          % (len(todo), exact, boundary, len(failures)))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
