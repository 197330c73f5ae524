/* test_screen_driver.c: the screen driver at $BF2D (the I/O page of our BASIC image), called
 * directly and through the monitor's output routine $FF69, on the real 6502 core:
 * 24-character lines written on row 27 from $D365, LF scrolling rows 0-27 (rows 28-31 never
 * touched), CR back to the line start, NUL ignored, a full line wrapping without leaving an
 * empty line before a CR LF, the cursor glyph $5F, A X Y preserved, a wild cursor recovered. */
#include <stdio.h>
#include <string.h>

#include "rom_rig.h"

#define CURSOR 0x0200
#define CURSAVE 0x0201

static int failures;

static void check(bool ok, const char *what)
{
    if (!ok) {
        printf("FAIL: %s\n", what);
        failures++;
    }
}

/* Prints the bytes through `entry`, checking that A, X and Y come back unchanged. */
static void put(rig *r, uint16_t entry, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        rig_result res;
        uint8_t c = (uint8_t)s[i];
        if (!rig_call(r, entry, c, 0x11, 0x22, 0.1, &res)) {
            printf("FAIL: $%04X did not return for $%02X\n", entry, c);
            failures++;
            return;
        }
        if (res.a != c || res.x != 0x11 || res.y != 0x22) {
            printf("FAIL: $%04X changed A/X/Y to %02X/%02X/%02X (char $%02X)\n", entry, res.a, res.x,
                   res.y, c);
            failures++;
        }
    }
}

static void puts_via(rig *r, uint16_t entry, const char *s) { put(r, entry, s, strlen(s)); }

/* Row `row`, columns 5-28, as text with trailing spaces removed. */
static const char *line(const rig *r, int row)
{
    static char buf[25];
    memcpy(buf, r->video + row * 32 + 5, 24);
    buf[24] = '\0';
    for (int i = 23; i >= 0 && buf[i] == ' '; i--) {
        buf[i] = '\0';
    }
    return buf;
}

static void expect_line(const rig *r, int row, const char *want)
{
    const char *got = line(r, row);
    if (strcmp(got, want) != 0) {
        printf("FAIL: row %d is \"%s\", want \"%s\"\n", row, got, want);
        failures++;
    }
}

static void clear(rig *r)
{
    memset(r->video, ' ', 28 * 32);
    memset(r->video + 28 * 32, '#', 4 * 32); /* rows 28-31: must never change */
    r->ram[CURSOR] = 0x65;
    r->ram[CURSAVE] = ' ';
}

int main(void)
{
    rig *r = rig_new();
    if (!r) {
        return 1;
    }
    for (int pass = 0; pass < 2; pass++) {
        uint16_t entry = pass == 0 ? 0xBF2D : 0xFF69; /* the driver, then the monitor's output */
        clear(r);

        puts_via(r, entry, "HELLO");
        expect_line(r, 27, "HELLO_");
        check(r->ram[CURSOR] == 0x6A, "cursor after five characters");

        put(r, entry, "\0", 1);
        expect_line(r, 27, "HELLO_");

        puts_via(r, entry, "\r\n");
        expect_line(r, 26, "HELLO");
        expect_line(r, 27, "_");

        /* CR alone: back to the start of the same line, which is overwritten. */
        puts_via(r, entry, "ABCD\rX");
        expect_line(r, 27, "X_CD"); /* the cursor covers the B, which comes back below */
        puts_via(r, entry, "\r\n");
        expect_line(r, 26, "XBCD");
        expect_line(r, 25, "HELLO");

        /* A full line followed by CR LF: no empty line. */
        puts_via(r, entry, "ABCDEFGHIJKLMNOPQRSTUVWX\r\n");
        expect_line(r, 26, "ABCDEFGHIJKLMNOPQRSTUVWX");
        expect_line(r, 25, "XBCD");
        /* 25 characters: the 25th starts the next line. */
        puts_via(r, entry, "abcdefghijklmnopqrstuvwxy");
        expect_line(r, 26, "abcdefghijklmnopqrstuvwx");
        expect_line(r, 27, "y_");

        /* 30 more line feeds push everything off the top; rows 28-31 stay as they were. */
        for (int i = 0; i < 30; i++) {
            puts_via(r, entry, "\n");
        }
        for (int row = 0; row < 28; row++) {
            expect_line(r, row, row == 27 ? " _" : "");
        }
        bool kept = true;
        for (int i = 28 * 32; i < 32 * 32; i++) {
            kept = kept && r->video[i] == '#';
        }
        check(kept, "rows 28-31 untouched");

        /* A cursor left wild (RAM never set up, or overwritten) restarts the line. */
        r->ram[CURSOR] = 0x00;
        puts_via(r, entry, "Z");
        check(r->video[27 * 32 + 5] == 'Z', "wild cursor: Z written at column 5");
        r->ram[CURSOR] = 0xF0;
        puts_via(r, entry, "\r\nQ");
        expect_line(r, 27, "Q_");
    }
    rig_free(r);
    printf("%s: %d failure(s)\n", failures ? "FAIL" : "ok", failures);
    return failures ? 1 : 0;
}
