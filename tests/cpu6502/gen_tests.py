#!/usr/bin/python3
"""Independent reference model of the NMOS 6502 that writes single-instruction tests.

Written from the chip's documented behaviour (MCS6500 programming and hardware manuals, the
per-cycle bus tables of the hardware manual's appendix, Bruce Clark's description of NMOS
decimal mode, the community descriptions of the stable undocumented opcodes). It shares no
code or tables with the C core on purpose: the two are checked against each other.

Output: SingleStepTests JSON (array of {name, initial, final, cycles}). Memory starts as
random bytes, drawn lazily the first time an address is read, so `initial.ram` lists exactly
the bytes the instruction depends on.

    gen_tests.py --arithmetic-table FILE
writes every ADC/SBC #imm result (both modes, both carries, all A and operands) as bytes.

    gen_tests.py OUTDIR [--seed N] [--per-opcode N]
writes OUTDIR/documented.json, OUTDIR/undocumented.json (the stable undocumented opcodes)
and OUTDIR/unstable.json (ANE LXA LAS SHA SHX SHY TAS by the model the core documents).
"""
import json
import random
import sys

# --- opcode map -----------------------------------------------------------------------
# mode names: imp acc imm zp zpx zpy izx izy abs abx aby ind rel
OPS = {}


def define(name, kind, **modes):
    """kind: 'r' reads its operand, 'w' writes, 'm' read-modify-write, 'x' special."""
    for mode, opcode in modes.items():
        assert opcode not in OPS, hex(opcode)
        OPS[opcode] = (name, mode, kind)


ALU_MODES = dict(izx=0x01, zp=0x05, imm=0x09, abs=0x0D, izy=0x11, zpx=0x15, aby=0x19, abx=0x1D)
for nm, base in (("ORA", 0x00), ("AND", 0x20), ("EOR", 0x40), ("ADC", 0x60),
                 ("LDA", 0xA0), ("CMP", 0xC0), ("SBC", 0xE0)):
    define(nm, "r", **{m: base + off for m, off in ALU_MODES.items()})
define("STA", "w", izx=0x81, zp=0x85, abs=0x8D, izy=0x91, zpx=0x95, aby=0x99, abx=0x9D)
for nm, base in (("ASL", 0x00), ("ROL", 0x20), ("LSR", 0x40), ("ROR", 0x60)):
    define(nm, "m", zp=base + 6, abs=base + 0x0E, zpx=base + 0x16, abx=base + 0x1E)
    define(nm, "x", acc=base + 0x0A)
define("DEC", "m", zp=0xC6, abs=0xCE, zpx=0xD6, abx=0xDE)
define("INC", "m", zp=0xE6, abs=0xEE, zpx=0xF6, abx=0xFE)
define("LDX", "r", imm=0xA2, zp=0xA6, zpy=0xB6, abs=0xAE, aby=0xBE)
define("LDY", "r", imm=0xA0, zp=0xA4, zpx=0xB4, abs=0xAC, abx=0xBC)
define("STX", "w", zp=0x86, zpy=0x96, abs=0x8E)
define("STY", "w", zp=0x84, zpx=0x94, abs=0x8C)
define("CPX", "r", imm=0xE0, zp=0xE4, abs=0xEC)
define("CPY", "r", imm=0xC0, zp=0xC4, abs=0xCC)
define("BIT", "r", zp=0x24, abs=0x2C)
for nm, opcode in (("BPL", 0x10), ("BMI", 0x30), ("BVC", 0x50), ("BVS", 0x70),
                   ("BCC", 0x90), ("BCS", 0xB0), ("BNE", 0xD0), ("BEQ", 0xF0)):
    define(nm, "x", rel=opcode)
for nm, opcode in (("CLC", 0x18), ("SEC", 0x38), ("CLI", 0x58), ("SEI", 0x78), ("CLV", 0xB8),
                   ("CLD", 0xD8), ("SED", 0xF8), ("TAX", 0xAA), ("TXA", 0x8A), ("TAY", 0xA8),
                   ("TYA", 0x98), ("TSX", 0xBA), ("TXS", 0x9A), ("INX", 0xE8), ("INY", 0xC8),
                   ("DEX", 0xCA), ("DEY", 0x88), ("NOP", 0xEA), ("PHA", 0x48), ("PHP", 0x08),
                   ("PLA", 0x68), ("PLP", 0x28), ("RTS", 0x60), ("RTI", 0x40), ("BRK", 0x00)):
    define(nm, "x", imp=opcode)
