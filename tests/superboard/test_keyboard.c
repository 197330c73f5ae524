/* test_keyboard.c - the $DF00 matrix per the hardware table, rows ANDed together, the host
 * character mapping, and the typing queue against a debouncing reader that polls slowly. */
#include <string.h>

#include "check.h"
#include "keyboard.h"

/* The table of superboard-hardware.md: row, column bit, key (as the character it types). */
static const struct {
    int row;
    uint8_t bit;
    char c;
} table[] = {
    {1, 0x80, 'Q'}, {1, 0x40, 'A'}, {1, 0x20, 'Z'}, {1, 0x10, ' '}, {1, 0x08, '/'}, {1, 0x04, ';'}, {1, 0x02, 'P'},
    {2, 0x80, 'X'}, {2, 0x40, 'C'}, {2, 0x20, 'V'}, {2, 0x10, 'B'}, {2, 0x08, 'N'}, {2, 0x04, 'M'}, {2, 0x02, ','},
    {3, 0x80, 'S'}, {3, 0x40, 'D'}, {3, 0x20, 'F'}, {3, 0x10, 'G'}, {3, 0x08, 'H'}, {3, 0x04, 'J'}, {3, 0x02, 'K'},
    {4, 0x80, 'W'}, {4, 0x40, 'E'}, {4, 0x20, 'R'}, {4, 0x10, 'T'}, {4, 0x08, 'Y'}, {4, 0x04, 'U'}, {4, 0x02, 'I'},
    {5, 0x80, '.'}, {5, 0x40, 'L'}, {5, 0x20, 'O'}, {5, 0x08, '\r'},
    {6, 0x80, '8'}, {6, 0x40, '9'}, {6, 0x20, '0'}, {6, 0x10, ':'}, {6, 0x08, '-'}, {6, 0x04, 0x7F},
    {7, 0x80, '1'}, {7, 0x40, '2'}, {7, 0x20, '3'}, {7, 0x10, '4'}, {7, 0x08, '5'}, {7, 0x04, '6'}, {7, 0x02, '7'},
};

static uint8_t row_select(int row) { return (uint8_t)~(1u << row); }

static void test_matrix(void)
{
    keyboard kb;
    keyboard_init(&kb);
    uint64_t t = 0;
    /* Idle: only SHIFT LOCK (down by default) reads 0, in row 0. */
    keyboard_write(&kb, row_select(0));
    CHECK(keyboard_read(&kb, t) == 0xFE, "idle row 0 reads %02X", keyboard_read(&kb, t));
    for (int row = 1; row < 8; row++) {
        keyboard_write(&kb, row_select(row));
        CHECK(keyboard_read(&kb, t) == 0xFF, "idle row %d", row);
    }
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++) {
        keyboard_clear(&kb);
        char c = table[i].c;
        keyboard_type(&kb, &c, 1);
        for (int row = 0; row < 8; row++) {
            uint8_t want = 0xFF;
            if (row == table[i].row)
                want = (uint8_t)~table[i].bit;
            if (row == 0)
                want &= (uint8_t)~KEY_SHIFT_LOCK;
            CHECK(keyboard_peek(&kb, row_select(row)) == want, "key '%c' row %d reads %02X, want %02X",
                  c, row, keyboard_peek(&kb, row_select(row)), want);
        }
    }
    /* Several rows selected: their columns AND together. 'Q' (row 1 b7) and all rows. */
    keyboard_clear(&kb);
    keyboard_type(&kb, "Q", 1);
    CHECK(keyboard_peek(&kb, (uint8_t)(row_select(1) & row_select(2))) == 0x7F, "rows 1+2");
    CHECK(keyboard_peek(&kb, 0x00) == (0x7F & 0xFE), "all rows: Q and SHIFT LOCK");
    CHECK(keyboard_peek(&kb, (uint8_t)(row_select(2) & row_select(3))) == 0xFF, "rows 2+3 without Q");
    /* SHIFT for '!' (1 - $10 ... shifted): row 7 b7 plus LEFT SHIFT in row 0. */
    keyboard_clear(&kb);
    keyboard_type(&kb, "!", 1);
    CHECK(keyboard_peek(&kb, row_select(0)) == (uint8_t)~(KEY_SHIFT_LOCK | KEY_LEFT_SHIFT), "! mods");
    CHECK(keyboard_peek(&kb, (uint8_t)(row_select(0) & row_select(7))) ==
              (uint8_t)(~(KEY_SHIFT_LOCK | KEY_LEFT_SHIFT) & 0x7F), "! rows 0+7 ANDed");
    keyboard_free(&kb);
}

