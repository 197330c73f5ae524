#!/usr/bin/env python3
"""superboard-emu's terminal front end, run for real in tmux (send-keys, paste-buffer, capture-pane).

usage: tmux_terminal_test.py EMU SCENARIO WORKDIR

Each scenario starts a private tmux server (its own -L socket, no config file), runs the
emulator in a pane of a known size, drives it like a user and reads the pane back. The frame
geometry is checked exactly: the border centred in the rows above the status line, the
video cells at their places. Exit 0 ok, 1 failure (with the pane printed), 77 skipped.
"""
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import wave

# the modem tests' socket reader and JACK server
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "modem"))
from sock_read import read_until_quiet  # noqa: E402

WINDOW = dict(col0=5, cols=24, row0=2, rows=26)
FULL = dict(col0=0, cols=32, row0=0, rows=32)
VIDEO = 0xD000
TIMEOUT = float(os.environ.get("TERMINAL_TEST_TIMEOUT", "20"))


class Skip(Exception):
    pass


class Fail(Exception):
    pass


class Tmux:
    def __init__(self, name):
        self.sock = "sbterm-%s-%d" % (name, os.getpid())
        self.env = dict(os.environ, LC_ALL="C.UTF-8", LANG="C.UTF-8")
        self.env.pop("TMUX", None)

    def run(self, *args, check=True):
        r = subprocess.run(["tmux", "-L", self.sock, "-f", "/dev/null", *args],
                           env=self.env, capture_output=True, text=True)
        if check and r.returncode != 0:
            raise Fail("tmux %s: %s" % (" ".join(args), r.stderr.strip()))
        return r.stdout

    def start(self, cmd, width=80, height=40):
        self.run("new-session", "-d", "-s", "t", "-x", str(width), "-y", str(height), cmd)
        self.run("set-option", "-t", "t", "remain-on-exit", "on")

    def screen(self):
        return self.run("capture-pane", "-p", "-t", "t").split("\n")[:-1]

    def keys(self, *keys):
        self.run("send-keys", "-t", "t", *keys)

    def text(self, s):
        self.run("send-keys", "-t", "t", "-l", s)

    def paste(self, s):
        """A real paste: the whole text written to the pane at once (LF becomes CR)."""
        self.run("set-buffer", "-b", "p", s)
        self.run("paste-buffer", "-b", "p", "-t", "t")

    def resize(self, width, height):
        self.run("resize-window", "-t", "t", "-x", str(width), "-y", str(height))

    def pane_pid(self):
        return int(self.run("display-message", "-p", "-t", "t", "#{pane_pid}").strip())

    def kill(self):
        self.run("kill-server", check=False)


def wait_for(tm, pred, what, timeout=TIMEOUT):
    deadline = time.monotonic() + timeout
    while True:
        lines = tm.screen()
        if pred(lines):
            return lines
        if time.monotonic() > deadline:
            raise Fail("waited %.0fs for %s" % (timeout, what))
        time.sleep(0.1)


def has(text):
    return lambda lines: any(text in l for l in lines)


def frame(width, height, geo):
    """Where the frame of `geo` is in a width x height terminal (as terminal.c lays it out)."""
    top = (height - 1 - (geo["rows"] + 2)) // 2 + 1
    left = (width - (geo["cols"] + 2)) // 2 + 1
    return top, left


def check_frame(lines, width, height, geo):
    top, left = frame(width, height, geo)
    rows, cols = geo["rows"], geo["cols"]
    pad = lambda l: l + " " * (width - len(l))
    t, b = pad(lines[top - 1]), pad(lines[top + rows])
    if t[left - 1] != "┌" or t[left + cols] != "┐" or t[left:left + cols] != "─" * cols:
        raise Fail("top border not at row %d col %d: %r" % (top - 1, left - 1, t))
    if b[left - 1] != "└" or b[left + cols] != "┘":
        raise Fail("bottom border not at row %d: %r" % (top + rows, b))
    for r in range(rows):
        l = pad(lines[top + r])
        if l[left - 1] != "│" or l[left + cols] != "│":
            raise Fail("side border missing on row %d: %r" % (top + r, l))
        if l[:left - 1].strip() or l[left + cols + 1:].strip():
            raise Fail("something outside the frame on row %d: %r" % (top + r, l))