define("JMP", "x", abs=0x4C, ind=0x6C)
define("JSR", "x", abs=0x20)
DOCUMENTED = set(OPS)

# Stable undocumented opcodes.
for nm, base in (("SLO", 0x00), ("RLA", 0x20), ("SRE", 0x40), ("RRA", 0x60), ("DCP", 0xC0), ("ISC", 0xE0)):
    define(nm, "m", izx=base + 3, zp=base + 7, abs=base + 0x0F, izy=base + 0x13,
           zpx=base + 0x17, aby=base + 0x1B, abx=base + 0x1F)
define("SAX", "w", izx=0x83, zp=0x87, abs=0x8F, zpy=0x97)
define("LAX", "r", izx=0xA3, zp=0xA7, abs=0xAF, izy=0xB3, zpy=0xB7, aby=0xBF)
define("ANC", "r", imm=0x0B)
OPS[0x2B] = ("ANC", "imm", "r")
define("ALR", "r", imm=0x4B)
define("ARR", "r", imm=0x6B)
define("SBX", "r", imm=0xCB)
OPS[0xEB] = ("SBC", "imm", "r")
for opcode in (0x1A, 0x3A, 0x5A, 0x7A, 0xDA, 0xFA):
    OPS[opcode] = ("NOP", "imp", "x")
for opcode in (0x80, 0x82, 0x89, 0xC2, 0xE2):
    OPS[opcode] = ("NOP", "imm", "r")
for opcode in (0x04, 0x44, 0x64):
    OPS[opcode] = ("NOP", "zp", "r")
for opcode in (0x14, 0x34, 0x54, 0x74, 0xD4, 0xF4):
    OPS[opcode] = ("NOP", "zpx", "r")
OPS[0x0C] = ("NOP", "abs", "r")
for opcode in (0x1C, 0x3C, 0x5C, 0x7C, 0xDC, 0xFC):
    OPS[opcode] = ("NOP", "abx", "r")

assert len(DOCUMENTED) == 151, len(DOCUMENTED)
STABLE = set(OPS)

# Unstable opcodes, by the usual model (the constants the C core documents: magic $EE).
define("ANE", "r", imm=0x8B)
define("LXA", "r", imm=0xAB)
define("LAS", "r", aby=0xBB)
define("SHA", "h", izy=0x93, aby=0x9F)
define("SHX", "h", aby=0x9E)
define("SHY", "h", abx=0x9C)
define("TAS", "h", aby=0x9B)
MAGIC = 0xEE


# --- machine state -------------------------------------------------------------------------
class Machine:
    def __init__(self, rng, regs, preset):
        self.rng = rng
        self.mem = dict(preset)       # address -> byte, grows lazily
        self.initial = dict(preset)
        self.cycles = []
        self.pc, self.s, self.a, self.x, self.y, p = regs
        self.flags = {f: bool(p & bit) for f, bit in FLAG_BITS.items()}

    def read(self, addr):
        addr &= 0xFFFF
        if addr not in self.mem:
            self.mem[addr] = self.initial[addr] = self.rng.randrange(256)
        value = self.mem[addr]
        self.cycles.append([addr, value, "read"])
        return value

    def write(self, addr, value):
        addr &= 0xFFFF
        value &= 0xFF
        if addr not in self.initial:  # so the final state lists it with a known start
            self.initial[addr] = self.mem[addr] = self.rng.randrange(256)
        self.mem[addr] = value
        self.cycles.append([addr, value, "write"])

    def next_byte(self):
        value = self.read(self.pc)
        self.pc = (self.pc + 1) & 0xFFFF
        return value

    def push(self, value):
        self.write(0x100 + self.s, value)
        self.s = (self.s - 1) & 0xFF

    def pull(self):
        self.s = (self.s + 1) & 0xFF
        return self.read(0x100 + self.s)

    def status(self, b_flag):
        p = 0x20 | (0x10 if b_flag else 0)
        for f, bit in FLAG_BITS.items():
            if self.flags[f]:
                p |= bit
        return p

    def set_status(self, p):
        for f, bit in FLAG_BITS.items():
            self.flags[f] = bool(p & bit)

    def set_nz(self, value):
        self.flags["N"] = value >= 0x80
        self.flags["Z"] = value == 0


