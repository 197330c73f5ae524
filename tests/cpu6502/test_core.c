/*
 * test_core.c - the core's host-visible behaviour with small hand-written 6502 programs:
 * interrupt timing (CLI/SEI/PLP delay, RTI without delay, NMI taking over BRK, B only on the
 * stack), which bus accesses reach device handlers and at which cycle, ROM protection, open
 * bus, byte-range devices, JAM and reset, breakpoints, self-loop stops, step/run accounting,
 * handler stop requests, IRQ sources, two CPUs at once,
 * and the disassembler against the core's own instruction lengths.
 */
#include "cpu6502.h"
#include "disasm6502.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int failures;

#define CHECK(cond, ...) do { if (!(cond)) { failures++; printf("FAIL %s:%d: ", __FILE__, __LINE__); \
                                  printf(__VA_ARGS__); printf("\n"); } } while (0)

/* A test machine: 64 KiB RAM, a device at $D000-$D0FF recording every access with its cycle,
 * whose writes to $D000/$D001 drive IRQ/NMI. */
typedef struct {
    uint16_t addr;
    uint8_t value;
    char rw;
    uint64_t cycle;
} access;

typedef struct {
    uint8_t ram[0x10000];
    cpu6502 cpu;
    access log[64];
    unsigned nlog;
} rig;

static uint8_t dev_read(void *ctx, uint16_t addr)
{
    rig *r = ctx;
    if (r->nlog < 64)
        r->log[r->nlog++] = (access){addr, r->ram[addr], 'r', cpu6502_cycles(&r->cpu)};
    if (addr == 0xD002) /* like a status read that clears the device's interrupt */
        cpu6502_set_irq(&r->cpu, 1, false);
    return r->ram[addr];
}

static void dev_write(void *ctx, uint16_t addr, uint8_t v)
{
    rig *r = ctx;
    if (r->nlog < 64)
        r->log[r->nlog++] = (access){addr, v, 'w', cpu6502_cycles(&r->cpu)};
    r->ram[addr] = v;
    if (addr == 0xD000)
        cpu6502_set_irq(&r->cpu, 1, v != 0);
    if (addr == 0xD001)
        cpu6502_set_nmi(&r->cpu, v != 0);
}

static rig *rig_new(void)
{
    rig *r = calloc(1, sizeof *r);
    if (!r)
        exit(2);
    cpu6502_init(&r->cpu);
    cpu6502_map_ram(&r->cpu, 0, 0x10000, r->ram);
    cpu6502_map_device(&r->cpu, 0xD000, 0x100, dev_read, dev_write, r);
    return r;
}

static void load(rig *r, uint16_t at, const uint8_t *bytes, size_t n)
{
    memcpy(r->ram + at, bytes, n);
}

static void set_vectors(rig *r, uint16_t nmi, uint16_t reset, uint16_t irq)
{
    uint8_t v[6] = {nmi & 0xff, nmi >> 8, reset & 0xff, reset >> 8, irq & 0xff, irq >> 8};
    load(r, 0xFFFA, v, 6);
}

static cpu6502_regs regs(const rig *r)
{
    cpu6502_regs g;
    cpu6502_get_regs(&r->cpu, &g);
    return g;
}

static void start(rig *r, uint16_t pc, uint8_t p)
{
    cpu6502_regs g = {pc, 0, 0, 0, 0xFF, p};
    cpu6502_set_regs(&r->cpu, &g);
}

/* IRQ handler at $9000: INC $10 ; RTI. Counts interrupts in $10. */
static const uint8_t irq_counter[] = {0xE6, 0x10, 0x40};

