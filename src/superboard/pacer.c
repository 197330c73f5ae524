/* pacer.c - real-time pacing of emulated cycles (pacer.h). */
#include "pacer.h"

#include <errno.h>

static int64_t ns_of(const struct timespec *t) { return (int64_t)t->tv_sec * 1000000000LL + t->tv_nsec; }

void pacer_start(pacer *p, double hz, uint64_t cycles)
{
    p->hz = hz;
    clock_gettime(CLOCK_MONOTONIC, &p->start);
    p->start_cycles = cycles;
}

static int64_t due_ns(const pacer *p, uint64_t cycles)
{
    double seconds = (double)(cycles - p->start_cycles) / p->hz;
    return ns_of(&p->start) + (int64_t)(seconds * 1e9);
}

int64_t pacer_ns_until(pacer *p, uint64_t cycles)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    int64_t left = due_ns(p, cycles) - ns_of(&now);
    if (left < -PACER_MAX_LAG_NS) {
        p->start = now;
        p->start_cycles = cycles;
        return 0;
    }
    return left > 0 ? left : 0;
}

int pacer_ms_until(pacer *p, uint64_t cycles)
{
    int64_t ns = pacer_ns_until(p, cycles);
    return (int)((ns + 999999) / 1000000);
}

void pacer_wait(pacer *p, uint64_t cycles)
{
    if (pacer_ns_until(p, cycles) == 0)
        return;
    int64_t due = due_ns(p, cycles);
    struct timespec t = {(time_t)(due / 1000000000LL), (long)(due % 1000000000LL)};
    while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &t, NULL) == EINTR) {
    }
}
