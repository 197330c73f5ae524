/*
 * cpu6502.h - a cycle-exact NMOS 6502 core with memory-mapped observers.
 *
 * Model
 *   One `cpu6502` struct holds everything (no globals): many CPUs can run in one process.
 *   The struct is public so hosts can embed it; touch its fields only through these functions.
 *
 *   Memory is a 256-entry page table set up by the host:
 *     - RAM pages   (cpu6502_map_ram)  read and written directly through a pointer;
 *     - ROM pages   (cpu6502_map_rom)  read directly, writes ignored;
 *     - unmapped    (the default)      reads return the open-bus value (the high byte of the
 *                                      address, which is what the last operand fetch of an
 *                                      absolute access leaves on the bus), writes ignored;
 *     - devices     (cpu6502_map_device) read/write handlers on any byte range, laid over the
 *                                      page's RAM/ROM/unmapped base. Bytes of the page outside
 *                                      the range keep the base behaviour; a NULL read (write)
 *                                      handler means reads (writes) of the range use the base.
 *   Mapping RAM/ROM or unmapping a page removes the device handlers on it.
 *
 *   Every bus cycle of the real chip is one access here, in the chip's order, and the cycle
 *   counter advances by one per access. Every real read and write (opcodes, operands, data,
 *   pushes, pulls, vectors) reaches the handler of a device byte. So do the chip's dummy
 *   accesses, which are:
 *     - the read of PC+1 in the second cycle of every 1-byte instruction (implied, accumulator,
 *       PHA PHP PLA PLP RTS RTI, 1-byte NOPs), of BRK's padding byte and of a JAM opcode's
 *       next byte;
 *     - the read of the un-indexed zero-page address in zp,X / zp,Y / (zp,X);
 *     - the read at the un-carried address (base high byte, indexed low byte) of abs,X / abs,Y
 *       / (zp),Y: for reads only when a page is crossed, for writes, read-modify-writes and
 *       SHA SHX SHY TAS always;
 *     - the stack read at S before PLA PLP RTS RTI pull and before JSR pushes;
 *     - RTS's read of the pulled address before it is incremented;
 *     - a taken branch's read of the next opcode and, on a page cross, of the un-carried target;
 *     - the first write of a read-modify-write instruction (the old value; then the new one);
 *     - the two reads of PC that start an IRQ/NMI entry, and reset's two PC reads and three
 *       stack reads.
 *   On RAM and ROM pages dummy reads and the first RMW write are skipped entirely (they have
 *   no effect there), so the fast path pays nothing for bus exactness.
 *   Inside a handler, cpu6502_cycles() is the exact number of the cycle doing the access
 *   (cycles since cpu6502_init, the first cycle being 0). Registers read from inside a handler
 *   are those at the start of the current cpu6502_run/step call; handlers may call set_irq,
 *   set_nmi, request_stop and the mapping functions, but not reset, set_regs, run or step.
 *
 *   Interrupts: IRQ is a level (wired-OR of up to 32 host sources), NMI is edge-triggered.
 *   Both are sampled at the end of the second-to-last cycle of an instruction (a line asserted
 *   by a handler during the last cycle is seen one instruction later; an IRQ released during
 *   the last cycle was still low at the sample and is taken). CLI, SEI and PLP change
 *   I after that sample (one-instruction delay); RTI does not. An NMI edge seen within the
 *   first four cycles of BRK (or of an IRQ entry) takes over its vector fetch (the pushed P
 *   keeps B=1 for BRK). B exists only on the stack: BRK/PHP push it as 1, IRQ/NMI as 0; bit 5
 *   is always pushed as 1. After any interrupt entry (and BRK) one instruction of the handler
 *   runs before the next interrupt is considered. A line changed by the host between runs
 *   counts as changed at the current cycle, so it is seen after the next instruction.
 *
 *   Undocumented opcodes: all stable ones (SLO RLA SRE RRA SAX LAX DCP ISC ANC ALR ARR SBX,
 *   every NOP form). Unstable ones by the usual model: ANE A=(A|$EE)&X&imm, LXA A=X=(A|$EE)&imm,
 *   SHA/SHX/SHY/TAS store reg&(H+1) where H is the high byte of the base address, and on a
 *   page cross that value also replaces the high byte of the target address; TAS sets S=A&X;
 *   LAS A=X=S=M&S. The 12 JAM opcodes ($02 $12 $22 $32 $42 $52 $62 $72 $92 $B2 $D2 $F2) halt
 *   the CPU (PC left on the JAM opcode) until cpu6502_reset; run/step return 0 while jammed.
 *
 * Functions
 *   cpu6502_init, map_ram/map_rom/map_device/unmap, reset, step, run, stop_reason,
 *   request_stop, get_regs/set_regs, set_irq/set_nmi, set_breakpoint, jammed, peek/poke.
 *
 * Example
 *   static uint8_t ram[0x10000];
 *   cpu6502 *c = malloc(sizeof *c);              // about 70 KB; embed or allocate it
 *   cpu6502_init(c);
 *   cpu6502_map_ram(c, 0x0000, 0x10000, ram);
 *   cpu6502_map_device(c, 0xF000, 2, acia_read, acia_write, &acia);
 *   cpu6502_reset(c);
 *   uint64_t n = cpu6502_run(c, 1000000);        // whole instructions, >= 1e6 cycles unless stopped
 */