static void test_cli_delay(void)
{
    rig *r = rig_new();
    set_vectors(r, 0x9100, 0x0200, 0x9000);
    load(r, 0x9000, irq_counter, sizeof irq_counter);
    /* $0200: CLI ; INX ; INX ; JMP *  with IRQ held asserted from the start */
    const uint8_t prog[] = {0x58, 0xE8, 0xE8, 0x4C, 0x03, 0x02};
    load(r, 0x0200, prog, sizeof prog);
    start(r, 0x0200, 0x24);
    cpu6502_set_irq(&r->cpu, 4, true);
    cpu6502_step(&r->cpu); /* CLI */
    cpu6502_step(&r->cpu); /* INX: runs, the IRQ waits one instruction after CLI */
    CHECK(regs(r).x == 1 && regs(r).pc == 0x0202, "CLI delay: x=%d pc=%04X", regs(r).x, regs(r).pc);
    unsigned n = cpu6502_step(&r->cpu); /* IRQ entry (7) + INC $10 (5) */
    CHECK(n == 12, "IRQ entry + first handler instruction = %u cycles, want 12", n);
    CHECK(r->ram[0x10] == 1, "IRQ handler ran");
    CHECK(r->ram[0x1FD] == 0x20 && r->ram[0x1FE] == 0x02 && r->ram[0x1FF] == 0x02,
          "IRQ pushed PC=$0202 and P=$20 (B clear, bit 5 set, I clear): %02X %02X %02X",
          r->ram[0x1FF], r->ram[0x1FE], r->ram[0x1FD]);
    CHECK(regs(r).p & CPU6502_I, "I set in the handler");
    cpu6502_set_irq(&r->cpu, 4, false);
    cpu6502_step(&r->cpu); /* RTI */
    CHECK(regs(r).pc == 0x0202 && !(regs(r).p & CPU6502_I), "RTI back to $0202, I clear");
    free(r);
}

static void test_sei_and_plp_delay(void)
{
    rig *r = rig_new();
    set_vectors(r, 0x9100, 0x0200, 0x9000);
    load(r, 0x9000, irq_counter, sizeof irq_counter);
    /* SEI with an IRQ pending and I clear: the IRQ is still taken right after SEI. */
    const uint8_t prog[] = {0x78, 0xEA, 0xEA};
    load(r, 0x0200, prog, sizeof prog);
    start(r, 0x0200, 0x20);
    cpu6502_set_irq(&r->cpu, 1, true);
    cpu6502_step(&r->cpu); /* SEI (the IRQ became visible at its start, seen at its poll) */
    cpu6502_step(&r->cpu); /* IRQ entry + INC */
    CHECK(r->ram[0x10] == 1, "IRQ taken right after SEI");
    CHECK(r->ram[0x1FD] == 0x24, "pushed P has I set by SEI: %02X", r->ram[0x1FD]);
    cpu6502_set_irq(&r->cpu, 1, false);
    free(r);

    /* PLP clearing I: one more instruction runs before the IRQ. */
    r = rig_new();
    set_vectors(r, 0x9100, 0x0200, 0x9000);
    load(r, 0x9000, irq_counter, sizeof irq_counter);
    const uint8_t prog2[] = {0xA9, 0x00, 0x48, 0x28, 0xE8, 0xE8}; /* LDA #0 PHA PLP INX INX */
    load(r, 0x0200, prog2, sizeof prog2);
    start(r, 0x0200, 0x24);
    cpu6502_set_irq(&r->cpu, 1, true);
    for (int k = 0; k < 4; k++)
        cpu6502_step(&r->cpu); /* LDA PHA PLP INX */
    CHECK(regs(r).x == 1 && r->ram[0x10] == 0, "PLP delay: x=%d irqs=%d", regs(r).x, r->ram[0x10]);
    cpu6502_step(&r->cpu);
    CHECK(r->ram[0x10] == 1 && regs(r).x == 1, "IRQ after the instruction following PLP");
    free(r);

    /* RTI restoring I=0 has no delay: the IRQ comes right after RTI. */
    r = rig_new();
    set_vectors(r, 0x9100, 0x0200, 0x9000);
    load(r, 0x9000, irq_counter, sizeof irq_counter);
    load(r, 0x0300, (const uint8_t[]){0xE8}, 1);
    r->ram[0x1FD] = 0x20; /* P with I clear */
    r->ram[0x1FE] = 0x00;
    r->ram[0x1FF] = 0x03; /* return to $0300 */
    load(r, 0x0200, (const uint8_t[]){0x40}, 1);
    start(r, 0x0200, 0x24);
    cpu6502_regs g = regs(r);
    g.s = 0xFC;
    cpu6502_set_regs(&r->cpu, &g);
    cpu6502_set_irq(&r->cpu, 1, true);
    cpu6502_step(&r->cpu); /* RTI */
    cpu6502_step(&r->cpu); /* IRQ before INX */
    CHECK(r->ram[0x10] == 1 && regs(r).x == 0, "IRQ right after RTI: irqs=%d x=%d", r->ram[0x10], regs(r).x);
    free(r);
}

