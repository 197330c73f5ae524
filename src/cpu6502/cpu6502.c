/*
 * cpu6502.c - the NMOS 6502 core (see cpu6502.h for the model).
 *
 * The interpreter is one switch over the opcode inside run_loop(). Registers, flags and the
 * cycle counter live in locals there so the compiler keeps them in registers; every bus
 * access goes through bus_read/bus_write/bus_dummy_read/bus_dummy_write, which take one
 * page-table lookup on RAM/ROM and reach device handlers through out-of-line slow paths that
 * first store the exact cycle number into the struct. Each access advances the local cycle
 * counter, so instruction timing is simply the number of accesses, as on the chip.
 * run_loop is inlined twice: cpu6502_run and cpu6502_step get their own specialised copy.
 * Per instruction the loop makes one test (cyc >= limit) before the opcode fetch; limit drops
 * to 0 when an interrupt line or a stop request needs a look, and opcode fetches from pages
 * with breakpoints or devices take a separate page table's slow path.
 */
#include "cpu6502.h"

#include <string.h>

#define LIKELY(x) __builtin_expect(!!(x), 1)
#define UNLIKELY(x) __builtin_expect(!!(x), 0)

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

static inline uint8_t bus_read(cpu6502 *c, uint16_t addr, uint64_t cyc)
{
    const uint8_t *p = c->rd[addr >> 8];
    if (LIKELY(p != NULL))
        return p[addr & 0xff];
    return slow_read(c, addr, cyc);
}

static inline void bus_write(cpu6502 *c, uint16_t addr, uint8_t v, uint64_t cyc)
{
    uint8_t *p = c->wr[addr >> 8];
    if (LIKELY(p != NULL))
        p[addr & 0xff] = v;
    else
        slow_write(c, addr, v, cyc);
}

/* Dummy read / first RMW write: no effect on RAM or ROM, so only device pages see them. */
static inline void bus_dummy_read(cpu6502 *c, uint16_t addr, uint64_t cyc)
{
    if (UNLIKELY(c->rd[addr >> 8] == NULL))
        (void)slow_read(c, addr, cyc);
}

static inline void bus_dummy_write(cpu6502 *c, uint16_t addr, uint8_t v, uint64_t cyc)
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
#define GROUP_ALU(o, OP) \
    case (o) + 0x01: AM_IZX; m = RD(ea); OP; break; \
    case (o) + 0x05: AM_ZP; m = RD(ea); OP; break; \
    case (o) + 0x09: m = FETCH(); OP; break; \
    case (o) + 0x0D: AM_ABS; m = RD(ea); OP; break; \
    case (o) + 0x11: AM_IZY_R; m = RD(ea); OP; break; \
    case (o) + 0x15: AM_ZPI(x); m = RD(ea); OP; break; \
    case (o) + 0x19: AM_ABI_R(y); m = RD(ea); OP; break; \
    case (o) + 0x1D: AM_ABI_R(x); m = RD(ea); OP; break;

/* Shifts, INC and DEC on memory (zp, abs, zp,X, abs,X). */
#define GROUP_RMW(o, OP) \
    case (o) + 0x06: AM_ZP; RMW_AT(OP); break; \
    case (o) + 0x0E: AM_ABS; RMW_AT(OP); break; \
    case (o) + 0x16: AM_ZPI(x); RMW_AT(OP); break; \
    case (o) + 0x1E: AM_ABI_W(x); RMW_AT(OP); break;

/* Undocumented read-modify-write combinations (aaa bbb 11). */
#define GROUP_URMW(o, OP) \
    case (o) + 0x03: AM_IZX; RMW_AT(OP); break; \
    case (o) + 0x07: AM_ZP; RMW_AT(OP); break; \
    case (o) + 0x0F: AM_ABS; RMW_AT(OP); break; \
    case (o) + 0x13: AM_IZY_W; RMW_AT(OP); break; \
    case (o) + 0x17: AM_ZPI(x); RMW_AT(OP); break; \
    case (o) + 0x1B: AM_ABI_W(y); RMW_AT(OP); break; \
    case (o) + 0x1F: AM_ABI_W(x); RMW_AT(OP); break;

#define ACCUM(o, OP) case (o): DUMMY(pc); m = a; OP; a = m; break;
#define IMPLIED(o, STMT) case (o): DUMMY(pc); STMT; break;

/* A stop before a self-loop of `len` cycles whose opcode is at `at`. */
#define SELF_LOOP_STOP(at, len) do { pc = (uint16_t)(at); cyc -= (len); \
                                     c->stop_reason = CPU6502_STOP_SELF_LOOP; goto out; } while (0)