#ifndef CPU6502_H
#define CPU6502_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef uint8_t (*cpu6502_read_fn)(void *ctx, uint16_t addr);
typedef void (*cpu6502_write_fn)(void *ctx, uint16_t addr, uint8_t value);

/* P register bits. */
enum {
    CPU6502_C = 0x01, CPU6502_Z = 0x02, CPU6502_I = 0x04, CPU6502_D = 0x08,
    CPU6502_B = 0x10, CPU6502_U = 0x20, CPU6502_V = 0x40, CPU6502_N = 0x80
};

/* Why the last cpu6502_run returned. */
typedef enum {
    CPU6502_STOP_NONE = 0,   /* the cycle budget was used up */
    CPU6502_STOP_BREAKPOINT, /* PC reached a breakpoint (the instruction there has not run) */
    CPU6502_STOP_JAM,        /* a JAM opcode halted the CPU */
    CPU6502_STOP_REQUEST,    /* cpu6502_request_stop was called (e.g. from a handler) */
    CPU6502_STOP_SELF_LOOP   /* a JMP abs or taken branch to itself (only when enabled) */
} cpu6502_stop;

typedef struct {
    uint16_t pc;
    uint8_t a, x, y, s;
    uint8_t p; /* get: bit 5 reads 1, bit 4 (B) reads 0; set: bits 4 and 5 are ignored */
} cpu6502_regs;

#define CPU6502_MAX_HANDLERS 255

typedef struct {
    cpu6502_read_fn read;
    cpu6502_write_fn write;
    void *ctx;
} cpu6502_handler;

typedef struct cpu6502 {
    /* Page table: rd/wr are direct pointers for the fast path (NULL = take the slow path).
     * fetch is rd for opcode fetches, NULL also on pages holding a breakpoint. */
    const uint8_t *rd[256];
    uint8_t *wr[256];
    const uint8_t *fetch[256];
    /* The page's base mapping under any device handlers (NULL = unmapped / not writable). */
    const uint8_t *base_rd[256];
    uint8_t *base_wr[256];
    uint8_t dev_map[65536]; /* handler index + 1 per address, 0 = none */
    cpu6502_handler handlers[CPU6502_MAX_HANDLERS];
    unsigned nhandlers;

    /* Registers. Flags kept split: flag_n holds N in bit 7, flag_z is zero iff Z is set,
     * flag_c is 0/1, flag_vdi holds V, D and I at their P positions. */
    uint16_t pc;
    uint8_t a, x, y, s;
    uint8_t flag_n, flag_z, flag_c, flag_vdi;

    uint64_t cycles;       /* exact inside handlers; total after run */
    uint64_t instructions; /* instructions completed (interrupt entries are not counted) */

    /* Interrupt lines and their timing. */
    uint32_t irq_lines;
    uint64_t irq_since;    /* cycle at which irq_lines became non-zero */
    bool irq_released;     /* the line went high since the last poll ... */
    uint64_t irq_released_at, irq_released_since; /* ... at this cycle, low since that one */
    bool nmi_line;
    bool nmi_pending;      /* edge latched, not yet serviced */
    uint64_t nmi_at;       /* cycle of the latched edge */
    uint64_t i_delay_insn; /* instructions count at which i_before applies (CLI/SEI/PLP) */
    uint8_t i_before;      /* I (as CPU6502_I bit) before CLI/SEI/PLP changed it */
    uint64_t no_poll_at;   /* an interrupt entry or BRK ended at this cycle: no poll there */

    /* Run control. */
    bool jammed;
    bool stop_requested;
    bool stop_on_self_loop;
    uint32_t attention;    /* non-zero when the run loop must look at the lines or a stop */
    uint64_t run_end;      /* cycle at which the current run ends */
    uint64_t limit;        /* run_end, or 0 while attention is set: one test per instruction */
    cpu6502_stop stop_reason;
    uint32_t resume_at;        /* PC + 1 where the next run may start on a breakpoint without
                                * stopping (it stopped there, or the PC was set), else 0 */
    unsigned nbreakpoints;
    uint8_t breakpoints[8192]; /* one bit per address */
} cpu6502;