/* A device write asserting IRQ in the last cycle of an instruction is seen one instruction
 * later; in the second-to-last cycle it is seen at once. */
static void test_irq_sampling_point(void)
{
    for (int late = 0; late < 2; late++) {
        rig *r = rig_new();
        set_vectors(r, 0x9100, 0x0200, 0x9000);
        load(r, 0x9000, irq_counter, sizeof irq_counter);
        /* late: LDA #1 ; STA $D000 asserts IRQ in STA's last cycle. early: INC $D000 holding
         * $01: the first write of the RMW (old value $01) asserts it in the second-to-last. */
        const uint8_t late_prog[] = {0xA9, 0x01, 0x8D, 0x00, 0xD0, 0xE8, 0xE8};
        const uint8_t early_prog[] = {0xEE, 0x00, 0xD0, 0xE8, 0xE8};
        if (late)
            load(r, 0x0200, late_prog, sizeof late_prog);
        else
            load(r, 0x0200, early_prog, sizeof early_prog);
        r->ram[0xD000] = 0x01;
        start(r, 0x0200, 0x20);
        if (late)
            cpu6502_step(&r->cpu); /* LDA */
        cpu6502_step(&r->cpu);     /* the store / RMW */
        cpu6502_step(&r->cpu);     /* late: INX then IRQ; early: IRQ + INC $10 */
        if (late)
            CHECK(regs(r).x == 1 && r->ram[0x10] == 0, "IRQ asserted in the last cycle waits: x=%d", regs(r).x);
        else
            CHECK(regs(r).x == 0 && r->ram[0x10] == 1, "IRQ asserted before the last cycle is taken: x=%d", regs(r).x);
        free(r);
    }
}

/* IRQ released by a read in the last cycle of an instruction was still low at the sample
 * point: the interrupt is taken. Released one cycle before the sample point: it is not. */
static void test_irq_release_timing(void)
{
    for (int last = 0; last < 2; last++) {
        rig *r = rig_new();
        set_vectors(r, 0x9100, 0x0200, 0x9000);
        load(r, 0x9000, irq_counter, sizeof irq_counter);
        /* LDA #1 ; STA $D000 (assert in its last cycle) ; then LDA $D002 (release in its last
         * cycle) or INC $D002 (release in its 4th of 6 cycles) ; INX */
        const uint8_t lda[] = {0xA9, 0x01, 0x8D, 0x00, 0xD0, 0xAD, 0x02, 0xD0, 0xE8};
        const uint8_t inc[] = {0xA9, 0x01, 0x8D, 0x00, 0xD0, 0xEE, 0x02, 0xD0, 0xE8};
        load(r, 0x0200, last ? lda : inc, sizeof lda);
        start(r, 0x0200, 0x20);
        for (int k = 0; k < 4; k++)
            cpu6502_step(&r->cpu);
        if (last)
            CHECK(r->ram[0x10] == 1 && regs(r).x == 0, "IRQ released in the last cycle is still taken");
        else
            CHECK(r->ram[0x10] == 0 && regs(r).x == 1, "IRQ released before the sample point is not taken");
        free(r);
    }
}

