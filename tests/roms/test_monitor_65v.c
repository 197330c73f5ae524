/* test_monitor_65v.c: the reset menu and the 65V machine-language monitor ($FE00) on the real
 * 6502 core, typed at through the key matrix and fed through the ACIA:
 *   - D/C/W/M: after a reset, C reaches BASIC's cold start $BD11, W $0000, M $FE00, D the
 *     disk boot $FC00 (which says there is no disk and shows the menu again);
 *   - the address and the byte there shown as "AAAA DD" at $D0C6;
 *   - `.` + hex digits set the address, `/` + hex digits store a byte, RETURN advances;
 *   - `L` reads the same commands from the ACIA (the OS65V format), and `.hhhhG` runs the
 *     loaded code, whose RTS comes back to the monitor. */
#include <stdio.h>
#include <string.h>

#include "rom_rig.h"

#define FIELD (0x0C6) /* $D0C6 in video RAM */

static int failures;

static void check(bool ok, const char *what)
{
    if (!ok) {
        printf("FAIL: %s\n", what);
        failures++;
    }
}

static void run(rig *r, double seconds) { cpu6502_run(&r->cpu, (uint64_t)(seconds * RIG_CPU_HZ)); }

/* Puts the key of character c down, with SHIFT LOCK. */
static void press_key(rig *r, char c)
{
    static const struct {
        char c;
        int row, bit;
    } keys[] = {
        {'.', 5, 7}, {'/', 1, 3}, {'\r', 5, 3}, {'L', 5, 6}, {'G', 3, 4}, {'0', 6, 5}, {'3', 7, 5},
        {'9', 6, 6}, {'A', 1, 6}, {'1', 7, 7}, {'2', 7, 6}, {'F', 3, 5}, {'C', 2, 6}, {'W', 4, 7},
        {'M', 2, 2}, {'D', 3, 6},
    };
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
        if (keys[i].c == c) {
            rig_press(r, 0, 0);
            rig_press(r, keys[i].row, keys[i].bit);
            return;
        }
    }
    printf("test bug: no key for %c\n", c);
    failures++;
}

/* Types one character: its key down for 40 ms, then up for 40 ms. */
static void type(rig *r, char c)
{
    press_key(r, c);
    run(r, 0.04);
    rig_release_all(r);
    run(r, 0.04);
}

static void type_text(rig *r, const char *s)
{
    while (*s) {
        type(r, *s++);
    }
}

static void expect_field(const rig *r, const char *want)
{
    char got[8];
    memcpy(got, r->video + FIELD, 7);
    got[7] = '\0';
    if (strcmp(got, want) != 0) {
        printf("FAIL: the field shows \"%s\", want \"%s\"\n", got, want);
        failures++;
    }
}

/* Reset, type the menu key, and check that the PC reaches `target`. */
static void menu_choice(char key, uint16_t target)
{
    rig *r = rig_new();
    if (!r) {
        failures++;
        return;
    }
    cpu6502_reset(&r->cpu);
    run(r, 0.5);
    cpu6502_set_breakpoint(&r->cpu, target, true);
    press_key(r, key); /* held: the run stops at the breakpoint */
    run(r, 0.2);
    cpu6502_regs regs;
    cpu6502_get_regs(&r->cpu, &regs);
    if (regs.pc != target) {
        printf("FAIL: menu key %c: PC %04X, want %04X\n", key, regs.pc, target);
        failures++;
    }
    rig_free(r);
}

int main(void)
{
    menu_choice('C', 0xBD11);
    menu_choice('W', 0x0000);
    menu_choice('M', 0xFE00);
    menu_choice('D', 0xFC00);

    rig *r = rig_new();
    if (!r) {
        return 1;
    }
    cpu6502_regs regs;
    cpu6502_get_regs(&r->cpu, &regs);
    regs.pc = 0xFE00;
    cpu6502_set_regs(&r->cpu, &regs);
    run(r, 0.1);
    expect_field(r, "0000 00");

    type_text(r, ".0320");
    expect_field(r, "0320 00");
    type_text(r, "/A9");
    expect_field(r, "0320 A9");
    check(r->ram[0x0320] == 0xA9, "data mode stores the byte");
    type_text(r, "\r12");
    expect_field(r, "0321 12");
    type_text(r, "\r");
    expect_field(r, "0322 00");
    check(r->ram[0x0321] == 0x12, "RETURN advances, the next byte is stored there");

    /* L: a program in OS65V format from the ACIA: LDA #$2A, STA $D0D0, RTS; then G. */
    static const char tape[] = "\r.0330/A9\r2A\r8D\rD0\rD0\r60\r.0330G";
    rig_receive(r, tape, sizeof tape - 1);
    type(r, 'L');
    run(r, 0.2);
    static const uint8_t code[6] = {0xA9, 0x2A, 0x8D, 0xD0, 0xD0, 0x60};
    check(memcmp(r->ram + 0x0330, code, sizeof code) == 0, "L stores the bytes of the tape");
    check(r->video[0x0D0] == 0x2A, "the loaded program ran");
    check(r->acia.rx_pos == r->acia.rx_len, "the whole tape was read");
    expect_field(r, "0330 A9"); /* back in the monitor after the program's RTS */

    /* And back on the keyboard afterwards. */
    type_text(r, ".0321");
    expect_field(r, "0321 12");

    rig_free(r);
    printf("%s: %d failure(s)\n", failures ? "FAIL" : "ok", failures);
    return failures ? 1 : 0;
}
