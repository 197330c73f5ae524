/*
 * cpu6502.c - the NMOS 6502 core (see cpu6502.h for the model).
 *
 * The interpreter is threaded code in run_loop(): each opcode's body is a label (GNU C labels
 * as values) and ends with NEXT, which counts the instruction, makes the per-instruction test
 * and fetches the next opcode, then jumps through a 256-entry table of the labels from right
 * there. So every opcode has its own indirect jump, and the host's branch predictor learns
 * which opcode tends to follow which; a switch has one shared jump, which an interpreter-like
 * instruction stream (BASIC) mispredicts most of the time. The file already needs GNU C
 * (builtins, attributes), so no switch fallback is kept.
 * Registers, flags and the cycle counter live in locals there so the compiler keeps them in
 * registers; every bus access goes through bus_read/bus_write/bus_dummy_read/bus_dummy_write,
 * which take one page-table lookup on RAM/ROM and reach device handlers through out-of-line
 * slow paths that first store the exact cycle number into the struct. Each access advances
 * the local cycle counter, so instruction timing is simply the number of accesses, as on the
 * chip. cpu6502_run and cpu6502_step share run_loop (GCC does not copy a function that keeps
 * label addresses in a table): a step keeps limit at or below the cycle counter, so its flag
 * is only looked at on the slow path.
 * The per-instruction test is one compare (cyc >= limit); limit drops to 0 when an interrupt
 * line or a stop request needs a look, and opcode fetches from pages with breakpoints or
 * devices take a separate page table's slow path.
 */
#include "cpu6502.h"

#include <string.h>

#define LIKELY(x) __builtin_expect(!!(x), 1)
#define UNLIKELY(x) __builtin_expect(!!(x), 0)
/* The bus fast paths must be inlined into the interpreter, which is too big for GCC to do it
 * unasked. */
#define FAST_PATH static inline __attribute__((always_inline))

/* Value an unmapped read returns (see header). */
static inline uint8_t open_bus(uint16_t addr) { return (uint8_t)(addr >> 8); }

static void update_attention(cpu6502 *c)
{
    c->attention = (c->irq_lines != 0) | c->irq_released | c->nmi_pending | c->stop_requested;
    c->limit = c->attention ? 0 : c->run_end;
}

/* Opcode fetches of a page go through the slow path (and its breakpoint check) while the
 * page holds a breakpoint or is not plain RAM/ROM. */
static void refresh_fetch(cpu6502 *c, unsigned page)
{
    bool bp = false;
    for (unsigned k = 0; k < 32; k++)
        bp |= c->breakpoints[page * 32 + k] != 0;
    c->fetch[page] = bp ? NULL : c->rd[page];
}

/* ---- bus ---------------------------------------------------------------------------- */

__attribute__((noinline)) static uint8_t slow_read(cpu6502 *c, uint16_t addr, uint64_t cyc)
{
    unsigned h = c->dev_map[addr];
    if (h && c->handlers[h - 1].read) {
        c->cycles = cyc;
        return c->handlers[h - 1].read(c->handlers[h - 1].ctx, addr);
    }
    const uint8_t *b = c->base_rd[addr >> 8];
    return b ? b[addr & 0xff] : open_bus(addr);
}

__attribute__((noinline)) static void slow_write(cpu6502 *c, uint16_t addr, uint8_t v, uint64_t cyc)
{
    unsigned h = c->dev_map[addr];
    if (h && c->handlers[h - 1].write) {
        c->cycles = cyc;
        c->handlers[h - 1].write(c->handlers[h - 1].ctx, addr, v);
        return;
    }
    uint8_t *b = c->base_wr[addr >> 8];
    if (b)
        b[addr & 0xff] = v;
}

FAST_PATH uint8_t bus_read(cpu6502 *c, uint16_t addr, uint64_t cyc)
{
    const uint8_t *p = c->rd[addr >> 8];
    if (LIKELY(p != NULL))
        return p[addr & 0xff];
    return slow_read(c, addr, cyc);
}

FAST_PATH void bus_write(cpu6502 *c, uint16_t addr, uint8_t v, uint64_t cyc)
{
    uint8_t *p = c->wr[addr >> 8];
    if (LIKELY(p != NULL))
        p[addr & 0xff] = v;
    else
        slow_write(c, addr, v, cyc);
}

/* Dummy read / first RMW write: no effect on RAM or ROM, so only device pages see them. */
FAST_PATH void bus_dummy_read(cpu6502 *c, uint16_t addr, uint64_t cyc)
{
    if (UNLIKELY(c->rd[addr >> 8] == NULL))
        (void)slow_read(c, addr, cyc);
}

FAST_PATH void bus_dummy_write(cpu6502 *c, uint16_t addr, uint8_t v, uint64_t cyc)
{
    if (UNLIKELY(c->wr[addr >> 8] == NULL))
        slow_write(c, addr, v, cyc);
}

/* ---- decimal arithmetic (NMOS) -------------------------------------------------------- */

