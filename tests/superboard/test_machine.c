/* test_machine.c - the whole board on the real 6502 core with the built-in monitor ROM:
 * memory sizes and unmapped addresses, the typing queue against a program that polls the
 * keyboard slowly (through the monitor's keyboard routine), the ACIA's host link at 300 baud,
 * a raw tape played into the ACIA, state save/load round trip, bad configurations. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "machine.h"

static machine *make(unsigned ram_kb, const char *tape_in)
{
    machine_config cfg;
    machine_config_init(&cfg);
    cfg.ram_kb = ram_kb;
    cfg.tape_in_path = tape_in;
    char err[256];
    machine *m = machine_new(&cfg, err, sizeof err);
    if (!m)
        fprintf(stderr, "machine_new: %s\n", err);
    return m;
}

/* Loads code at `addr` and points the CPU at it. */
static void load(machine *m, uint16_t addr, const uint8_t *code, size_t len)
{
    cpu6502 *c = machine_cpu(m);
    for (size_t i = 0; i < len; i++)
        cpu6502_poke(c, (uint16_t)(addr + i), code[i]);
    cpu6502_regs r;
    cpu6502_get_regs(c, &r);
    r.pc = addr;
    r.s = 0xFF;
    cpu6502_set_regs(c, &r);
}

/* Writes $55 then $AA to `addr` and reads both back into $10/$11: RAM returns them, an
 * unmapped address returns the open bus. */
static void probe(machine *m, uint16_t addr, bool want_ram, unsigned kb)
{
    uint8_t lo = (uint8_t)addr, hi = (uint8_t)(addr >> 8);
    const uint8_t code[] = {
        0xA9, 0x55, 0x8D, lo, hi, 0xAD, lo, hi, 0x85, 0x10,   /* LDA #$55 STA a LDA a STA $10 */
        0xA9, 0xAA, 0x8D, lo, hi, 0xAD, lo, hi, 0x85, 0x11,   /* LDA #$AA ...      STA $11 */
        0x4C, 0x14, 0x03,                                     /* JMP * */
    };
    load(m, 0x0300, code, sizeof code);
    machine_run(m, 200);
    cpu6502 *c = machine_cpu(m);
    bool is_ram = cpu6502_peek(c, 0x10) == 0x55 && cpu6502_peek(c, 0x11) == 0xAA;
    CHECK(is_ram == want_ram, "%u KB: $%04X %s RAM (read back %02X %02X)", kb, addr,
          want_ram ? "should be" : "should not act as", cpu6502_peek(c, 0x10), cpu6502_peek(c, 0x11));
}

static void test_memory_map(void)
{
    static const unsigned sizes[] = {4, 8, 20, 32, 40};
    for (size_t i = 0; i < 5; i++) {
        machine *m = make(sizes[i], NULL);
        if (!m) {
            CHECK(0, "machine with %u KB", sizes[i]);
            continue;
        }
        uint16_t top = (uint16_t)(sizes[i] * 1024 - 1);
        probe(m, top, true, sizes[i]);
        probe(m, (uint16_t)(top + 1), false, sizes[i]);
        probe(m, 0x9FFF, sizes[i] == 40, sizes[i]);
        probe(m, 0xD3FF, true, sizes[i]);         /* video RAM */
        probe(m, 0xD400, false, sizes[i]);        /* no colour RAM on the Superboard */
        probe(m, 0xC000, false, sizes[i]);
        probe(m, 0xE000, false, sizes[i]);
        probe(m, 0xA000, false, sizes[i]);        /* ROM */
        machine_status st;
        machine_get_status(m, &st);
        CHECK(st.ram_kb == sizes[i], "status RAM");
        machine_free(m);
    }
    machine_config cfg;
    machine_config_init(&cfg);
    cfg.ram_kb = 16;
    char err[256];
    CHECK(machine_new(&cfg, err, sizeof err) == NULL && strstr(err, "16"), "16 KB refused: %s", err);
    machine_config_init(&cfg);
    cfg.basic_rom_path = "/nonexistent/basic.rom";
    CHECK(machine_new(&cfg, err, sizeof err) == NULL && strstr(err, "/nonexistent/basic.rom"),
          "missing ROM: %s", err);
}

/* Reads keys through the monitor's keyboard routine ($FD00) into $0400,X, spending about
 * 80 ms of other work between calls. */
