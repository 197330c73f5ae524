#!/usr/bin/python3
"""superboard-emu --cassette-audio end to end, with no sound card: a private JACK server with the
dummy driver, `kcs-modem --listen 127.0.0.1:0 --audio-name modem` and
`superboard-emu --headless --cassette-audio --audio-name emu --cassette-console` (the built-in
ROMs; the console option keeps the ROM's LOAD and SAVE flags set, so BASIC talks over the
cassette port), cross-wired with jack_connect (modem:out_0 -> emu:in_0, emu:out_0 ->
modem:in_0). A real socket telnet client on kcs-modem then reaches BASIC on the emulated board
through real-time KCS audio both ways: MEMORY SIZE? and TERMINAL WIDTH? answered, PRINT 6*7
typed one character at a time (each echo timed: the character round-trip latency through
telnet, kcs-modem, JACK, the emulator's ACIA, BASIC and back) gives 42, and a short program
typed in LISTs back identically. At the end the emulator reports its counters: no framing
errors and nothing dropped.

usage: test_cassette_audio.py KCS_MODEM SUPERBOARD_EMU
Skips (exit 77) only if jackd is missing or cannot start.
"""
import os
import re
import signal
import socket
import statistics
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from jack_env import JackServer  # noqa: E402
from sock_read import read_until, read_until_quiet  # noqa: E402
from child_proc import Proc  # noqa: E402

OFFERS = bytes([255, 251, 1, 255, 251, 3])
PROGRAM = ["10 FOR I=1 TO 3", "20 PRINT I*7;", "30 NEXT I", "40 PRINT \"AUDIO OK\""]


def text(data):
    return data.replace(b"\0", b"").decode(errors="replace")


def main():
    modem_exe, emu_exe = sys.argv[1], sys.argv[2]
    failures = []

    def check(cond, msg):
        print(("ok    " if cond else "FAIL  ") + msg)
        if not cond:
            failures.append(msg)
        return cond

    with JackServer() as jack:
        modem = Proc("kcs-modem", [modem_exe, "--listen", "127.0.0.1:0", "--audio-name", "modem",
                                   "--audio-device", "system"], jack.env, r"telnet [^ ]*:(\d+)")
        emu = None
        sock = None
        try:
            jack.wait_ports("modem:out_0", "modem:in_0")
            jack.disconnect("system:capture_1", "modem:in_0")
            # The client is there before the board speaks: kcs-modem discards what the board
            # says while nobody is connected.
            sock = socket.create_connection(("127.0.0.1", int(modem.match.group(1))), timeout=5)
            got = read_until(sock, OFFERS, 5)
            check(got.startswith(OFFERS), f"telnet offers from kcs-modem: {got[:6]!r}")
            emu = Proc("superboard-emu",
                       [emu_exe, "--headless", "--cassette-audio", "--audio-name", "emu",
                        "--audio-device", "system", "--latency", "0.1", "--cassette-console",
                        "--seconds", "170"],
                       jack.env, r"cassette audio: 300 baud on (\d+) Hz")
            jack.wait_ports("emu:out_0", "emu:in_0")
            jack.disconnect("system:capture_1", "emu:in_0")
            jack.connect("modem:out_0", "emu:in_0")
            jack.connect("emu:out_0", "modem:in_0")
            t0 = time.monotonic()

            # BASIC's cold start over audio. The board may have spoken before the ports were
            # joined; either way it waits at MEMORY SIZE? once it has gone quiet.
            got = read_until_quiet(sock, b"MEMORY SIZE", 8, quiet=1.5)
            print(f"      heard {text(got)[-40:]!r} "
                  f"({'prompt seen' if b'MEMORY SIZE' in got else 'sent before the link was up'})")
            sock.sendall(b"\r")
            got = read_until_quiet(sock, b"WIDTH", 15)
            check(b"WIDTH" in got, f"TERMINAL WIDTH? over audio: {text(got)[-40:]!r}")
            sock.sendall(b"\r")
            got = read_until_quiet(sock, b"OK", 20)
            check(b"BYTES FREE" in got and b"OK" in got,
                  f"cold start over audio: {text(got).strip()[-40:]!r}")
            print(f"      BASIC ready {time.monotonic() - t0:.1f} s after the ports were joined")

            # PRINT 6*7, one character at a time: each echo times the round trip.
            latencies = []
            for ch in b"PRINT 6*7":
                sent = time.monotonic()
                sock.sendall(bytes([ch]))
                echo = read_until(sock, bytes([ch]), 5)
                if bytes([ch]) not in echo:
                    check(False, f"echo of {chr(ch)!r}: got {echo!r}")
                    break
                latencies.append(time.monotonic() - sent)
            sock.sendall(b"\r")
            got = read_until_quiet(sock, b"OK", 15)
            check(re.match(r"\r\n 42 *\r\nOK", text(got)) is not None,
                  f"PRINT 6*7 -> 42 through the audio path: {text(got)!r}")
            if latencies:
                print(f"      character round trip (telnet -> kcs-modem -> JACK -> emulator "
                      f"ACIA -> BASIC echo -> back): median {statistics.median(latencies):.3f} s, "
                      f"min {min(latencies):.3f} s, max {max(latencies):.3f} s "
                      f"over {len(latencies)} characters")

            # A program typed in (as a paste: kcs-modem holds it to the 300-baud pace and pads
            # each CR with NULs so BASIC stores the line), then LIST.
            paste = ("\r".join(PROGRAM) + "\r").encode()
            sent = time.monotonic()
            sock.sendall(paste)
            read_until_quiet(sock, PROGRAM[-1].encode(), 60, quiet=1.5)
            print(f"      {len(paste)}-byte program typed in {time.monotonic() - sent:.1f} s")
            sock.sendall(b"LIST\r")
            got = read_until(sock, PROGRAM[-1].encode() + b"\r\n", 60)
            listed = [l for l in text(got).split("\r\n") if re.match(r"\d+ ", l)]
            check(listed[-len(PROGRAM):] == PROGRAM, f"LIST gives the program back: {listed!r}")
            read_until_quiet(sock, b"OK", 10)
            sock.sendall(b"RUN\r")
            got = read_until_quiet(sock, b"AUDIO OK\r\n", 30)
            check(re.search(r"RUN\r\n 7 +14 +21 +AUDIO OK\r\n", text(got)) is not None,
                  f"RUN: {text(got)!r}")
        finally:
            if sock:
                sock.close()
            rc_emu = emu.stop() if emu else None
            rc_modem = modem.stop()
        check(rc_emu == 128 + signal.SIGTERM and rc_modem == 0,
              f"both stop on SIGTERM (emulator {rc_emu}, kcs-modem {rc_modem})")
        final = [l for l in emu.lines if "framing errors" in l] if emu else []
        if check(len(final) == 1, "the emulator reports its audio counters at exit"):
            nums = dict(re.findall(r"(framing errors|dropped|underruns|overruns) (\d+)", final[0]))
            print(f"      {final[0].strip()}")
            check(nums.get("framing errors") == "0" and nums.get("dropped") == "0",
                  "no framing errors and nothing dropped on the emulator's side")
            if nums.get("underruns") != "0" or nums.get("overruns") != "0":
                print("      (JACK reported xruns: the shared machine was slow to schedule the "
                      "dummy server; every byte still arrived)")
    if failures:
        sys.exit(1)


if __name__ == "__main__":
    main()
