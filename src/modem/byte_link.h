/* byte_link.h -- a full-duplex byte stream with flow control: the one shape every "board" has.
 *
 * Purpose: the telnet server and the other bridges talk to a board without knowing what it is.
 * The real board behind the audio soft-modem (modem.h) and the emulated board behind its ACIA
 * both present this interface, so the telnet bridge is written once.
 *
 * Model: the board side owns the pace. `write_space` says how many bytes it accepts right now
 * (a small number for a 300-baud line: callers hold the rest back, which is what lets TCP push
 * back on a pasting client); `write` never accepts more than that. `read` returns what the board
 * has sent since the last call, never blocking. `wake_fd` (optional, may be NULL or return -1)
 * is an fd that poll() reports readable when `read` may have data; links without one are
 * polled on a timer. All calls come from one thread (the caller's event loop).
 *
 * Functions: byte_link_read / byte_link_write / byte_link_write_space / byte_link_wake_fd wrap
 * the ops; byte_link_bridge moves bytes both ways between two links, never more than the
 * receiving side accepts (how `superboard-emu --cassette-audio` joins the ACIA to the modem).
 *
 * Example:
 *     byte_link link = modem_link(m);          // or the emulator's ACIA link
 *     uint8_t buf[64];
 *     size_t n = byte_link_read(&link, buf, sizeof buf);
 *     size_t sent = byte_link_write(&link, (const uint8_t *)"RUN\r", 4);   // may be < 4
 */
#ifndef MODEM_BYTE_LINK_H
#define MODEM_BYTE_LINK_H

#include <stddef.h>
#include <stdint.h>

typedef struct byte_link_ops {
    size_t (*read)(void *ctx, uint8_t *buf, size_t max);
    size_t (*write_space)(void *ctx);
    size_t (*write)(void *ctx, const uint8_t *buf, size_t n);
    int (*wake_fd)(void *ctx); /* NULL: none */
} byte_link_ops;

typedef struct byte_link {
    const byte_link_ops *ops;
    void *ctx;
} byte_link;

static inline size_t byte_link_read(const byte_link *l, uint8_t *buf, size_t max)
{
    return l->ops->read(l->ctx, buf, max);
}
static inline size_t byte_link_write_space(const byte_link *l) { return l->ops->write_space(l->ctx); }
static inline size_t byte_link_write(const byte_link *l, const uint8_t *buf, size_t n)
{
    return l->ops->write(l->ctx, buf, n);
}
static inline int byte_link_wake_fd(const byte_link *l)
{
    return l->ops->wake_fd ? l->ops->wake_fd(l->ctx) : -1;
}

/* Moves what is available from a to b and from b to a, each direction limited by the
 * receiver's write_space, so nothing is read that cannot be delivered. Returns bytes moved. */
size_t byte_link_bridge(const byte_link *a, const byte_link *b);

#endif
