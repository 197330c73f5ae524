#!/usr/bin/env python3
"""Derive the polynomial coefficients of math.s (our own fits, computed here, not copied):
each function is fitted by interpolation at Chebyshev nodes (a near-minimax polynomial) on the
range that math.s reduces its argument to, and printed in the packed form of fconst.py with the
highest power first, as poly in math.s wants them. Run: polyfit.py (prints the tables and the
largest error of each fit, measured on a fine grid in double precision)."""
import math
from fractions import Fraction
from fconst import pack

def solve(a, b):
    """Gaussian elimination in exact fractions (the systems are small)."""
    n = len(b)
    m = [[Fraction(x) for x in row] + [Fraction(y)] for row, y in zip(a, b)]
    for c in range(n):
        p = max(range(c, n), key=lambda r: abs(m[r][c]))
        m[c], m[p] = m[p], m[c]
        for r in range(n):
            if r != c and m[r][c] != 0:
                f = m[r][c] / m[c][c]
                m[r] = [x - f * y for x, y in zip(m[r], m[c])]
    return [float(m[i][n] / m[i][i]) for i in range(n)]

def fit(g, lo, hi, n):
    """Coefficients c0..c(n-1) of the polynomial in s interpolating g at n Chebyshev nodes."""
    nodes = [(lo + hi) / 2 + (hi - lo) / 2 * math.cos(math.pi * (k + 0.5) / n) for k in range(n)]
    return solve([[s ** j for j in range(n)] for s in nodes], [g(s) for s in nodes])

def horner(c, s):
    r = 0.0
    for x in reversed(c):
        r = r * s + x
    return r

def show(name, c, check):
    print("%s:  .byte %d" % (name, len(c) - 1))
    for x in reversed(c):
        print("        .byte   " + ", ".join("$%02X" % b for b in pack(x)) + "   ; %.10g" % x)
    print("; largest relative error of the fit: %.3g" % check)

def relerr(f, approx, lo, hi, steps=20000):
    worst = 0.0
    for k in range(1, steps + 1):
        x = lo + (hi - lo) * k / steps
        if f(x) != 0:
            worst = max(worst, abs(approx(x) / f(x) - 1))
    return worst

# SIN: x = k pi + r, |r| <= pi/2: sin(r) = r * P(r^2)
H = math.pi / 2 + 1e-3
c = fit(lambda s: math.sin(math.sqrt(s)) / math.sqrt(s) if s else 1.0, 0, H * H, 5)
show("p_sin", c, relerr(math.sin, lambda r: r * horner(c, r * r), 1e-6, H))
# ATN: |x| <= 1 (larger x use pi/2 - ATN(1/x)): atan(x) = x * P(x^2)
N = 10
c = fit(lambda s: math.atan(math.sqrt(s)) / math.sqrt(s) if s else 1.0, 0, 1.0, N)
show("p_atn", c, relerr(math.atan, lambda x: x * horner(c, x * x), 0, 1))
# LOG: f in [0.707, 1.415), t = (f-1)/(f+1), |t| <= 0.1717: ln f = t * P(t^2)
T = 0.1717
c = fit(lambda s: 2 * math.atanh(math.sqrt(s)) / math.sqrt(s) if s else 2.0, 0, T * T, 4)
show("p_log", c, relerr(lambda t: 2 * math.atanh(t), lambda t: t * horner(c, t * t), 1e-6, T))
# EXP: |r| <= ln(2)/2: e^r = P(r)
R = math.log(2) / 2 + 1e-4
c = fit(math.exp, -R, R, 7)
show("p_exp", c, relerr(math.exp, lambda r: horner(c, r), -R, R))
