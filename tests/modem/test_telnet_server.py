#!/usr/bin/python3
"""The telnet server with real sockets and real clients (Debian `telnet`, `nc`).

The server runs in the echo_board fixture: the telnet bridge in front of a serial line with a
loopback plug at a real baud rate. Covers negotiation, end-of-line handling, CR padding, IAC
quoting, flow control (a paste is held back by TCP, nothing is dropped), one client at a time,
and robustness: 1000 connect/disconnect cycles, 50 clients at once, garbage and broken IAC
sequences, disconnects mid-transfer (both ways busy, half with a TCP reset); the server's fds
(/proc/PID/fd) and memory (VmRSS) are measured before and after each and must stay flat.

With --kcs-modem the robustness tests run against the real product instead: kcs-modem on a
private JACK dummy server (jack_env.py) with its audio output wired to its own input, so the
"board" is a loopback through the KCS encoder, the audio graph and the decoder at 1200 baud.

usage: test_telnet_server.py ECHO_BOARD [TEST_NAME...]
       test_telnet_server.py --kcs-modem KCS_MODEM [TEST_NAME...]
"""
import os
import random
import re
import select
import shutil
import socket
import subprocess
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

IAC, WILL, WONT, DO, DONT, SB, SE, NOP = 255, 251, 252, 253, 254, 250, 240, 241
OFFERS = bytes([IAC, WILL, 1, IAC, WILL, 3])
BUSY = b"Sorry, the board is busy"


