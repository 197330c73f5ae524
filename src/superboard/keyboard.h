/*
 * keyboard.h - the Superboard's polled keyboard at $DF00 and the typing queue that drives it.
 *
 * Model
 *   The matrix: a write latches the row selection (a row is selected by a 0 bit); a read
 *   returns the columns of the selected rows ANDed together, a pressed key reading 0.
 *   Row 0 holds the modifiers (SHIFT LOCK b0, RIGHT SHIFT b1, LEFT SHIFT b2, ESC b5, CTRL b6,
 *   REPEAT b7); rows 1-7 the other keys (see the table in keyboard.c).
 *
 *   A polled keyboard has no buffer, so typed host text goes through a queue and every key
 *   is pressed as long as it takes the program to see it. The program's reads are grouped in
 *   passes over the matrix (a pass ends when KEYBOARD_SCAN_GAP cycles go by without a read,
 *   or when a row selection is read again KEYBOARD_REREAD_GAP cycles or more after it was
 *   first read in the pass). A key is held for KEYBOARD_HOLD_SCANS passes that read its
 *   row, then released for KEYBOARD_RELEASE_SCANS such passes, then the next key goes down;
 *   keys change only between passes, so no pass sees half a chord (a letter without its
 *   SHIFT). Why these counts: SYNMON's routine takes a key once three consecutive scans agree
 *   (the first two back to back, the third after a ~5 ms delay) and forgets it as soon as one
 *   scan finds no key; a routine that pairs its scans two by two and wants both alike (our
 *   monitor's) needs three passes each way to be sure of one aligned pair. Holding longer
 *   would be wrong: the extra passes would go to whatever reads the keyboard next, such as
 *   BASIC asking MEMORY SIZE? right after the menu took C. Nothing is timed: a program that never polls keeps the key down
 *   forever, and one that polls slowly gets every key exactly once.
 *
 *   Host characters map to keys with SHIFT LOCK down (as BASIC needs): letters are plain
 *   keys (lower case typed as upper case), SHIFT makes ! " # $ % & ' ( ) * + @ from 1-9 : ; P
 *   and < = > ? [ \ ] ^ _ from , - . / K L M N O; bytes 1-26 are CTRL + letter; CR and LF
 *   RETURN (CR LF once); ESC; BS and DEL RUB OUT. With SHIFT LOCK up, letters type in their
 *   case (SHIFT for capitals) and other keys are typed with SHIFT LOCK briefly down.
 *
 * Functions: keyboard_init, keyboard_write, keyboard_read (the bus side, with the cycle of
 * the access), keyboard_type (queue host bytes), keyboard_pending, keyboard_clear,
 * keyboard_map_char (a host character -> keys, for tests and front ends).
 *
 * Example
 *   keyboard kb;
 *   keyboard_init(&kb);
 *   keyboard_type(&kb, "RUN\r", 4);
 *   keyboard_write(&kb, 0xFD);                  // select row 1
 *   uint8_t cols = keyboard_read(&kb, cycle);   // the program's view, counts as a scan
 *   keyboard_free(&kb);
 */
#ifndef SUPERBOARD_KEYBOARD_H
#define SUPERBOARD_KEYBOARD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define KEYBOARD_HOLD_SCANS 3
#define KEYBOARD_RELEASE_SCANS 3
#define KEYBOARD_SEEN_SCANS 2     /* a key read on 2 scans counts as typed (keyboard_pending) */
#define KEYBOARD_SCAN_GAP 1000u    /* cycles; SYNMON scans every ~5200 */
#define KEYBOARD_REREAD_GAP 100u   /* cycles; a loop over the 8 rows takes longer */
#define KEYBOARD_QUEUE_SIZE 65536u

/* Row 0 bits. */
enum {
    KEY_SHIFT_LOCK = 0x01, KEY_RIGHT_SHIFT = 0x02, KEY_LEFT_SHIFT = 0x04,
    KEY_ESC = 0x20, KEY_CTRL = 0x40, KEY_REPEAT = 0x80
};

/* One typed character as keys: the key (row, column bit) plus modifiers of row 0. */
typedef struct keyboard_chord {
    uint8_t row;       /* 0-7 */
    uint8_t bit;       /* the key's column bit in that row */
    uint8_t mods;      /* row-0 bits held with it (SHIFT, CTRL), not SHIFT LOCK */
    int8_t lock;       /* -1: SHIFT LOCK as set, 0: up for this key, 1: down for this key */
} keyboard_chord;

typedef enum { KB_IDLE, KB_PRESSING, KB_RELEASING } keyboard_phase;

typedef struct keyboard {
    uint8_t latch;            /* last value written to $DF00 */
    bool shift_lock;          /* the SHIFT LOCK key's latched position */
    /* Typing queue: a ring of host bytes. */
    uint8_t *queue;
    size_t head, count;
    bool last_was_cr;         /* to type CR LF as one RETURN */
    keyboard_phase phase;
    keyboard_chord chord;     /* the key being pressed or released */
    unsigned scans;           /* passes that read the key's row in this phase */
    uint64_t pass, counted_pass; /* pass number; the last pass counted in `scans` */
    bool have_read;
    uint64_t last_read;       /* cycle of the last read of $DF00 */
    uint64_t latch_pass[256]; /* per row selection: the pass it was first read in */
    uint64_t latch_time[256]; /* ... and when */
} keyboard;

int keyboard_init(keyboard *kb);           /* 0, or -1 when out of memory */
void keyboard_free(keyboard *kb);
void keyboard_write(keyboard *kb, uint8_t value);
uint8_t keyboard_read(keyboard *kb, uint64_t cycle);
/* The columns the program would read for `latch`, without counting a scan. */
uint8_t keyboard_peek(const keyboard *kb, uint8_t latch);
size_t keyboard_type(keyboard *kb, const char *text, size_t len);
/* Queued bytes plus the key being pressed until it was read on KEYBOARD_SEEN_SCANS scans:
 * 0 once the program has seen every typed key. The last key may still be held for its third
 * scan or waiting to be seen released, which a program that has moved on to something else
 * (the menu jumping to BASIC on C) never does. */
size_t keyboard_pending(const keyboard *kb);
void keyboard_clear(keyboard *kb);
/* 0 and the keys for host byte c, or -1 when no key types it. */
int keyboard_map_char(uint8_t c, bool shift_lock, keyboard_chord *out);

#endif