FLAG_BITS = {"C": 0x01, "Z": 0x02, "I": 0x04, "D": 0x08, "V": 0x40, "N": 0x80}


# --- arithmetic from the data sheet -------------------------------------------------------
def signed(v):
    return v - 256 if v >= 128 else v


def add_with_carry(m, op):
    """ADC, including NMOS decimal mode as described by Bruce Clark (6502.org tutorial)."""
    a, c = m.a, int(m.flags["C"])
    binary = a + op + c
    if not m.flags["D"]:
        m.flags["C"] = binary > 0xFF
        m.flags["V"] = not (-128 <= signed(a) + signed(op) + c <= 127)
        m.a = binary & 0xFF
        m.set_nz(m.a)
        return
    low = (a & 0x0F) + (op & 0x0F) + c
    if low >= 0x0A:
        low = ((low + 0x06) & 0x0F) + 0x10
    seq1 = (a & 0xF0) + (op & 0xF0) + low
    # Sequence 2: the same sum in signed arithmetic gives N and V.
    seq2 = signed(a & 0xF0) + signed(op & 0xF0) + low
    m.flags["N"] = bool(seq2 & 0x80)
    m.flags["V"] = not (-128 <= seq2 <= 127)
    if seq1 >= 0xA0:
        seq1 += 0x60
    m.flags["C"] = seq1 >= 0x100
    m.flags["Z"] = (binary & 0xFF) == 0
    m.a = seq1 & 0xFF


def subtract_with_borrow(m, op):
    """SBC: NMOS flags always come from the binary subtraction; A is corrected in decimal mode."""
    a, c = m.a, int(m.flags["C"])
    diff = a - op - (1 - c)
    m.flags["C"] = diff >= 0
    m.flags["V"] = not (-128 <= signed(a) - signed(op) - (1 - c) <= 127)
    m.set_nz(diff & 0xFF)
    if not m.flags["D"]:
        m.a = diff & 0xFF
        return
    low = (a & 0x0F) - (op & 0x0F) + c - 1
    if low < 0:
        low = ((low - 0x06) & 0x0F) - 0x10
    full = (a & 0xF0) - (op & 0xF0) + low
    if full < 0:
        full -= 0x60
    m.a = full & 0xFF


def compare(m, reg, op):
    m.flags["C"] = reg >= op
    m.set_nz((reg - op) & 0xFF)


def shift(m, name, v):
    """ASL/LSR/ROL/ROR on a value; returns the new value, sets N Z C."""
    carry_in = int(m.flags["C"])
    if name == "ASL":
        out, carry = (v << 1) & 0xFF, v >> 7
    elif name == "ROL":
        out, carry = ((v << 1) | carry_in) & 0xFF, v >> 7
    elif name == "LSR":
        out, carry = v >> 1, v & 1
    else:
        out, carry = (v >> 1) | (carry_in << 7), v & 1
    m.flags["C"] = bool(carry)
    m.set_nz(out)
    return out


def read_op(m, name, v):
    if name in ("LDA", "LAX"):
        m.a = v
        if name == "LAX":
            m.x = v
        m.set_nz(v)
    elif name == "LDX":
        m.x = v
        m.set_nz(v)
    elif name == "LDY":
        m.y = v
        m.set_nz(v)
    elif name == "ORA":
        m.a |= v
        m.set_nz(m.a)
    elif name == "AND":
        m.a &= v
        m.set_nz(m.a)
    elif name == "EOR":
        m.a ^= v
        m.set_nz(m.a)
    elif name == "ADC":
        add_with_carry(m, v)
    elif name == "SBC":
        subtract_with_borrow(m, v)
    elif name == "CMP":
        compare(m, m.a, v)
    elif name == "CPX":
        compare(m, m.x, v)
    elif name == "CPY":
        compare(m, m.y, v)
    elif name == "BIT":
        m.flags["N"] = bool(v & 0x80)
        m.flags["V"] = bool(v & 0x40)
        m.flags["Z"] = (m.a & v) == 0
    elif name == "ANC":
        m.a &= v
        m.set_nz(m.a)
        m.flags["C"] = m.flags["N"]
    elif name == "ALR":
        m.a = shift(m, "LSR", m.a & v)
    elif name == "ARR":
        arr(m, v)
    elif name == "SBX":
        both = m.a & m.x
        m.flags["C"] = both >= v
        m.x = (both - v) & 0xFF
        m.set_nz(m.x)
    elif name == "ANE":
        m.a = (m.a | MAGIC) & m.x & v
        m.set_nz(m.a)
    elif name == "LXA":
        m.a = m.x = (m.a | MAGIC) & v
        m.set_nz(m.a)
    elif name == "LAS":
        m.a = m.x = m.s = m.s & v
        m.set_nz(m.a)
    elif name == "NOP":
        pass
    else:
        raise ValueError(name)