static const uint8_t slow_reader[] = {
    0xA2, 0x00,             /* 0300 LDX #0 */
    0x20, 0x00, 0xFD,       /* 0302 JSR $FD00 */
    0x9D, 0x00, 0x04,       /* 0305 STA $0400,X */
    0xE8,                   /* 0308 INX */
    0xA9, 0x40,             /* 0309 LDA #$40 */
    0x85, 0x20,             /* 030B STA $20 */
    0xA0, 0x00,             /* 030D LDY #0 */
    0x88,                   /* 030F DEY */
    0xD0, 0xFD,             /* 0310 BNE $030F */
    0xC6, 0x20,             /* 0312 DEC $20 */
    0xD0, 0xF7,             /* 0314 BNE $030D */
    0x4C, 0x02, 0x03,       /* 0316 JMP $0302 */
};

static void test_typing_slow_program(void)
{
    machine *m = make(8, NULL);
    if (!m) {
        CHECK(0, "machine");
        return;
    }
    machine_run(m, MACHINE_CLOCK_HZ / 4);    /* let the monitor set itself up */
    load(m, 0x0300, slow_reader, sizeof slow_reader);
    const char *text = "10 PRINT \"A LINE OF SIXTY CHARACTERS TYPED IN ONE GO!\";X+1\r";
    size_t len = strlen(text);
    machine_type_text(m, text, len);
    uint64_t limit = machine_cycles(m) + 30ull * MACHINE_CLOCK_HZ;
    while (machine_typing_pending(m) && machine_cycles(m) < limit)
        machine_run(m, 10000);
    machine_run(m, MACHINE_CLOCK_HZ / 5);
    cpu6502 *c = machine_cpu(m);
    char got[128] = {0};
    for (size_t i = 0; i < len && i < sizeof got - 1; i++)
        got[i] = (char)cpu6502_peek(c, (uint16_t)(0x400 + i));
    CHECK(machine_typing_pending(m) == 0, "all keys read");
    CHECK(memcmp(got, text, len) == 0, "typed \"%s\" read \"%s\"", text, got);
    CHECK(cpu6502_peek(c, (uint16_t)(0x400 + len)) == 0, "nothing extra (auto-repeat)");
    machine_free(m);
}

/* Echo over the ACIA: waits for RDRF, reads the byte, waits for TDRE, sends it back. */
static const uint8_t acia_echo[] = {
    0xA9, 0x03, 0x8D, 0x00, 0xF0,   /* 0300 LDA #$03 STA $F000: master reset */
    0xA9, 0x11, 0x8D, 0x00, 0xF0,   /* 0305 LDA #$11 STA $F000: /16 8N2 */
    0xAD, 0x00, 0xF0,               /* 030A LDA $F000 */
    0x4A,                           /* 030D LSR A */
    0x90, 0xFA,                     /* 030E BCC $030A */
    0xAE, 0x01, 0xF0,               /* 0310 LDX $F001 */
    0xAD, 0x00, 0xF0,               /* 0313 LDA $F000 */
    0x29, 0x02,                     /* 0316 AND #2 */
    0xF0, 0xF9,                     /* 0318 BEQ $0313 */
    0x8E, 0x01, 0xF0,               /* 031A STX $F001 */
    0x4C, 0x0A, 0x03,               /* 031D JMP $030A */
};

static void test_link_echo(void)
{
    machine *m = make(8, NULL);
    if (!m) {
        CHECK(0, "machine");
        return;
    }
    load(m, 0x0300, acia_echo, sizeof acia_echo);
    machine_link_enable(m, true);
    const char *msg = "HELLO OVER THE ACIA, AT 300 BAUD";
    size_t len = strlen(msg), sent = 0, got = 0;
    char back[64] = {0};
    uint64_t start = machine_cycles(m);
    while (got < len && machine_cycles(m) - start < 5ull * MACHINE_CLOCK_HZ) {
        size_t space = machine_link_write_space(m);
        CHECK(space <= 16, "small window");
        sent += machine_link_write(m, (const uint8_t *)msg + sent, len - sent < space ? len - sent : space);
        machine_run(m, 5000);
        got += machine_link_read(m, (uint8_t *)back + got, sizeof back - 1 - got);
    }
    double seconds = (double)(machine_cycles(m) - start) / MACHINE_CLOCK_HZ;
    CHECK(got == len && memcmp(back, msg, len) == 0, "echoed \"%s\"", back);
    /* 32 bytes at 11 bits / 300 baud: 1.17 s in, the last one 37 ms more out. */
    CHECK(seconds > 1.17 && seconds < 1.3, "took %.3f emulated seconds", seconds);
    machine_free(m);
}

