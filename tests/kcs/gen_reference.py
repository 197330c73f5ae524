#!/usr/bin/env python3
"""Writes KCS recordings the way other tools of the Superboard world made them, independently
of libkcs, so kcs-decode is tested on audio it did not make itself.

  gen_reference.py classic IN OUT   the classic 9600 Hz 8-bit square-wave encoder: text with
                                    CR and NUL padding, carrier before and after
  gen_reference.py emulator IN OUT  a full-scale 44.1 kHz square wave with seconds of DC
                                    before and after, as emulators record
"""
import sys
import wave


def bits_of(byte):
    return [0] + [(byte >> i) & 1 for i in range(8)] + [1, 1]


def square(rate, bits, low, high, freq_one=2400, freq_zero=1200, baud=300):
    """Square-wave samples for a list of bits, each cell starting on a rising edge."""
    out = []
    pos = 0.0
    for bit in bits:
        freq = freq_one if bit else freq_zero
        cell = rate / baud
        start = pos
        while pos < start + cell:
            phase = ((pos - start) * freq / rate) % 1.0
            out.append(high if phase < 0.5 else low)
            pos += 1
        pos = start + cell
    return out


def write(path, rate, width, samples):
    with wave.open(path, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(width)
        w.setframerate(rate)
        if width == 1:
            w.writeframes(bytes(samples))
        else:
            w.writeframes(b"".join(int(s).to_bytes(2, "little", signed=True) for s in samples))


def main():
    kind, src, dst = sys.argv[1:4]
    data = open(src, "rb").read()
    if kind == "classic":
        text = data.replace(b"\r\n", b"\n").replace(b"\n", b"\r" + b"\0" * 10)
        bits = [1] * 300 * 3
        for b in text:
            bits += bits_of(b)
        bits += [1] * 300
        write(dst, 9600, 1, square(9600, bits, 0x40, 0xC0))
    elif kind == "emulator":
        bits = [1] * 300
        for b in data:
            bits += bits_of(b)
        bits += [1] * 150
        dc = [32767] * (44100 * 2)
        write(dst, 44100, 2, dc + square(44100, bits, -32767, 32767) + dc)
    else:
        sys.exit("unknown kind " + kind)


if __name__ == "__main__":
    main()