def cell(lines, width, height, geo, addr):
    """The character shown for video RAM address `addr`."""
    top, left = frame(width, height, geo)
    row, col = (addr - VIDEO) // 32 - geo["row0"], (addr - VIDEO) % 32 - geo["col0"]
    l = lines[top + row]
    return l[left + col] if left + col < len(l) else " "


def rows(lines, width, height, geo):
    """The text inside the frame, one string a row, trailing spaces trimmed."""
    top, left = frame(width, height, geo)
    return [l[left:left + geo["cols"]].rstrip() for l in lines[top:top + geo["rows"]]]


def inside(lines, width, height, geo, text):
    """True when `text` is on a row inside the frame."""
    return any(text in r for r in rows(lines, width, height, geo))


def row_is(text, width=80, height=40, geo=WINDOW):
    """A predicate: some row inside the frame is exactly `text` (output, not an echo)."""
    return lambda lines: text in rows(lines, width, height, geo)


def framed(lines, width, height, geo, text):
    """True when the frame is right and `text` is inside it (for waiting on a redraw)."""
    try:
        check_frame(lines, width, height, geo)
    except (Fail, IndexError):
        return False
    return inside(lines, width, height, geo, text)


def boot(tm, emu, args="", width=80, height=40):
    tm.start("%s %s" % (emu, args), width, height)
    return wait_for(tm, has("D/C/W/M ?"), "the boot menu")


# ---- scenarios ----

def sc_boot(tm, emu, work):
    lines = boot(tm, emu)
    check_frame(lines, 80, 40, WINDOW)
    if not inside(lines, 80, 40, WINDOW, "D/C/W/M ?"):
        raise Fail("D/C/W/M ? is not inside the border")
    status = lines[39]
    for word in ("real", "MHz", "no tape", "SHIFT LOCK", "8K", "built-in"):
        if word not in status:
            raise Fail("status line lacks %r: %r" % (word, status))
    # the status line reports the emulated speed, paced to 0.983 MHz
    wait_for(tm, lambda l: re.search(r"real 0\.9[6-9]\d MHz", l[39]), "real speed on the status line")
    # SHIFT LOCK toggles from the keyboard (CTRL-E k)
    tm.keys("C-e", "k")
    wait_for(tm, lambda l: "shift lock up" in l[39], "SHIFT LOCK up")
    # warp
    tm.keys("F8")
    wait_for(tm, lambda l: "WARP" in l[39], "warp on the status line")


def sc_full(tm, emu, work):
    lines = boot(tm, emu, "--full")
    check_frame(lines, 80, 40, FULL)
    if not inside(lines, 80, 40, FULL, "D/C/W/M ?"):
        raise Fail("D/C/W/M ? is not inside the border")


def monitor_store(tm, emu, args, addr, byte):
    boot(tm, emu, args)
    tm.text("M")
    wait_for(tm, lambda l: inside(l, 80, 40, WINDOW, "0000 00"), "the 65V monitor's address field")
    tm.text(".%04X/%02X" % (addr, byte))
    return wait_for(tm, lambda l: inside(l, 80, 40, WINDOW, "%04X %02X" % (addr, byte)),
                    "the stored byte in the monitor's field")


def sc_monitor_glyph(tm, emu, work):
    # M enters the monitor; a graphics code stored into video RAM shows as its glyph
    lines = monitor_store(tm, emu, "", 0xD36A, 0xA1)
    if cell(lines, 80, 40, WINDOW, 0xD36A) != "█":
        raise Fail("code $A1 at $D36A is not shown as █")
    check_frame(lines, 80, 40, WINDOW)


def sc_ascii(tm, emu, work):
    lines = monitor_store(tm, emu, "--ascii", 0xD36A, 0xA1)
    if cell(lines, 80, 40, WINDOW, 0xD36A) != "#":
        raise Fail("code $A1 is not shown as # with --ascii")
    if any(ord(ch) > 127 for l in lines[1:38] for ch in l if ch not in "┌┐└┘─│"):
        raise Fail("non-ASCII glyph on an --ascii screen")


def cold_start(tm):
    tm.text("C")
    tm.keys("Enter")
    time.sleep(0.3)
    tm.keys("Enter")
    return wait_for(tm, has("BYTES FREE"), "BASIC's cold start")