/* A raw tape plays into the echo program by itself (auto-play when it polls) and comes out
 * on the link. */
static void test_tape_autoplay(const char *dir)
{
    char path[512];
    snprintf(path, sizeof path, "%s/tape.raw", dir);
    FILE *f = fopen(path, "wb");
    fputs("FROM TAPE", f);
    fclose(f);
    machine *m = make(8, path);
    if (!m) {
        CHECK(0, "machine with tape");
        return;
    }
    load(m, 0x0300, acia_echo, sizeof acia_echo);
    machine_link_enable(m, true);
    machine_tape_status ts;
    machine_get_tape_status(m, &ts);
    CHECK(ts.in_path && !ts.playing && ts.length == 9, "inserted, stopped");
    machine_run(m, MACHINE_CLOCK_HZ / 10);
    machine_get_tape_status(m, &ts);
    CHECK(ts.playing && ts.position > 0, "started by the program's polling");
    machine_run(m, MACHINE_CLOCK_HZ);
    char back[32] = {0};
    machine_link_read(m, (uint8_t *)back, sizeof back - 1);
    CHECK(strcmp(back, "FROM TAPE") == 0, "tape through the ACIA: \"%s\"", back);
    machine_get_tape_status(m, &ts);
    CHECK(ts.at_end && !ts.playing && ts.position == 9, "played to the end");
    machine_tape_rewind(m);
    machine_get_tape_status(m, &ts);
    CHECK(ts.position == 0 && !ts.at_end, "rewound");
    machine_free(m);
    unlink(path);
}

static void test_state_round_trip(const char *dir)
{
    char path[512], err[256];
    snprintf(path, sizeof path, "%s/state.sbs", dir);
    machine *a = make(20, NULL);
    machine *b = make(8, NULL);
    if (!a || !b) {
        CHECK(0, "machines");
        machine_free(a);
        machine_free(b);
        return;
    }
    machine_run(a, MACHINE_CLOCK_HZ / 2);
    machine_type_text(a, "M", 1);
    while (machine_typing_pending(a))
        machine_run(a, 10000);
    machine_run(a, MACHINE_CLOCK_HZ / 10);
    CHECK(machine_save_state(a, path, err, sizeof err) == 0, "save: %s", err);
    CHECK(machine_load_state(b, path, err, sizeof err) == 0, "load: %s", err);
    CHECK(machine_cycles(a) == machine_cycles(b), "same time");
    machine_status st;
    machine_get_status(b, &st);
    CHECK(st.ram_kb == 20, "RAM size from the state: %u", st.ram_kb);
    /* Both continue identically. */
    machine_type_text(a, ".0200/", 6);
    machine_type_text(b, ".0200/", 6);
    for (int i = 0; i < 100; i++) {
        machine_run(a, 10000);
        machine_run(b, 10000);
    }
    CHECK(memcmp(machine_video_ram(a), machine_video_ram(b), 1024) == 0, "same screen");
    CHECK(machine_cycles(a) == machine_cycles(b), "same time after running");
    cpu6502_regs ra, rb;
    cpu6502_get_regs(machine_cpu(a), &ra);
    cpu6502_get_regs(machine_cpu(b), &rb);
    /* field by field: the struct has a padding byte that get_regs does not write */
    CHECK(ra.pc == rb.pc && ra.a == rb.a && ra.x == rb.x && ra.y == rb.y && ra.s == rb.s &&
              ra.p == rb.p,
          "same registers");
    /* A damaged state file leaves the machine alone. */
    FILE *f = fopen(path, "r+b");
    fseek(f, 0, SEEK_END);
    long size = ftell(f);
    fclose(f);
    CHECK(truncate(path, size / 2) == 0, "truncate");
    CHECK(machine_load_state(b, path, err, sizeof err) != 0 && strstr(err, path),
          "truncated state refused: %s", err);
    CHECK(machine_load_state(b, "/nonexistent/s", err, sizeof err) != 0, "missing state refused");
    unlink(path);
    machine_free(a);
    machine_free(b);
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: test_machine TMPDIR\n");
        return 2;
    }
    test_memory_map();
    test_typing_slow_program();
    test_link_echo();
    test_tape_autoplay(argv[1]);
    test_state_round_trip(argv[1]);
    return check_report("test_machine");
}