class Board:
    """One echo_board process; stopped by close()."""

    def __init__(self, exe, *args):
        self.proc = subprocess.Popen([exe, "--listen", "127.0.0.1:0", *args],
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE)
        line = self.proc.stdout.readline().decode()
        if not line.startswith("port "):
            raise RuntimeError("echo_board did not start: " + self.proc.stderr.read().decode())
        self.port = int(line.split()[1])
        # Drain the connection log so the pipe never fills.
        self.log = []
        threading.Thread(target=self._drain, daemon=True).start()

    def _drain(self):
        for line in self.proc.stderr:
            self.log.append(line)

    def fds(self):
        return len(os.listdir(f"/proc/{self.proc.pid}/fd"))

    def rss_kb(self):
        with open(f"/proc/{self.proc.pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
        return 0

    def alive(self):
        return self.proc.poll() is None

    def close(self):
        self.proc.stdin.close()  # the fixture exits when its stdin closes
        try:
            rc = self.proc.wait(5)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            rc = self.proc.wait()
        assert rc == 0, f"echo_board exited with {rc}"


class ModemBoard(Board):
    """kcs-modem on the JACK dummy server, its output wired to its own input: an echo board
    through real-time KCS audio. Same interface as Board; stopped with SIGTERM."""
    jack = None
    count = 0

    def __init__(self, exe, *args):
        args = list(args)
        if "--baud" in args:  # the modem's fastest rate stands in for the fixture's 9600
            i = args.index("--baud")
            args[i + 1] = str(min(1200, int(args[i + 1])))
        ModemBoard.count += 1
        name = f"robust{ModemBoard.count}"
        self.proc = subprocess.Popen([exe, "--listen", "127.0.0.1:0", "--audio-name", name,
                                      "--audio-device", "system", *args],
                                     env=self.jack.env, stdin=subprocess.DEVNULL,
                                     stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        first = self.proc.stderr.readline().decode()
        m = re.search(r"telnet [^ ]*:(\d+)", first)
        if not m:
            raise RuntimeError(f"kcs-modem did not start: {first}{self.proc.stderr.read()}")
        self.port = int(m.group(1))
        self.log = []
        threading.Thread(target=self._drain, daemon=True).start()
        self.jack.wait_ports(f"{name}:out_0", f"{name}:in_0")
        self.jack.disconnect("system:capture_1", f"{name}:in_0")
        self.jack.connect(f"{name}:out_0", f"{name}:in_0")
        self.started = time.monotonic()
        time.sleep(0.7)  # the lead-in carrier

    def settle(self):
        """The audio rings (4 s + the latency, 1.6 MB for both) are touched page by page in
        their first pass: RSS grows for about 4.5 s after the start, then stays flat."""
        time.sleep(max(0.0, self.started + 5.5 - time.monotonic()))

    def close(self):
        self.proc.terminate()
        try:
            rc = self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            rc = self.proc.wait()
        assert rc == 0, f"kcs-modem exited with {rc}"


MODE = {"board": Board, "banner": b""}  # kcs-modem greets after the offers


def new_board(exe, *args):
    return MODE["board"](exe, *args)


def connect(port):
    s = socket.create_connection(("127.0.0.1", port), timeout=5)
    return s


def recv_until(sock, pred, timeout=5.0):
    """Reads until pred(data) holds or timeout; returns what was read."""
    data = b""
    end = time.monotonic() + timeout
    while not pred(data):
        left = end - time.monotonic()
        if left <= 0:
            break
        r, _, _ = select.select([sock], [], [], left)
        if not r:
            break
        chunk = sock.recv(65536)
        if not chunk:
            break
        data += chunk
    return data


def session(port):
    """A connected client that has read the opening offers."""
    s = connect(port)
    hello = OFFERS + MODE["banner"]
    got = recv_until(s, lambda d: len(d) >= len(hello))
    assert got.startswith(hello), f"expected the opening offers, got {got!r}"
    return s


def wait_free(port, timeout=5.0):
    """Connects until a session (not a busy message) is obtained."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        s = connect(port)
        hello = OFFERS + MODE["banner"]
        got = recv_until(s, lambda d: len(d) >= len(hello) or b"\n" in d, 2)
        if got.startswith(OFFERS):
            if not got.startswith(hello):
                got += recv_until(s, lambda d: len(got + d) >= len(hello), 2)
            assert got.startswith(hello), f"expected the opening offers, got {got!r}"
            return s
        s.close()
        time.sleep(0.05)
    raise AssertionError("the server stays busy")


def warm_up(b):
    """One session with traffic through the board (every byte value, echoed back), so that
    memory touched once on first use (allocator, lazy pages, the audio rings in kcs-modem) is
    not counted as growth."""
    if hasattr(b, "settle"):
        b.settle()
    s = wait_free(b.port, 10)
    s.sendall(bytes(range(255)) + bytes([IAC, IAC]) + b"WARM\r")
    recv_until(s, lambda d: b"WARM\r\n" in d, 10)
    s.close()
    wait_free(b.port, 10).close()
    time.sleep(0.3)


def check(cond, msg):
    if not cond:
        raise AssertionError(msg)


def check_flat(b, before, what, rss_slack_kb=256):
    """File descriptors back where they were and memory within `rss_slack_kb` of it, once the
    server has seen the last client go; returns the figures for the log."""
    time.sleep(0.3)
    (fds0, rss0), fds1, rss1 = before, b.fds(), b.rss_kb()
    check(fds1 == fds0, f"fds flat {what}: {fds0} -> {fds1}")
    check(rss1 - rss0 < rss_slack_kb, f"memory flat {what}: {rss0} -> {rss1} kB")
    return f"fds {fds0}->{fds1}, RSS {rss0}->{rss1} kB"


def check_clean_session(b, line, cr_nulls, what):
    """A new client after the abuse: what it types comes back last, its CR padded with the
    board's `cr_nulls` NULs (after the echo of the last client's queued bytes on the
    looped-back line)."""
    want = line + b"\r\n" + bytes(cr_nulls)
    s = wait_free(b.port, 20)
    recv_until(s, lambda d: False, 3)
    s.sendall(line + b"\r")
    got = recv_until(s, lambda d: want in d, 10)
    check(got.endswith(want), f"clean session {what}: {got[-60:]!r}")
    s.close()


# --- tests -----------------------------------------------------------------------------------

def test_negotiation(exe):
    b = new_board(exe, "--cr-nulls", "0", "--baud", "9600")
    try:
        s = session(b.port)
        # Agree to our offers, offer terminal type and NAWS, ask for binary: only refusals come
        # back, and agreeing to what is already agreed gets no answer.
        s.sendall(bytes([IAC, DO, 1, IAC, DO, 3, IAC, WILL, 24, IAC, WILL, 31, IAC, DO, 0,
                         IAC, DO, 1]))
        want = bytes([IAC, DONT, 24, IAC, DONT, 31, IAC, WONT, 0])
        got = recv_until(s, lambda d: len(d) >= len(want))
        check(got == want, f"negotiation replies: {got!r}")
        s.sendall(b"HELLO\r\n")
        got = recv_until(s, lambda d: b"\r\n" in d)
        check(got == b"HELLO\r\n", f"echo of a CR LF line: {got!r}")
        s.sendall(b"A\r\0B\nC" + bytes([IAC, IAC]) + b"\r")
        want = b"A\r\nB\r\nC" + bytes([IAC, IAC]) + b"\r\n"
        got = recv_until(s, lambda d: len(d) >= len(want))
        check(got == want, f"CR NUL, LF, IAC IAC: {got!r}")
        # A subnegotiation and stray commands are skipped; AYT is answered.
        s.sendall(bytes([IAC, SB, 24, 0]) + b"VT100" + bytes([IAC, SE, IAC, NOP]) + b"Z" +
                  bytes([IAC, 246]))
        got = recv_until(s, lambda d: b"Z" in d and b"[yes]" in d)
        check(sorted([got]) and b"VT100" not in got and b"Z" in got and b"[yes]\r\n" in got,
              f"SB skipped, AYT answered: {got!r}")
        s.close()
    finally:
        b.close()


def test_cr_nulls(exe):
    b = new_board(exe, "--cr-nulls", "5", "--baud", "9600")
    try:
        s = session(b.port)
        s.sendall(b"X\r\n")
        want = b"X\r\n" + b"\0" * 5  # the board got X CR and five NULs, and echoed them
        got = recv_until(s, lambda d: len(d) >= len(want))
        check(got == want, f"CR padding: {got!r}")
        s.close()
    finally:
        b.close()


def test_telnet_client(exe):
    telnet = shutil.which("telnet")
    if not telnet:
        raise Skip("the Debian telnet client is not installed")
    b = new_board(exe, "--cr-nulls", "0", "--baud", "1200")
    try:
        p = subprocess.Popen([telnet, "127.0.0.1", str(b.port)], stdin=subprocess.PIPE,
                             stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        # telnet goes to character mode once it has agreed to our offers; give it a moment.
        time.sleep(0.5)
        p.stdin.write(b"PRINT 6*7\n")
        p.stdin.flush()
        out = b""
        end = time.monotonic() + 5
        os.set_blocking(p.stdout.fileno(), False)
        while b"PRINT 6*7\r\n" not in out and time.monotonic() < end:
            select.select([p.stdout], [], [], 0.2)
            chunk = p.stdout.read()
            if chunk:
                out += chunk
        p.stdin.close()
        p.wait(5)
        check(b"Connected to" in out, f"telnet connected: {out!r}")
        check(b"PRINT 6*7\r\n" in out, f"the line came back through the board: {out!r}")
    finally:
        b.close()


def test_nc_client(exe):
    nc = shutil.which("nc")
    if not nc:
        raise Skip("nc is not installed")
    b = new_board(exe, "--cr-nulls", "0", "--baud", "1200")
    try:
        # -N: half-close after stdin ends; the server stays until the board has answered.
        p = subprocess.run([nc, "-N", "127.0.0.1", str(b.port)], input=b"LIST\n",
                           capture_output=True, timeout=10)
        check(p.stdout.startswith(OFFERS), f"nc sees the offers: {p.stdout!r}")
        check(b"LIST\r\n" in p.stdout, f"nc line came back: {p.stdout!r}")
        wait_free(b.port).close()
    finally:
        b.close()


def test_paste_flow_control(exe):
    """A 2 KB program pasted at once arrives whole, in order, at 9600 baud; at 300 baud the
    server holds a big paste back with TCP flow control instead of buffering it."""
    b = new_board(exe, "--cr-nulls", "0", "--baud", "9600")
    try:
        rnd = random.Random(7)
        lines = [f"{10 * (i + 1)} PRINT \"{''.join(rnd.choice('ABCDEFGH ') for _ in range(20))}\""
                 for i in range(70)]
        program = ("\r\n".join(lines) + "\r\n").encode()
        check(len(program) >= 2048, "a 2 KB program")
        s = session(b.port)
        s.sendall(program)
        got = recv_until(s, lambda d: len(d) >= len(program), 15)
        check(got == program, f"paste arrived whole ({len(got)} of {len(program)} bytes)")
        s.close()
    finally:
        b.close()
    b = new_board(exe, "--cr-nulls", "0", "--baud", "300")
    try:
        s = socket.socket()
        s.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, 8192)
        s.connect(("127.0.0.1", b.port))
        check(recv_until(s, lambda d: len(d) >= len(OFFERS)) == OFFERS, "offers")
        s.setblocking(False)
        sent, end = 0, time.monotonic() + 1.0
        block = b"A" * 4096
        while time.monotonic() < end:
            try:
                sent += s.send(block)
            except BlockingIOError:
                select.select([], [s], [], 0.05)
        # Without flow control the server would have read all of it; with it, the socket
        # buffers and the bounded queue fill and the client is held back.
        check(sent < 256 * 1024, f"client held back by TCP ({sent} bytes accepted in 1 s)")
        print(f"  300 baud: the client could push {sent} bytes in 1 s")
        echoed = recv_until(s, lambda d: len(d) >= 30, 3)
        check(30 <= len(echoed) < 100 and set(echoed) == {ord("A")},
              f"the board got its bytes at 300 baud: {len(echoed)} in ~1 s")
        s.close()
        # Disconnected mid-transfer: the server frees the board for the next client.
        wait_free(b.port, 15).close()
        check(b.alive(), "server alive after a disconnect mid-transfer")
    finally:
        b.close()


def test_busy(exe):
    b = new_board(exe, "--cr-nulls", "0", "--baud", "9600")
    try:
        first = session(b.port)
        other = connect(b.port)
        got = recv_until(other, lambda d: b"\n" in d)
        check(got.startswith(BUSY), f"second client told the board is busy: {got!r}")
        check(recv_until(other, lambda d: False, 2) == b"", "and closed")
        other.close()
        first.sendall(b"OK\r")
        check(recv_until(first, lambda d: b"\r\n" in d) == b"OK\r\n", "first client unaffected")
        first.close()
        wait_free(b.port).close()
    finally:
        b.close()


def test_many_connects(exe):
    b = new_board(exe, "--cr-nulls", "0", "--baud", "9600")
    try:
        warm_up(b)
        for _ in range(20):  # warm up (allocator, lazy pages)
            wait_free(b.port).close()
        time.sleep(0.3)  # let the server see the last client go
        before = b.fds(), b.rss_kb()
        sessions = busy = 0
        for i in range(1000):
            s = connect(b.port)
            got = recv_until(s, lambda d: len(d) >= len(OFFERS) or b"\n" in d, 5)
            if got.startswith(OFFERS):
                sessions += 1
                if i % 3 == 0:
                    s.sendall(b"HI\r")  # and leave with the echo unread
            elif got.startswith(BUSY):
                busy += 1
            else:
                raise AssertionError(f"connection {i}: unexpected {got!r}")
            s.close()
        # A client reconnecting within a millisecond of leaving may find the board still
        # busy (its reset is still on the way); every connection gets one answer or the other.
        check(sessions > 0 and sessions + busy == 1000, f"sessions {sessions}, busy {busy}")
        wait_free(b.port).close()
        flat = check_flat(b, before, "over 1000 connections", rss_slack_kb=512)
        print(f"  1000 connects: {sessions} sessions, {busy} busy; {flat}")
    finally:
        b.close()


def test_fifty_at_once(exe):
    b = new_board(exe, "--cr-nulls", "0", "--baud", "9600")
    try:
        warm_up(b)
        for _ in range(5):
            wait_free(b.port).close()
        time.sleep(0.3)
        before = b.fds(), b.rss_kb()
        for rnd in range(5):  # five waves of 50 clients connecting at once
            socks = [socket.socket() for _ in range(50)]
            for s in socks:
                s.setblocking(False)
                s.connect_ex(("127.0.0.1", b.port))
            results = []
            for s in socks:
                s.setblocking(True)
                s.settimeout(5)
                results.append(recv_until(s, lambda d: len(d) >= len(OFFERS) or b"\n" in d, 5))
            granted = sum(r.startswith(OFFERS) for r in results)
            refused = sum(r.startswith(BUSY) for r in results)
            check(granted == 1 and refused == 49,
                  f"wave {rnd}: one session, 49 polite refusals (got {granted} and {refused})")
            for s in socks:
                s.close()
            wait_free(b.port).close()
        print(f"  5 x 50 at once: {check_flat(b, before, 'after 5 x 50 at once')}")
    finally:
        b.close()


def test_garbage(exe):
    b = new_board(exe, "--cr-nulls", "2", "--baud", "9600")
    try:
        warm_up(b)
        before = b.fds(), b.rss_kb()
        rnd = random.Random(1234)
        broken = [bytes([IAC]), bytes([IAC, WILL]), bytes([IAC, SB, 24]) + b"x" * 5000,
                  bytes([IAC, SB]) + bytes([IAC]), bytes([IAC, DO]), bytes([13]),
                  bytes([IAC, 7, IAC, 0, IAC, 200])]
        for i in range(60):
            s = wait_free(b.port)
            if i < len(broken):
                s.sendall(broken[i])
            else:
                # Random bytes, sent without reading the answers, then a hard disconnect
                # (SO_LINGER 0 sends a reset) in the middle of the transfer.
                try:
                    s.sendall(bytes(rnd.randrange(256) for _ in range(rnd.randrange(1, 20000))))
                except OSError:
                    pass
                if i % 2:
                    s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\1\0\0\0\0\0\0\0")
            s.close()
        check(b.alive(), "server survived garbage")
        check_clean_session(b, b"STILL OK", 2, "after garbage")
        print(f"  60 garbage clients: {check_flat(b, before, 'after garbage')}")
    finally:
        b.close()


def test_disconnect_mid_transfer(exe):
    """Clients that leave in the middle of a transfer, both ways busy: each pastes 8 KB (more
    than the server takes: the rest waits in the sockets) while the board echoes, then vanishes
    without reading, every other one with a TCP reset. The server drops each cleanly and the
    next client gets a working session; fds and memory stay flat."""
    b = new_board(exe, "--cr-nulls", "1", "--baud", "9600")
    try:
        warm_up(b)
        before = b.fds(), b.rss_kb()
        for i in range(30):
            s = wait_free(b.port, 10)
            s.setblocking(False)
            block, sent = (b"10 PRINT \"MID TRANSFER\"\r" * 400)[:8192], 0
            end = time.monotonic() + 0.3
            while time.monotonic() < end:  # push until TCP holds us back, reading nothing
                try:
                    sent += s.send(block[sent % len(block):])
                except BlockingIOError:
                    select.select([], [s], [], 0.02)
            if i % 2:
                s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\1\0\0\0\0\0\0\0")
            s.close()
        check(b.alive(), "server alive after 30 disconnects mid-transfer")
        check_clean_session(b, b"AFTER", 1, "after the disconnects")
        print(f"  30 disconnects mid-transfer: {check_flat(b, before, 'after disconnects mid-transfer')}")
    finally:
        b.close()


def test_bad_address(exe):
    for spec, why in (("127.0.0.1:99999", "bad port"), ("host:", "bad port"),
                      ("::1:5", "IPv6")):
        p = subprocess.run([exe, "--listen", spec], capture_output=True, timeout=5)
        err = p.stderr.decode()
        check(p.returncode != 0 and why in err and "\n" == err[-1] and err.count("\n") == 1,
              f"--listen {spec}: one-line error, got rc {p.returncode} {err!r}")
    # A port in use.
    taken = socket.socket()
    taken.bind(("127.0.0.1", 0))
    taken.listen()
    p = subprocess.run([exe, "--listen", f"127.0.0.1:{taken.getsockname()[1]}"],
                       capture_output=True, timeout=5)
    taken.close()
    check(p.returncode != 0 and b"cannot listen" in p.stderr, f"port in use: {p.stderr!r}")


class Skip(Exception):
    pass


ROBUSTNESS = ["test_busy", "test_many_connects", "test_fifty_at_once", "test_garbage",
              "test_disconnect_mid_transfer"]


def main():
    if sys.argv[1] == "--kcs-modem":
        from jack_env import JackServer
        exe = sys.argv[2]
        names = sys.argv[3:] or ROBUSTNESS
        with JackServer() as jack:
            ModemBoard.jack = jack
            MODE["board"] = ModemBoard
            MODE["banner"] = b"kcs-modem: connected to the board through the audio modem.\r\n"
            run(exe, names)
    else:
        exe = sys.argv[1]
        run(exe, sys.argv[2:] or [n for n in globals() if n.startswith("test_")])


def run(exe, names):
    failed = skipped = 0
    for name in names:
        t0 = time.monotonic()
        try:
            globals()[name](exe)
            print(f"ok    {name} ({time.monotonic() - t0:.1f} s)")
        except Skip as e:
            skipped += 1
            print(f"skip  {name}: {e}")
        except Exception as e:  # report every failing test, not just the first
            failed += 1
            print(f"FAIL  {name}: {type(e).__name__}: {e}")
        sys.stdout.flush()
    if failed:
        sys.exit(1)
    if skipped == len(names):
        sys.exit(77)


if __name__ == "__main__":
    main()
