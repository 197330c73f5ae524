#!/usr/bin/python3
"""superboard-emu --telnet: a telnet client on the emulated board's serial port (ACIA), at the
ACIA's real 300 baud, with the built-in ROMs (and genuine ones when SUPERBOARD_ROM_DIR names a
folder with the user's dumps).

- monitor: the 65V monitor's L command takes its commands from the serial port; 65 characters
  typed through telnet (mixed with negotiation) must all arrive, in order, at 300 baud: the
  monitor ends at the right address with the right byte.
- console: --telnet-console answers the D/C/W/M menu and sets the LOAD/SAVE flags; what the ROM
  prints then arrives at the telnet client; with the built-in BASIC, MEMORY SIZE? and TERMINAL
  WIDTH? are answered over telnet and PRINT 6*7 gives 42.
- basic (built-in ROMs) and genuine (the user's dumps from SUPERBOARD_ROM_DIR, else skipped):
  the board boots from its keyboard into BASIC, and the two POKEs of a real board's owner
  (POKE 517,128 and POKE 515,128) put BASIC on the serial port. Then the Debian telnet client,
  run on a pseudo-terminal, types PRINT 6*7 and sees 42; a socket client does the same, pastes a
  2160-byte program of 44 lines of varied statements (each <= 71 characters) in one send, and
  LIST must give back every line exactly as sent (our BASIC lists a line as it was typed:
  spacing kept, keywords as typed in capitals; only the `?` shorthand would come back as PRINT,
  and the program avoids it). No NULs after CR are needed here (--cr-nulls 0): the emulated
  link hands the ACIA a byte only once the program has read the previous one, so nothing is
  dropped; the listing proves it. About 100 s each way at 300 baud.

usage: test_emu_telnet.py SUPERBOARD_EMU [monitor|console|basic|genuine]
"""
import os
import pty
import re
import select
import shutil
import socket
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from sock_read import read_until, read_until_quiet  # noqa: E402

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


def program():
    """A >= 2 KB BASIC program of varied statements, every line <= 71 characters, written the
    way our BASIC lists it back (keywords in capitals, spacing kept, no `?` shorthand)."""
    body = [
        'REM A PASTED PROGRAM: EVERY LINE MUST LIST BACK AS SENT',
        'DIM A(20),B$(10),C(3,4):N=20:S=0:T$=""',
        'FOR I=1 TO N:A(I)=I*I-3*I+7:S=S+A(I):NEXT I',
        'PRINT "SUM OF THE SQUARES ";S;" MEAN ";S/N',
        'IF S>1000 THEN PRINT "BIG":GOTO 90',
        'PRINT "SMALL SUM, TRY AGAIN WITH A LONGER TABLE"',
        'FOR J=0 TO 3:FOR K=0 TO 4:C(J,K)=J*10+K:NEXT K,J',
        'RESTORE:FOR I=1 TO 10:READ B$(I):NEXT I',
        'DATA ALPHA,BRAVO,CHARLIE,DELTA,ECHO,"FOX, TROT",GOLF',
        'DATA HOTEL,INDIA,JULIET',
        'FOR I=1 TO 10:T$=T$+LEFT$(B$(I),1):NEXT:PRINT T$',
        'PRINT LEN(T$);ASC(T$);MID$(T$,3,2);RIGHT$(T$,3)',
        'X=RND(1):Y=INT(X*100):Z=ABS(-Y)+SGN(Y)+SQR(16)',
        'ON Y-INT(Y/3)*3+1 GOSUB 500,520,540',
        'PRINT TAB(5);"X=";X,"Y=";Y;SPC(2);"Z=";Z',
        'IF X<0.5 AND Y>=0 OR NOT Z THEN PRINT "BRANCH A"',
        'IF X>=.5 THEN PRINT "BRANCH B":REM   SPACES   KEPT',
        'POKE 512+10,PEEK(522):W=FRE(0):PRINT "FREE";W',
        'A$="HELLO, WORLD":B$=STR$(12.5):C=VAL("3E2")+1',
        'PRINT A$;" ";B$;C:PRINT CHR$(34);"QUOTED";CHR$(34)',
        'FOR Q=10 TO 1 STEP -3:PRINT Q;:NEXT Q:PRINT',
        'GOSUB 560:IF E THEN 300',
        'PRINT "1/3 =";1/3;"  2^10 =";2^10;"  -5 =";-5',
        'PRINT 1E6,1.5E-3,123456789,-0.000123',
        'REM SOME STATEMENTS ARE CROWDED:FORI=1TO3:NEXT',
        'FORI=1TO3:PRINTI;:NEXTI:PRINT"DONE"',
        'INPUT "YOUR NAME";N$:IF N$="" THEN N$="NOBODY"',
        'PRINT "HELLO ";N$;", YOU TYPED";LEN(N$);"LETTERS"',
        'STOP',
        'END',
    ]
    lines = [f"{10 * (i + 1)} {s}" for i, s in enumerate(body)]
    subs = ['PRINT "FIRST SUBROUTINE: Y MOD 3 IS 0":RETURN',
            'PRINT "SECOND SUBROUTINE: Y MOD 3 IS 1":RETURN',
            'PRINT "THIRD SUBROUTINE: Y MOD 3 IS 2":RETURN',
            'E=0:FOR I=1 TO N:IF A(I)<0 THEN E=E+1',
            'NEXT I:RETURN']
    lines += [f"{500 + 20 * i} {s}" for i, s in enumerate(subs)]
    k = 0
    while sum(len(l) + 1 for l in lines) < 2100:
        lines.append(f"{1000 + 10 * k} DATA {', '.join(str((k * 37 + j * 11) % 997) for j in range(12))}")
        k += 1
    return lines