PROGRAM = (
    "10 REM A LINE OF SIXTY CHARACTERS TO SEE NOTHING IS LOST OK\n"
    "20 FOR I=1 TO 5\n"
    "30 PRINT I*7;\n"
    "40 NEXT I\n"
    "50 PRINT\n"
    "60 PRINT \"DONE\"\n"
    "70 POKE 54122,161\n"
    "80 GOTO 80\n"
)


def sc_basic(tm, emu, work):
    boot(tm, emu)
    cold_start(tm)
    wait_for(tm, has("OK"), "OK")
    tm.paste(PROGRAM)
    tm.text("RUN")
    tm.keys("Enter")
    lines = wait_for(tm, row_is("DONE"), "the pasted program's output", timeout=TIMEOUT * 3)
    if " 7  14  21  28  35" not in rows(lines, 80, 40, WINDOW):
        raise Fail("the program printed the wrong numbers")
    lines = wait_for(tm, lambda l: cell(l, 80, 40, WINDOW, 54122) == "█", "the POKEd glyph")
    # CTRL-C is the board's CTRL-C: BASIC breaks
    tm.keys("C-c")
    wait_for(tm, has("BREAK IN 80"), "BREAK IN 80 after CTRL-C")
    tm.text("LIST 10")
    tm.keys("Enter")
    long_line = PROGRAM.split("\n")[0]

    def listed(lines):
        r = rows(lines, 80, 40, WINDOW)
        at = [i for i, x in enumerate(r) if x == "LIST 10"]
        return at and "".join(x.ljust(24) for x in r[at[-1] + 1:at[-1] + 4]).rstrip() == long_line

    lines = wait_for(tm, listed, "LIST 10 to show the 60-character line whole")
    check_frame(lines, 80, 40, WINDOW)


def sc_resize(tm, emu, work):
    boot(tm, emu)
    for w, h in ((60, 35), (100, 50), (26, 30)):
        tm.resize(w, h)
        lines = wait_for(tm, lambda l: len(l) == h and framed(l, w, h, WINDOW, "D/C/W/M ?"),
                         "the picture at %dx%d" % (w, h))
        check_frame(lines, w, h, WINDOW)
    tm.resize(20, 10)
    wait_for(tm, has("Terminal too small"), "the too-small message")
    tm.resize(80, 40)
    wait_for(tm, lambda l: framed(l, 80, 40, WINDOW, "D/C/W/M ?"), "the picture back at 80x40")


def sc_too_small(tm, emu, work):
    tm.start(emu, 30, 20)
    wait_for(tm, has("Terminal too small"), "the too-small message")
    tm.resize(80, 40)
    wait_for(tm, lambda l: framed(l, 80, 40, WINDOW, "D/C/W/M ?"),
             "the picture once the terminal is big enough")


def sc_help(tm, emu, work):
    boot(tm, emu)
    for open_keys in (("F1",), ("C-e", "h")):
        tm.keys(*open_keys)
        lines = wait_for(tm, has("superboard-emu keys"), "the help overlay")
        for word in ("quit", "debugger", "insert a tape", "warp", "RUB OUT", "SHIFT LOCK"):
            if not any(word in l for l in lines):
                raise Fail("help lacks %r" % word)
        tm.keys("Space")
        lines = wait_for(tm, lambda l: not has("superboard-emu keys")(l), "the help to close")
        lines = wait_for(tm, has("D/C/W/M ?"), "the picture after the help")
        check_frame(lines, 80, 40, WINDOW)


def shell_start(tm):
    tm.start("env PS1='$ ' bash --norc --noprofile")
    wait_for(tm, has("$"), "the shell")


def check_tty_restored(tm):
    tm.text("stty -a | tr ' ' '\\n' | grep -xE -- '-?(icanon|echo|isig)' | tr '\\n' ' '; echo")
    tm.keys("Enter")
    wait_for(tm, lambda l: any(set(x.split()) == {"icanon", "isig", "echo"} for x in l),
             "the terminal modes restored")


def sc_quit(tm, emu, work):
    shell_start(tm)
    for keys in (("F12",), ("C-e", "q")):
        tm.text("%s; echo EXIT=$?" % emu)
        tm.keys("Enter")
        wait_for(tm, has("D/C/W/M ?"), "the boot menu")
        tm.keys(*keys)
        wait_for(tm, has("EXIT=0"), "the emulator to quit")
        tm.keys("C-l")
    check_tty_restored(tm)


