/*
 * acia.h - the Motorola 6850 ACIA at $F000 (control/status) / $F001 (data), with real timing.
 *
 * Model
 *   The ACIA is clocked at 4800 Hz; the control register's divide select gives 4800, 300
 *   (divide by 16, what SYNMON sets) or 75 baud, and its word select the frame: start bit,
 *   7 or 8 data bits, parity or not, 1 or 2 stop bits (8N2 = 11 bits). Time is counted in
 *   ticks of 1/5 CPU cycle, so one bit at 300 baud is exactly 16384 ticks (3276.8 cycles).
 *   - Transmit: a write to $F001 clears TDRE; the byte leaves the line one frame later, when
 *     port.tx_done is called with it and TDRE is set again (a write while TDRE is clear
 *     replaces the byte waiting, as the one-byte buffer would).
 *   - Receive: the line is fed by port.rx_next, one frame a byte, back to back while bytes
 *     come. A complete byte sets RDRF; one completing while RDRF is still set is lost and
 *     sets OVRN. Reading $F001 clears RDRF and OVRN.
 *   - Status: b0 RDRF, b1 TDRE, b2 /DCD and b3 /CTS (0: carrier, clear to send), b5 OVRN,
 *     b7 IRQ (when the control register enables an interrupt that is pending; the board
 *     does not wire it to the CPU). Idle status is $02.
 *   - Master reset (control bits 0-1 = 11): everything cleared, the receiver and transmitter
 *     held (status $00) until a control word with other bits 0-1 is written. Power-on is
 *     the same held state.
 *   - Everything is lazy: acia_sync(now) brings the device to cycle `now`; the bus accesses
 *     sync first. Results do not depend on how often it is called.
 *   - Input polling: a program that reads the status over and over while nothing is
 *     received and nothing is being sent is waiting for input; the port's input_poll is
 *     called once per such wait (the cassette deck's auto-play).
 *
 * Functions: acia_init, acia_read, acia_write, acia_sync, acia_bit_ticks, acia_frame_bits.
 *
 * Example
 *   acia a;
 *   acia_init(&a, (acia_port){rx_next, tx_done, on_poll, ctx});
 *   acia_write(&a, 0, 0x03, now);      // master reset
 *   acia_write(&a, 0, 0x11, now);      // /16, 8N2: 300 baud, 11 bits
 *   acia_write(&a, 1, 'A', now);       // tx_done(ctx, 'A', now + 36045) about 37 ms later
 */
#ifndef SUPERBOARD_ACIA_H
#define SUPERBOARD_ACIA_H

#include <stdbool.h>
#include <stdint.h>

#define ACIA_TICKS_PER_CYCLE 5u   /* 983040 cycles/s * 5 = 4800 Hz * 1024 */
#define ACIA_TICKS_PER_CLOCK 1024u
#define ACIA_POLLS_FOR_INPUT 8u

enum { ACIA_RDRF = 0x01, ACIA_TDRE = 0x02, ACIA_OVRN = 0x20, ACIA_IRQ = 0x80 };

typedef struct acia_port {
    /* The next byte on the receive line, starting no earlier than tick `earliest`: returns
     * it (0-255) with its start tick in *start (>= earliest), or -1 while the line is idle. */
    int (*rx_next)(void *ctx, uint64_t earliest, uint64_t *start);
    /* A byte has left the transmitter at `cycle`. */
    void (*tx_done)(void *ctx, uint8_t byte, uint64_t cycle);
    /* The program has started polling for input. May be NULL. */
    void (*input_poll)(void *ctx);
    void *ctx;
} acia_port;

typedef struct acia {
    acia_port port;
    uint8_t control;
    bool held;                /* master reset in force */
    bool rdrf, ovrn;
    uint8_t rdr;              /* received data register */
    bool tx_busy;
    uint8_t tdr;
    uint64_t tx_end;          /* tick the byte being sent has gone */
    bool rx_busy;
    uint8_t rx_byte;
    uint64_t rx_end;          /* tick the byte on the line is complete */
    uint64_t line_free;       /* tick the receive line is free for the next byte */
    unsigned polls;           /* status reads while waiting for input */
} acia;

void acia_init(acia *a, acia_port port);
/* reg: 0 = control/status, 1 = data. `cycle` is the cycle of the access. */
uint8_t acia_read(acia *a, int reg, uint64_t cycle);
void acia_write(acia *a, int reg, uint8_t value, uint64_t cycle);
void acia_sync(acia *a, uint64_t cycle);
/* Current bit time in ticks and frame length in bits. */
uint64_t acia_bit_ticks(const acia *a);
unsigned acia_frame_bits(const acia *a);
/* The status register as the program would read it (no side effects, no sync). */
uint8_t acia_status(const acia *a);

#endif