def read_text(sock, want, timeout, quiet=None):
    """Reads until `want` is in what came, NULs left out (then, with `quiet`, until the board
    has been silent that long); returns it without the NULs."""
    got = read_until(sock, want, timeout, strip_nuls=True)
    if quiet:
        got += read_until_quiet(sock, b"", 0, quiet)
    return got.replace(b"\0", b"")


def telnet_client_print(port):
    """The Debian telnet client, on a pseudo-terminal as a person would run it: types
    PRINT 6*7 and RETURN, returns what telnet shows (or None when telnet is not installed)."""
    telnet = shutil.which("telnet")
    if not telnet:
        return None
    pid, fd = pty.fork()
    if pid == 0:
        try:
            os.execv(telnet, [telnet, "127.0.0.1", str(port)])
        finally:
            os._exit(127)
    out = b""

    def read_pty(want, timeout, since=0):
        nonlocal out
        end = time.monotonic() + timeout
        while want not in out[since:].replace(b"\0", b"") and time.monotonic() < end:
            r, _, _ = select.select([fd], [], [], 0.2)
            if r:
                try:
                    chunk = os.read(fd, 4096)
                except OSError:
                    break
                if not chunk:
                    break
                out += chunk
    try:
        read_pty(b"Escape character", 10)
        read_pty(b"\0never", 1)  # telnet agrees to the offers; the board may still print
        mark = len(out)
        os.write(fd, b"PRINT 6*7\r")
        read_pty(b" 42", 20, mark)
        read_pty(b"OK", 10, mark + out[mark:].find(b" 42"))
        os.write(fd, b"\x1d")  # the escape character, then quit at the telnet> prompt
        read_pty(b"telnet>", 5)
        os.write(fd, b"quit\r")
        read_pty(b"\0never", 1)
    finally:
        end = time.monotonic() + 5
        while time.monotonic() < end:
            done, _ = os.waitpid(pid, os.WNOHANG)
            if done:
                break
            time.sleep(0.1)
        else:
            os.kill(pid, 9)
            os.waitpid(pid, 0)
        os.close(fd)
    return out.replace(b"\0", b"")