/* ADC in decimal mode. Returns A | C<<8 | V<<9 | N-byte<<16 | Z-byte<<24. */
__attribute__((noinline)) static uint32_t adc_decimal(uint8_t a, uint8_t m, unsigned carry)
{
    unsigned lo = (a & 0x0fu) + (m & 0x0fu) + carry;
    if (lo >= 0x0a)
        lo = ((lo + 0x06u) & 0x0fu) + 0x10u;
    unsigned sum = (a & 0xf0u) + (m & 0xf0u) + lo; /* N and V come from here */
    unsigned v = ((~(a ^ m) & (a ^ sum)) >> 7) & 1u;
    uint8_t nbyte = (uint8_t)sum;
    if (sum >= 0xa0)
        sum += 0x60;
    unsigned cout = sum >= 0x100;
    uint8_t zbyte = (uint8_t)(a + m + carry); /* Z comes from the binary sum */
    return (uint8_t)sum | cout << 8 | v << 9 | (uint32_t)nbyte << 16 | (uint32_t)zbyte << 24;
}

/* SBC in decimal mode: only A differs from binary mode on NMOS. */
__attribute__((noinline)) static uint8_t sbc_decimal_a(uint8_t a, uint8_t m, unsigned carry)
{
    int lo = (a & 0x0f) - (m & 0x0f) + (int)carry - 1;
    if (lo < 0)
        lo = ((lo - 0x06) & 0x0f) - 0x10;
    int r = (a & 0xf0) - (m & 0xf0) + lo;
    if (r < 0)
        r -= 0x60;
    return (uint8_t)r;
}

/* ---- the interpreter ------------------------------------------------------------------ */

#define RD(ad) bus_read(c, (uint16_t)(ad), cyc++)
#define WR(ad, v) bus_write(c, (uint16_t)(ad), (uint8_t)(v), cyc++)
#define DUMMY(ad) bus_dummy_read(c, (uint16_t)(ad), cyc++)
#define WR_DUMMY(ad, v) bus_dummy_write(c, (uint16_t)(ad), (uint8_t)(v), cyc++)
#define FETCH() RD(pc++)
#define PUSH(v) WR(0x100u | s--, v)
#define PULL() RD(0x100u | ++s)

#define SETNZ(v_) (n = z = (uint8_t)(v_))
/* vdi keeps V, D and I at their P positions; N, Z and C are kept apart (see the header). */
#define FLAG_V 0x40u
#define FLAG_D 0x08u
#define FLAG_I 0x04u
#define GETP(b_) (uint8_t)((n & 0x80) | vdi | 0x20 | (b_) | ((z == 0) << 1) | cf)
#define SETP(p_) do { uint8_t q_ = (p_); n = q_; vdi = q_ & (FLAG_V | FLAG_D | FLAG_I); \
                      z = (q_ & 2) ^ 2; cf = q_ & 1; } while (0)
#define SETV(bit_) (vdi = (vdi & ~FLAG_V) | ((bit_) << 6))

/* Addressing modes: leave the effective address in ea (and the un-indexed base in bs). */
#define AM_ZP ea = FETCH()
#define AM_ZPI(r) do { uint8_t b_ = FETCH(); DUMMY(b_); ea = (uint8_t)(b_ + (r)); } while (0)
#define AM_ABS do { ea = FETCH(); ea |= (unsigned)FETCH() << 8; } while (0)
#define INDEX_R(r) do { ea = (bs + (r)) & 0xffff; \
                        if ((bs ^ ea) & 0x100) DUMMY((bs & 0xff00) | (ea & 0xff)); } while (0)
#define INDEX_W(r) do { ea = (bs + (r)) & 0xffff; DUMMY((bs & 0xff00) | (ea & 0xff)); } while (0)
#define AM_ABI_R(r) do { bs = FETCH(); bs |= (unsigned)FETCH() << 8; INDEX_R(r); } while (0)
#define AM_ABI_W(r) do { bs = FETCH(); bs |= (unsigned)FETCH() << 8; INDEX_W(r); } while (0)
#define AM_IZX do { uint8_t b_ = FETCH(); DUMMY(b_); b_ += x; ea = RD(b_); \
                    ea |= (unsigned)RD((uint8_t)(b_ + 1)) << 8; } while (0)
#define IZY_BASE do { uint8_t b_ = FETCH(); bs = RD(b_); bs |= (unsigned)RD((uint8_t)(b_ + 1)) << 8; } while (0)
#define AM_IZY_R do { IZY_BASE; INDEX_R(y); } while (0)
#define AM_IZY_W do { IZY_BASE; INDEX_W(y); } while (0)