/* NMI edge during BRK's first cycles takes over the vector; B stays set on the stack. */
static void test_nmi_hijacks_brk(void)
{
    rig *r = rig_new();
    set_vectors(r, 0x9100, 0x0200, 0x9000);
    load(r, 0x9000, (const uint8_t[]){0xE6, 0x10, 0x40}, 3); /* BRK/IRQ handler counts in $10 */
    load(r, 0x9100, (const uint8_t[]){0xE6, 0x11, 0x40}, 3); /* NMI handler counts in $11 */
    /* $0200: STA $D001 (A=1: NMI edge in its last cycle) ; BRK ; pad ; NOP */
    const uint8_t prog[] = {0xA9, 0x01, 0x8D, 0x01, 0xD0, 0x00, 0xFF, 0xEA};
    load(r, 0x0200, prog, sizeof prog);
    start(r, 0x0200, 0x20);
    cpu6502_step(&r->cpu); /* LDA */
    cpu6502_step(&r->cpu); /* STA: NMI edge at its last cycle, so BRK still starts */
    unsigned n = cpu6502_step(&r->cpu); /* BRK, vector taken over by NMI */
    CHECK(n == 7, "BRK = 7 cycles, got %u", n);
    CHECK(regs(r).pc == 0x9100, "NMI took over BRK: pc=%04X", regs(r).pc);
    CHECK(r->ram[0x1FD] == 0x30, "BRK pushed P with B set, I still clear: %02X", r->ram[0x1FD]);
    CHECK(r->ram[0x1FE] == 0x07 && r->ram[0x1FF] == 0x02, "BRK pushed PC+2 = $0207");
    cpu6502_step(&r->cpu); /* INC $11 */
    cpu6502_step(&r->cpu); /* RTI */
    CHECK(regs(r).pc == 0x0207 && r->ram[0x11] == 1 && r->ram[0x10] == 0,
          "NMI serviced once, BRK handler skipped: pc=%04X nmi=%d brk=%d", regs(r).pc, r->ram[0x11], r->ram[0x10]);
    cpu6502_step(&r->cpu); /* NOP: no second NMI (edge consumed) */
    CHECK(regs(r).pc == 0x0208 && r->ram[0x11] == 1, "no second NMI");
    free(r);

    /* Without an NMI, BRK goes to $FFFE with B set on the stack; PHP pushes B and bit 5. */
    r = rig_new();
    set_vectors(r, 0x9100, 0x0200, 0x9000);
    load(r, 0x0200, (const uint8_t[]){0x08, 0x00}, 2);
    start(r, 0x0200, 0x00);
    cpu6502_step(&r->cpu);
    CHECK(r->ram[0x1FF] == 0x30, "PHP pushes $30 for P=0: %02X", r->ram[0x1FF]);
    cpu6502_step(&r->cpu);
    CHECK(regs(r).pc == 0x9000 && (regs(r).p & CPU6502_B) == 0, "BRK to $9000, B not in P");
    free(r);
}

static void test_nmi_edge(void)
{
    rig *r = rig_new();
    set_vectors(r, 0x9100, 0x0200, 0x9000);
    load(r, 0x9100, (const uint8_t[]){0xE6, 0x11, 0x40}, 3);
    memset(r->ram + 0x0200, 0xEA, 16);
    start(r, 0x0200, 0x24);
    cpu6502_set_nmi(&r->cpu, true);
    cpu6502_run(&r->cpu, 40);
    CHECK(r->ram[0x11] == 1, "NMI taken once while held low (edge), got %d", r->ram[0x11]);
    CHECK(r->ram[0x1FD] == 0x24, "NMI pushes B clear: %02X", r->ram[0x1FD]);
    cpu6502_set_nmi(&r->cpu, false);
    cpu6502_set_nmi(&r->cpu, true);
    cpu6502_run(&r->cpu, 20);
    CHECK(r->ram[0x11] == 2, "a new edge gives a second NMI");
    free(r);
}