def emulator_pid(tm):
    """The emulator started from the pane's shell (the one child of it)."""
    kids = subprocess.run(["ps", "-o", "pid=", "--ppid", str(tm.pane_pid())],
                          capture_output=True, text=True).stdout.split()
    if len(kids) != 1:
        raise Fail("cannot find the emulator under the shell: %r" % kids)
    return int(kids[0])


def sc_sigint(tm, emu, work):
    shell_start(tm)
    tm.text("%s; echo EXIT=$?" % emu)
    tm.keys("Enter")
    wait_for(tm, has("D/C/W/M ?"), "the boot menu")
    os.kill(emulator_pid(tm), signal.SIGINT)
    wait_for(tm, has("EXIT=0"), "the emulator to stop on SIGINT")
    check_tty_restored(tm)


def sc_sigterm(tm, emu, work):
    rec = os.path.join(work, "sigterm.wav")
    if os.path.exists(rec):
        os.remove(rec)
    shell_start(tm)
    tm.text("%s --tape-out %s; echo EXIT=$?" % (emu, rec))
    tm.keys("Enter")
    wait_for(tm, has("D/C/W/M ?"), "the boot menu")
    # record a few bytes: the 65V monitor has no SAVE; BASIC's SAVE sends the listing
    cold_start(tm)
    wait_for(tm, has("OK"), "OK")
    tm.paste("10 PRINT 1\nSAVE\nLIST\n")
    wait_for(tm, lambda l: "REC" in l[39] and not re.search(r"REC \S+ 0 bytes", l[39]),
             "bytes recorded")
    os.kill(emulator_pid(tm), signal.SIGTERM)
    wait_for(tm, has("EXIT=0"), "the emulator to stop on SIGTERM")
    check_tty_restored(tm)
    with wave.open(rec) as w:  # a finished WAV: its header matches what was written
        frames = w.getnframes()
    if frames < w.getframerate() * 2:
        raise Fail("recording too short (%d frames): not finished" % frames)


def sc_debugger(tm, emu, work):
    boot(tm, emu)
    tm.keys("F11")
    wait_for(tm, has("6502 debugger"), "the debugger overlay")

    def cmd(line, expect):
        tm.text(line)
        tm.keys("Enter")
        return wait_for(tm, has(expect), "%r after %r" % (expect, line))

    # a program that stores 'A' at $D36A and then loops on itself at $0305
    cmd("e 0300 A9 41 8D 6A D3 4C 05 03", "8 bytes stored at $0300")
    cmd("r pc 0300", "PC=0300")
    lines = cmd("s 2", "PC=0305")
    if not any("A=41" in l for l in lines):
        raise Fail("A is not $41 after two steps")
    if not any(re.search(r"> +0305 +4C 05 03 +JMP \$0305", l) for l in lines):
        raise Fail("no disassembly line at PC")
    cmd("m 0300", "0300  A9 41 8D 6A D3 4C 05 03")
    out = os.path.join(work, "dbg.bin")
    cmd("w %s 0300 0307" % out, "saved (8 bytes)")
    with open(out, "rb") as f:
        if f.read() != bytes([0xA9, 0x41, 0x8D, 0x6A, 0xD3, 0x4C, 0x05, 0x03]):
            raise Fail("the saved memory range is wrong")
    cmd("l %s 0400" % out, "8 bytes loaded at $0400")
    cmd("m 0400", "0400  A9 41 8D 6A D3 4C 05 03")
    # a breakpoint stops the running board and opens the overlay again
    cmd("b 0305", "breakpoint at $0305")
    tm.text("g 0300")
    tm.keys("Enter")
    wait_for(tm, has("stopped at $0305"), "the breakpoint")
    cmd("b 0305", "removed")
    cmd("t 0305", "stopped at $0305")  # run to: a one-shot stop
    cmd("e D0A5 BB A1", "2 bytes stored at $D0A5")  # straight into video RAM
    tm.text("x")
    tm.keys("Enter")
    lines = wait_for(tm, lambda l: not has("6502 debugger")(l), "the overlay to close")
    lines = wait_for(tm, lambda l: cell(l, 80, 40, WINDOW, 0xD36A) == "A", "the stored A")
    if cell(lines, 80, 40, WINDOW, 0xD0A5) != "▒" or cell(lines, 80, 40, WINDOW, 0xD0A6) != "█":
        raise Fail("the graphics codes stored by the debugger are not shown as ▒█")
    check_frame(lines, 80, 40, WINDOW)
    tm.keys("C-e", "d")
    wait_for(tm, has("6502 debugger"), "the debugger on CTRL-E d")
    cmd("zz", "? zz")  # a bad command says so and changes nothing


