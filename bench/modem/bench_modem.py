#!/usr/bin/python3
"""Benchmark of the soft-modem on a real audio graph (a private JACK dummy server at 48 kHz,
1024-frame periods), with a peer measured in the same run.

Measures:
- CPU use of a live kcs-modem process, from /proc/PID/stat (utime + stime) over a measured
  wall interval: idle (sending carrier, decoding carrier) and under full-duplex traffic (it
  sends a byte stream at 300 baud and decodes one at the same time), as % of one core
  (goal: under 3%);
- the peer, live on the same JACK graph and over the same interval: minimodem receiving A's
  audio (the stream kcs-modem B decodes) plus a second minimodem transmitting a stream of the
  same rate, through ALSA's JACK plugin (Debian libasound2-plugins; the two processes together
  do the work of one full-duplex kcs-modem). Without the plugin, minimodem decodes the same
  amount of audio from a file and its CPU is given per second of audio (a weaker comparison);
- end-to-end character latency: a telnet client types one character into kcs-modem A's
  session; A encodes it, JACK carries it to B, B decodes it, B's telnet client receives it.
  One character at a time, at random moments, time from send() to recv(): median and max,
  at the default --latency 0.25 and at --latency 0.05.

usage: bench_modem.py KCS_MODEM [SECONDS]     (prints a table; not a ctest test)
"""
import os
import random
import select
import shutil
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
KCS = ["-M", "2400", "-S", "1200", "--startbits", "1", "--stopbits", "2"]
JACK_PLUGIN = "/usr/lib/x86_64-linux-gnu/alsa-lib/libasound_module_pcm_jack.so"


