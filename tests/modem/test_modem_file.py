#!/usr/bin/python3
"""The modem (modem.h) on the file audio backend, checked with the file tools: while the modem
decodes a recording made by kcs-encode, it encodes a text into a WAV of its own.

For each rate and baud: kcs-encode --binary turns a block of bytes (all 256 values, NULs and
CRs included) into IN.wav; modem_file decodes IN.wav while sending another text into OUT.wav.
Then
- what modem_file decoded must be exactly the bytes given to kcs-encode, and
- kcs-decode must find exactly the sent text in OUT.wav (after the modem's lead-in carrier),
  with no framing errors.

usage: test_modem_file.py MODEM_FILE KCS_ENCODE KCS_DECODE
"""
import os
import random
import subprocess
import sys
import tempfile


def main():
    modem_file, kcs_encode, kcs_decode = sys.argv[1:4]
    failures = []
    rnd = random.Random(9)
    with tempfile.TemporaryDirectory() as d:
        for rate, baud in ((48000, 300), (44100, 300), (22050, 600), (8000, 300), (48000, 1200)):
            received = bytes(range(256)) + bytes(rnd.randrange(256) for _ in range(100))
            sent = b"".join(f"{10 * i} PRINT \"LINE {i} AT {rate} HZ\"\r".encode()
                            for i in range(1, 9)) + bytes([0, 255, 13, 10, 0x7F])
            data_in, wav_in = os.path.join(d, "in.bin"), os.path.join(d, "in.wav")
            text_out, wav_out = os.path.join(d, "send.bin"), os.path.join(d, "out.wav")
            open(data_in, "wb").write(received)
            open(text_out, "wb").write(sent)
            # A trailer long enough for the modem to finish sending before the input ends
            # (the fixture fails if it does not).
            trailer = len(sent) * 11 / baud + 2
            subprocess.run([kcs_encode, "--binary", "--rate", str(rate), "--baud", str(baud),
                            "--leader", "2", "--trailer", f"{trailer:.1f}", data_in, wav_in],
                           check=True)
            p = subprocess.run([modem_file, "--in", wav_in, "--out", wav_out, "--send-file",
                                text_out, "--baud", str(baud)], capture_output=True, timeout=60)
            what = f"{rate} Hz {baud} baud"
            err = p.stderr.decode().strip()
            if p.returncode != 0:
                failures.append(f"{what}: modem_file exit {p.returncode}: {err}")
            if p.stdout != received:
                failures.append(f"{what}: the modem decoded {len(p.stdout)} bytes, not the "
                                f"{len(received)} given to kcs-encode (first difference at "
                                f"{next((i for i, (x, y) in enumerate(zip(p.stdout, received)) if x != y), min(len(p.stdout), len(received)))})")
            q = subprocess.run([kcs_decode, "--baud", str(baud), "--stats", wav_out],
                               capture_output=True, timeout=60)
            if q.returncode != 0 or q.stdout != sent:
                failures.append(f"{what}: kcs-decode of the modem's output: exit "
                                f"{q.returncode}, {q.stdout!r} != {sent!r}; "
                                f"{q.stderr.decode().strip()}")
            ok = not failures or not failures[-1].startswith(what)
            print(("ok    " if ok else "FAIL  ") +
                  f"{what}: decoded {len(p.stdout)} bytes, sent {len(sent)}; {err}")
    for f in failures:
        print("FAIL  " + f)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
