/* acia.c - the 6850: lazy, tick-exact transmit and receive (see acia.h). */
#include "acia.h"

#include <string.h>

void acia_init(acia *a, acia_port port)
{
    memset(a, 0, sizeof *a);
    a->port = port;
    a->control = 0x03;
    a->held = true;
}

uint64_t acia_bit_ticks(const acia *a)
{
    static const unsigned divide[4] = {1, 16, 64, 16}; /* 11 is master reset */
    return (uint64_t)ACIA_TICKS_PER_CLOCK * divide[a->control & 3];
}

unsigned acia_frame_bits(const acia *a)
{
    /* Word select (bits 2-4): data bits + parity bit + stop bits, plus the start bit. */
    static const unsigned bits[8] = {
        1 + 7 + 1 + 2, 1 + 7 + 1 + 2, 1 + 7 + 1 + 1, 1 + 7 + 1 + 1,
        1 + 8 + 0 + 2, 1 + 8 + 0 + 1, 1 + 8 + 1 + 1, 1 + 8 + 1 + 1,
    };
    return bits[(a->control >> 2) & 7];
}

static uint64_t frame_ticks(const acia *a) { return acia_bit_ticks(a) * acia_frame_bits(a); }

uint8_t acia_status(const acia *a)
{
    if (a->held)
        return 0;
    uint8_t s = 0;
    if (a->rdrf)
        s |= ACIA_RDRF;
    if (!a->tx_busy)
        s |= ACIA_TDRE;
    if (a->ovrn)
        s |= ACIA_OVRN;
    bool rx_irq = (a->control & 0x80) && (a->rdrf || a->ovrn);
    bool tx_irq = ((a->control >> 5) & 3) == 1 && !a->tx_busy;
    if (rx_irq || tx_irq)
        s |= ACIA_IRQ;
    return s;
}

void acia_sync(acia *a, uint64_t cycle)
{
    uint64_t now = cycle * ACIA_TICKS_PER_CYCLE;
    if (a->tx_busy && a->tx_end <= now) {
        a->tx_busy = false;
        if (a->port.tx_done)
            a->port.tx_done(a->port.ctx, a->tdr, a->tx_end / ACIA_TICKS_PER_CYCLE);
    }
    for (;;) {
        if (!a->rx_busy) {
            uint64_t start;
            int b = a->port.rx_next ? a->port.rx_next(a->port.ctx, a->line_free, &start) : -1;
            if (b < 0)
                break;
            if (start < a->line_free)
                start = a->line_free;
            a->rx_busy = true;
            a->rx_byte = (uint8_t)b;
            a->rx_end = start + frame_ticks(a);
        }
        if (a->rx_end > now)
            break;
        a->rx_busy = false;
        a->line_free = a->rx_end;
        if (a->held)
            continue;               /* the receiver is held in reset: the byte is dropped */
        if (a->rdrf) {
            a->ovrn = true;
        } else {
            a->rdr = a->rx_byte;
            a->rdrf = true;
        }
    }
    /* An idle line is free from now on, so a byte arriving later starts when it arrives. */
    if (!a->rx_busy && a->line_free < now)
        a->line_free = now;
}

uint8_t acia_read(acia *a, int reg, uint64_t cycle)
{
    acia_sync(a, cycle);
    if (reg == 0) {
        uint8_t s = acia_status(a);
        if (!a->held && !a->rdrf && !a->tx_busy) {
            if (++a->polls == ACIA_POLLS_FOR_INPUT && a->port.input_poll)
                a->port.input_poll(a->port.ctx);
        }
        return s;
    }
    a->polls = 0;
    a->rdrf = false;
    a->ovrn = false;
    return a->rdr;
}

void acia_write(acia *a, int reg, uint8_t value, uint64_t cycle)
{
    acia_sync(a, cycle);
    a->polls = 0;
    if (reg == 0) {
        a->control = value;
        if ((value & 3) == 3) {
            a->held = true;
            a->rdrf = a->ovrn = false;
            a->tx_busy = false;      /* a byte being sent is cut off */
        } else {
            a->held = false;
        }
        return;
    }
    if (a->held)
        return;
    a->tdr = value;
    if (!a->tx_busy) {
        a->tx_busy = true;
        a->tx_end = cycle * ACIA_TICKS_PER_CYCLE + frame_ticks(a);
    }
}