def console_session(exe):
    """--telnet-console with the built-in BASIC: MEMORY SIZE? and TERMINAL WIDTH? answered over
    telnet, then PRINT 6*7."""
    emu = Emu(exe, "--telnet-console", "--seconds", "60")
    try:
        s = emu.connect()
        got = read_until(s, b"MEMORY SIZE", 15)
        if b"MEMORY SIZE" not in got:
            print(f"SKIP: BASIC did not ask MEMORY SIZE? on the console: "
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
        got = read_text(s, b"OK", 15, quiet=0.6)
        assert b" 42" in got, f"PRINT 6*7: {got!r}"
        print("ok    --telnet-console: MEMORY SIZE?, TERMINAL WIDTH? and PRINT 6*7 (42) over telnet")
        s.close()
        return 0
    finally:
        emu.kill()


def basic_session(exe, rom_args, what):
    """The board booted from its keyboard into BASIC, then the two POKEs a real board's owner
    types (POKE 517,128: output also to the serial port; POKE 515,128: input from it); from
    then on everything goes through telnet at the ACIA's 300 baud."""
    lines = program()
    size = sum(len(l) + 1 for l in lines)
    emu = Emu(exe, *rom_args, "--until", "D/C/W/M", "--type", "C", "--until", "MEMORY SIZE",
              "--type", "\\r", "--until", "WIDTH", "--type", "\\r", "--until", "OK",
              "--type", "POKE 517,128\\r", "--type", "POKE 515,128\\r", "--cr-nulls", "0",
              "--seconds", "280")
    try:
        t0 = time.monotonic()
        # The Debian telnet client first (on a pty): PRINT 6*7.
        shown = telnet_client_print(emu.port)
        if shown is not None:
            assert b"PRINT 6*7" in shown and re.search(rb"\r\n 42 *\r\n", shown), \
                f"{what}: the telnet client shows {shown!r}"
            print(f"ok    {what}: the Debian telnet client (on a pty): PRINT 6*7 gives 42")
        # Then a plain socket client: PRINT 6*7, a program pasted in one send, LIST.
        end = time.monotonic() + 10
        while True:
            s = emu.connect()
            hello = read_until(s, OFFERS, 3)
            if hello.startswith(OFFERS) or time.monotonic() > end:
                break
            s.close()  # the telnet client's session is still being closed
            time.sleep(0.2)
        assert hello.startswith(OFFERS), f"telnet offers: {hello!r}"
        s.sendall(b"PRINT 6*7\r")
        got = read_text(s, b"OK", 15, quiet=0.6)
        assert re.search(rb"PRINT 6\*7\r\n 42 *\r\n", got), f"PRINT 6*7: {got!r}"
        print(f"ok    {what}: PRINT 6*7 gives 42 through telnet")
        t1 = time.monotonic()
        s.sendall(("\r".join(lines) + "\r").encode())  # the whole paste in one send
        echo = read_text(s, lines[-1].encode() + b"\r\n", 200, quiet=1.5)
        t2 = time.monotonic()
        errors = [l for l in echo.decode(errors="replace").split("\r\n") if "ERROR" in l]
        assert not errors, f"BASIC complained while the paste was typed in: {errors}"
        s.sendall(b"LIST\r")
        got = read_text(s, lines[-1].encode() + b"\r\nOK", 200)
        t3 = time.monotonic()
        listed = got.decode(errors="replace").split("\r\n")
        listed = listed[listed.index("LIST") + 1:] if "LIST" in listed else listed
        listed = listed[:listed.index("OK")] if "OK" in listed else listed
        for i, (want, have) in enumerate(zip(lines, listed)):
            assert want == have, f"{what}: LIST line {i + 1}: sent {want!r}, listed {have!r}"
        assert len(listed) == len(lines), \
            f"{what}: {len(lines)} lines sent, {len(listed)} listed: {listed[len(lines):]!r}"
        print(f"ok    {what}: a {size}-byte program of {len(lines)} lines pasted in one send "
              f"arrived in {t2 - t1:.0f} s and LISTs back identically, line by line "
              f"({t3 - t2:.0f} s; whole session {t3 - t0:.0f} s)")
        s.close()
        if shown is None:
            print("SKIP: the Debian telnet client is not installed (the socket checks passed)")
            return 77
        return 0
    finally:
        emu.kill()


def main():
    exe, case = sys.argv[1], sys.argv[2]
    if case == "monitor":
        test_monitor(exe)
    elif case == "console":
        test_console(exe)
        sys.exit(console_session(exe))
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