def sc_tape(tm, emu, work):
    raw = os.path.join(work, "tape.txt")
    with open(raw, "w") as f:  # a BASIC program as raw bytes on a tape
        f.write("10 PRINT \"FROM TAPE\"\r\n")
    boot(tm, emu)
    cold_start(tm)
    wait_for(tm, has("OK"), "OK")
    tm.keys("F3")
    wait_for(tm, lambda l: "Insert tape" in l[39], "the file prompt")
    tm.text(raw)
    tm.keys("Enter")
    wait_for(tm, lambda l: "tape.txt" in l[39], "the tape on the status line", timeout=10)
    tm.text("LOAD")
    tm.keys("Enter")
    wait_for(tm, lambda l: "end" in l[39], "the tape played to its end")
    wait_for(tm, row_is('10 PRINT "FROM TAPE"'), "the program read from the tape")
    tm.keys("Space")  # SPACE ends reading from the tape (SYNMON's convention)
    tm.text("RUN")
    tm.keys("Enter")
    wait_for(tm, row_is("FROM TAPE"), "the loaded program's output")
    tm.keys("F4")
    wait_for(tm, lambda l: "no tape" in l[39], "the tape ejected")


def sc_genuine(tm, emu, work):
    d = os.environ.get("SUPERBOARD_ROM_DIR")
    if not d:
        raise Skip("set SUPERBOARD_ROM_DIR to a folder with genuine ROM dumps")
    lines = boot(tm, emu, "--rom-dir " + d)
    check_frame(lines, 80, 40, WINDOW)
    if "genuine" not in lines[39]:
        raise Fail("the status line does not name the genuine ROMs")
    cold_start(tm)
    wait_for(tm, has(" 7423 BYTES FREE"), "7423 BYTES FREE")
    tm.paste("10 FOR I=1 TO 3:PRINT I*7;:NEXT\nRUN\n")
    wait_for(tm, has("7  14  21"), "the program's output")
    tm.paste("POKE 54122,161\n")
    wait_for(tm, lambda l: "█" in "".join(l), "the POKEd glyph")


def sc_no_tty(tm, emu, work):
    """Without a terminal the front end says so (and points to --headless) instead of failing."""
    r = subprocess.run([emu], stdin=subprocess.DEVNULL, capture_output=True, text=True,
                       timeout=TIMEOUT)
    if r.returncode != 2 or "needs a terminal" not in r.stderr or "--headless" not in r.stderr:
        raise Fail("status %d, stderr %r" % (r.returncode, r.stderr))


def sock_read_until(sock, want, timeout):
    """What the telnet port sent, NULs left out, once `want` came and the board went quiet."""
    data = read_until_quiet(sock, want, timeout, quiet=0.5, strip_nuls=True).replace(b"\0", b"")
    if want not in data:
        raise Fail("waited %.0fs for %r from the telnet port, got %r" % (timeout, want, data))
    return data


def cold_start_and_print_over(tm, sock, link):
    """BASIC has asked MEMORY SIZE? over the serial port: RETURN, RETURN, then PRINT 6*7 must
    give 42 over `sock` and on the board's own screen."""
    sock.sendall(b"\r")
    sock_read_until(sock, b"WIDTH?", TIMEOUT)
    sock.sendall(b"\r")
    sock_read_until(sock, b"OK", TIMEOUT)
    sock.sendall(b"PRINT 6*7\r")
    got = sock_read_until(sock, b" 42", TIMEOUT)
    if not re.search(rb"PRINT 6\*7\r\n 42 *\r\n", got):
        raise Fail("PRINT 6*7 over %s gave %r" % (link, got))
    wait_for(tm, row_is(" 42"), "42 on the screen")


