#!/usr/bin/python3
"""Benchmark of the soft-modem on a real audio graph (a private JACK dummy server at 48 kHz).

Measures, in one run:
- CPU use of one kcs-modem process (user + system time from /proc over wall time), idle (carrier
  only) and under full-duplex traffic, as a percentage of one core (goal: under 3%);
- the same audio decoded by minimodem, the anchor peer, from a file: its CPU seconds per second
  of audio, against ours (the ratio is reported);
- end-to-end character latency: a byte typed into A's telnet session until it comes out of B's,
  through A's encoder, the JACK graph, B's decoder; against the wire time of one byte
  (11 bits at the baud rate), measured one character at a time.

usage: bench_modem.py KCS_MODEM [SECONDS]     (prints a table; not a ctest test)
"""
import os
import re
import select
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..",
                                "tests", "modem"))
from jack_env import JackServer  # noqa: E402
from test_modem_jack import Modem, client  # noqa: E402

TICK = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICK


def measure_cpu(pid, seconds):
    c0, t0 = cpu_seconds(pid), time.monotonic()
    time.sleep(seconds)
    return (cpu_seconds(pid) - c0) / (time.monotonic() - t0)


def main():
    exe = sys.argv[1]
    seconds = float(sys.argv[2]) if len(sys.argv) > 2 else 10
    with JackServer() as jack:
        a = Modem(exe, jack, "benchA", "--cr-nulls", "0")
        b = Modem(exe, jack, "benchB", "--cr-nulls", "0")
        try:
            jack.wait_ports("benchA:out_0", "benchB:in_0", "benchB:out_0", "benchA:in_0")
            jack.connect("benchA:out_0", "benchB:in_0")
            jack.connect("benchB:out_0", "benchA:in_0")
            time.sleep(1)
            idle = measure_cpu(a.proc.pid, seconds)

            ca, cb = client(a.port), client(b.port)
            # Full duplex traffic: both sides keep their link busy for the whole measurement.
            blob = b"X" * 4096
            ca.setblocking(False)
            cb.setblocking(False)
            c0, t0 = cpu_seconds(a.proc.pid), time.monotonic()
            received = 0
            while time.monotonic() - t0 < seconds:
                for s in (ca, cb):
                    try:
                        s.send(blob)
                    except BlockingIOError:
                        pass
                r, _, _ = select.select([ca, cb], [], [], 0.1)
                for s in r:
                    received += len(s.recv(65536))
            busy = (cpu_seconds(a.proc.pid) - c0) / (time.monotonic() - t0)
            ca.close()
            cb.close()
            time.sleep(3)  # let the queued paste drain before measuring latency

            # Latency: one character at a time, A -> B.
            ca, cb = client(a.port), client(b.port)
            time.sleep(1)
            lat = []
            for i in range(20):
                ch = bytes([ord("A") + i])
                t = time.monotonic()
                ca.sendall(ch)
                got = b""
                while ch not in got and time.monotonic() - t < 5:
                    r, _, _ = select.select([cb], [], [], 0.5)
                    if r:
                        got += cb.recv(4096)
                if ch in got:
                    lat.append(time.monotonic() - t)
                time.sleep(0.1)
            ca.close()
            cb.close()
        finally:
            a.stop()
            b.stop()
        status = a.final_status().strip()

    # The peer: minimodem decoding the same amount of 48 kHz KCS audio from a file.
    peer = None
    minimodem = shutil.which("minimodem")
    if minimodem:
        with tempfile.TemporaryDirectory() as d:
            wav = os.path.join(d, "kcs.wav")
            data = os.urandom(int(300 / 11 * seconds))
            subprocess.run([minimodem, "--tx", "-q", "-R", "48000", "-M", "2400", "-S", "1200",
                            "--startbits", "1", "--stopbits", "2", "-f", wav, "300"],
                           input=data, check=True)
            audio_seconds = os.path.getsize(wav) / 2 / 48000
            r0 = os.times()
            subprocess.run([minimodem, "--rx", "-q", "-M", "2400", "-S", "1200", "--startbits",
                            "1", "--stopbits", "2", "-8", "-f", wav, "300"],
                           capture_output=True, check=True)
            r1 = os.times()
            peer = (r1.children_user - r0.children_user + r1.children_system -
                    r0.children_system) / audio_seconds

    print(f"kcs-modem CPU, 48 kHz duplex via JACK, idle carrier : {100 * idle:6.2f} % of a core")
    print(f"kcs-modem CPU, full-duplex traffic at 300 baud      : {100 * busy:6.2f} % of a core "
          f"(goal < 3 %; {received} bytes crossed)")
    if peer:
        print(f"minimodem decoding the same rate from a file        : {100 * peer:6.2f} % of a core "
              f"per real-time stream (kcs-modem / minimodem = {busy / peer:.2f})")
    wire = 11 / 300
    if lat:
        print(f"character latency A -> audio -> B ({len(lat)} chars)     : median "
              f"{1000 * statistics.median(lat):.0f} ms, max {1000 * max(lat):.0f} ms "
              f"({statistics.median(lat) / wire:.1f} x the {1000 * wire:.1f} ms wire time)")
    else:
        print("character latency: no character came through")
    print(f"final counters of A: {status}")


if __name__ == "__main__":
    main()
