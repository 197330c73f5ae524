/*
 * pacer.h - runs emulated time at real speed: maps emulated cycles to the wall clock.
 *
 * Model: the pacer remembers a starting point (wall time, cycle count). Cycle c is due at
 * start + (c - c0) / hz seconds. A front end runs a slice of cycles, then sleeps until the
 * slice's end is due (pacer_wait), or polls its file descriptors with the timeout
 * pacer_ms_until gives. Sleeping whole slices (1/60 s) keeps the host CPU use tiny. When the
 * host falls behind by more than PACER_MAX_LAG_NS (a stall, a debugger stop, a suspended
 * process), the pacer restarts from now instead of racing to catch up. CLOCK_MONOTONIC only.
 *
 * Functions: pacer_start, pacer_ns_until, pacer_ms_until, pacer_wait.
 *
 * Example
 *   pacer p;
 *   pacer_start(&p, MACHINE_CLOCK_HZ, machine_cycles(m));
 *   for (;;) {
 *       machine_run(m, MACHINE_CLOCK_HZ / 60);
 *       pacer_wait(&p, machine_cycles(m));      // or poll(fds, n, pacer_ms_until(...))
 *   }
 */
#ifndef SUPERBOARD_PACER_H
#define SUPERBOARD_PACER_H

#include <stdint.h>
#include <time.h>

#define PACER_MAX_LAG_NS 250000000LL

typedef struct pacer {
    double hz;
    struct timespec start;
    uint64_t start_cycles;
} pacer;

void pacer_start(pacer *p, double hz, uint64_t cycles);
/* Nanoseconds until `cycles` is due (0 when due or late; restarts the pacer when far behind). */
int64_t pacer_ns_until(pacer *p, uint64_t cycles);
/* The same rounded up to whole milliseconds, for poll(). */
int pacer_ms_until(pacer *p, uint64_t cycles);
/* Sleeps until `cycles` is due. */
void pacer_wait(pacer *p, uint64_t cycles);

#endif
