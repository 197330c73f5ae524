#!/usr/bin/env python3
"""kcs-decode --report and --plot on a clean, an impaired (noise, 4% fast, a dropout) and a
real-recording-like tape (stereo, -15 dBFS, 0.7% slow with wow, band-limited, hiss, a
dropout): the SVG files are valid, labelled, and show the speed error and the dropout where
they are, with the failed bytes marked at the right times.

usage: test_plots.py KCS_ENCODE KCS_DECODE KCS_IMPAIR
"""
import os
import re
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

SVG = "{http://www.w3.org/2000/svg}"
enc, dec, impair = sys.argv[1:4]
failures = 0


def check(cond, what):
    global failures
    print(("ok: " if cond else "FAIL: ") + what)
    failures += 0 if cond else 1


def texts(root):
    return [t.text or "" for t in root.iter(SVG + "text")]


def decode(wav, tmp, *extra):
    rep, plot = os.path.join(tmp, "report.svg"), os.path.join(tmp, "plot.svg")
    r = subprocess.run([dec, "--stats", "--report", rep, "--plot", plot, *extra, wav],
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    return r, ET.parse(rep).getroot(), ET.parse(plot).getroot()


with tempfile.TemporaryDirectory() as tmp:
    data = os.path.join(tmp, "data.bin")
    with open(data, "wb") as f:
        f.write(bytes((i * 73 + 5) % 256 for i in range(400)))
    clean = os.path.join(tmp, "clean.wav")
    subprocess.run([enc, "--binary", "--leader", "2", "--trailer", "1", data, clean], check=True)

    r, rep, plot = decode(clean, tmp)
    check(r.returncode == 0, "clean tape decodes")
    check(rep.tag == SVG + "svg" and plot.tag == SVG + "svg", "both files are SVG documents")
    t = texts(rep)
    check("level (dBFS)" in t and "speed (baud)" in t and "time (s)" in t, "report axes are labelled with units")
    check(any("framing error" in x for x in t) and any("data" == x for x in t), "report has a legend")
    check(any("400 bytes, 0 framing errors" in x for x in t), "report summary: 400 bytes, no errors")
    check(len(rep.findall(".//" + SVG + "line[@class='err']")) == 0, "no error marks on a clean tape")
    check("half cycles" in texts(plot) and "amplitude (full scale)" in texts(plot), "plot lanes are labelled")

    # 4% fast, noise, and a 0.15 s dropout at 6 s: errors there and nowhere else
    bad = os.path.join(tmp, "bad.wav")
    subprocess.run([impair, "--speed", "1.04", "--noise-snr", "12", "--dropout", "6:0.15", clean, bad], check=True)
    r, rep, plot = decode(bad, tmp)
    t = texts(rep)
    m = re.search(r"mean speed ([\d.]+) baud \(([+-][\d.]+)% of 300\)", " ".join(t))
    check(m is not None and 3.0 < float(m.group(2)) < 5.0, f"report shows the speed error (+4%): {m and m.group(0)}")
    errs = [float(re.search(r"at ([\d.]+) s", e.find(SVG + "title").text).group(1))
            for e in rep.findall(".//" + SVG + "line[@class='err']")]
    stats_errs = [float(x) for x in re.findall(r"([\d.]+) s", r.stderr.split("framing errors")[1].split(";")[0])]
    check(len(errs) >= 1 and all(5.9 < e < 6.2 for e in errs), f"error marks at the dropout (6.0-6.15 s): {errs}")
    check(sorted(errs) == sorted(stats_errs), "report marks every error --stats reports")
    title = plot.find(SVG + "title").text
    w = re.search(r"([\d.]+) s to ([\d.]+) s", " ".join(texts(plot)))
    check(w is not None and float(w.group(1)) < errs[0] < float(w.group(2)) if errs else False,
          f"plot window is around the first error: {w and w.group(0)}")
    check(any("(framing error)" in x for x in texts(plot)), "plot marks the failed byte")
    check(title and "bad.wav" in title, "plot has a title naming the file")

    # like a real Superboard recording: signal on one channel of a stereo file at -15 dBFS,
    # 0.7% slow with 0.4% wow at 0.8 Hz, the tape's 150-3500 Hz band, hiss, a 0.2 s dropout at 7 s
    tape = os.path.join(tmp, "tape.wav")
    subprocess.run([impair, "--speed", "0.993", "--wow", "0.004@0.8", "--band", "150:3500",
                    "--noise-snr", "20", "--gain-db", "-15", "--dropout", "7:0.2", "--stereo",
                    clean, tape], check=True)
    r, rep, plot = decode(tape, tmp)
    t = " ".join(texts(rep))
    m = re.search(r"mean speed ([\d.]+) baud \(([+-][\d.]+)% of 300\)", t)
    check(m is not None and -0.9 <= float(m.group(2)) <= -0.5,
          f"report shows the tape 0.7% slow: {m and m.group(0)}")
    check("channel 2 of 2" in r.stderr, "the signal's channel is found")
    errs = [float(re.search(r"at ([\d.]+) s", e.find(SVG + "title").text).group(1))
            for e in rep.findall(".//" + SVG + "line[@class='err']")]
    check(len(errs) >= 1 and all(6.95 < e < 7.25 for e in errs), f"error marks only at the dropout (7.0-7.2 s): {errs}")
    check(any("(framing error)" in x for x in texts(plot)), "the plot of the real-like tape marks the failed byte")

    # an explicit window
    r, rep, plot = decode(clean, tmp, "--plot-window", "2.5:2.6")
    check("2.500 s to 2.600 s" in " ".join(texts(plot)), "--plot-window sets the window")
    r = subprocess.run([dec, "--plot", os.path.join(tmp, "x.svg"), "--plot-window", "3:1", clean],
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    check(r.returncode == 2 and "--plot-window" in r.stderr, "a bad window is a clear error")
    r = subprocess.run([dec, "--report", "/nonexistent/dir/r.svg", clean],
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    check(r.returncode == 1 and "/nonexistent/dir/r.svg" in r.stderr, "an unwritable report names the file")

print(f"{failures} failures" if failures else "all plot tests passed")
sys.exit(1 if failures else 0)
