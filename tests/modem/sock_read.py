"""Reading a telnet session's socket in the modem and terminal tests.

read_until(sock, want, timeout, strip_nuls=False): everything read until `want` came (looked
    for with the NULs left out when strip_nuls), the peer closed, or `timeout` seconds passed.
read_until_quiet(sock, want, timeout, quiet=0.6, strip_nuls=False): the same, then on until
    nothing came for `quiet` seconds: the board has finished printing (the NULs after its CR
    included) and is back at its input loop. A real Superboard loses what arrives while it
    prints, exactly like the emulated one, so the tests type only after that.
"""
import select
import time


def read_until(sock, want, timeout, strip_nuls=False):
    data = b""
    end = time.monotonic() + timeout
    while want not in (data.replace(b"\0", b"") if strip_nuls else data) and \
            time.monotonic() < end:
        r, _, _ = select.select([sock], [], [], 0.1)
        if r:
            chunk = sock.recv(65536)
            if not chunk:
                break
            data += chunk
    return data


def read_until_quiet(sock, want, timeout, quiet=0.6, strip_nuls=False):
    data = read_until(sock, want, timeout, strip_nuls)
    while True:
        r, _, _ = select.select([sock], [], [], quiet)
        if not r:
            return data
        chunk = sock.recv(65536)
        if not chunk:
            return data
        data += chunk
