/* test_keyboard_routine.c: the monitor ROM's keyboard routine ($FD00) on the real 6502 core,
 * with exact control of the key matrix, which typing through the emulator cannot give:
 *   - it blocks while no key is down, returns the key's ASCII code in A, keeps X and Y;
 *   - SHIFT LOCK, SHIFT and CTRL give the documented codes;
 *   - a key seen on only one scan is ignored (debounce over two scans);
 *   - a held key is returned once, repeats after about 0.8 s, then about ten times a second;
 *   - a released and pressed again key is returned again at once.
 * The matrix is the Superboard's ($DF00: write the row bits cleared, read the columns, a key
 * that is down reads 0); time is the CPU's cycle count at 0.98304 MHz. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rom_rig.h"

#define CPU_HZ RIG_CPU_HZ

/* Keys by (row, bit) of the matrix table. */
typedef struct {
    int row, bit;
} key;
static const key SHIFT_LOCK = {0, 0}, RIGHT_SHIFT = {0, 1}, CTRL = {0, 6};

static key key_of(char c)
{
    static const char *rows[8] = {NULL, "QAZ /;P", "XCVBNM,", "SDFGHJK", "WERTYUI", ".LO\n\r", "890:-\x7f", "1234567"};
    for (int row = 1; row < 8; row++) {
        const char *p = strchr(rows[row], c);
        if (p && c) {
            return (key){row, 7 - (int)(p - rows[row])};
        }
    }
    fprintf(stderr, "test bug: no key for %d\n", c);
    exit(2);
}

static void press(rig *r, key k) { rig_press(r, k.row, k.bit); }
static void release_all(rig *r) { rig_release_all(r); }

/* Calls $FD00 with X=$5A, Y=$A5 for at most `seconds`. Returns the key, or -1 when the
 * routine had not returned; *cycles gets the time it took; X and Y are checked. */
static int call_kbd(rig *r, double seconds, uint64_t *cycles, int *failures)
{
    rig_result res;
    bool returned = rig_call(r, 0xFD00, 0, 0x5A, 0xA5, seconds, &res);
    *cycles = res.cycles;
    if (!returned) {
        return -1;
    }
    if (res.x != 0x5A || res.y != 0xA5) {
        printf("FAIL: X/Y changed to %02X/%02X (key %02X)\n", res.x, res.y, res.a);
        ++*failures;
    }
    return res.a;
}

/* Presses the keys (modifiers, then the key), expects `want` from a fresh call. */
static void expect_key(rig *r, const key *mods, int nmods, char c, int want, int *failures)
{
    uint64_t cycles;
    release_all(r);
    (void)call_kbd(r, 0.05, &cycles, failures); /* let the routine see everything released */
    for (int i = 0; i < nmods; i++) {
        press(r, mods[i]);
    }
    press(r, key_of(c));
    int got = call_kbd(r, 0.5, &cycles, failures);
    if (got != want) {
        printf("FAIL: key %02X with %d modifier(s): got %d ($%02X), want $%02X\n", (unsigned char)c,
               nmods, got, got & 0xFF, want);
        ++*failures;
    }
}

int main(void)
{
    rig *r = rig_new();
    if (!r) {
        return 1;
    }
    int failures = 0;
    uint64_t cycles;

    /* Blocks while nothing is down. */
    if (call_kbd(r, 0.3, &cycles, &failures) != -1) {
        printf("FAIL: returned with no key down\n");
        failures++;
    }

    /* The documented code of each key and modifier combination. */
    const key lock[] = {SHIFT_LOCK}, lock_shift[] = {SHIFT_LOCK, RIGHT_SHIFT},
              lock_ctrl[] = {SHIFT_LOCK, CTRL}, shift[] = {RIGHT_SHIFT};
    static const struct {
        char key, plain, shifted;
    } table[] = {
        {'A', 'A', 'a'}, {'Z', 'Z', 'z'}, {'1', '1', '!'}, {'9', '9', ')'}, {':', ':', '*'},
        {';', ';', '+'}, {'P', 'P', '@'}, {',', ',', '<'}, {'-', '-', '='}, {'.', '.', '>'},
        {'/', '/', '?'}, {'K', 'K', '['}, {'L', 'L', '\\'}, {'M', 'M', ']'}, {'N', 'N', '^'},
        {'O', 'O', '_'}, {' ', ' ', ' '}, {'\r', '\r', '\r'}, {'\n', '\n', '\n'}, {'\x7f', '\x7f', '\x7f'},
    };
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++) {
        expect_key(r, lock, 1, table[i].key, (unsigned char)table[i].plain, &failures);
        expect_key(r, lock_shift, 2, table[i].key, (unsigned char)table[i].shifted, &failures);
    }
    expect_key(r, NULL, 0, 'A', 'a', &failures);            /* SHIFT LOCK up: lower case */
    expect_key(r, shift, 1, 'A', 'A', &failures);           /* ... and SHIFT: upper case */
    expect_key(r, lock_ctrl, 2, 'C', 0x03, &failures);      /* CTRL-C */
    expect_key(r, lock_ctrl, 2, 'M', 0x0D, &failures);      /* CTRL-M */

    /* Debounce: a key that is down for one scan only is not returned... */
    release_all(r);
    (void)call_kbd(r, 0.05, &cycles, &failures);
    press(r, SHIFT_LOCK);
    press(r, key_of('Q'));
    r->kbd.release_after_reads = 2; /* the modifier row read and the key's row read: one scan */
    int got = call_kbd(r, 0.3, &cycles, &failures);
    if (got != -1) {
        printf("FAIL: a key down for a single scan was returned ($%02X)\n", got & 0xFF);
        failures++;
    }
    /* ... and one held for two scans is, within about two scans' time. */
    r->kbd.release_after_reads = 0;
    press(r, SHIFT_LOCK);
    press(r, key_of('W'));
    got = call_kbd(r, 0.3, &cycles, &failures);
    if (got != 'W' || cycles > 0.05 * CPU_HZ) {
        printf("FAIL: held key: got $%02X after %.1f ms\n", got & 0xFF, cycles / CPU_HZ * 1e3);
        failures++;
    }

    /* Auto-repeat: the held key comes back after about 0.8 s, then about 10 times a second. */
    got = call_kbd(r, 2.0, &cycles, &failures);
    double first = cycles / CPU_HZ;
    int got2 = call_kbd(r, 2.0, &cycles, &failures);
    double next = cycles / CPU_HZ;
    printf("repeat: first after %.3f s, then every %.3f s\n", first, next);
    if (got != 'W' || got2 != 'W' || first < 0.6 || first > 1.0 || next < 0.05 || next > 0.2) {
        printf("FAIL: auto-repeat: got $%02X $%02X after %.3f s and %.3f s\n", got & 0xFF, got2 & 0xFF,
               first, next);
        failures++;
    }

    /* Released and pressed again: returned again at once. */
    release_all(r);
    (void)call_kbd(r, 0.05, &cycles, &failures);
    press(r, SHIFT_LOCK);
    press(r, key_of('W'));
    got = call_kbd(r, 0.3, &cycles, &failures);
    if (got != 'W' || cycles > 0.05 * CPU_HZ) {
        printf("FAIL: pressed again: got $%02X after %.1f ms\n", got & 0xFF, cycles / CPU_HZ * 1e3);
        failures++;
    }

    rig_free(r);
    printf("%s: %d failure(s)\n", failures ? "FAIL" : "ok", failures);
    return failures ? 1 : 0;
}
