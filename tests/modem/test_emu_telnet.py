#!/usr/bin/python3
"""superboard-emu --telnet: a telnet client on the emulated board's serial port (ACIA), at the
ACIA's real 300 baud, with the built-in ROMs (and genuine ones when SUPERBOARD_ROM_DIR names a
folder with the user's dumps).

- monitor: the 65V monitor's L command takes its commands from the serial port; 65 characters
  typed through telnet (mixed with negotiation) must all arrive, in order, at 300 baud: the
  monitor ends at the right address with the right byte.
- console: --telnet-console answers the D/C/W/M menu and sets the LOAD/SAVE flags; what the ROM
  prints then arrives at the telnet client.
- basic (built-in BASIC if it is complete, else skipped; genuine ROMs if supplied, else
  skipped): MEMORY SIZE? and TERMINAL WIDTH? answered over telnet, PRINT 6*7 gives 42, a pasted
  program LISTs back identically.

usage: test_emu_telnet.py SUPERBOARD_EMU [monitor|console|basic|genuine]
"""
import os
import re
import select
import socket
import subprocess
import sys
import time

IAC, DO, WILL = 255, 253, 251
OFFERS = bytes([IAC, WILL, 1, IAC, WILL, 3])


class Emu:
    def __init__(self, exe, *args):
        self.proc = subprocess.Popen([exe, "--headless", "--telnet", "127.0.0.1:0", *args],
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        line = self.proc.stderr.readline().decode()
        m = re.search(r"telnet [^ ]*:(\d+)", line)
        if not m:
            out, err = self.proc.communicate(timeout=30)
            raise AssertionError(f"superboard-emu did not start: {line}{err.decode()}")
        self.port = int(m.group(1))

    def connect(self):
        s = socket.create_connection(("127.0.0.1", self.port), timeout=5)
        return s

    def finish(self, timeout=60):
        out, err = self.proc.communicate(timeout=timeout)
        return self.proc.returncode, out.decode(errors="replace"), err.decode(errors="replace")

    def kill(self):
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.communicate()


def read_until(sock, want, timeout):
    data = b""
    end = time.monotonic() + timeout
    while want not in data and time.monotonic() < end:
        r, _, _ = select.select([sock], [], [], 0.2)
        if r:
            chunk = sock.recv(65536)
            if not chunk:
                break
            data += chunk
    return data


def read_until_quiet(sock, want, timeout, quiet=0.6):
    """Reads until `want` was seen and then nothing came for `quiet` seconds: the board has
    finished printing (the NULs after its CR included) and is back at its input loop. A real
    Superboard loses what arrives while it prints, exactly like the emulated one."""
    data = read_until(sock, want, timeout)
    while True:
        r, _, _ = select.select([sock], [], [], quiet)
        if not r:
            return data
        chunk = sock.recv(65536)
        if not chunk:
            return data
        data += chunk


def test_monitor(exe):
    emu = Emu(exe, "--until", "D/C/W/M", "--type", "M", "--type", "L", "--cr-nulls", "0",
              "--seconds", "6", "--screen", "--ascii")
    try:
        s = emu.connect()
        got = read_until(s, OFFERS, 5)
        assert got.startswith(OFFERS), f"telnet offers: {got!r}"
        cmd = ".0300/" + "\r".join(f"{i + 1:02X}" for i in range(20))  # 65 characters
        s.sendall(bytes([IAC, DO, 1]) + cmd[:30].encode() + bytes([IAC, DO, 3]) +
                  cmd[30:].encode())
        t0 = time.monotonic()
        rc, out, err = emu.finish()
        s.close()
        assert rc == 0, f"exit status {rc}: {err}"
        assert "0313 14" in out, f"the monitor did not get all 65 characters: {out.strip()!r}"
        print(f"ok    monitor: 65 characters through telnet and the ACIA "
              f"(run ended {time.monotonic() - t0:.1f} s after sending)")
    finally:
        emu.kill()


def test_console(exe):
    emu = Emu(exe, "--telnet-console", "--seconds", "4")
    try:
        s = emu.connect()
        got = read_until(s, b"D/C/W/M ?\r\n", 4)
        rc, out, err = emu.finish()
        got += read_until(s, b"\0never", 0.5)
        s.close()
        assert rc == 0, f"exit status {rc}: {err}"
        assert b"D/C/W/M ?\r\n" in got, f"the ROM's output reached telnet: {got!r}"
        text = got.replace(b"\0", b"")
        print(f"ok    console: the ROM's output on telnet: {text[len(OFFERS):][:80]!r}")
    finally:
        emu.kill()


def basic_session(exe, rom_args, what):
    emu = Emu(exe, *rom_args, "--telnet-console", "--seconds", "170")
    try:
        s = emu.connect()
        got = read_until(s, b"MEMORY SIZE", 15)
        if b"MEMORY SIZE" not in got:
            print(f"SKIP: {what}: BASIC did not ask MEMORY SIZE? on the console: "
                  f"{got.replace(bytes(1), b'')[-80:]!r}")
            return 77
        read_until_quiet(s, b"MEMORY SIZE", 1)
        s.sendall(b"\r")
        got = read_until_quiet(s, b"WIDTH", 15)
        assert b"WIDTH" in got, f"TERMINAL WIDTH? expected: {got!r}"
        s.sendall(b"\r")
        got = read_until_quiet(s, b"OK", 20)
        assert b"OK" in got, f"OK expected: {got!r}"
        s.sendall(b"PRINT 6*7\r")
        got = read_until_quiet(s, b"OK", 15).replace(b"\0", b"")
        assert b" 42" in got, f"PRINT 6*7: {got!r}"
        print(f"ok    {what}: PRINT 6*7 gives 42 through telnet")
        # A program pasted all at once: the server holds it back to the ACIA's pace and the NULs
        # after each CR give BASIC time to store each line.
        lines = [f"{10 * (i + 1)} PRINT \"LINE {i + 1} OF THE PASTED PROGRAM\"" for i in range(16)]
        s.sendall(("\r".join(lines) + "\r").encode())
        read_until_quiet(s, lines[-1].encode(), 120, quiet=1.5)
        s.sendall(b"LIST\r")
        got = read_until(s, lines[-1].encode() + b"\r\n", 120).replace(b"\0", b"")
        listed = [l for l in got.decode(errors="replace").split("\r\n") if re.match(r"\d+ ", l)]
        assert listed[-len(lines):] == lines, f"LIST gave back {listed!r}"
        print(f"ok    {what}: a {sum(len(l) + 1 for l in lines)}-byte paste LISTs back identically")
        s.close()
        return 0
    finally:
        emu.kill()


def main():
    exe, case = sys.argv[1], sys.argv[2]
    if case == "monitor":
        test_monitor(exe)
    elif case == "console":
        test_console(exe)
    elif case == "basic":
        sys.exit(basic_session(exe, [], "built-in BASIC"))
    elif case == "genuine":
        d = os.environ.get("SUPERBOARD_ROM_DIR")
        if not d:
            print("SKIP: set SUPERBOARD_ROM_DIR to a folder with genuine ROM dumps")
            sys.exit(77)
        sys.exit(basic_session(exe, ["--rom-dir", d], "genuine ROMs"))


if __name__ == "__main__":
    main()