/* Operations on the operand m. */
#define OP_ORA a |= m; SETNZ(a)
#define OP_AND a &= m; SETNZ(a)
#define OP_EOR a ^= m; SETNZ(a)
#define OP_LDA a = m; SETNZ(a)
#define OP_LDX x = m; SETNZ(x)
#define OP_LDY y = m; SETNZ(y)
#define OP_LAX a = x = m; SETNZ(a)
#define OP_NOP (void)m
#define CMP_(r) do { unsigned t_ = (unsigned)(r) - m; cf = (r) >= m; SETNZ(t_); } while (0)
#define OP_CMP CMP_(a)
#define OP_CPX CMP_(x)
#define OP_CPY CMP_(y)
#define OP_BIT z = a & m; n = m; vdi = (vdi & ~FLAG_V) | (m & FLAG_V)
#define OP_ADC do { if (UNLIKELY(vdi & FLAG_D)) { uint32_t r_ = adc_decimal(a, m, cf); a = (uint8_t)r_; \
                        cf = (r_ >> 8) & 1; SETV((r_ >> 9) & 1); n = (uint8_t)(r_ >> 16); z = (uint8_t)(r_ >> 24); } \
                    else { unsigned t_ = a + m + cf; SETV(((~(a ^ m) & (a ^ t_)) >> 7) & 1); \
                        cf = t_ >> 8; a = (uint8_t)t_; SETNZ(a); } } while (0)
#define OP_SBC do { unsigned t_ = a + (m ^ 0xffu) + cf; SETV((((a ^ m) & (a ^ t_)) >> 7) & 1); \
                    uint8_t r_ = UNLIKELY(vdi & FLAG_D) ? sbc_decimal_a(a, m, cf) : (uint8_t)t_; \
                    SETNZ(t_); cf = t_ >> 8; a = r_; } while (0)
#define OP_ASL cf = m >> 7; m = (uint8_t)(m << 1); SETNZ(m)
#define OP_LSR cf = m & 1; m >>= 1; SETNZ(m)
#define OP_ROL do { unsigned c_ = m >> 7; m = (uint8_t)(m << 1 | cf); cf = c_; SETNZ(m); } while (0)
#define OP_ROR do { unsigned c_ = m & 1; m = (uint8_t)(m >> 1 | cf << 7); cf = c_; SETNZ(m); } while (0)
#define OP_INC m = (uint8_t)(m + 1); SETNZ(m)
#define OP_DEC m = (uint8_t)(m - 1); SETNZ(m)
#define OP_SLO OP_ASL; OP_ORA
#define OP_RLA OP_ROL; OP_AND
#define OP_SRE OP_LSR; OP_EOR
#define OP_RRA OP_ROR; OP_ADC
#define OP_DCP m = (uint8_t)(m - 1); OP_CMP
#define OP_ISC m = (uint8_t)(m + 1); OP_SBC

#define RMW_AT(OP) do { m = RD(ea); WR_DUMMY(ea, m); OP; WR(ea, m); } while (0)

