#!/usr/bin/env python3
"""Print a float as this BASIC's packed 4-byte form: exponent (bias $80, value = 0.1m * 2^(e-$80)),
then the 24-bit mantissa with its top (always 1) bit replaced by the sign.
Used to write the constant tables in float.s; run: fconst.py 0.5 3.14159265"""
import math, sys

def pack(x):
    if x == 0:
        return [0, 0, 0, 0]
    s = 0x80 if x < 0 else 0
    m, e = math.frexp(abs(x))          # abs(x) = m * 2^e, 0.5 <= m < 1
    mi = round(m * (1 << 24))
    if mi == 1 << 24:
        mi >>= 1
        e += 1
    return [e + 0x80, ((mi >> 16) & 0x7F) | s, (mi >> 8) & 0xFF, mi & 0xFF]

for arg in sys.argv[1:]:
    v = eval(arg, {"math": math})
    print("        .byte   " + ", ".join("$%02X" % b for b in pack(v)) + "   ; " + arg)
