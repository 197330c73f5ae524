/* bench_superboard.c - speed of the emulated Superboard.
 *
 * 1. Headless speed: emulated seconds per host second with every device mapped, as a
 *    multiple of the real machine (goal >= 300x). Workload: BASIC running a FOR loop when
 *    the built-in BASIC answers (C, RETURN, RETURN ... OK), else the monitor's menu waiting
 *    for a key (the keyboard routine scanning $DF00 with its debounce delay) and a RAM
 *    program writing video RAM and polling the ACIA. The peer measured in the same run: the
 *    bare 6502 core with flat RAM running the same RAM program (so the ratio shows the cost
 *    of the board's devices and slicing).
 * 2. Paced: the machine at real speed through pacer.h for a few wall seconds; host CPU use
 *    (getrusage) as a share of one core (goal < 2%).
 *
 * Usage: bench_superboard [--quick]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "cpu6502.h"
#include "machine.h"
#include "pacer.h"

static double now_s(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

static double cpu_s(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6 + ru.ru_stime.tv_sec +
           ru.ru_stime.tv_usec / 1e6;
}

/* Fills video RAM with a counter, reads the ACIA status each round, loops forever. */
static const uint8_t ram_program[] = {
    0xA2, 0x00,             /* 0300 LDX #0 */
    0x8A,                   /* 0302 TXA */
    0x9D, 0x00, 0xD0,       /* 0303 STA $D000,X */
    0x9D, 0x00, 0xD1,       /* 0306 STA $D100,X */
    0xE8,                   /* 0309 INX */
    0xD0, 0xF6,             /* 030A BNE $0302 */
    0xAD, 0x00, 0xF0,       /* 030C LDA $F000 */
    0xE6, 0x10,             /* 030F INC $10 */
    0x4C, 0x00, 0x03,       /* 0311 JMP $0300 */
};

static void load(cpu6502 *c, const uint8_t *code, size_t len)
{
    for (size_t i = 0; i < len; i++)
        cpu6502_poke(c, (uint16_t)(0x300 + i), code[i]);
    cpu6502_regs r;
    cpu6502_get_regs(c, &r);
    r.pc = 0x300;
    cpu6502_set_regs(c, &r);
}

/* Runs the machine in headless slices for `emulated` seconds; returns emulated/host ratio. */
static double headless_speed(machine *m, double emulated)
{
    uint64_t cycles = (uint64_t)(emulated * MACHINE_CLOCK_HZ);
    uint64_t end = machine_cycles(m) + cycles;
    double t0 = now_s();
    while (machine_cycles(m) < end)
        machine_run(m, 9830);
    return emulated / (now_s() - t0);
}

static double bare_core_speed(double emulated)
{
    static uint8_t ram[65536];
    cpu6502 *c = malloc(sizeof *c);
    cpu6502_init(c);
    cpu6502_map_ram(c, 0, 65536, ram);
    load(c, ram_program, sizeof ram_program);
    uint64_t cycles = (uint64_t)(emulated * MACHINE_CLOCK_HZ);
    double t0 = now_s();
    for (uint64_t done = 0; done < cycles;)
        done += cpu6502_run(c, 9830);
    double ratio = emulated / (now_s() - t0);
    free(c);
    return ratio;
}

static machine *new_machine(void)
{
    machine_config cfg;
    machine_config_init(&cfg);
    char err[256];
    machine *m = machine_new(&cfg, err, sizeof err);
    if (!m) {
        fprintf(stderr, "bench_superboard: %s\n", err);
        exit(1);
    }
    return m;
}

static bool run_until_screen(machine *m, const char *text, double seconds)
{
    uint64_t end = machine_cycles(m) + (uint64_t)(seconds * MACHINE_CLOCK_HZ);
    while (machine_cycles(m) < end) {
        if (machine_screen_contains(m, text))
            return true;
        machine_run(m, 9830);
    }
    return false;
}

/* A machine running the workload: BASIC's FOR loop when the built-in BASIC answers, else the
 * monitor's menu waiting for a key. */
static machine *start_workload(const char **name)
{
    machine *m = new_machine();
    run_until_screen(m, "D/C/W/M ?", 5);
    machine_type_text(m, "C\r\r", 3);
    if (run_until_screen(m, "OK", 10)) {
        const char *prog = "10 FOR I=1 TO 30000:A=A+I*2:NEXT:GOTO 10\rRUN\r";
        machine_type_text(m, prog, strlen(prog));
        while (machine_typing_pending(m))
            machine_run(m, 9830);
        *name = "BASIC FOR loop";
        return m;
    }
    machine_free(m);
    m = new_machine();
    run_until_screen(m, "D/C/W/M ?", 5);
    *name = "monitor menu (keyboard routine polling $DF00)";
    return m;
}

int main(int argc, char **argv)
{
    bool quick = argc > 1 && strcmp(argv[1], "--quick") == 0;
    double span = quick ? 2 : 60;

    const char *workload;
    machine *m = start_workload(&workload);
    double speed = headless_speed(m, span);
    machine_free(m);

    m = new_machine();
    load(machine_cpu(m), ram_program, sizeof ram_program);
    double program = headless_speed(m, span);
    machine_free(m);
    double bare = bare_core_speed(span);

    printf("headless, %s: %.0fx real time\n", workload, speed);
    printf("headless, RAM program (video writes, ACIA status reads): %.0fx real time\n", program);
    printf("peer: bare 6502 core, flat RAM, same program: %.0fx real time (machine/bare = %.2f)\n",
           bare, program / bare);

    /* Paced at real speed, 1/60 s slices. */
    m = start_workload(&workload);
    double wall = quick ? 0.5 : 5;
    pacer p;
    uint64_t c_start = machine_cycles(m);
    pacer_start(&p, MACHINE_CLOCK_HZ, c_start);
    double c0 = cpu_s(), t0 = now_s();
    while (now_s() - t0 < wall) {
        machine_run(m, MACHINE_CLOCK_HZ / 60);
        pacer_wait(&p, machine_cycles(m));
    }
    double used = cpu_s() - c0, elapsed = now_s() - t0;
    double emulated = (double)(machine_cycles(m) - c_start) / MACHINE_CLOCK_HZ;
    printf("paced at real speed, %s: %.2f emulated s in %.2f wall s, host CPU %.2f%% of one core\n",
           workload, emulated, elapsed, 100 * used / elapsed);
    machine_free(m);
    return 0;
}