def arr(m, v):
    """AND then ROR; decimal mode adds the NMOS BCD fix-up (64doc's description)."""
    t = m.a & v
    rotated = (t >> 1) | (int(m.flags["C"]) << 7)
    if not m.flags["D"]:
        m.a = rotated
        m.set_nz(rotated)
        m.flags["C"] = bool(rotated & 0x40)
        m.flags["V"] = bool(((rotated >> 6) ^ (rotated >> 5)) & 1)
        return
    m.flags["N"] = m.flags["C"]
    m.flags["Z"] = rotated == 0
    m.flags["V"] = bool((t ^ rotated) & 0x40)
    high, low = t >> 4, t & 0x0F
    if low + (low & 1) > 5:
        rotated = (rotated & 0xF0) | ((rotated + 6) & 0x0F)
    if high + (high & 1) > 5:
        m.flags["C"] = True
        rotated = (rotated + 0x60) & 0xFF
    else:
        m.flags["C"] = False
    m.a = rotated


def modify_op(m, name, v):
    """Read-modify-write operations; returns the value written back."""
    if name in ("ASL", "ROL", "LSR", "ROR"):
        return shift(m, name, v)
    if name in ("INC", "DEC"):
        out = (v + (1 if name == "INC" else -1)) & 0xFF
        m.set_nz(out)
        return out
    combined = {"SLO": ("ASL", "ORA"), "RLA": ("ROL", "AND"), "SRE": ("LSR", "EOR"),
                "RRA": ("ROR", "ADC"), "DCP": ("DEC", "CMP"), "ISC": ("INC", "SBC")}[name]
    out = modify_op(m, combined[0], v)
    read_op(m, combined[1], out)
    return out


# --- addressing: the bus cycles of the hardware manual's appendix ---------------------------
def effective_address(m, mode, kind):
    """Performs the addressing cycles; returns the address of the data access."""
    if mode == "zp":
        return m.next_byte()
    if mode in ("zpx", "zpy"):
        base = m.next_byte()
        m.read(base)                                  # reads the base while adding the index
        return (base + (m.x if mode == "zpx" else m.y)) & 0xFF
    if mode == "abs":
        low = m.next_byte()
        return low | (m.next_byte() << 8)
    if mode == "izx":
        pointer = m.next_byte()
        m.read(pointer)
        pointer = (pointer + m.x) & 0xFF
        low = m.read(pointer)
        return low | (m.read((pointer + 1) & 0xFF) << 8)
    if mode in ("abx", "aby", "izy"):
        if mode == "izy":
            pointer = m.next_byte()
            low = m.read(pointer)
            high = m.read((pointer + 1) & 0xFF)
            index = m.y
        else:
            low = m.next_byte()
            high = m.next_byte()
            index = m.x if mode == "abx" else m.y
        target = ((high << 8) + low + index) & 0xFFFF
        uncorrected = (high << 8) | ((low + index) & 0xFF)
        # The chip reads with the un-carried high byte first; reads stop there when no
        # carry was needed, writes and read-modify-writes always take the extra cycle.
        if kind != "r" or uncorrected != target:
            m.read(uncorrected)
        return target
    raise ValueError(mode)


def execute(m, opcode):
    name, mode, kind = OPS[opcode]
    m.next_byte()  # opcode fetch
    if kind == "r" and mode == "imm":
        read_op(m, name, m.next_byte())
        return
    if kind == "r":
        read_op(m, name, m.read(effective_address(m, mode, kind)))
        return
    if kind == "w":
        addr = effective_address(m, mode, kind)
        value = {"STA": m.a, "STX": m.x, "STY": m.y, "SAX": m.a & m.x}[name]
        m.write(addr, value)
        return
    if kind == "h":
        unstable_store(m, name, mode)
        return
    if kind == "m":
        addr = effective_address(m, mode, kind)
        old = m.read(addr)
        m.write(addr, old)  # the chip writes the unmodified value back first
        m.write(addr, modify_op(m, name, old))
        return
    special(m, name, mode)


