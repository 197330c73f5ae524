/* Tests of the SPSC ring (spsc_ring.h): wrap-around, partial writes and reads, the wake-up
 * fd, and two real threads streaming 16 million counted elements through a small ring. */
#include "spsc_ring.h"

#include <poll.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static int failures;
#define CHECK(cond, msg)                                                                       \
    do {                                                                                       \
        if (!(cond)) {                                                                         \
            failures++;                                                                        \
            fprintf(stderr, "%s:%d: %s\n", __FILE__, __LINE__, msg);                           \
        }                                                                                      \
    } while (0)

#define STREAM_COUNT (16u << 20)

static void *producer(void *arg)
{
    spsc_ring *r = arg;
    uint32_t next = 0, chunk[37];
    while (next < STREAM_COUNT) {
        size_t k = 0;
        while (k < 37 && next + k < STREAM_COUNT) {
            chunk[k] = next + (uint32_t)k;
            k++;
        }
        size_t done = 0;
        while (done < k)
            done += spsc_ring_write(r, chunk + done, k - done);
        next += (uint32_t)k;
    }
    return NULL;
}

static void test_threads(void)
{
    spsc_ring r;
    CHECK(spsc_ring_init(&r, sizeof(uint32_t), 1000, false) == 0, "init");
    CHECK(spsc_ring_capacity(&r) == 1024, "capacity rounds up to a power of two");
    pthread_t th;
    pthread_create(&th, NULL, producer, &r);
    uint32_t expect = 0, buf[53];
    int ok = 1;
    while (expect < STREAM_COUNT) {
        size_t n = spsc_ring_read(&r, buf, 53);
        for (size_t i = 0; i < n; i++)
            if (buf[i] != expect++)
                ok = 0;
    }
    pthread_join(th, NULL);
    CHECK(ok, "elements arrive in order, none lost or duplicated");
    CHECK(spsc_ring_readable(&r) == 0, "drained");
    spsc_ring_free(&r);
}

static void test_basics(void)
{
    spsc_ring r;
    CHECK(spsc_ring_init(&r, 1, 8, true) == 0, "init with wake fd");
    CHECK(spsc_ring_writable(&r) == 8 && spsc_ring_readable(&r) == 0, "empty");
    CHECK(spsc_ring_write(&r, "abcdefghij", 10) == 8, "write stops when full");
    char out[16] = {0};
    CHECK(spsc_ring_read(&r, out, 5) == 5 && memcmp(out, "abcde", 5) == 0, "read part");
    CHECK(spsc_ring_write(&r, "XYZW", 4) == 4, "write wraps");
    CHECK(spsc_ring_read(&r, out, 16) == 7 && memcmp(out, "fghXYZW", 7) == 0, "read across wrap");

    struct pollfd p = {.fd = spsc_ring_wake_fd(&r), .events = POLLIN};
    CHECK(poll(&p, 1, 0) == 0, "wake fd quiet at first");
    spsc_ring_wake(&r);
    spsc_ring_wake(&r);
    CHECK(poll(&p, 1, 0) == 1, "wake fd readable after wake");
    spsc_ring_clear_wake(&r);
    CHECK(poll(&p, 1, 0) == 0, "wake fd quiet after clear");
    spsc_ring_free(&r);

    CHECK(spsc_ring_init(&r, 0, 8, false) != 0, "zero element size refused");
}

int main(void)
{
    test_basics();
    test_threads();
    if (failures) {
        fprintf(stderr, "test_spsc_ring: %d failure(s)\n", failures);
        return 1;
    }
    printf("test_spsc_ring: all passed\n");
    return 0;
}
