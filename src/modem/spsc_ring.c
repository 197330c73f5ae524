/* spsc_ring.c -- see spsc_ring.h for the model. */
#include "spsc_ring.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <unistd.h>

int spsc_ring_init(spsc_ring *r, size_t elem_size, size_t min_capacity, bool with_wake_fd)
{
    memset(r, 0, sizeof *r);
    r->wake_fd = -1;
    if (elem_size == 0 || min_capacity == 0 || min_capacity > (SIZE_MAX / 4) / elem_size) {
        errno = EINVAL;
        return -1;
    }
    size_t cap = 1;
    while (cap < min_capacity)
        cap <<= 1;
    r->data = malloc(cap * elem_size);
    if (!r->data)
        return -1;
    r->elem_size = elem_size;
    r->capacity = cap;
    atomic_init(&r->head, 0);
    atomic_init(&r->tail, 0);
    if (with_wake_fd) {
        r->wake_fd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
        if (r->wake_fd < 0) {
            int e = errno;
            free(r->data);
            r->data = NULL;
            errno = e;
            return -1;
        }
    }
    return 0;
}

void spsc_ring_free(spsc_ring *r)
{
    free(r->data);
    r->data = NULL;
    if (r->wake_fd >= 0)
        close(r->wake_fd);
    r->wake_fd = -1;
}

size_t spsc_ring_capacity(const spsc_ring *r) { return r->capacity; }

size_t spsc_ring_writable(const spsc_ring *r)
{
    size_t head = atomic_load_explicit(&r->head, memory_order_relaxed);
    size_t tail = atomic_load_explicit(&r->tail, memory_order_acquire);
    return r->capacity - (head - tail);
}

size_t spsc_ring_readable(const spsc_ring *r)
{
    size_t tail = atomic_load_explicit(&r->tail, memory_order_relaxed);
    size_t head = atomic_load_explicit(&r->head, memory_order_acquire);
    return head - tail;
}

/* Copies n elements between the ring at element index `pos` and a flat buffer, in at most
 * two pieces (the second one when the span wraps past the end of the array). */
static void copy_span(const spsc_ring *r, size_t pos, unsigned char *flat, size_t n, bool to_ring)
{
    size_t start = pos & (r->capacity - 1);
    size_t first = r->capacity - start;
    if (first > n)
        first = n;
    unsigned char *ring_a = r->data + start * r->elem_size;
    size_t bytes_a = first * r->elem_size, bytes_b = (n - first) * r->elem_size;
    if (to_ring) {
        memcpy(ring_a, flat, bytes_a);
        memcpy(r->data, flat + bytes_a, bytes_b);
    } else {
        memcpy(flat, ring_a, bytes_a);
        memcpy(flat + bytes_a, r->data, bytes_b);
    }
}

size_t spsc_ring_write(spsc_ring *r, const void *src, size_t n)
{
    size_t head = atomic_load_explicit(&r->head, memory_order_relaxed);
    size_t tail = atomic_load_explicit(&r->tail, memory_order_acquire);
    size_t room = r->capacity - (head - tail);
    if (n > room)
        n = room;
    if (n) {
        copy_span(r, head, (unsigned char *)src, n, true);
        atomic_store_explicit(&r->head, head + n, memory_order_release);
    }
    return n;
}

size_t spsc_ring_read(spsc_ring *r, void *dst, size_t n)
{
    size_t tail = atomic_load_explicit(&r->tail, memory_order_relaxed);
    size_t head = atomic_load_explicit(&r->head, memory_order_acquire);
    size_t avail = head - tail;
    if (n > avail)
        n = avail;
    if (n) {
        copy_span(r, tail, dst, n, false);
        atomic_store_explicit(&r->tail, tail + n, memory_order_release);
    }
    return n;
}

void spsc_ring_wake(spsc_ring *r)
{
    if (r->wake_fd < 0)
        return;
    uint64_t one = 1;
    /* EAGAIN means the counter is saturated, i.e. already readable: nothing is lost. */
    ssize_t w = write(r->wake_fd, &one, sizeof one);
    (void)w;
}

int spsc_ring_wake_fd(const spsc_ring *r) { return r->wake_fd; }

void spsc_ring_clear_wake(spsc_ring *r)
{
    if (r->wake_fd < 0)
        return;
    uint64_t v;
    ssize_t got = read(r->wake_fd, &v, sizeof v);
    (void)got;
}