def unstable_store(m, name, mode):
    """SHA SHX SHY TAS: store reg & (H+1), H the base's high byte; on a page cross the
    stored value also becomes the high byte of the address."""
    if mode == "izy":
        pointer = m.next_byte()
        base = m.read(pointer) | (m.read((pointer + 1) & 0xFF) << 8)
    else:
        base = m.next_byte()
        base |= m.next_byte() << 8
    index = m.x if mode == "abx" else m.y
    target = (base + index) & 0xFFFF
    m.read((base & 0xFF00) | (target & 0xFF))
    if name == "TAS":
        m.s = m.a & m.x
    reg = {"SHA": m.a & m.x, "SHX": m.x, "SHY": m.y, "TAS": m.s}[name]
    value = reg & (((base >> 8) + 1) & 0xFF)
    if (target ^ base) & 0x100:
        target = (value << 8) | (target & 0xFF)
    m.write(target, value)


BRANCH_TESTS = {"BPL": ("N", False), "BMI": ("N", True), "BVC": ("V", False), "BVS": ("V", True),
                "BCC": ("C", False), "BCS": ("C", True), "BNE": ("Z", False), "BEQ": ("Z", True)}


def special(m, name, mode):
    if name in BRANCH_TESTS:
        offset = m.next_byte()
        flag, want = BRANCH_TESTS[name]
        if m.flags[flag] != want:
            return
        m.read(m.pc)                                  # next opcode, discarded
        target = (m.pc + signed(offset)) & 0xFFFF
        if (target >> 8) != (m.pc >> 8):
            m.read((m.pc & 0xFF00) | (target & 0xFF))  # before the high byte is fixed
        m.pc = target
        return
    if name == "JMP":
        low = m.next_byte()
        high = m.read(m.pc)
        if mode == "abs":
            m.pc = low | (high << 8)
            return
        pointer = low | (high << 8)
        target_low = m.read(pointer)
        target_high = m.read((pointer & 0xFF00) | ((pointer + 1) & 0xFF))
        m.pc = target_low | (target_high << 8)
        return
    if name == "JSR":
        low = m.next_byte()
        m.read(0x100 + m.s)
        m.push(m.pc >> 8)
        m.push(m.pc & 0xFF)
        m.pc = low | (m.read(m.pc) << 8)
        return
    if name == "BRK":
        m.next_byte()                                 # the signature byte is skipped
        m.push(m.pc >> 8)
        m.push(m.pc & 0xFF)
        m.push(m.status(b_flag=True))
        m.flags["I"] = True
        m.pc = m.read(0xFFFE) | (m.read(0xFFFF) << 8)
        return
    m.read(m.pc)  # every remaining one-byte instruction reads the next byte and ignores it
    if name in ("RTS", "RTI", "PLA", "PLP"):
        m.read(0x100 + m.s)                           # stack pointer increment cycle
        if name == "RTI":
            m.set_status(m.pull())
            m.pc = m.pull() | (m.pull() << 8)
        elif name == "RTS":
            m.pc = m.pull() | (m.pull() << 8)
            m.read(m.pc)
            m.pc = (m.pc + 1) & 0xFFFF
        elif name == "PLA":
            m.a = m.pull()
            m.set_nz(m.a)
        else:
            m.set_status(m.pull())
        return
    if name == "PHA":
        m.push(m.a)
    elif name == "PHP":
        m.push(m.status(b_flag=True))
    elif mode == "acc":
        m.a = shift(m, name, m.a)
    elif name in ("CLC", "SEC", "CLI", "SEI", "CLV", "CLD", "SED"):
        m.flags[{"CLC": "C", "SEC": "C", "CLI": "I", "SEI": "I", "CLV": "V",
                 "CLD": "D", "SED": "D"}[name]] = name.startswith("SE")
    elif name in ("TAX", "TAY", "TXA", "TYA", "TSX", "INX", "INY", "DEX", "DEY"):
        src = {"TAX": m.a, "TAY": m.a, "TXA": m.x, "TYA": m.y, "TSX": m.s,
               "INX": m.x + 1, "INY": m.y + 1, "DEX": m.x - 1, "DEY": m.y - 1}[name] & 0xFF
        setattr(m, {"TAX": "x", "TSX": "x", "INX": "x", "DEX": "x", "TAY": "y", "INY": "y",
                    "DEY": "y", "TXA": "a", "TYA": "a"}[name], src)
        m.set_nz(src)
    elif name == "TXS":
        m.s = m.x
    elif name != "NOP":
        raise ValueError(name)


