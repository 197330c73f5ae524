/* test_io_entry_points.c: the monitor ROM's reset and character I/O entry points on the real
 * 6502 core, with a key matrix and an ACIA whose every byte the test controls:
 *   - the vectors: NMI $0130, RESET $FF00, IRQ $01C0;
 *   - reset ($FF00): ACIA master reset then $11, I/O vectors at $0218-$0221, flags $0203
 *     $0205 $0206 $0212 cleared, banner and D/C/W/M ? on the screen;
 *   - the jump points $FFEB $FFEE $FFF1 $FFF4 $FFF7 go through the vectors;
 *   - input ($FFBA) with LOAD ($FF8B): ACIA bytes until SPACE, then the keyboard;
 *   - output ($FF69) with SAVE ($FF96): the ACIA gets the text and ten NULs after CR;
 *   - $FFBF returns ACIA bytes whole (all eight bits);
 *   - the CTRL-C check ($FF9B): A = 3 with CTRL and C down, 0 otherwise or when $0212 is set;
 * every entry point keeping the registers its contract promises. */
#include <stdio.h>
#include <string.h>

#include "rom_rig.h"

static int failures;

static void check(bool ok, const char *what)
{
    if (!ok) {
        printf("FAIL: %s\n", what);
        failures++;
    }
}

/* Calls `addr` with A=0, X=$5A, Y=$A5; returns A, or -1 when it did not return within
 * `seconds`. X and Y must come back unchanged. */
static int call(rig *r, uint16_t addr, uint8_t a, double seconds)
{
    rig_result res;
    if (!rig_call(r, addr, a, 0x5A, 0xA5, seconds, &res)) {
        return -1;
    }
    if (res.x != 0x5A || res.y != 0xA5) {
        printf("FAIL: $%04X changed X/Y to %02X/%02X\n", addr, res.x, res.y);
        failures++;
    }
    return res.a;
}

static bool screen_has(const rig *r, const char *text)
{
    size_t n = strlen(text);
    for (size_t i = 0; i + n <= sizeof r->video; i++) {
        if (memcmp(r->video + i, text, n) == 0) {
            return true;
        }
    }
    return false;
}