/* The eight modes of the ALU group (aaa bbb 01). */
#define GROUP_ALU(h, h1, OP) \
    L(h##1): AM_IZX; m = RD(ea); OP; NEXT; \
    L(h##5): AM_ZP; m = RD(ea); OP; NEXT; \
    L(h##9): m = FETCH(); OP; NEXT; \
    L(h##D): AM_ABS; m = RD(ea); OP; NEXT; \
    L(h1##1): AM_IZY_R; m = RD(ea); OP; NEXT; \
    L(h1##5): AM_ZPI(x); m = RD(ea); OP; NEXT; \
    L(h1##9): AM_ABI_R(y); m = RD(ea); OP; NEXT; \
    L(h1##D): AM_ABI_R(x); m = RD(ea); OP; NEXT;

/* Shifts, INC and DEC on memory (zp, abs, zp,X, abs,X). */
#define GROUP_RMW(h, h1, OP) \
    L(h##6): AM_ZP; RMW_AT(OP); NEXT; \
    L(h##E): AM_ABS; RMW_AT(OP); NEXT; \
    L(h1##6): AM_ZPI(x); RMW_AT(OP); NEXT; \
    L(h1##E): AM_ABI_W(x); RMW_AT(OP); NEXT;

/* Undocumented read-modify-write combinations (aaa bbb 11). */
#define GROUP_URMW(h, h1, OP) \
    L(h##3): AM_IZX; RMW_AT(OP); NEXT; \
    L(h##7): AM_ZP; RMW_AT(OP); NEXT; \
    L(h##F): AM_ABS; RMW_AT(OP); NEXT; \
    L(h1##3): AM_IZY_W; RMW_AT(OP); NEXT; \
    L(h1##7): AM_ZPI(x); RMW_AT(OP); NEXT; \
    L(h1##B): AM_ABI_W(y); RMW_AT(OP); NEXT; \
    L(h1##F): AM_ABI_W(x); RMW_AT(OP); NEXT;

#define ACCUM(hh, OP) L(hh): DUMMY(pc); m = a; OP; a = m; NEXT;
#define IMPLIED(hh, STMT) L(hh): DUMMY(pc); STMT; NEXT;

/* A stop before a self-loop of `len` cycles whose opcode is at `at`. */
#define SELF_LOOP_STOP(at, len) do { pc = (uint16_t)(at); cyc -= (len); \
                                     c->stop_reason = CPU6502_STOP_SELF_LOOP; goto out; } while (0)

#define BRANCH(hh, cond) \
    L(hh): m = FETCH(); \
        if (cond) { \
            DUMMY(pc); \
            unsigned t_ = (pc + (unsigned)(int8_t)m) & 0xffff; \
            unsigned len_ = 3; \
            if ((t_ ^ pc) & 0x100) { DUMMY((pc & 0xff00) | (t_ & 0xff)); len_ = 4; } \
            if (UNLIKELY(t_ == (uint16_t)(pc - 2)) && c->stop_on_self_loop) SELF_LOOP_STOP(t_, len_); \
            pc = (uint16_t)t_; \
        } \
        NEXT;

/* An NMI edge seen by cycle `start`+3 of BRK / IRQ entry takes over the vector fetch. */
static uint16_t vector_for(cpu6502 *c, uint64_t start, uint16_t normal)
{
    if (c->nmi_pending && c->nmi_at <= start + 3) {
        c->nmi_pending = false;
        update_attention(c);
        return 0xFFFA;
    }
    return normal;
}

/* The opcode bodies are the labels op_00 ... op_FF. DISPATCH fetches an opcode and jumps to
 * its body; NEXT ends every body (one copy of the jump per body is the point, see the top). */
#define L(hh) op_##hh
#define DISPATCH do { const uint8_t *fp_ = c->fetch[pc >> 8]; \
                      if (UNLIKELY(fp_ == NULL)) goto fetch_slow; \
                      unsigned op_ = fp_[pc & 0xff]; pc++; cyc++; \
                      goto *dispatch[op_]; } while (0)
#define NEXT do { insns++; if (UNLIKELY(cyc >= c->limit)) goto poll; DISPATCH; } while (0)
#define ROW(h) &&op_##h##0, &&op_##h##1, &&op_##h##2, &&op_##h##3, &&op_##h##4, &&op_##h##5, \
               &&op_##h##6, &&op_##h##7, &&op_##h##8, &&op_##h##9, &&op_##h##A, &&op_##h##B, \
               &&op_##h##C, &&op_##h##D, &&op_##h##E, &&op_##h##F

/* The core loop: whole instructions until `budget` cycles have elapsed (or one instruction
 * when `single`). Returns the cycles used. */
static uint64_t run_loop(cpu6502 *c, uint64_t budget, bool single)
{
    static const void *const dispatch[256] = {
        ROW(0), ROW(1), ROW(2), ROW(3), ROW(4), ROW(5), ROW(6), ROW(7),
        ROW(8), ROW(9), ROW(A), ROW(B), ROW(C), ROW(D), ROW(E), ROW(F)
    };
    uint16_t pc = c->pc;
    uint8_t a = c->a, x = c->x, y = c->y, s = c->s;
    uint8_t n = c->flag_n, z = c->flag_z;
    unsigned cf = c->flag_c, vdi = c->flag_vdi;
    uint64_t cyc = c->cycles;
    const uint64_t start_cycles = cyc;
    const uint64_t start_insns = c->instructions;
    uint64_t insns = start_insns;
    unsigned ea, bs, m;

    c->stop_reason = CPU6502_STOP_NONE;
    if (c->jammed) {
        c->stop_reason = CPU6502_STOP_JAM;
        return 0;
    }
    /* A step's run_end at its first cycle sends every instruction end to poll. */
    c->run_end = single ? cyc : cyc + budget;
    update_attention(c);

poll:
    /* One test per instruction: limit is 0 while the lines or a stop need a look. */
    if (UNLIKELY(cyc >= c->limit)) {
        if (single ? insns != start_insns : cyc >= c->run_end)
            goto out;
        if (c->stop_requested) {
            c->stop_requested = false;
            update_attention(c);
            c->stop_reason = CPU6502_STOP_REQUEST;
            goto out;
        }
        if (cyc != c->no_poll_at) {
            /* The previous instruction ended at cyc: lines seen by its cycle cyc-2 count. */
            bool nmi = c->nmi_pending && c->nmi_at + 2 <= cyc;
            unsigned ipoll = (c->i_delay_insn == insns) ? c->i_before : (vdi & FLAG_I);
            /* IRQ is a level: it counts if it was low at the sample point, even when it
             * went high again in the last cycle. */
            bool low = (c->irq_lines && c->irq_since + 2 <= cyc) ||
                       (c->irq_released && c->irq_released_at + 2 > cyc && c->irq_released_since + 2 <= cyc);
            bool irq = low && !ipoll;
            if (c->irq_released) {
                c->irq_released = false;
                update_attention(c);
            }
            if (nmi || irq) {
                uint64_t st = cyc;
                DUMMY(pc);
                DUMMY(pc);
                PUSH(pc >> 8);
                PUSH(pc & 0xff);
                PUSH(GETP(0));
                vdi |= FLAG_I;
                uint16_t vec = 0xFFFA;
                if (nmi) {
                    c->nmi_pending = false;
                    update_attention(c);
                } else {
                    vec = vector_for(c, st, 0xFFFE);
                }
                pc = RD(vec);
                pc |= (uint16_t)(RD(vec + 1) << 8);
                c->no_poll_at = cyc;
                goto poll;
            }
        }
    }
    DISPATCH;
fetch_slow:
    /* Device page or a page with breakpoints. A run resumes from the breakpoint it stopped
     * at (or from where set_regs or a reset put the PC): its first instruction is not stopped
     * there. A run that ended anywhere else right on a breakpoint (its cycles ran out there)
     * has not reported it yet: the next run stops at once. */
    if (!single && (cyc != start_cycles || pc + 1u != c->resume_at) && (c->breakpoints[pc >> 3] >> (pc & 7) & 1)) {
        c->stop_reason = CPU6502_STOP_BREAKPOINT;
        c->resume_at = pc + 1u;
        goto out;
    }
    goto *dispatch[FETCH()];

    GROUP_ALU(0, 1, OP_ORA)
    GROUP_ALU(2, 3, OP_AND)
    GROUP_ALU(4, 5, OP_EOR)
    GROUP_ALU(6, 7, OP_ADC)
    GROUP_ALU(A, B, OP_LDA)
    GROUP_ALU(C, D, OP_CMP)
    GROUP_ALU(E, F, OP_SBC)

    GROUP_RMW(0, 1, OP_ASL)
    GROUP_RMW(2, 3, OP_ROL)
    GROUP_RMW(4, 5, OP_LSR)
    GROUP_RMW(6, 7, OP_ROR)
    GROUP_RMW(C, D, OP_DEC)
    GROUP_RMW(E, F, OP_INC)

    GROUP_URMW(0, 1, OP_SLO)
    GROUP_URMW(2, 3, OP_RLA)
    GROUP_URMW(4, 5, OP_SRE)
    GROUP_URMW(6, 7, OP_RRA)
    GROUP_URMW(C, D, OP_DCP)
    GROUP_URMW(E, F, OP_ISC)

    ACCUM(0A, OP_ASL)
    ACCUM(2A, OP_ROL)
    ACCUM(4A, OP_LSR)
    ACCUM(6A, OP_ROR)

    /* Stores. */
    L(81): AM_IZX; WR(ea, a); NEXT;
    L(85): AM_ZP; WR(ea, a); NEXT;
    L(8D): AM_ABS; WR(ea, a); NEXT;
    L(91): AM_IZY_W; WR(ea, a); NEXT;
    L(95): AM_ZPI(x); WR(ea, a); NEXT;
    L(99): AM_ABI_W(y); WR(ea, a); NEXT;
    L(9D): AM_ABI_W(x); WR(ea, a); NEXT;
    L(86): AM_ZP; WR(ea, x); NEXT;
    L(8E): AM_ABS; WR(ea, x); NEXT;
    L(96): AM_ZPI(y); WR(ea, x); NEXT;
    L(84): AM_ZP; WR(ea, y); NEXT;
    L(8C): AM_ABS; WR(ea, y); NEXT;
    L(94): AM_ZPI(x); WR(ea, y); NEXT;
    L(83): AM_IZX; WR(ea, a & x); NEXT;
    L(87): AM_ZP; WR(ea, a & x); NEXT;
    L(8F): AM_ABS; WR(ea, a & x); NEXT;
    L(97): AM_ZPI(y); WR(ea, a & x); NEXT;

    /* Loads and compares outside the ALU group. */
    L(A2): m = FETCH(); OP_LDX; NEXT;
    L(A6): AM_ZP; m = RD(ea); OP_LDX; NEXT;
    L(B6): AM_ZPI(y); m = RD(ea); OP_LDX; NEXT;
    L(AE): AM_ABS; m = RD(ea); OP_LDX; NEXT;
    L(BE): AM_ABI_R(y); m = RD(ea); OP_LDX; NEXT;
    L(A0): m = FETCH(); OP_LDY; NEXT;
    L(A4): AM_ZP; m = RD(ea); OP_LDY; NEXT;
    L(B4): AM_ZPI(x); m = RD(ea); OP_LDY; NEXT;
    L(AC): AM_ABS; m = RD(ea); OP_LDY; NEXT;
    L(BC): AM_ABI_R(x); m = RD(ea); OP_LDY; NEXT;
    L(E0): m = FETCH(); OP_CPX; NEXT;
    L(E4): AM_ZP; m = RD(ea); OP_CPX; NEXT;
    L(EC): AM_ABS; m = RD(ea); OP_CPX; NEXT;
    L(C0): m = FETCH(); OP_CPY; NEXT;
    L(C4): AM_ZP; m = RD(ea); OP_CPY; NEXT;
    L(CC): AM_ABS; m = RD(ea); OP_CPY; NEXT;
    L(24): AM_ZP; m = RD(ea); OP_BIT; NEXT;
    L(2C): AM_ABS; m = RD(ea); OP_BIT; NEXT;
    L(A3): AM_IZX; m = RD(ea); OP_LAX; NEXT;
    L(A7): AM_ZP; m = RD(ea); OP_LAX; NEXT;
    L(AF): AM_ABS; m = RD(ea); OP_LAX; NEXT;
    L(B3): AM_IZY_R; m = RD(ea); OP_LAX; NEXT;
    L(B7): AM_ZPI(y); m = RD(ea); OP_LAX; NEXT;
    L(BF): AM_ABI_R(y); m = RD(ea); OP_LAX; NEXT;
    L(EB): m = FETCH(); OP_SBC; NEXT;

    /* Immediate undocumented operations. */
    L(0B): L(2B): m = FETCH(); OP_AND; cf = a >> 7; NEXT;
    L(4B): m = FETCH(); a &= m; cf = a & 1; a >>= 1; SETNZ(a); NEXT;
    L(6B): {
        m = FETCH();
        uint8_t t = a & m;
        a = (uint8_t)(t >> 1 | cf << 7);
        if (!(vdi & FLAG_D)) {
            SETNZ(a);
            cf = (a >> 6) & 1;
            SETV(((a >> 6) ^ (a >> 5)) & 1);
        } else {
            /* NMOS decimal ARR: flags from the binary rotate, then BCD fix-ups. */
            n = (uint8_t)(cf << 7);
            z = a;
            SETV(((t ^ a) >> 6) & 1);
            if ((t & 0x0f) + (t & 0x01) > 5)
                a = (uint8_t)((a & 0xf0) | ((a + 6) & 0x0f));
            cf = (t >> 4) + ((t >> 4) & 1) > 5;
            if (cf)
                a = (uint8_t)(a + 0x60);
        }
        NEXT;
    }
    L(CB): {
        m = FETCH();
        unsigned ax = a & x;
        cf = ax >= m;
        x = (uint8_t)(ax - m);
        SETNZ(x);
        NEXT;
    }
    L(8B): m = FETCH(); a = (a | 0xEE) & x & m; SETNZ(a); NEXT;
    L(AB): m = FETCH(); a = x = (a | 0xEE) & m; SETNZ(a); NEXT;

    /* Unstable stores: value reg & (H+1); on a page cross it also becomes the high byte. */
#define SH_STORE(val) do { uint8_t v_ = (uint8_t)((val) & ((bs >> 8) + 1)); \
                       if ((bs ^ ea) & 0x100) ea = (ea & 0xff) | (unsigned)v_ << 8; \
                       WR(ea, v_); } while (0)
    L(93): AM_IZY_W; SH_STORE(a & x); NEXT;
    L(9F): AM_ABI_W(y); SH_STORE(a & x); NEXT;
    L(9E): AM_ABI_W(y); SH_STORE(x); NEXT;
    L(9C): AM_ABI_W(x); SH_STORE(y); NEXT;
    L(9B): AM_ABI_W(y); s = a & x; SH_STORE(s); NEXT;
#undef SH_STORE
    L(BB): AM_ABI_R(y); m = RD(ea); a = x = s = m & s; SETNZ(a); NEXT;

    /* NOP forms: they read their operand like a load. */
    L(80): L(82): L(89): L(C2): L(E2): m = FETCH(); OP_NOP; NEXT;
    L(04): L(44): L(64): AM_ZP; m = RD(ea); OP_NOP; NEXT;
    L(0C): AM_ABS; m = RD(ea); OP_NOP; NEXT;
    L(14): L(34): L(54): L(74): L(D4): L(F4):
        AM_ZPI(x); m = RD(ea); OP_NOP; NEXT;
    L(1C): L(3C): L(5C): L(7C): L(DC): L(FC):
        AM_ABI_R(x); m = RD(ea); OP_NOP; NEXT;
    L(1A): L(3A): L(5A): L(7A): L(DA): L(FA): L(EA):
        DUMMY(pc); NEXT;

    /* Register and flag instructions. */
    IMPLIED(AA, x = a; SETNZ(x))
    IMPLIED(A8, y = a; SETNZ(y))
    IMPLIED(8A, a = x; SETNZ(a))
    IMPLIED(98, a = y; SETNZ(a))
    IMPLIED(BA, x = s; SETNZ(x))
    IMPLIED(9A, s = x)
    IMPLIED(E8, x++; SETNZ(x))
    IMPLIED(C8, y++; SETNZ(y))
    IMPLIED(CA, x--; SETNZ(x))
    IMPLIED(88, y--; SETNZ(y))
    IMPLIED(18, cf = 0)
    IMPLIED(38, cf = 1)
    IMPLIED(D8, vdi &= ~FLAG_D)
    IMPLIED(F8, vdi |= FLAG_D)
    IMPLIED(B8, vdi &= ~FLAG_V)
    /* CLI and SEI change I after the interrupt poll: remember the old I for it. */
    IMPLIED(58, c->i_before = (uint8_t)(vdi & FLAG_I); c->i_delay_insn = insns + 1; vdi &= ~FLAG_I)
    IMPLIED(78, c->i_before = (uint8_t)(vdi & FLAG_I); c->i_delay_insn = insns + 1; vdi |= FLAG_I)

    /* Stack. */
    L(48): DUMMY(pc); PUSH(a); NEXT;
    L(08): DUMMY(pc); PUSH(GETP(0x10)); NEXT;
    L(68): DUMMY(pc); DUMMY(0x100u | s); a = PULL(); SETNZ(a); NEXT;
    L(28): {
        DUMMY(pc);
        DUMMY(0x100u | s);
        uint8_t old_i = (uint8_t)(vdi & FLAG_I);
        SETP(PULL());
        c->i_before = old_i;
        c->i_delay_insn = insns + 1;
        NEXT;
    }

    /* Flow control. */
    L(4C): {
        ea = FETCH();
        ea |= (unsigned)RD(pc) << 8;
        if (UNLIKELY(ea == (uint16_t)(pc - 2)) && c->stop_on_self_loop)
            SELF_LOOP_STOP(ea, 3);
        pc = (uint16_t)ea;
        NEXT;
    }
    L(6C): {
        AM_ABS;
        unsigned lo = RD(ea);
        unsigned hi = RD((ea & 0xff00) | ((ea + 1) & 0xff)); /* no carry into the page */
        pc = (uint16_t)(lo | hi << 8);
        NEXT;
    }
    L(20): {
        ea = FETCH();
        DUMMY(0x100u | s);
        PUSH(pc >> 8);
        PUSH(pc & 0xff);
        ea |= (unsigned)RD(pc) << 8;
        pc = (uint16_t)ea;
        NEXT;
    }
    L(60): {
        DUMMY(pc);
        DUMMY(0x100u | s);
        ea = PULL();
        ea |= (unsigned)PULL() << 8;
        DUMMY(ea);
        pc = (uint16_t)(ea + 1);
        NEXT;
    }
    L(40): {
        DUMMY(pc);
        DUMMY(0x100u | s);
        SETP(PULL());
        ea = PULL();
        ea |= (unsigned)PULL() << 8;
        pc = (uint16_t)ea;
        NEXT;
    }
    L(00): {
        uint64_t st = cyc - 1;
        DUMMY(pc);
        pc++;
        PUSH(pc >> 8);
        PUSH(pc & 0xff);
        PUSH(GETP(0x10));
        vdi |= FLAG_I;
        uint16_t vec = vector_for(c, st, 0xFFFE);
        pc = RD(vec);
        pc |= (uint16_t)(RD(vec + 1) << 8);
        c->no_poll_at = cyc;
        NEXT;
    }
    BRANCH(10, !(n & 0x80))
    BRANCH(30, n & 0x80)
    BRANCH(50, !(vdi & FLAG_V))
    BRANCH(70, vdi & FLAG_V)
    BRANCH(90, !cf)
    BRANCH(B0, cf)
    BRANCH(D0, z)
    BRANCH(F0, !z)

    /* JAM: the chip stops fetching; leave PC on the opcode. */
    L(02): L(12): L(22): L(32): L(42): L(52):
    L(62): L(72): L(92): L(B2): L(D2): L(F2):
        DUMMY(pc);
        pc--;
        c->jammed = true;
        c->stop_reason = CPU6502_STOP_JAM;
        goto out;
out:
    if (c->stop_reason != CPU6502_STOP_BREAKPOINT)
        c->resume_at = 0;
    c->pc = pc;
    c->a = a; c->x = x; c->y = y; c->s = s;
    c->flag_n = n; c->flag_z = z;
    c->flag_c = (uint8_t)cf; c->flag_vdi = (uint8_t)vdi;
    c->cycles = cyc;
    c->instructions = insns;
    return cyc - start_cycles;
}

/* ---- public API ------------------------------------------------------------------------ */

void cpu6502_init(cpu6502 *c)
{
    memset(c, 0, sizeof *c);
    c->s = 0xFD;
    c->flag_vdi = FLAG_I;
    c->flag_z = 1;
    c->i_delay_insn = UINT64_MAX;
    c->no_poll_at = UINT64_MAX;
}

static bool page_range_ok(uint32_t addr, uint32_t len)
{
    return (addr & 0xff) == 0 && (len & 0xff) == 0 && len > 0 && len <= 0x10000 && addr <= 0x10000 - len;
}

/* Set the base mapping of whole pages and drop any device handlers on them. */
static int map_pages(cpu6502 *c, uint32_t addr, uint32_t len, const uint8_t *rd, uint8_t *wr)
{
    if (!page_range_ok(addr, len))
        return -1;
    for (uint32_t off = 0; off < len; off += 256) {
        unsigned page = (addr + off) >> 8;
        c->base_rd[page] = c->rd[page] = rd ? rd + off : NULL;
        c->base_wr[page] = c->wr[page] = wr ? wr + off : NULL;
        memset(&c->dev_map[page << 8], 0, 256);
        refresh_fetch(c, page);
    }
    return 0;
}

int cpu6502_map_ram(cpu6502 *c, uint32_t addr, uint32_t len, uint8_t *mem)
{
    return mem ? map_pages(c, addr, len, mem, mem) : -1;
}

int cpu6502_map_rom(cpu6502 *c, uint32_t addr, uint32_t len, const uint8_t *mem)
{
    return mem ? map_pages(c, addr, len, mem, NULL) : -1;
}

int cpu6502_unmap(cpu6502 *c, uint32_t addr, uint32_t len)
{
    return map_pages(c, addr, len, NULL, NULL);
}

int cpu6502_map_device(cpu6502 *c, uint32_t addr, uint32_t len,
                       cpu6502_read_fn read, cpu6502_write_fn write, void *ctx)
{
    if (len == 0 || len > 0x10000 || addr > 0x10000 - len || c->nhandlers >= CPU6502_MAX_HANDLERS)
        return -1;
    c->handlers[c->nhandlers] = (cpu6502_handler){read, write, ctx};
    c->nhandlers++;
    memset(&c->dev_map[addr], (int)c->nhandlers, len);
    for (uint32_t page = addr >> 8; page <= (addr + len - 1) >> 8; page++) {
        c->rd[page] = NULL; /* every access to the page now takes the slow path */
        c->wr[page] = NULL;
        c->fetch[page] = NULL;
    }
    return 0;
}

uint8_t cpu6502_peek(const cpu6502 *c, uint16_t addr)
{
    const uint8_t *b = c->base_rd[addr >> 8];
    return b ? b[addr & 0xff] : open_bus(addr);
}

void cpu6502_poke(cpu6502 *c, uint16_t addr, uint8_t value)
{
    uint8_t *b = c->base_wr[addr >> 8];
    if (b)
        b[addr & 0xff] = value;
}

void cpu6502_reset(cpu6502 *c)
{
    uint64_t cyc = c->cycles;
    uint16_t pc = c->pc;
    DUMMY(pc);
    DUMMY(pc);
    for (int k = 0; k < 3; k++)
        DUMMY(0x100u | c->s--);
    c->flag_vdi |= FLAG_I;
    uint8_t lo = RD(0xFFFC);
    uint8_t hi = RD(0xFFFD);
    c->pc = (uint16_t)(lo | hi << 8);
    c->resume_at = c->pc + 1u;
    c->cycles = cyc;
    c->jammed = false;
    c->no_poll_at = cyc;
    c->nmi_pending = false;
    c->i_delay_insn = UINT64_MAX;
    update_attention(c);
}

uint64_t cpu6502_run(cpu6502 *c, uint64_t cycles)
{
    return run_loop(c, cycles, false);
}

unsigned cpu6502_step(cpu6502 *c)
{
    return (unsigned)run_loop(c, 0, true);
}

cpu6502_stop cpu6502_stop_reason(const cpu6502 *c) { return c->stop_reason; }

void cpu6502_request_stop(cpu6502 *c)
{
    c->stop_requested = true;
    update_attention(c);
}

void cpu6502_set_stop_on_self_loop(cpu6502 *c, bool on) { c->stop_on_self_loop = on; }

void cpu6502_get_regs(const cpu6502 *c, cpu6502_regs *r)
{
    r->pc = c->pc;
    r->a = c->a;
    r->x = c->x;
    r->y = c->y;
    r->s = c->s;
    r->p = (uint8_t)((c->flag_n & 0x80) | c->flag_vdi | 0x20 | (c->flag_z == 0) << 1 | c->flag_c);
}

void cpu6502_set_regs(cpu6502 *c, const cpu6502_regs *r)
{
    c->pc = r->pc;
    c->resume_at = r->pc + 1u;
    c->a = r->a;
    c->x = r->x;
    c->y = r->y;
    c->s = r->s;
    c->flag_n = r->p & 0x80;
    c->flag_vdi = r->p & (FLAG_V | FLAG_D | FLAG_I);
    c->flag_z = !(r->p & 2);
    c->flag_c = r->p & 1;
    c->i_delay_insn = UINT64_MAX;
}

uint64_t cpu6502_cycles(const cpu6502 *c) { return c->cycles; }
uint64_t cpu6502_instructions(const cpu6502 *c) { return c->instructions; }
bool cpu6502_jammed(const cpu6502 *c) { return c->jammed; }

void cpu6502_set_irq(cpu6502 *c, uint32_t source, bool asserted)
{
    uint32_t before = c->irq_lines;
    c->irq_lines = asserted ? before | source : before & ~source;
    if (!before && c->irq_lines) {
        c->irq_since = c->cycles;
    } else if (before && !c->irq_lines) {
        c->irq_released = true;
        c->irq_released_at = c->cycles;
        c->irq_released_since = c->irq_since;
    }
    update_attention(c);
}

void cpu6502_set_nmi(cpu6502 *c, bool asserted)
{
    if (asserted && !c->nmi_line) {
        c->nmi_pending = true;
        c->nmi_at = c->cycles;
    }
    c->nmi_line = asserted;
    update_attention(c);
}

void cpu6502_set_breakpoint(cpu6502 *c, uint16_t addr, bool on)
{
    uint8_t bit = (uint8_t)(1u << (addr & 7));
    bool was = c->breakpoints[addr >> 3] & bit;
    if (on && !was) {
        c->breakpoints[addr >> 3] |= bit;
        c->nbreakpoints++;
    } else if (!on && was) {
        c->breakpoints[addr >> 3] &= (uint8_t)~bit;
        c->nbreakpoints--;
    }
    refresh_fetch(c, addr >> 8);
}

void cpu6502_clear_breakpoints(cpu6502 *c)
{
    memset(c->breakpoints, 0, sizeof c->breakpoints);
    c->nbreakpoints = 0;
    for (unsigned page = 0; page < 256; page++)
        refresh_fetch(c, page);
}
