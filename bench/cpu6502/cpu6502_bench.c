/*
 * cpu6502-bench - runs Klaus Dormann's functional test to its success loop at $3469 with
 * cpu6502_run, for timing and for instruction counting under callgrind.
 *
 *   cpu6502-bench [--observers] [--repeat N] 6502_functional_test.bin
 *
 * --observers maps device handlers the way a machine does: a pass-through observer on page
 * $02 (Klaus's absolute-addressing data page, so the handler path runs thousands of times)
 * and a 2-byte device at $F000 (never touched by the test), all else RAM. Prints the exact
 * counts, wall time and emulated MHz of the best repeat.
 */
#include "cpu6502.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef struct {
    uint8_t *ram;
    uint64_t reads, writes;
} observer;

static uint8_t obs_read(void *ctx, uint16_t addr)
{
    observer *o = ctx;
    o->reads++;
    return o->ram[addr];
}

static void obs_write(void *ctx, uint16_t addr, uint8_t v)
{
    observer *o = ctx;
    o->writes++;
    o->ram[addr] = v;
}

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

int main(int argc, char **argv)
{
    bool observers = false;
    int repeat = 1;
    const char *path = NULL;
    for (int k = 1; k < argc; k++) {
        if (strcmp(argv[k], "--observers") == 0)
            observers = true;
        else if (strcmp(argv[k], "--repeat") == 0 && k + 1 < argc)
            repeat = atoi(argv[++k]);
        else
            path = argv[k];
    }
    if (!path || repeat < 1) {
        fprintf(stderr, "usage: cpu6502-bench [--observers] [--repeat N] 6502_functional_test.bin\n");
        return 2;
    }
    static uint8_t image[0x10000], ram[0x10000];
    FILE *f = fopen(path, "rb");
    if (!f || fread(image, 1, sizeof image, f) != sizeof image) {
        fprintf(stderr, "cpu6502-bench: %s: cannot read a 64 KiB image\n", path);
        if (f)
            fclose(f);
        return 2;
    }
    fclose(f);

    cpu6502 *c = malloc(sizeof *c);
    if (!c)
        return 2;
    double best = 1e30;
    observer obs = {ram, 0, 0};
    for (int r = 0; r < repeat; r++) {
        memcpy(ram, image, sizeof ram);
        obs.reads = obs.writes = 0;
        cpu6502_init(c);
        cpu6502_map_ram(c, 0, 0x10000, ram);
        if (observers) {
            cpu6502_map_device(c, 0x0200, 0x100, obs_read, obs_write, &obs);
            cpu6502_map_device(c, 0xF000, 2, obs_read, obs_write, &obs);
        }
        cpu6502_regs regs = {0x0400, 0, 0, 0, 0xFF, 0x24};
        cpu6502_set_regs(c, &regs);
        cpu6502_set_breakpoint(c, 0x3469, true);
        double t0 = now_seconds();
        cpu6502_run(c, UINT64_MAX / 2);
        double t = now_seconds() - t0;
        if (t < best)
            best = t;
    }
    cpu6502_regs regs;
    cpu6502_get_regs(c, &regs);
    uint64_t cycles = cpu6502_cycles(c);
    printf("pc=%04X instructions=%" PRIu64 " cycles=%" PRIu64 " observer_reads=%" PRIu64
           " observer_writes=%" PRIu64 " seconds=%.3f mhz=%.1f\n",
           regs.pc, cpu6502_instructions(c), cycles, obs.reads, obs.writes, best, (double)cycles / best / 1e6);
    free(c);
    return regs.pc == 0x3469 ? 0 : 1;
}
