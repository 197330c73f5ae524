#!/usr/bin/env python3
"""The tape pictures in a real browser: Debian's chromium, headless, loads kcs-decode's report
and plot of an impaired tape. The DOM it parses must be an SVG document without parser errors,
and the screenshot must show the red framing-error marks at the dropout's time and nowhere else
in the report's panels (the legend's red swatch aside), and the waveform's blue.

usage: test_plots_browser.py KCS_ENCODE KCS_DECODE KCS_IMPAIR     (skips without chromium)
"""
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import zlib

enc, dec, impair = sys.argv[1:4]
browser = shutil.which("chromium") or shutil.which("chromium-browser")
if not browser:
    print("SKIP: chromium is not installed (Debian package chromium)")
    sys.exit(77)


def chromium(tmp, *args):
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             f"--user-data-dir={tmp}/profile"]
    return subprocess.run([browser, *flags, *args], capture_output=True, timeout=120)


def read_png(path):
    """Width, height and rows of (r, g, b) of an 8-bit RGB/RGBA non-interlaced PNG."""
    raw = open(path, "rb").read()
    assert raw[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat, w = 8, b"", 0
    while pos < len(raw):
        n, kind = struct.unpack(">I4s", raw[pos:pos + 8])
        body = raw[pos + 8:pos + 8 + n]
        if kind == b"IHDR":
            w, h, depth, color, _, _, interlace = struct.unpack(">IIBBBBB", body)
            assert depth == 8 and color in (2, 6) and interlace == 0, "unexpected PNG format"
            bpp = 3 if color == 2 else 4
        elif kind == b"IDAT":
            idat += body
        pos += 12 + n
    data, stride, rows, prev = zlib.decompress(idat), w * bpp, [], bytearray(w * bpp)
    for y in range(h):
        f, line = data[y * (stride + 1)], bytearray(data[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b, c = prev[i], prev[i - bpp] if i >= bpp else 0
            if f == 1: line[i] = (line[i] + a) & 255
            elif f == 2: line[i] = (line[i] + b) & 255
            elif f == 3: line[i] = (line[i] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append([tuple(line[x * bpp:x * bpp + 3]) for x in range(w)])
        prev = line
    return w, h, rows


def near(px, rgb, tol=40):
    return all(abs(p - q) <= tol for p, q in zip(px, rgb))


failures = 0


def check(cond, what):
    global failures
    print(("ok: " if cond else "FAIL: ") + what)
    failures += 0 if cond else 1


with tempfile.TemporaryDirectory() as tmp:
    data = os.path.join(tmp, "data.bin")
    open(data, "wb").write(bytes((i * 37 + 1) % 256 for i in range(300)))
    clean, bad = os.path.join(tmp, "clean.wav"), os.path.join(tmp, "bad.wav")
    subprocess.run([enc, "--binary", "--leader", "2", "--trailer", "1", data, clean], check=True)
    subprocess.run([impair, "--speed", "0.97", "--dropout", "5:0.15", clean, bad], check=True)
    rep, plot = os.path.join(tmp, "report.svg"), os.path.join(tmp, "plot.svg")
    r = subprocess.run([dec, "--quiet", "--report", rep, "--plot", plot, bad], capture_output=True)
    check(r.returncode == 3, "the impaired tape has framing errors (exit 3)")
    for name, path in (("report", rep), ("plot", plot)):
        dom = chromium(tmp, "--dump-dom", "file://" + path).stdout.decode(errors="replace")
        check(dom.lstrip().startswith("<svg") and "parsererror" not in dom, f"chromium parses the {name} as SVG")
    shot = os.path.join(tmp, "report.png")
    chromium(tmp, "--window-size=1200,620", f"--screenshot={shot}", "file://" + rep)
    w, h, rows = read_png(shot)
    check((w, h) == (1200, 620), f"screenshot of the report is 1200x620 ({w}x{h})")
    red = sorted({x for y in range(70, 560) for x in range(80, 1170) if near(rows[y][x], (214, 39, 40))})
    seconds = float(subprocess.run(["soxi", "-D", bad], capture_output=True, text=True).stdout or 0) or None
    if seconds:
        times = [(x - 80) / 1090 * seconds for x in red]
        check(bool(times) and all(4.9 < t < 5.4 for t in times),
              f"red error marks only at the dropout (5.0-5.15 s): {min(times or [0]):.2f}..{max(times or [0]):.2f} s")
    else:
        check(bool(red), "red error marks drawn")
    blue = sum(1 for y in range(70, 290) for x in range(80, 1170) if near(rows[y][x], (31, 119, 180), 70))
    check(blue > 100, "the level curve is drawn in blue")
    shot = os.path.join(tmp, "plot.png")
    chromium(tmp, "--window-size=1200,560", f"--screenshot={shot}", "file://" + plot)
    w, h, rows = read_png(shot)
    wave = sum(1 for y in range(50, 310) for x in range(80, 1170, 2) if near(rows[y][x], (31, 119, 180), 60))
    check(wave > 1000, f"the plot shows the waveform ({wave} blue pixels sampled)")
    red = sum(1 for y in range(50, 500) for x in range(80, 1170) if near(rows[y][x], (214, 39, 40)))
    check(red > 20, "the plot marks the failed byte in red")

print(f"{failures} failures" if failures else "all browser plot tests passed")
sys.exit(1 if failures else 0)