/* Exactly which accesses reach a device page, and at which cycle. */
static void test_bus_visibility(void)
{
    rig *r = rig_new();
    /* $0200: LDX #$10 ; INC $D0F0,X (crosses to $D100? no: $D0F0+$10 = $D100, page $D1 is RAM)
     * Use LDX #$01 ; INC $D0F0,X -> $D0F1: dummy read $D0F1 (no carry), read, write old, write new. */
    const uint8_t prog[] = {0xA2, 0x01, 0xFE, 0xF0, 0xD0, 0xAD, 0x10, 0xD0, 0xBD, 0xFF, 0xCF};
    load(r, 0x0200, prog, sizeof prog);
    r->ram[0xD0F1] = 0x41;
    start(r, 0x0200, 0x24);
    uint64_t c0 = cpu6502_cycles(&r->cpu);
    cpu6502_step(&r->cpu); /* LDX #1: 2 cycles */
    cpu6502_step(&r->cpu); /* INC abs,X: 7 cycles, device sees cycles 3..6 of it */
    CHECK(r->nlog == 4, "INC abs,X on a device: 4 accesses, got %u", r->nlog);
    const char want_rw[] = "rrww";
    const uint8_t want_v[] = {0x41, 0x41, 0x41, 0x42};
    for (unsigned k = 0; k < 4 && k < r->nlog; k++) {
        CHECK(r->log[k].addr == 0xD0F1 && r->log[k].rw == want_rw[k] && r->log[k].value == want_v[k],
              "INC access %u: %c %04X=%02X", k, r->log[k].rw, r->log[k].addr, r->log[k].value);
        CHECK(r->log[k].cycle == c0 + 2 + 3 + k, "INC access %u at cycle %llu, want %llu", k,
              (unsigned long long)r->log[k].cycle, (unsigned long long)(c0 + 5 + k));
    }
    r->nlog = 0;
    cpu6502_step(&r->cpu); /* LDA $D010: one read */
    CHECK(r->nlog == 1 && r->log[0].addr == 0xD010, "LDA abs: one device read");
    r->nlog = 0;
    cpu6502_step(&r->cpu); /* LDA $CFFF,X -> $D000 with a page cross: dummy read $CF00 (RAM) */
    CHECK(r->nlog == 1 && r->log[0].addr == 0xD000, "LDA abs,X crossing into the device: %u accesses", r->nlog);
    free(r);
}

static uint8_t rom_image[256];

static void test_rom_and_open_bus(void)
{
    rig *r = rig_new();
    for (int k = 0; k < 256; k++)
        rom_image[k] = (uint8_t)k;
    cpu6502_map_rom(&r->cpu, 0xE000, 0x100, rom_image);
    cpu6502_unmap(&r->cpu, 0xC000, 0x100);
    /* STA $E005 (ignored) ; LDA $E005 ; LDX $C012 (open bus: $C0) */
    const uint8_t prog[] = {0x8D, 0x05, 0xE0, 0xAD, 0x05, 0xE0, 0xAE, 0x12, 0xC0};
    load(r, 0x0200, prog, sizeof prog);
    start(r, 0x0200, 0x24);
    cpu6502_regs g = regs(r);
    g.a = 0x99;
    cpu6502_set_regs(&r->cpu, &g);
    cpu6502_run(&r->cpu, 12);
    CHECK(rom_image[5] == 5 && regs(r).a == 5, "ROM write-protected: rom=%02X a=%02X", rom_image[5], regs(r).a);
    CHECK(regs(r).x == 0xC0, "open bus read gives the high address byte: %02X", regs(r).x);
    CHECK(cpu6502_peek(&r->cpu, 0xE007) == 7 && cpu6502_map_ram(&r->cpu, 0x1234, 0x100, r->ram) < 0,
          "peek / unaligned map rejected");
    free(r);
}

