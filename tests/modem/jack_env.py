"""A private JACK server with the dummy driver, for tests that need a real audio graph.

with JackServer() as jack:      # skips the test (exit 77) if jackd truly cannot start
    env = jack.env              # JACK_DEFAULT_SERVER=<unique name>, no autostart
    jack.connect("a:out_1", "b:in_1")
"""
import os
import shutil
import subprocess
import sys
import time


def skip(msg):
    print(f"SKIP: {msg}")
    sys.exit(77)


class JackServer:
    def __init__(self, rate=48000, period=1024):
        self.name = f"toolkit-test-{os.getpid()}-{time.monotonic_ns() % 1000000}"
        self.rate, self.period = rate, period
        self.env = dict(os.environ, JACK_DEFAULT_SERVER=self.name, JACK_NO_START_SERVER="1",
                        JACK_NO_AUDIO_RESERVATION="1")
        self.proc = None

    def __enter__(self):
        jackd = shutil.which("jackd")
        if not jackd or not shutil.which("jack_connect") or not shutil.which("jack_lsp"):
            skip("jackd, jack_connect or jack_lsp is not installed (Debian jackd2)")
        self.log = open(os.devnull, "wb")
        self.proc = subprocess.Popen([jackd, "--no-realtime", "-n", self.name, "-d", "dummy",
                                      "-r", str(self.rate), "-p", str(self.period)],
                                     env=self.env, stdout=self.log, stderr=subprocess.STDOUT)
        end = time.monotonic() + 10
        while time.monotonic() < end:
            if self.proc.poll() is not None:
                skip(f"jackd exited with status {self.proc.returncode} at start")
            if subprocess.run(["jack_lsp"], env=self.env, capture_output=True).returncode == 0:
                return self
            time.sleep(0.1)
        self.__exit__(None, None, None)
        skip("jackd did not come up within 10 s")

    def ports(self):
        out = subprocess.run(["jack_lsp"], env=self.env, capture_output=True, text=True).stdout
        return out.split("\n")

    def wait_ports(self, *names, timeout=10):
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            have = self.ports()
            if all(n in have for n in names):
                return
            time.sleep(0.1)
        raise AssertionError(f"JACK ports {names} did not appear; have {self.ports()}")

    def connect(self, src, dst):
        p = subprocess.run(["jack_connect", src, dst], env=self.env, capture_output=True,
                           text=True)
        if p.returncode != 0:
            raise AssertionError(f"jack_connect {src} {dst}: {p.stderr.strip()}")

    def disconnect(self, src, dst):
        subprocess.run(["jack_disconnect", src, dst], env=self.env, capture_output=True)

    def __exit__(self, *exc):
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        if getattr(self, "log", None):
            self.log.close()
        return False