#define BRANCH(o, cond) \
    case (o): m = FETCH(); \
        if (cond) { \
            DUMMY(pc); \
            unsigned t_ = (pc + (unsigned)(int8_t)m) & 0xffff; \
            unsigned len_ = 3; \
            if ((t_ ^ pc) & 0x100) { DUMMY((pc & 0xff00) | (t_ & 0xff)); len_ = 4; } \
            if (UNLIKELY(t_ == (uint16_t)(pc - 2)) && c->stop_on_self_loop) SELF_LOOP_STOP(t_, len_); \
            pc = (uint16_t)t_; \
        } \
        break;

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

/* The core loop: whole instructions until `budget` cycles have elapsed (or one instruction
 * when `single`). Returns the cycles used. */
static inline __attribute__((always_inline)) uint64_t run_loop(cpu6502 *c, uint64_t budget, bool single)
{
    uint16_t pc = c->pc;
    uint8_t a = c->a, x = c->x, y = c->y, s = c->s;
    uint8_t n = c->flag_n, z = c->flag_z;
    unsigned cf = c->flag_c, vdi = c->flag_vdi;
    uint64_t cyc = c->cycles;
    const uint64_t start_cycles = cyc;
    const uint64_t end = single ? UINT64_MAX : cyc + budget;
    uint64_t insns = c->instructions;
    unsigned ea, bs, m;

    c->stop_reason = CPU6502_STOP_NONE;
    if (c->jammed) {
        c->stop_reason = CPU6502_STOP_JAM;
        return 0;
    }
    c->run_end = end;
    update_attention(c);

    for (;;) {
        /* One test per instruction: limit is 0 while the lines or a stop need a look. */
        if (UNLIKELY(cyc >= c->limit)) {
            if (cyc >= end)
                break;
            if (c->stop_requested) {
                c->stop_requested = false;
                update_attention(c);
                c->stop_reason = CPU6502_STOP_REQUEST;
                break;
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
                    continue;
                }
            }
        }

        uint8_t op;
        const uint8_t *fp = c->fetch[pc >> 8];
        if (LIKELY(fp != NULL)) {
            op = fp[pc & 0xff];
            pc++;
            cyc++;
        } else {
            /* Device page or a page with breakpoints. The first instruction of a run is not
             * stopped, so a run can resume from a breakpoint. */
            if (!single && cyc != start_cycles && (c->breakpoints[pc >> 3] >> (pc & 7) & 1)) {
                c->stop_reason = CPU6502_STOP_BREAKPOINT;
                break;
            }
            op = FETCH();
        }
        switch (op) {
        GROUP_ALU(0x00, OP_ORA)
        GROUP_ALU(0x20, OP_AND)
        GROUP_ALU(0x40, OP_EOR)
        GROUP_ALU(0x60, OP_ADC)
        GROUP_ALU(0xA0, OP_LDA)
        GROUP_ALU(0xC0, OP_CMP)
        GROUP_ALU(0xE0, OP_SBC)

        GROUP_RMW(0x00, OP_ASL)
        GROUP_RMW(0x20, OP_ROL)
        GROUP_RMW(0x40, OP_LSR)
        GROUP_RMW(0x60, OP_ROR)
        GROUP_RMW(0xC0, OP_DEC)
        GROUP_RMW(0xE0, OP_INC)

        GROUP_URMW(0x00, OP_SLO)
        GROUP_URMW(0x20, OP_RLA)
        GROUP_URMW(0x40, OP_SRE)
        GROUP_URMW(0x60, OP_RRA)
        GROUP_URMW(0xC0, OP_DCP)
        GROUP_URMW(0xE0, OP_ISC)

        ACCUM(0x0A, OP_ASL)
        ACCUM(0x2A, OP_ROL)
        ACCUM(0x4A, OP_LSR)
        ACCUM(0x6A, OP_ROR)

        /* Stores. */
        case 0x81: AM_IZX; WR(ea, a); break;
        case 0x85: AM_ZP; WR(ea, a); break;
        case 0x8D: AM_ABS; WR(ea, a); break;
        case 0x91: AM_IZY_W; WR(ea, a); break;
        case 0x95: AM_ZPI(x); WR(ea, a); break;
        case 0x99: AM_ABI_W(y); WR(ea, a); break;
        case 0x9D: AM_ABI_W(x); WR(ea, a); break;
        case 0x86: AM_ZP; WR(ea, x); break;
        case 0x8E: AM_ABS; WR(ea, x); break;
        case 0x96: AM_ZPI(y); WR(ea, x); break;
        case 0x84: AM_ZP; WR(ea, y); break;
        case 0x8C: AM_ABS; WR(ea, y); break;
        case 0x94: AM_ZPI(x); WR(ea, y); break;
        case 0x83: AM_IZX; WR(ea, a & x); break;
        case 0x87: AM_ZP; WR(ea, a & x); break;
        case 0x8F: AM_ABS; WR(ea, a & x); break;
        case 0x97: AM_ZPI(y); WR(ea, a & x); break;

        /* Loads and compares outside the ALU group. */
        case 0xA2: m = FETCH(); OP_LDX; break;
        case 0xA6: AM_ZP; m = RD(ea); OP_LDX; break;
        case 0xB6: AM_ZPI(y); m = RD(ea); OP_LDX; break;
        case 0xAE: AM_ABS; m = RD(ea); OP_LDX; break;
        case 0xBE: AM_ABI_R(y); m = RD(ea); OP_LDX; break;
        case 0xA0: m = FETCH(); OP_LDY; break;
        case 0xA4: AM_ZP; m = RD(ea); OP_LDY; break;
        case 0xB4: AM_ZPI(x); m = RD(ea); OP_LDY; break;
        case 0xAC: AM_ABS; m = RD(ea); OP_LDY; break;
        case 0xBC: AM_ABI_R(x); m = RD(ea); OP_LDY; break;
        case 0xE0: m = FETCH(); OP_CPX; break;
        case 0xE4: AM_ZP; m = RD(ea); OP_CPX; break;
        case 0xEC: AM_ABS; m = RD(ea); OP_CPX; break;
        case 0xC0: m = FETCH(); OP_CPY; break;
        case 0xC4: AM_ZP; m = RD(ea); OP_CPY; break;
        case 0xCC: AM_ABS; m = RD(ea); OP_CPY; break;
        case 0x24: AM_ZP; m = RD(ea); OP_BIT; break;
        case 0x2C: AM_ABS; m = RD(ea); OP_BIT; break;
        case 0xA3: AM_IZX; m = RD(ea); OP_LAX; break;
        case 0xA7: AM_ZP; m = RD(ea); OP_LAX; break;
        case 0xAF: AM_ABS; m = RD(ea); OP_LAX; break;
        case 0xB3: AM_IZY_R; m = RD(ea); OP_LAX; break;
        case 0xB7: AM_ZPI(y); m = RD(ea); OP_LAX; break;
        case 0xBF: AM_ABI_R(y); m = RD(ea); OP_LAX; break;
        case 0xEB: m = FETCH(); OP_SBC; break;

        /* Immediate undocumented operations. */
        case 0x0B: case 0x2B: m = FETCH(); OP_AND; cf = a >> 7; break;
        case 0x4B: m = FETCH(); a &= m; cf = a & 1; a >>= 1; SETNZ(a); break;
        case 0x6B: {
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
            break;
        }
        case 0xCB: {
            m = FETCH();
            unsigned ax = a & x;
            cf = ax >= m;
            x = (uint8_t)(ax - m);
            SETNZ(x);
            break;
        }
        case 0x8B: m = FETCH(); a = (a | 0xEE) & x & m; SETNZ(a); break;
        case 0xAB: m = FETCH(); a = x = (a | 0xEE) & m; SETNZ(a); break;

        /* Unstable stores: value reg & (H+1); on a page cross it also becomes the high byte. */
#define SH_STORE(val) do { uint8_t v_ = (uint8_t)((val) & ((bs >> 8) + 1)); \
                           if ((bs ^ ea) & 0x100) ea = (ea & 0xff) | (unsigned)v_ << 8; \
                           WR(ea, v_); } while (0)
        case 0x93: AM_IZY_W; SH_STORE(a & x); break;
        case 0x9F: AM_ABI_W(y); SH_STORE(a & x); break;
        case 0x9E: AM_ABI_W(y); SH_STORE(x); break;
        case 0x9C: AM_ABI_W(x); SH_STORE(y); break;
        case 0x9B: AM_ABI_W(y); s = a & x; SH_STORE(s); break;
#undef SH_STORE
        case 0xBB: AM_ABI_R(y); m = RD(ea); a = x = s = m & s; SETNZ(a); break;

        /* NOP forms: they read their operand like a load. */
        case 0x80: case 0x82: case 0x89: case 0xC2: case 0xE2: m = FETCH(); OP_NOP; break;
        case 0x04: case 0x44: case 0x64: AM_ZP; m = RD(ea); OP_NOP; break;
        case 0x0C: AM_ABS; m = RD(ea); OP_NOP; break;
        case 0x14: case 0x34: case 0x54: case 0x74: case 0xD4: case 0xF4:
            AM_ZPI(x); m = RD(ea); OP_NOP; break;
        case 0x1C: case 0x3C: case 0x5C: case 0x7C: case 0xDC: case 0xFC:
            AM_ABI_R(x); m = RD(ea); OP_NOP; break;
        case 0x1A: case 0x3A: case 0x5A: case 0x7A: case 0xDA: case 0xFA: case 0xEA:
            DUMMY(pc); break;

        /* Register and flag instructions. */
        IMPLIED(0xAA, x = a; SETNZ(x))
        IMPLIED(0xA8, y = a; SETNZ(y))
        IMPLIED(0x8A, a = x; SETNZ(a))
        IMPLIED(0x98, a = y; SETNZ(a))
        IMPLIED(0xBA, x = s; SETNZ(x))
        IMPLIED(0x9A, s = x)
        IMPLIED(0xE8, x++; SETNZ(x))
        IMPLIED(0xC8, y++; SETNZ(y))
        IMPLIED(0xCA, x--; SETNZ(x))
        IMPLIED(0x88, y--; SETNZ(y))
        IMPLIED(0x18, cf = 0)
        IMPLIED(0x38, cf = 1)
        IMPLIED(0xD8, vdi &= ~FLAG_D)
        IMPLIED(0xF8, vdi |= FLAG_D)
        IMPLIED(0xB8, vdi &= ~FLAG_V)
        /* CLI and SEI change I after the interrupt poll: remember the old I for it. */
        IMPLIED(0x58, c->i_before = (uint8_t)(vdi & FLAG_I); c->i_delay_insn = insns + 1; vdi &= ~FLAG_I)
        IMPLIED(0x78, c->i_before = (uint8_t)(vdi & FLAG_I); c->i_delay_insn = insns + 1; vdi |= FLAG_I)

        /* Stack. */
        case 0x48: DUMMY(pc); PUSH(a); break;
        case 0x08: DUMMY(pc); PUSH(GETP(0x10)); break;
        case 0x68: DUMMY(pc); DUMMY(0x100u | s); a = PULL(); SETNZ(a); break;
        case 0x28: {
            DUMMY(pc);
            DUMMY(0x100u | s);
            uint8_t old_i = (uint8_t)(vdi & FLAG_I);
            SETP(PULL());
            c->i_before = old_i;
            c->i_delay_insn = insns + 1;
            break;
        }

        /* Flow control. */
        case 0x4C: {
            ea = FETCH();
            ea |= (unsigned)RD(pc) << 8;
            if (UNLIKELY(ea == (uint16_t)(pc - 2)) && c->stop_on_self_loop)
                SELF_LOOP_STOP(ea, 3);
            pc = (uint16_t)ea;
            break;
        }
        case 0x6C: {
            AM_ABS;
            unsigned lo = RD(ea);
            unsigned hi = RD((ea & 0xff00) | ((ea + 1) & 0xff)); /* no carry into the page */
            pc = (uint16_t)(lo | hi << 8);
            break;
        }
        case 0x20: {
            ea = FETCH();
            DUMMY(0x100u | s);
            PUSH(pc >> 8);
            PUSH(pc & 0xff);
            ea |= (unsigned)RD(pc) << 8;
            pc = (uint16_t)ea;
            break;
        }
        case 0x60: {
            DUMMY(pc);
            DUMMY(0x100u | s);
            ea = PULL();
            ea |= (unsigned)PULL() << 8;
            DUMMY(ea);
            pc = (uint16_t)(ea + 1);
            break;
        }
        case 0x40: {
            DUMMY(pc);
            DUMMY(0x100u | s);
            SETP(PULL());
            ea = PULL();
            ea |= (unsigned)PULL() << 8;
            pc = (uint16_t)ea;
            break;
        }
        case 0x00: {
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
            break;
        }
        BRANCH(0x10, !(n & 0x80))
        BRANCH(0x30, n & 0x80)
        BRANCH(0x50, !(vdi & FLAG_V))
        BRANCH(0x70, vdi & FLAG_V)
        BRANCH(0x90, !cf)
        BRANCH(0xB0, cf)
        BRANCH(0xD0, z)
        BRANCH(0xF0, !z)

        /* JAM: the chip stops fetching; leave PC on the opcode. */
        case 0x02: case 0x12: case 0x22: case 0x32: case 0x42: case 0x52:
        case 0x62: case 0x72: case 0x92: case 0xB2: case 0xD2: case 0xF2:
            DUMMY(pc);
            pc--;
            c->jammed = true;
            c->stop_reason = CPU6502_STOP_JAM;
            goto out;
        default:
            __builtin_unreachable(); /* all 256 opcodes have a case above */
        }
        insns++;
        if (single)
            break;
    }
out:
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
    c->cycles = cyc;
    c->jammed = false;
    c->no_poll_at = cyc;
    c->nmi_pending = false;
    c->i_delay_insn = UINT64_MAX;
    update_attention(c);
}

/* Two copies of the loop: the stepping one drops the budget and breakpoint checks. */
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
