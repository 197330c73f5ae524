/*
 * rom_rig.h - our ROM images on the real 6502 core, for tests that need exact control of the
 * hardware the ROM routines touch (the key matrix, video RAM) and of time.
 *
 * Model: 8 KB of RAM at $0000, video RAM at $D000-$D3FF, the built-in BASIC image at $A000
 * (its I/O page holds the screen driver) and monitor at $F800, and the keyboard matrix at
 * $DF00 (write the selected rows as 0 bits; read the columns of those rows ANDed, a key that
 * is down reading 0), and a 6850 ACIA at $F000/$F001 reduced to what the ROMs use: status
 * RDRF while received bytes are queued, TDRE always; control and data writes are recorded.
 * Nothing else is mapped. rig_call runs one ROM subroutine as a JSR from $0300 would, with
 * chosen registers, and stops when it returns.
 *
 * Example
 *   rig *r = rig_new();
 *   rig_press(r, 1, 7);                               // Q (row 1, bit 7)
 *   rig_result res;
 *   if (rig_call(r, 0xFD00, 'A', 0x5A, 0xA5, 0.5, &res) && res.a == 'Q') ...
 *   rig_free(r);
 */
#ifndef ROM_RIG_H
#define ROM_RIG_H

#include <stdbool.h>
#include <stdint.h>

#include "cpu6502.h"

#define RIG_CPU_HZ 983040.0

typedef struct {
    uint8_t rows[8];          /* per row, the columns that are down (1 = down) */
    uint8_t latch;            /* the rows the program selected (0 = selected) */
    int release_after_reads;  /* > 0: release every key after this many reads seeing one */
} rig_keyboard;

typedef struct {
    uint8_t rx[256];          /* bytes to receive, in order */
    unsigned rx_len, rx_pos;
    uint8_t tx[256];          /* bytes the program sent */
    unsigned tx_len;
    uint8_t control[8];       /* the first control register writes */
    unsigned control_len;
} rig_acia;

typedef struct {
    cpu6502 cpu;
    uint8_t ram[0x2000];
    uint8_t video[0x400];
    rig_keyboard kbd;
    rig_acia acia;
} rig;

typedef struct {
    uint8_t a, x, y;
    uint64_t cycles;          /* how long the call took */
} rig_result;

rig *rig_new(void);           /* NULL when out of memory */
void rig_free(rig *r);
void rig_press(rig *r, int row, int bit);
void rig_release_all(rig *r);
/* Queues bytes for the ACIA to receive (at most 256 in all). */
void rig_receive(rig *r, const void *bytes, unsigned n);
/* Runs the subroutine at `addr` for at most `seconds` of emulated time. True when it returned
 * (registers and time in *res); false when it was still running (res->cycles = the budget). */
bool rig_call(rig *r, uint16_t addr, uint8_t a, uint8_t x, uint8_t y, double seconds, rig_result *res);

#endif
