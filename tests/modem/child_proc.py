"""A child process of the modem tests (kcs-modem, superboard-emu): started, its first stderr
line matched (the address or rate it announces), its later lines kept by a thread, stopped with
SIGTERM (killed if it does not go within 10 s).
"""
import re
import signal
import subprocess
import threading
import time


class Proc:
    """A child whose first stderr line is checked and whose later lines are kept."""

    def __init__(self, name, argv, env, first_pattern):
        self.name = name
        self.proc = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL,
                                     stderr=subprocess.PIPE, text=True)
        self.lines = []
        first = self.proc.stderr.readline()
        self.match = re.search(first_pattern, first)
        if not self.match:
            self.stop()
            rest = self.proc.stderr.read()
            raise AssertionError(f"{name} did not start: {first}{rest}")
        self.lines.append(first)
        threading.Thread(target=self._drain, daemon=True).start()

    def _drain(self):
        for line in self.proc.stderr:
            self.lines.append(line)

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        time.sleep(0.2)  # the drain thread reads the last lines
        return self.proc.returncode
