#!/usr/bin/python3
"""cpu6502-run as a real process: bad input gives a clear one-line error and a non-zero exit;
good runs report the documented last line; the SingleStepTests runner detects a wrong
expectation (so it can fail). Usage: test_run_cli.py CPU6502_RUN"""
import json
import os
import re
import subprocess
import sys
import tempfile

RUN = sys.argv[1]
failures = 0


def run(*args):
    p = subprocess.run([RUN, *args], capture_output=True, text=True, timeout=60)
    return p.returncode, p.stdout, p.stderr


def check(cond, what, detail=""):
    global failures
    if not cond:
        failures += 1
        print("FAIL:", what, detail)
    else:
        print("ok:", what)


def expect_error(args, needle, what):
    rc, out, err = run(*args)
    lines = [l for l in err.splitlines() if l.strip()]
    check(rc != 0 and lines and needle in lines[0] and "cpu6502-run" in lines[0],
          what, "rc=%d stderr=%r" % (rc, err))


LINE = re.compile(r"^pc=([0-9A-F]{4}) instructions=(\d+) cycles=(\d+) seconds=[\d.]+ mhz=[\d.]+$")

with tempfile.TemporaryDirectory() as tmp:
    def path(name, data):
        p = os.path.join(tmp, name)
        with open(p, "wb" if isinstance(data, bytes) else "w") as f:
            f.write(data)
        return p

    missing = os.path.join(tmp, "no-such-file.bin")
    expect_error(["--load", missing + "@0", "--pc", "0"], missing, "missing load file")
    big = path("big.bin", bytes(300))
    expect_error(["--load", big + "@FF00", "--pc", "FF00"], "past $FFFF", "load past $FFFF")
    expect_error(["--load", big + "@12G4", "--pc", "0"], "bad hex address", "bad load address")
    expect_error(["--load", big + "@0", "--pc", "10000"], "bad hex address", "PC out of range")
    expect_error(["--load", big + "@0"], "required", "missing --pc")
    expect_error(["--frobnicate"], "unknown", "unknown option")

    bad_json = path("bad.json", '[{"name": "x", "initial": {"pc": 1,,}}]')
    expect_error(["--single-step-tests", bad_json], "malformed JSON at line 1", "malformed JSON")
    expect_error(["--single-step-tests", path("empty.json", "")], "malformed JSON", "empty JSON file")
    expect_error(["--single-step-tests", path("obj.json", '{"a": 1}')], "top level must be an array",
                 "JSON that is not a test array")
    expect_error(["--single-step-tests", path("nocyc.json", json.dumps([{"name": "t", "initial":
                  {"pc": 0, "s": 0, "a": 0, "x": 0, "y": 0, "p": 0, "ram": []}, "final":
                  {"pc": 0, "s": 0, "a": 0, "x": 0, "y": 0, "p": 0, "ram": []}}]))],
                 "cycles", "test without cycles")
    expect_error(["--single-step-tests", path("range.json", json.dumps([{"name": "t", "initial":
                  {"pc": 70000, "s": 0, "a": 0, "x": 0, "y": 0, "p": 0, "ram": []}}]))],
                 "out of range", "register out of range")
    expect_error(["--single-step-tests", missing], missing, "missing test file")
    expect_error(["--single-step-tests", path("deep.json", "[" * 100000)], "nesting deeper",
                 "deeply nested JSON is refused, not a stack overflow")
    expect_error(["--single-step-tests", path("str.json", '[{"name": "abc')], "unterminated string",
                 "unterminated string")
    expect_error(["--single-step-tests", path("trail.json", "[] x")], "trailing characters",
                 "trailing garbage")

    # LDA #$42 at $1000, hand-written from the data sheet: 2 cycles, N=0 Z=0.
    lda = {"name": "a9 42", "initial": {"pc": 4096, "s": 253, "a": 0, "x": 0, "y": 0, "p": 0x26,
                                        "ram": [[4096, 0xA9], [4097, 0x42]]},
           "final": {"pc": 4098, "s": 253, "a": 0x42, "x": 0, "y": 0, "p": 0x24,
                     "ram": [[4096, 0xA9], [4097, 0x42]]},
           "cycles": [[4096, 0xA9, "read"], [4097, 0x42, "read"]]}
    good = path("good.json", json.dumps([lda]))
    rc, out, _ = run("--single-step-tests", "--bus", good)
    check(rc == 0 and out.splitlines()[-1] == "1 passed, 0 failed", "hand-written LDA # test passes", out)
    wrong = json.loads(json.dumps(lda))
    wrong["cycles"][1][0] = 4098
    rc, out, _ = run("--single-step-tests", "--bus", path("wrong.json", json.dumps([wrong])))
    check(rc == 1 and "FAIL a9 42" in out and "bus cycle 1" in out and out.splitlines()[-1] == "0 passed, 1 failed",
          "a wrong bus expectation is reported", out)
    rc, out, _ = run("--single-step-tests", path("wrong.json", json.dumps([wrong])))
    check(rc == 0, "without --bus only state and cycle count are compared", out)

    # A program: LDX #5 ; loop: DEX ; BNE loop ; JMP * -- at $0200.
    prog = path("prog.bin", bytes([0xA2, 0x05, 0xCA, 0xD0, 0xFD, 0x4C, 0x05, 0x02]))
    rc, out, _ = run("--load", prog + "@200", "--pc", "200", "--until-pc", "205")
    m = LINE.match(out.splitlines()[-1])
    # LDX 2 + 5 DEX (2 each) + 4 taken BNE (3) + 1 not taken (2) = 2 + 10 + 12 + 2 = 26
    check(rc == 0 and m and m.groups() == ("0205", "11", "26"), "--until-pc reached", out)
    rc, out, _ = run("--load", prog + "@$200", "--pc", "0x200")
    m = LINE.match(out.splitlines()[-1])
    check(rc == 1 and m and m.groups() == ("0205", "11", "26"), "self-loop stop without --until-pc", out)
    rc, out, _ = run("--load", prog + "@200", "--pc", "200", "--until-pc", "205", "--trace")
    check(rc == 0 and "0203  D0 FD     BNE $0202" in out and LINE.match(out.splitlines()[-1]),
          "--trace prints disassembly", out[:300])
    loop = path("loop.bin", bytes([0xE8, 0x4C, 0x00, 0x02]))  # INX ; JMP $0200: never a self-loop
    rc, out, _ = run("--load", loop + "@200", "--pc", "200", "--max-cycles", "1000", "--until-pc", "300")
    m = LINE.match(out.splitlines()[-1])
    check(rc == 1 and m and 1000 <= int(m.group(3)) < 1003, "--max-cycles stops the run", out)
    jam = path("jam.bin", bytes([0xEA, 0x02]))
    rc, out, err = run("--load", jam + "@200", "--pc", "200")
    check(rc == 1 and "JAM opcode $02 at $0201" in err, "JAM reported", err)

print("%d failure(s)" % failures)
sys.exit(1 if failures else 0)