def cpu_seconds(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICK


class CpuMeter:
    """utime + stime of some processes over a wall interval."""

    def __init__(self, *pids):
        self.pids = pids
        self.c0 = [cpu_seconds(p) for p in pids]
        self.t0 = time.monotonic()

    def fractions(self):
        wall = time.monotonic() - self.t0
        return [(cpu_seconds(p) - c) / wall for p, c in zip(self.pids, self.c0)], wall


def alsa_home(d, name, text):
    """A HOME whose .asoundrc makes ALSA's default device a JACK client wired as given."""
    home = os.path.join(d, name)
    os.makedirs(home)
    with open(os.path.join(home, ".asoundrc"), "w") as f:
        f.write("pcm.!default { type plug slave.pcm \"kj\" }\n"
                f"pcm.kj {{ type jack {text} }}\n")
    return home


def peer_live(jack, d):
    """minimodem receiving benchA's output and another transmitting (to the dummy driver's
    playback port, where kcs-modem's output also goes), both on
    the JACK graph through ALSA; returns the two processes, or None without the plugin."""
    minimodem = shutil.which("minimodem")
    if not minimodem or not os.path.exists(JACK_PLUGIN) or os.environ.get("BENCH_NO_PEER"):
        return None
    rx = subprocess.Popen([minimodem, "--rx", "--alsa", "-q", "-R", "48000", *KCS, "-8", "300"],
                          env=dict(jack.env, HOME=alsa_home(d, "rx",
                                                            "capture_ports { 0 benchA:out_0 }")),
                          stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    tx = subprocess.Popen([minimodem, "--tx", "--alsa", "-q", "-R", "48000", *KCS, "300"],
                          env=dict(jack.env, HOME=alsa_home(d, "tx",
                                                            "playback_ports { 0 system:playback_1 }")),
                          stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
                          stderr=subprocess.DEVNULL)
    os.set_blocking(rx.stdout.fileno(), False)
    os.set_blocking(tx.stdin.fileno(), False)
    return rx, tx


def full_duplex(a, b, seconds, peer=None):
    """Both telnet clients keep their modem's send queue full for `seconds`; the peer's
    transmitter is fed as fast as it takes. Returns (CPU fractions, wall, bytes crossed, peer
    bytes decoded)."""
    ca, cb = client(a.port), client(b.port)
    ca.setblocking(False)
    cb.setblocking(False)
    blob = bytes(range(32, 127)) * 40
    pids = [a.proc.pid] + ([p.pid for p in peer] if peer else [])
    meter = CpuMeter(*pids)
    received = peer_got = 0
    while time.monotonic() - meter.t0 < seconds:
        for s in (ca, cb):
            try:
                s.send(blob)
            except BlockingIOError:
                pass
        rl = [ca, cb]
        if peer:
            try:
                peer[1].stdin.write(blob)
            except (BlockingIOError, BrokenPipeError):
                pass
            rl.append(peer[0].stdout)
        r, _, _ = select.select(rl, [], [], 0.1)
        for s in r:
            if s in (ca, cb):
                received += len(s.recv(65536))
            else:
                peer_got += len(s.read() or b"")
    fr, wall = meter.fractions()
    ca.close()
    cb.close()
    return fr, wall, received, peer_got


def latency(a, b, n):
    """n characters, one at a time at random moments, A's client -> B's client."""
    ca, cb = client(a.port), client(b.port)
    time.sleep(1)
    rnd = random.Random(5)
    lat = []
    for i in range(n):
        ch = bytes([ord("A") + i % 26])
        t = time.monotonic()
        ca.sendall(ch)
        got = b""
        while ch not in got and time.monotonic() - t < 5:
            r, _, _ = select.select([cb], [], [], 0.5)
            if r:
                got += cb.recv(4096)
        if ch in got:
            lat.append(time.monotonic() - t)
        time.sleep(0.05 + rnd.random() * 0.1)
    ca.close()
    cb.close()
    return lat


def pair(exe, jack, *args):
    a = Modem(exe, jack, "benchA", "--cr-nulls", "0", *args)
    b = Modem(exe, jack, "benchB", "--cr-nulls", "0", *args)
    jack.wait_ports("benchA:out_0", "benchB:in_0", "benchB:out_0", "benchA:in_0")
    for m in ("benchA", "benchB"):
        jack.disconnect("system:capture_1", f"{m}:in_0")
    jack.connect("benchA:out_0", "benchB:in_0")
    jack.connect("benchB:out_0", "benchA:in_0")
    time.sleep(1)
    return a, b


def peer_from_file(seconds):
    """minimodem decoding `seconds` of 48 kHz 300-baud KCS audio from a file: CPU seconds per
    second of audio."""
    minimodem = shutil.which("minimodem")
    if not minimodem:
        return None
    with tempfile.TemporaryDirectory() as d:
        wav = os.path.join(d, "kcs.wav")
        data = os.urandom(int(300 / 11 * seconds))
        subprocess.run([minimodem, "--tx", "-q", "-R", "48000", *KCS, "-f", wav, "300"],
                       input=data, check=True)
        audio_seconds = os.path.getsize(wav) / 2 / 48000
        r0 = os.times()
        subprocess.run([minimodem, "--rx", "-q", *KCS, "-8", "-f", wav, "300"],
                       capture_output=True, check=True)
        r1 = os.times()
        return (r1.children_user - r0.children_user + r1.children_system -
                r0.children_system) / audio_seconds


def main():
    exe = sys.argv[1]
    seconds = float(sys.argv[2]) if len(sys.argv) > 2 else 20
    rows = []
    with JackServer() as jack, tempfile.TemporaryDirectory() as d:
        a, b = pair(exe, jack)
        try:
            lat_default = latency(a, b, 40)  # before the peers join the graph
            status_lat = a.final_status().strip()
            peer = peer_live(jack, d)
            time.sleep(1)
            meter = CpuMeter(a.proc.pid, *([p.pid for p in peer] if peer else []))
            time.sleep(seconds)
            idle, wall = meter.fractions()
            status_idle = a.final_status().strip()
            busy, wall_busy, crossed, peer_got = full_duplex(a, b, seconds, peer)
        finally:
            a.stop()
            b.stop()
            if peer:
                for p in peer:
                    p.kill()
                    p.wait()
        status_a = a.final_status().strip()
        a, b = pair(exe, jack, "--latency", "0.05")
        try:
            lat_low = latency(a, b, 40)
        finally:
            a.stop()
            b.stop()
        status_low = a.final_status().strip()

    pct = lambda x: f"{100 * x:.2f} %"  # noqa: E731
    print(f"kcs-modem, 48 kHz full duplex on JACK dummy (period 1024), {seconds:.0f} s each:")
    print(f"  idle (carrier out, carrier in)          : {pct(idle[0])} of a core")
    print(f"  full-duplex traffic at 300 baud         : {pct(busy[0])} of a core "
          f"(goal < 3 %; {crossed} bytes crossed in {wall_busy:.1f} s)")
    if peer:
        print(f"  peer minimodem rx + tx, live via ALSA-JACK, same interval: idle "
              f"{pct(idle[1])} + {pct(idle[2])} = {pct(idle[1] + idle[2])}; traffic "
              f"{pct(busy[1])} + {pct(busy[2])} = {pct(busy[1] + busy[2])} "
              f"(minimodem rx decoded {peer_got} bytes of A's stream)")
        print(f"  kcs-modem / minimodem under traffic     : "
              f"{busy[0] / (busy[1] + busy[2]):.2f}")
    else:
        pf = peer_from_file(seconds)
        if pf:
            print(f"  minimodem decoding the same audio from a file: {pct(pf)} of a core per "
                  f"real-time stream (no ALSA JACK plugin for a live peer)")
    wire = 11 / 300
    for what, lat in (("--latency 0.25 (default)", lat_default), ("--latency 0.05", lat_low)):
        if lat:
            print(f"  character latency A -> JACK -> B, {what}: median "
                  f"{1000 * statistics.median(lat):.0f} ms, max {1000 * max(lat):.0f} ms over "
                  f"{len(lat)} characters (one byte on the wire: {1000 * wire:.1f} ms)")
        else:
            print(f"  character latency, {what}: no character came through")
    print(f"  counters of A after the latency phase: {status_lat or 'all zero'}")
    print(f"  counters of A after the idle phase: {status_idle or 'unchanged'}")
    print(f"  final counters of A: {status_a}")
    print(f"  final counters of A at --latency 0.05: {status_low}")


if __name__ == "__main__":
    main()