static void test_jam_reset_breakpoints(void)
{
    rig *r = rig_new();
    set_vectors(r, 0x9100, 0x0300, 0x9000);
    load(r, 0x0200, (const uint8_t[]){0xE8, 0x02, 0xE8}, 3);
    load(r, 0x0300, (const uint8_t[]){0xC8, 0xC8, 0xC8, 0x4C, 0x03, 0x03}, 6);
    start(r, 0x0200, 0x24);
    uint64_t n = cpu6502_run(&r->cpu, 1000);
    CHECK(cpu6502_jammed(&r->cpu) && cpu6502_stop_reason(&r->cpu) == CPU6502_STOP_JAM, "JAM halts");
    CHECK(regs(r).pc == 0x0201 && regs(r).x == 1 && n == 4, "JAM at $0201 after INX: pc=%04X n=%llu",
          regs(r).pc, (unsigned long long)n);
    CHECK(cpu6502_run(&r->cpu, 1000) == 0 && cpu6502_step(&r->cpu) == 0, "stays halted");
    uint64_t before = cpu6502_cycles(&r->cpu);
    cpu6502_reset(&r->cpu);
    CHECK(!cpu6502_jammed(&r->cpu) && regs(r).pc == 0x0300 && cpu6502_cycles(&r->cpu) == before + 7 &&
          regs(r).s == 0xFC, "reset: 7 cycles, vector, S-3 (s=%02X)", regs(r).s);
    cpu6502_set_breakpoint(&r->cpu, 0x0302, true);
    cpu6502_run(&r->cpu, 1000);
    CHECK(cpu6502_stop_reason(&r->cpu) == CPU6502_STOP_BREAKPOINT && regs(r).pc == 0x0302 && regs(r).y == 2,
          "breakpoint before $0302");
    cpu6502_run(&r->cpu, 6); /* resumes from the breakpoint */
    CHECK(regs(r).y == 3, "resume runs the instruction at the breakpoint");
    /* a run whose cycles run out right on a breakpoint: the next run reports it at once */
    cpu6502_set_breakpoint(&r->cpu, 0x0300, true);
    cpu6502_set_breakpoint(&r->cpu, 0x0302, false);
    cpu6502_reset(&r->cpu);     /* PC $0300, a breakpoint: a reset's first run does not stop */
    n = cpu6502_run(&r->cpu, 2);
    CHECK(regs(r).pc == 0x0301 && cpu6502_stop_reason(&r->cpu) == CPU6502_STOP_NONE, "run from reset pc=%04X",
          regs(r).pc);
    cpu6502_regs jump = regs(r);
    jump.pc = 0x0303;       /* JMP $0303 ... replaced by JMP $0300 below */
    cpu6502_set_regs(&r->cpu, &jump);
    load(r, 0x0303, (const uint8_t[]){0x4C, 0x00, 0x03}, 3);
    n = cpu6502_run(&r->cpu, 3);   /* the JMP's 3 cycles end right on the breakpoint */
    CHECK(n == 3 && regs(r).pc == 0x0300 && cpu6502_stop_reason(&r->cpu) == CPU6502_STOP_NONE,
          "budget ends on the breakpoint: n=%llu pc=%04X", (unsigned long long)n, regs(r).pc);
    n = cpu6502_run(&r->cpu, 1000);
    CHECK(n == 0 && cpu6502_stop_reason(&r->cpu) == CPU6502_STOP_BREAKPOINT, "then reported at once: n=%llu",
          (unsigned long long)n);
    n = cpu6502_run(&r->cpu, 2);
    CHECK(n == 2 && regs(r).pc == 0x0301, "and resumed from: n=%llu pc=%04X", (unsigned long long)n, regs(r).pc);
    load(r, 0x0303, (const uint8_t[]){0x4C, 0x03, 0x03}, 3);
    jump = regs(r);
    jump.pc = 0x0303;
    cpu6502_set_regs(&r->cpu, &jump);
    cpu6502_clear_breakpoints(&r->cpu);
    cpu6502_set_stop_on_self_loop(&r->cpu, true);
    uint64_t insns = cpu6502_instructions(&r->cpu);
    cpu6502_run(&r->cpu, 1000);
    CHECK(cpu6502_stop_reason(&r->cpu) == CPU6502_STOP_SELF_LOOP && regs(r).pc == 0x0303 &&
          cpu6502_instructions(&r->cpu) == insns, "self-loop stop, JMP * not counted");
    cpu6502_set_stop_on_self_loop(&r->cpu, false);
    n = cpu6502_run(&r->cpu, 1000);
    CHECK(n >= 1000 && n < 1003 && cpu6502_stop_reason(&r->cpu) == CPU6502_STOP_NONE, "budget run: %llu",
          (unsigned long long)n);
    free(r);
}