static void test_mapping(void)
{
    keyboard_chord k;
    /* SHIFT combinations of the hardware notes. */
    const char *shifted = "!\"#$%&'()*+@<=>?[\\]^_";
    const char *base = "123456789:;P,-./KLMNO";
    for (size_t i = 0; shifted[i]; i++) {
        keyboard_chord b;
        CHECK(keyboard_map_char((uint8_t)shifted[i], true, &k) == 0, "'%c' maps", shifted[i]);
        CHECK(keyboard_map_char((uint8_t)base[i], true, &b) == 0, "'%c' maps", base[i]);
        CHECK(k.row == b.row && k.bit == b.bit && k.mods == KEY_LEFT_SHIFT,
              "'%c' is SHIFT + '%c'", shifted[i], base[i]);
    }
    CHECK(keyboard_map_char(3, true, &k) == 0 && k.mods == KEY_CTRL && k.row == 2 && k.bit == 0x40,
          "CTRL-C");
    CHECK(keyboard_map_char('a', true, &k) == 0 && k.mods == 0 && k.row == 1 && k.bit == 0x40,
          "lower case a types A with SHIFT LOCK down");
    CHECK(keyboard_map_char('a', false, &k) == 0 && k.lock == 0 && k.mods == 0, "a with lock up");
    CHECK(keyboard_map_char('A', false, &k) == 0 && k.mods == KEY_LEFT_SHIFT, "A with lock up");
    CHECK(keyboard_map_char('\n', true, &k) == 0 && k.row == 5 && k.bit == 0x08, "LF is RETURN");
    CHECK(keyboard_map_char(0x1B, true, &k) == 0 && k.row == 0 && k.bit == KEY_ESC, "ESC");
    CHECK(keyboard_map_char('~', true, &k) != 0, "~ has no key");
}

/* A reader like SYNMON's: scans all rows every `gap` cycles; a key counts when two
 * consecutive scans agree and it differs from the last key returned (a released key resets
 * that). Returns the character of the table entry found, 0 for none. */
static unsigned row_spacing = 1;  /* cycles between the rows' reads */
static bool read_twice;           /* each row read twice in quick succession */

static char scan(keyboard *kb, uint64_t t)
{
    for (int row = 1; row < 8; row++) {
        keyboard_write(kb, row_select(row));
        uint64_t at = t + (uint64_t)row * row_spacing;
        if (read_twice)
            keyboard_read(kb, at - 6);
        uint8_t cols = (uint8_t)~keyboard_read(kb, at);
        for (size_t i = 0; i < sizeof table / sizeof table[0]; i++)
            if (table[i].row == row && (cols & table[i].bit))
                return table[i].c;
    }
    return 0;
}

static void test_queue(uint64_t gap, unsigned busy_scans)
{
    keyboard kb;
    keyboard_init(&kb);
    const char *text = "10 PRINT \"HELLO\";:GOTO 10 -- AAABBB 1122 ..../ RUN\r";
    keyboard_type(&kb, text, strlen(text));
    char got[256];
    size_t n = 0;
    char last = 0;
    uint64_t t = 1000;
    for (int guard = 0; guard < 100000 && n < strlen(text); guard++) {
        char a = scan(&kb, t);
        t += gap;
        char b = scan(&kb, t);
        t += gap;
        if (a != b)
            continue;
        if (!a) {
            last = 0;
            continue;
        }
        if (a == last)
            continue;
        last = a;
        got[n++] = a;
        t += gap * busy_scans;  /* the program is busy elsewhere before it polls again */
    }
    got[n] = 0;
    char want[256];
    size_t w = 0;
    for (size_t i = 0; text[i]; i++)
        if (text[i] != '"')            /* '"' is SHIFT-2: this reader ignores SHIFT */
            want[w++] = text[i];
        else
            want[w++] = '2';
    want[w] = 0;
    CHECK(strcmp(got, want) == 0, "gap %llu busy %u: typed \"%s\", read \"%s\"",
          (unsigned long long)gap, busy_scans, want, got);
    for (int i = 0; i < 4; i++, t += gap)
        scan(&kb, t);
    CHECK(keyboard_pending(&kb) == 0, "queue empty");
    keyboard_free(&kb);
}