def sc_telnet(tm, emu, work):
    """--telnet with --telnet-console in the terminal: the status line shows the port and the
    client; BASIC is driven over a socket while the screen shows the same session."""
    tm.start("%s --telnet 127.0.0.1:0 --telnet-console" % emu)
    lines = wait_for(tm, lambda l: re.search(r"telnet 127\.0\.0\.1:\d+ listening", l[39]),
                     "the telnet port on the status line")
    port = int(re.search(r"telnet 127\.0\.0\.1:(\d+)", lines[39]).group(1))
    sock = socket.create_connection(("127.0.0.1", port), timeout=5)
    try:
        wait_for(tm, lambda l: "telnet 127.0.0.1:%d client connected" % port in l[39],
                 "the client on the status line")
        # The console answered the D/C/W/M menu itself; BASIC asks over the serial port.
        sock_read_until(sock, b"MEMORY SIZE?", TIMEOUT)
        cold_start_and_print_over(tm, sock, "telnet")
        if not inside(tm.screen(), 80, 40, WINDOW, "PRINT 6*7"):
            raise Fail("the command typed over telnet is not on the screen")
    finally:
        sock.close()
    wait_for(tm, lambda l: "telnet 127.0.0.1:%d listening" % port in l[39],
             "the status line back to listening after the client left")


def sc_cassette_audio(tm, emu, work):
    """--cassette-audio with --cassette-console in the terminal, in a private JACK dummy
    server: a telnet client on kcs-modem reaches BASIC through real-time audio; the status
    line shows the audio link and its counters."""
    from jack_env import JackServer
    modem_exe = os.path.join(os.path.dirname(emu), "..", "modem", "kcs-modem")
    with JackServer() as jack:
        modem = subprocess.Popen([modem_exe, "--listen", "127.0.0.1:0", "--audio-name", "modem",
                                  "--audio-device", "system"], env=jack.env,
                                 stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        sock = None
        try:
            first = modem.stderr.readline()  # "kcs-modem: ... telnet 127.0.0.1:PORT"
            m = re.search(r"telnet 127\.0\.0\.1:(\d+)", first)
            if not m:
                raise Fail("kcs-modem did not start: %r" % first)
            port = int(m.group(1))
            jack.wait_ports("modem:out_0", "modem:in_0")
            sock = socket.create_connection(("127.0.0.1", port), timeout=5)
            tm.start("env JACK_DEFAULT_SERVER=%s JACK_NO_START_SERVER=1 %s --cassette-audio "
                     "--audio-name emu --audio-device system --cassette-console"
                     % (jack.env["JACK_DEFAULT_SERVER"], emu))
            jack.wait_ports("emu:out_0", "emu:in_0")
            for client in ("modem", "emu"):
                jack.disconnect("system:capture_1", "%s:in_0" % client)
            jack.connect("modem:out_0", "emu:in_0")
            jack.connect("emu:out_0", "modem:in_0")
            wait_for(tm, lambda l: re.search(r"\| audio on, underruns \d+, overruns \d+ \|",
                                             l[39]), "the audio link on the status line")
            # BASIC may have asked MEMORY SIZE? before the ports were joined: it waits anyway
            # (and a RETURN that comes while it still prints waits in the ACIA link).
            wait_for(tm, has("MEMORY SIZE?"), "MEMORY SIZE? on the screen")
            cold_start_and_print_over(tm, sock, "audio")
        finally:
            if sock:
                sock.close()
            tm.kill()  # the emulator goes before the JACK server does
            modem.terminate()
            modem.wait(10)


SCENARIOS = {k[3:]: v for k, v in globals().items() if k.startswith("sc_")}


def main():
    if len(sys.argv) != 4 or sys.argv[2] not in SCENARIOS:
        sys.stderr.write("usage: tmux_terminal_test.py EMU SCENARIO WORKDIR (%s)\n"
                         % " ".join(SCENARIOS))
        return 2
    emu, name, work = sys.argv[1:]
    if not shutil.which("tmux"):
        print("skipped: tmux is not installed")
        return 77
    os.makedirs(work, exist_ok=True)
    tm = Tmux(name)
    try:
        SCENARIOS[name](tm, emu, work)
    except Skip as e:
        print("skipped: %s" % e)
        return 77
    except Fail as e:
        print("FAIL %s: %s" % (name, e))
        try:
            print("--- pane:\n" + "\n".join(tm.screen()))
        except Fail:
            pass
        return 1
    finally:
        tm.kill()
    print("ok: %s" % name)
    return 0


if __name__ == "__main__":
    sys.exit(main())