/* Everything unmapped, registers zero, S=$FD, I set, counters 0, no handlers. */
void cpu6502_init(cpu6502 *c);

/* Page mappings: addr and len must be multiples of 256 and addr+len <= $10000.
 * `mem` must stay valid while mapped (len bytes). Return 0, or -1 on a bad range. */
int cpu6502_map_ram(cpu6502 *c, uint32_t addr, uint32_t len, uint8_t *mem);
int cpu6502_map_rom(cpu6502 *c, uint32_t addr, uint32_t len, const uint8_t *mem);
int cpu6502_unmap(cpu6502 *c, uint32_t addr, uint32_t len);

/* Device handlers on the byte range [addr, addr+len) (any alignment, len >= 1,
 * addr+len <= $10000). Later mappings override earlier ones on overlapping bytes.
 * Return 0, or -1 on a bad range or when CPU6502_MAX_HANDLERS are in use. */
int cpu6502_map_device(cpu6502 *c, uint32_t addr, uint32_t len,
                       cpu6502_read_fn read, cpu6502_write_fn write, void *ctx);

/* Side-effect-free access for debuggers and loaders: RAM/ROM/base contents, never a
 * handler. poke writes RAM even under a device handler; it does nothing on ROM/unmapped. */
uint8_t cpu6502_peek(const cpu6502 *c, uint16_t addr);
void cpu6502_poke(cpu6502 *c, uint16_t addr, uint8_t value);

/* The 7-cycle reset sequence: clears JAM, S -= 3 (reads, no writes), sets I, loads PC
 * from $FFFC/$FFFD through the bus. A, X, Y, D and the counters are kept. */
void cpu6502_reset(cpu6502 *c);

/* Run whole instructions until at least `cycles` cycles have elapsed (the last instruction
 * or interrupt entry may overshoot by up to 6 cycles) or a stop (see cpu6502_stop_reason).
 * A breakpoint on the PC at entry does not stop the first instruction when the run resumes
 * from it (the last run stopped there, or set_regs or a reset put the PC there); when the last
 * run ended right on a breakpoint for another reason (its cycles ran out), the run stops at
 * once, so that no breakpoint is passed unseen. Returns the cycles run. */
uint64_t cpu6502_run(cpu6502 *c, uint64_t cycles);

/* Execute one instruction (taking first any interrupt that is due: its 7 cycles are
 * included). Ignores breakpoints. Returns the cycles used; 0 when jammed or when it stopped
 * at a self-loop (see cpu6502_set_stop_on_self_loop). */
unsigned cpu6502_step(cpu6502 *c);

cpu6502_stop cpu6502_stop_reason(const cpu6502 *c);
/* Make the current (or next) run return after the current instruction. */
void cpu6502_request_stop(cpu6502 *c);
/* Stop (CPU6502_STOP_SELF_LOOP) before a JMP abs or taken branch that jumps to itself is
 * counted: PC is left on it, its cycles and the instruction are not counted (its reads
 * have happened on the bus). For test programs that signal the end by looping. */
void cpu6502_set_stop_on_self_loop(cpu6502 *c, bool on);

void cpu6502_get_regs(const cpu6502 *c, cpu6502_regs *r);
void cpu6502_set_regs(cpu6502 *c, const cpu6502_regs *r);
uint64_t cpu6502_cycles(const cpu6502 *c);
uint64_t cpu6502_instructions(const cpu6502 *c);
bool cpu6502_jammed(const cpu6502 *c);

/* IRQ: `source` is one bit (1u << n, n < 32) naming the host device driving the line;
 * the line is asserted while any source asserts it. NMI: an edge on false -> true. */
void cpu6502_set_irq(cpu6502 *c, uint32_t source, bool asserted);
void cpu6502_set_nmi(cpu6502 *c, bool asserted);

void cpu6502_set_breakpoint(cpu6502 *c, uint16_t addr, bool on);
void cpu6502_clear_breakpoints(cpu6502 *c);

#endif
