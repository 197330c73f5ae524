/* spsc_ring.h -- a single-producer / single-consumer lock-free ring buffer (C11 atomics).
 *
 * Purpose: move samples or bytes between exactly two threads without locks, e.g. between a
 * PortAudio callback (which must never lock, allocate or make system calls) and the rest of
 * the program.
 *
 * Model: a power-of-two array of fixed-size elements and two free-running counters. `head`
 * counts elements ever written (only the producer stores it), `tail` counts elements ever read
 * (only the consumer stores it). Each side publishes its counter with a release store after
 * touching the data and reads the other side's counter with an acquire load, so no element is
 * read before it is written, nor overwritten before it is read. Counters are size_t and wrap;
 * `head - tail` stays correct across the wrap because capacity is a power of two.
 *
 * The optional wake-up fd (an eventfd) lets an event loop sleep in poll() until a producer has
 * written something. Signalling it is a system call, so spsc_ring_wake() is for producers that
 * may block briefly (an ordinary thread), never for an audio callback; a consumer fed by a
 * callback polls the ring on a timer instead.
 *
 * Functions: spsc_ring_init / spsc_ring_free; producer side: spsc_ring_writable,
 * spsc_ring_write, spsc_ring_wake; consumer side: spsc_ring_readable, spsc_ring_read,
 * spsc_ring_wake_fd, spsc_ring_clear_wake. Only init and free allocate or close anything.
 *
 * Example:
 *     spsc_ring r;
 *     if (spsc_ring_init(&r, sizeof(float), 4096, false) != 0) fail();
 *     // producer thread:   spsc_ring_write(&r, samples, n);     (returns how many fitted)
 *     // consumer thread:   size_t got = spsc_ring_read(&r, out, 256);
 *     spsc_ring_free(&r);
 */
#ifndef MODEM_SPSC_RING_H
#define MODEM_SPSC_RING_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>

typedef struct spsc_ring {
    /* The two counters live on separate cache lines so the two threads do not false-share. */
    _Alignas(64) atomic_size_t head;
    _Alignas(64) atomic_size_t tail;
    _Alignas(64) unsigned char *data;
    size_t elem_size;
    size_t capacity; /* in elements, a power of two */
    int wake_fd;     /* eventfd, or -1 */
} spsc_ring;

/* Room for at least min_capacity elements of elem_size bytes (rounded up to a power of two).
 * with_wake_fd creates the eventfd. Returns 0, or -1 with errno set. */
int spsc_ring_init(spsc_ring *r, size_t elem_size, size_t min_capacity, bool with_wake_fd);
void spsc_ring_free(spsc_ring *r);

size_t spsc_ring_capacity(const spsc_ring *r);

/* Producer side. spsc_ring_write copies up to n elements and returns how many fitted. */
size_t spsc_ring_writable(const spsc_ring *r);
size_t spsc_ring_write(spsc_ring *r, const void *src, size_t n);
/* Makes the wake-up fd readable (a system call: not from an audio callback). No-op without fd. */
void spsc_ring_wake(spsc_ring *r);

/* Consumer side. spsc_ring_read copies up to n elements out and returns how many. */
size_t spsc_ring_readable(const spsc_ring *r);
size_t spsc_ring_read(spsc_ring *r, void *dst, size_t n);
/* The fd to poll() for POLLIN (-1 without one); clear it before draining the ring, so that a
 * write racing with the drain leaves the fd readable rather than being missed. */
int spsc_ring_wake_fd(const spsc_ring *r);
void spsc_ring_clear_wake(spsc_ring *r);

#endif