int main(void)
{
    rig *r = rig_new();
    if (!r) {
        return 1;
    }

    /* Reset with the flags and vectors set to rubbish. */
    r->ram[0x0203] = 0xFF;
    r->ram[0x0205] = 0x01;
    r->ram[0x0206] = 0x05;
    r->ram[0x0212] = 0x01;
    memset(r->ram + 0x0218, 0x55, 10);
    cpu6502_reset(&r->cpu);
    cpu6502_run(&r->cpu, (uint64_t)(0.5 * RIG_CPU_HZ));
    check(r->acia.control_len == 2 && r->acia.control[0] == 0x03 && r->acia.control[1] == 0x11,
          "reset writes $03 then $11 to the ACIA control register");
    static const uint8_t vectors[10] = {0xBA, 0xFF, 0x69, 0xFF, 0x9B, 0xFF, 0x8B, 0xFF, 0x96, 0xFF};
    check(memcmp(r->ram + 0x0218, vectors, sizeof vectors) == 0, "reset sets the I/O vectors");
    check(r->ram[0x0203] == 0 && r->ram[0x0205] == 0 && r->ram[0x0206] == 0 && r->ram[0x0212] == 0,
          "reset clears $0203 $0205 $0206 $0212");
    check(screen_has(r, "OPENMON"), "banner on the screen");
    check(memcmp(r->video + 27 * 32 + 5, "D/C/W/M ?", 9) == 0, "D/C/W/M ? on the last line");

    /* The hardware vectors: NMI to $0130 and IRQ to $01C0 in RAM, reset to $FF00. */
    static const uint8_t hw_vectors[6] = {0x30, 0x01, 0x00, 0xFF, 0xC0, 0x01};
    bool same = true;
    for (int i = 0; i < 6; i++) {
        same = same && cpu6502_peek(&r->cpu, (uint16_t)(0xFFFA + i)) == hw_vectors[i];
    }
    check(same, "NMI -> $0130, RESET -> $FF00, IRQ -> $01C0");

    /* Jump points: each one through its vector, here pointed at "LDA #n; RTS" stubs in RAM. */
    static const uint16_t jumps[5] = {0xFFEB, 0xFFEE, 0xFFF1, 0xFFF4, 0xFFF7};
    for (int i = 0; i < 5; i++) {
        uint16_t stub = (uint16_t)(0x0400 + 4 * i);
        r->ram[stub] = 0xA9; /* LDA #i+1 */
        r->ram[stub + 1] = (uint8_t)(i + 1);
        r->ram[stub + 2] = 0x60; /* RTS */
        r->ram[0x0218 + 2 * i] = stub & 0xFF;
        r->ram[0x0219 + 2 * i] = stub >> 8;
    }
    for (int i = 0; i < 5; i++) {
        char what[64];
        snprintf(what, sizeof what, "jump point $%04X goes through its vector", jumps[i]);
        check(call(r, jumps[i], 0, 0.01) == i + 1, what);
    }
    memcpy(r->ram + 0x0218, vectors, sizeof vectors);

    /* LOAD, then input from the ACIA... */
    call(r, 0xFFF4, 0, 0.01);
    check(r->ram[0x0203] == 0xFF, "LOAD sets $0203 to $FF");
    rig_receive(r, "AB", 2);
    check(call(r, 0xFFEB, 0, 0.1) == 'A' && call(r, 0xFFEB, 0, 0.1) == 'B', "input reads the ACIA under LOAD");
    check(call(r, 0xFFEB, 0, 0.1) == -1, "input waits for the ACIA under LOAD");
    /* ... until SPACE, which ends LOAD without being input itself... */
    rig_press(r, 0, 0); /* SHIFT LOCK */
    rig_press(r, 1, 4); /* SPACE */
    check(call(r, 0xFFEB, 0, 0.3) == -1, "the SPACE that ends LOAD is not input");
    check(r->ram[0x0203] == 0, "SPACE clears $0203");
    /* ... then the keyboard. */
    rig_release_all(r);
    (void)call(r, 0xFFEB, 0, 0.05);
    rig_press(r, 0, 0);
    rig_press(r, 1, 7); /* Q */
    check(call(r, 0xFFEB, 0, 0.3) == 'Q', "input reads the keyboard after LOAD ends");
    rig_release_all(r);

    /* SAVE: output to the screen and the ACIA, ten NULs after CR; without SAVE, screen only. */
    call(r, 0xFFF7, 0, 0.01);
    check(r->ram[0x0205] == 1, "SAVE sets $0205 to 1");
    r->acia.tx_len = 0;
    check(call(r, 0xFFEE, 'H', 0.1) == 'H' && call(r, 0xFFEE, 'I', 0.1) == 'I' &&
              call(r, 0xFFEE, '\r', 0.1) == '\r',
          "output keeps A");
    static const uint8_t taped[13] = {'H', 'I', '\r', 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
    check(r->acia.tx_len == sizeof taped && memcmp(r->acia.tx, taped, sizeof taped) == 0,
          "SAVE sends the text and ten NULs after CR");
    r->ram[0x0205] = 0;
    call(r, 0xFFEE, 'Z', 0.1);
    check(r->acia.tx_len == sizeof taped, "no ACIA output without SAVE");
    check(r->video[27 * 32 + 5] == 'Z', "output reaches the screen");

    /* $FFBF: whole bytes from the ACIA. */
    rig_receive(r, "\x00\xFF\x80", 3);
    check(call(r, 0xFFBF, 0x77, 0.1) == 0x00 && call(r, 0xFFBF, 0, 0.1) == 0xFF &&
              call(r, 0xFFBF, 0, 0.1) == 0x80,
          "$FFBF returns the received bytes whole");
    check(call(r, 0xFFBF, 0, 0.1) == -1, "$FFBF waits for a byte");

    /* CTRL-C check. */
    check(call(r, 0xFFF1, 0x55, 0.01) == 0, "no CTRL-C: A = 0");
    rig_press(r, 0, 6); /* CTRL */
    check(call(r, 0xFFF1, 0x55, 0.01) == 0, "CTRL alone: A = 0");
    rig_press(r, 2, 6); /* C */
    check(call(r, 0xFFF1, 0x55, 0.01) == 3, "CTRL-C: A = 3");
    r->ram[0x0212] = 1;
    check(call(r, 0xFFF1, 0x55, 0.01) == 0, "CTRL-C disabled by $0212: A = 0");

    rig_free(r);
    printf("%s: %d failure(s)\n", failures ? "FAIL" : "ok", failures);
    return failures ? 1 : 0;
}