# --- test generation ---------------------------------------------------------------------
DECIMAL_SENSITIVE = {"ADC", "SBC", "RRA", "ISC", "ARR"}


def make_test(rng, opcode):
    name, mode, _ = OPS[opcode]
    pc = rng.randrange(0x10000)
    regs = (pc, rng.randrange(256), rng.randrange(256), rng.randrange(256), rng.randrange(256),
            rng.randrange(256) | 0x20)
    preset = {pc: opcode}
    # Make the wrap-around corner cases common: operand $FF for pointers and JMP ($xxFF).
    if mode in ("izx", "izy", "ind", "zpx", "zpy") and rng.random() < 0.2:
        preset[(pc + 1) & 0xFFFF] = 0xFF
    if name in DECIMAL_SENSITIVE and rng.random() < 0.5:
        # valid BCD operands half of the time (random bytes give the invalid ones)
        regs = regs[:2] + (rng.randrange(10) * 16 + rng.randrange(10),) + regs[3:]
    m = Machine(rng, regs, preset)
    start = {"pc": m.pc, "s": m.s, "a": m.a, "x": m.x, "y": m.y, "p": regs[5]}
    execute(m, opcode)
    start["ram"] = sorted([a, v] for a, v in m.initial.items())
    final = {"pc": m.pc, "s": m.s, "a": m.a, "x": m.x, "y": m.y, "p": m.status(b_flag=False),
             "ram": sorted([a, v] for a, v in m.mem.items())}
    label = " ".join("%02x" % m.initial.get((pc + k) & 0xFFFF, 0) for k in range(3))
    return {"name": label, "initial": start, "final": final, "cycles": m.cycles}


def arithmetic_table(path):
    """Every ADC and SBC (immediate) result: for op in (ADC, SBC), D in (0, 1), C in (0, 1),
    A in 0..255, M in 0..255 (that order, M fastest), two bytes: A and P & $C3 (N V Z C)."""
    out = bytearray()
    rng = random.Random(0)
    for opcode in (0x69, 0xE9):
        for decimal in (0, 1):
            for carry in (0, 1):
                for a in range(256):
                    for operand in range(256):
                        m = Machine(rng, (0x0200, 0xFD, a, 0, 0, 0x20 | decimal * 8 | carry),
                                    {0x0200: opcode, 0x0201: operand})
                        execute(m, opcode)
                        out += bytes((m.a, m.status(b_flag=False) & 0xC3))
    with open(path, "wb") as f:
        f.write(out)


def main(argv):
    if len(argv) == 3 and argv[1] == "--arithmetic-table":
        arithmetic_table(argv[2])
        return 0
    outdir = argv[1] if len(argv) > 1 and not argv[1].startswith("--") else None
    seed, per_opcode = 6502, 40
    for k, arg in enumerate(argv):
        if arg == "--seed":
            seed = int(argv[k + 1])
        if arg == "--per-opcode":
            per_opcode = int(argv[k + 1])
    if outdir is None:
        print("usage: gen_tests.py OUTDIR [--seed N] [--per-opcode N]", file=sys.stderr)
        return 2
    rng = random.Random(seed)
    groups = {"documented": [], "undocumented": [], "unstable": []}
    for opcode in sorted(OPS):
        count = per_opcode * 8 if OPS[opcode][0] in DECIMAL_SENSITIVE else per_opcode
        group = groups["documented" if opcode in DOCUMENTED else
                       "undocumented" if opcode in STABLE else "unstable"]
        group.extend(make_test(rng, opcode) for _ in range(count))
    for group, tests in groups.items():
        with open("%s/%s.json" % (outdir, group), "w") as f:
            json.dump(tests, f, separators=(",", ":"))
    print("%d opcodes, %d tests" % (len(OPS), sum(len(t) for t in groups.values())))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
