#!/usr/bin/env python3
"""The eight Rugg/Feldman BASIC benchmarks (1977; BM8 with 100 passes, the others 1000) in
emulated 6502 cycles, on the emulated Superboard (8K, the real monitor's CTRL-C check every
statement), for the built-in ROMs and, when SUPERBOARD_ROM_DIR names the user's genuine dumps,
for the genuine SYNMON and BASIC 1.0 rev 3.2 and for our BASIC with the genuine SYNMON (the
same monitor on both sides, so only the BASICs differ).

Each program is typed in with tests/basic's basic-session and RUN; the figure is the
emulated cycles from the output of its "S" to the output of its "E" (the stopwatch of the
original articles, exact to the cycle; seconds = cycles / 983040 at 0.98304 MHz). The ratio
is genuine / ours: above 1, ours is faster.

Usage: run_bench.py SUPERBOARD_EMU BASIC_SESSION [--only 1,2,...] [--built-in-only] [--check]
--check: exit 1 unless every benchmark printed S and E with a plausible cycle count (the
smoke test).
"""
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "tests", "basic"))
import romsets  # noqa: E402

# The names --rom-dir accepts for the monitor (README, superboard-emu): for "our BASIC with
# the genuine SYNMON".
MONITOR_NAMES = ["syn600.rom", "monde01.u13", "synmon.rom", "monitor.rom", "monitor.bin"]
HZ = 983040


def measure(session, roms, n, tmp):
    prog = os.path.join(tmp, "bm%d.bas" % n)
    with open(os.path.join(HERE, "bm%d.bas" % n)) as f:
        text = f.read()
    with open(prog, "w") as f:
        f.write("\n\n" + text + "RUN\n")
    run = subprocess.run([session, "--ram", romsets.RAM_KB, "--seconds", "600", "--time", "SE"]
                         + roms + [prog], capture_output=True, text=True)
    for line in run.stderr.splitlines():
        if line.startswith("cycles "):
            return int(line.split()[1]), None
    return None, "BM%d: basic-session exited %d: %s" % (n, run.returncode, run.stderr.strip())


def main():
    args = sys.argv[1:]
    if len(args) < 2:
        print(__doc__)
        return 2
    emu, session = args[0], args[1]
    only = list(range(1, 9))
    if "--only" in args:
        only = [int(x) for x in args[args.index("--only") + 1].split(",")]
    check = "--check" in args
    sets = [("ours", [])]
    d = os.environ.get("SUPERBOARD_ROM_DIR")
    if d and "--built-in-only" not in args:
        r = romsets.check_genuine(emu)
        if r is not None:
            return r
        mon = next((os.path.join(d, m) for m in MONITOR_NAMES
                    if os.path.exists(os.path.join(d, m))), None)
        sets.append(("genuine", ["--rom-dir", d]))
        if mon:
            sets.append(("ours+SYNMON", ["--monitor-rom", mon]))
    elif not d:
        print("(set SUPERBOARD_ROM_DIR to a folder with the genuine dumps to compare with them)")
    results = {}
    errors = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in only:
            for label, roms in sets:
                c, err = measure(session, roms, n, tmp)
                results[n, label] = c
                if err:
                    errors.append(err)
    head = "bench" + "".join("  %20s %8s" % (label + " cycles", "seconds") for label, _ in sets)
    if len(sets) > 1:
        head += "  genuine/ours"
        if len(sets) > 2:
            head += "  genuine/(ours+SYNMON)"
    print(head)
    for n in only:
        row = "BM%-3d" % n
        for label, _ in sets:
            c = results[n, label]
            row += "  %20s %8s" % (c, "%.3f" % (c / HZ)) if c else "  %20s %8s" % ("-", "-")
        g, o = results.get((n, "genuine")), results.get((n, "ours"))
        if len(sets) > 1:
            row += "  %12s" % ("%.3f" % (g / o) if g and o else "-")
            m = results.get((n, "ours+SYNMON"))
            if len(sets) > 2:
                row += "  %22s" % ("%.3f" % (g / m) if g and m else "-")
        print(row)
    for e in errors:
        print(e)
    if check:
        bad = [n for n in only if not results[n, "ours"] or results[n, "ours"] < 10000]
        if errors or bad:
            print("FAIL: no plausible S..E interval for BM%s" % ",".join(map(str, bad)))
            return 1
        print("ok: %d benchmarks timed" % len(only))
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