/* A reader that behaves like SYNMON's keyboard routine: each scan reads rows 7 down to 1
 * (the first row with a key wins; row 0 too when none has one); a new key must be found on
 * three consecutive scans, the first two back to back and the third after a 5200-cycle
 * delay; a scan without a key forgets the last one; a held key comes again only after 100
 * more agreeing scans (auto-repeat); SHIFT is read from row 0 once the key is taken. Between
 * calls the program is busy for `busy` cycles. */
typedef struct {
    int row;
    uint8_t bit;
} key_pos;

static key_pos synmon_scan(keyboard *kb, uint64_t *t)
{
    for (int row = 7; row >= 0; row--) {
        keyboard_write(kb, row_select(row));
        uint8_t cols = (uint8_t)~keyboard_read(kb, *t);
        *t += 30;
        if (row == 0)
            cols &= KEY_ESC;
        if (cols) {
            uint8_t bit = 0x80;
            while (!(cols & bit))
                bit >>= 1;
            return (key_pos){row, bit};
        }
    }
    return (key_pos){-1, 0};
}

static void test_synmon_style(uint64_t busy)
{
    keyboard kb;
    keyboard_init(&kb);
    const char *text = "10 PRINT \"HELLO\";:GOTO 10 -- AAABBB 1122 ..../ RUN\r";
    size_t len = strlen(text);
    keyboard_type(&kb, text, len);
    key_pos last = {-1, 0}, last_returned = {-1, 0};
    int count = 2;
    size_t n = 0;
    uint64_t t = 1000;
    for (int guard = 0; guard < 200000 && n < len; guard++) {
        key_pos k = synmon_scan(&kb, &t);
        if (k.row < 0) {
            last = last_returned = k;
            count = 2;
            continue;
        }
        if (k.row != last.row || k.bit != last.bit) {
            last = k;
            count = 2;
            t += 150;
            continue;
        }
        if (--count) {
            t += 5200;
            continue;
        }
        bool repeat = k.row == last_returned.row && k.bit == last_returned.bit;
        count = repeat ? 15 : 100;
        last_returned = k;
        keyboard_write(&kb, row_select(0));
        uint8_t mods = (uint8_t)~keyboard_read(&kb, t);
        keyboard_chord want;
        keyboard_map_char((uint8_t)text[n], true, &want);
        CHECK(k.row == want.row && k.bit == want.bit &&
                  !!(mods & KEY_LEFT_SHIFT) == !!(want.mods & KEY_LEFT_SHIFT),
              "busy %llu: character %zu '%c' read as row %d bit %02X mods %02X",
              (unsigned long long)busy, n, text[n], k.row, k.bit, mods);
        n++;
        t += busy;
    }
    CHECK(n == len, "busy %llu: %zu of %zu characters read", (unsigned long long)busy, n, len);
    keyboard_free(&kb);
}

int main(void)
{
    test_matrix();
    test_mapping();
    test_queue(5200, 0);      /* SYNMON's pace */
    test_queue(5200, 200);    /* a program that polls once a second */
    test_queue(1001, 3);
    row_spacing = 20;             /* a loop scanning without any delay: passes back to back */
    test_queue(160, 0);
    read_twice = true;            /* a routine that looks at each row twice */
    row_spacing = 30;
    test_queue(5200, 0);
    test_synmon_style(300);
    test_synmon_style(2000000);
    return check_report("test_keyboard");
}