/* Byte-range devices inside a RAM page, NULL handlers falling through to RAM, later
 * mappings overriding earlier ones, a stop requested from a handler, IRQ sources. */
static uint8_t key_read(void *ctx, uint16_t addr)
{
    (void)ctx;
    return (uint8_t)(0x50 + (addr & 0x0F));
}

static void stop_write(void *ctx, uint16_t addr, uint8_t v)
{
    rig *r = ctx;
    r->ram[addr] = (uint8_t)(v + 1); /* visible proof that the handler, not RAM, took it */
    cpu6502_request_stop(&r->cpu);
}

static void test_device_ranges(void)
{
    rig *r = rig_new();
    CHECK(cpu6502_map_device(&r->cpu, 0xDF00, 1, key_read, NULL, r) == 0, "map $DF00");
    CHECK(cpu6502_map_device(&r->cpu, 0xF000, 2, NULL, stop_write, r) == 0, "map $F000-$F001");
    CHECK(cpu6502_map_device(&r->cpu, 0xD010, 1, key_read, NULL, r) == 0, "override $D010");
    CHECK(cpu6502_map_device(&r->cpu, 0xFFFF, 2, key_read, NULL, r) < 0, "range past $FFFF rejected");
    CHECK(cpu6502_map_device(&r->cpu, 1, 0xFFFFFFFFu, key_read, NULL, r) < 0 &&
          cpu6502_map_ram(&r->cpu, 0x100, 0xFFFFFF00u, r->ram) < 0, "wrapping lengths rejected");
    r->ram[0xDF01] = 0x11;
    r->ram[0xF000] = 0x22;
    /* LDA $DF00 ; LDX $DF01 ; STA $DF00 (RAM under a NULL write) ; LDY $F000 (NULL read: RAM) ;
     * LDA $D010 ; STA $F001 (handler stops the run) ; INX */
    const uint8_t prog[] = {0xAD, 0x00, 0xDF, 0xAE, 0x01, 0xDF, 0x8D, 0x00, 0xDF, 0xAC, 0x00, 0xF0,
                            0xAD, 0x10, 0xD0, 0x8D, 0x01, 0xF0, 0xE8};
    load(r, 0x0200, prog, sizeof prog);
    start(r, 0x0200, 0x24);
    cpu6502_run(&r->cpu, 1000);
    CHECK(cpu6502_stop_reason(&r->cpu) == CPU6502_STOP_REQUEST && regs(r).pc == 0x0212,
          "stop requested by a handler ends the run after that instruction: pc=%04X", regs(r).pc);
    CHECK(r->ram[0xDF00] == 0x50 && regs(r).x == 0x11 && regs(r).y == 0x22 && regs(r).a == 0x50,
          "byte-range device over RAM: a=%02X x=%02X y=%02X ram[DF00]=%02X", regs(r).a, regs(r).x, regs(r).y,
          r->ram[0xDF00]);
    CHECK(r->ram[0xF001] == 0x51 && r->nlog == 0, "write handler took $F001; $D010 no longer logged by the rig");
    free(r);

    /* IRQ is the OR of its sources. */
    r = rig_new();
    set_vectors(r, 0x9100, 0x0200, 0x9000);
    load(r, 0x9000, irq_counter, sizeof irq_counter);
    memset(r->ram + 0x0200, 0xEA, 64);
    start(r, 0x0200, 0x20);
    cpu6502_set_irq(&r->cpu, 1u << 0, true);
    cpu6502_set_irq(&r->cpu, 1u << 5, true);
    cpu6502_set_irq(&r->cpu, 1u << 0, false);
    cpu6502_run(&r->cpu, 20);
    CHECK(r->ram[0x10] >= 1, "IRQ held by the remaining source");
    cpu6502_set_irq(&r->cpu, 1u << 5, false);
    cpu6502_run(&r->cpu, 20); /* finish the handler */
    uint8_t count = r->ram[0x10];
    cpu6502_run(&r->cpu, 40);
    CHECK(r->ram[0x10] == count, "no IRQ once every source released it");
    free(r);
}

/* Two CPUs in one process keep separate state. */
static void test_two_cpus(void)
{
    rig *a = rig_new(), *b = rig_new();
    load(a, 0x0200, (const uint8_t[]){0xE8, 0x4C, 0x00, 0x02}, 4);
    load(b, 0x0200, (const uint8_t[]){0xC8, 0x4C, 0x00, 0x02}, 4);
    start(a, 0x0200, 0x24);
    start(b, 0x0200, 0x24);
    cpu6502_run(&a->cpu, 70);
    cpu6502_run(&b->cpu, 35);
    CHECK(regs(a).x == 14 && regs(a).y == 0 && regs(b).y == 7 && regs(b).x == 0,
          "independent CPUs: a.x=%d b.y=%d", regs(a).x, regs(b).y);
    free(a);
    free(b);
}

/* Disassembler: text for each mode, and lengths agree with how far the core moves PC. */
static void test_disasm(void)
{
    struct { uint8_t b[3]; const char *text; } cases[] = {
        {{0xA9, 0x0F}, "LDA #$0F"}, {{0xBD, 0x00, 0x20}, "LDA $2000,X"}, {{0xB1, 0x12}, "LDA ($12),Y"},
        {{0xA1, 0x12}, "LDA ($12,X)"}, {{0x0A}, "ASL A"}, {{0x6C, 0xFF, 0x10}, "JMP ($10FF)"},
        {{0xD0, 0xFE}, "BNE $C000"}, {{0x96, 0x80}, "STX $80,Y"}, {{0xA7, 0x10}, "LAX $10"},
        {{0x02}, "JAM"}, {{0xCB, 0x05}, "SBX #$05"}, {{0x9C, 0x00, 0x30}, "SHY $3000,X"},
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        char text[32];
        disasm6502(0xC000, cases[k].b, text, sizeof text);
        CHECK(strcmp(text, cases[k].text) == 0, "disasm %02X: '%s' want '%s'", cases[k].b[0], text, cases[k].text);
    }
    int documented = 0;
    rig *r = rig_new();
    cpu6502_map_ram(&r->cpu, 0, 0x10000, r->ram); /* plain RAM: no device lines to trip */
    for (int op = 0; op < 256; op++) {
        documented += disasm6502_documented((uint8_t)op);
        const char *mn = disasm6502_mnemonic((uint8_t)op);
        disasm6502_mode mode = disasm6502_addr_mode((uint8_t)op);
        if (mode == DISASM6502_REL || !strcmp(mn, "JMP") || !strcmp(mn, "JSR") || !strcmp(mn, "RTS") ||
            !strcmp(mn, "RTI") || !strcmp(mn, "BRK") || !strcmp(mn, "JAM"))
            continue;
        r->ram[0x0400] = (uint8_t)op;
        r->ram[0x0401] = 0x10;
        r->ram[0x0402] = 0x20;
        start(r, 0x0400, 0x24);
        cpu6502_step(&r->cpu);
        CHECK(regs(r).pc == 0x0400 + disasm6502_length((uint8_t)op), "opcode %02X: core advanced to %04X, disasm length %d",
              op, regs(r).pc, disasm6502_length((uint8_t)op));
    }
    free(r);
    CHECK(documented == 151, "151 documented opcodes, table says %d", documented);
}

int main(void)
{
    test_cli_delay();
    test_sei_and_plp_delay();
    test_irq_sampling_point();
    test_irq_release_timing();
    test_nmi_hijacks_brk();
    test_nmi_edge();
    test_bus_visibility();
    test_rom_and_open_bus();
    test_jam_reset_breakpoints();
    test_device_ranges();
    test_two_cpus();
    test_disasm();
    if (failures) {
        printf("%d check(s) failed\n", failures);
        return 1;
    }
    printf("all core checks passed\n");
    return 0;
}
