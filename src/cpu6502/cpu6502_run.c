/*
 * cpu6502-run - run 6502 code on the core in 64 KiB of flat RAM, or run SingleStepTests.
 *
 *   cpu6502-run --load FILE@ADDR [--load FILE@ADDR ...] --pc ADDR [--until-pc ADDR]
 *               [--max-cycles N] [--trace]
 *   cpu6502-run --single-step-tests [--bus] FILE.json ...
 *
 * The first form runs until PC reaches --until-pc (before that instruction runs), the CPU
 * loops on itself (JMP * or a branch to itself, not counted), a JAM, or the cycle limit, and
 * prints `pc=XXXX instructions=N cycles=N seconds=S mhz=M` last. Exit status 0 only when
 * --until-pc was given and reached; 1 when the run ended otherwise; 2 on bad usage or input.
 */
#include "cpu6502.h"
#include "disasm6502.h"
#include "sst.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define DEFAULT_MAX_CYCLES 10000000000ull

static void usage(void)
{
    fprintf(stderr,
            "usage: cpu6502-run --load FILE@ADDR [--load FILE@ADDR ...] --pc ADDR [--until-pc ADDR]\n"
            "                   [--max-cycles N] [--trace]\n"
            "       cpu6502-run --single-step-tests [--bus] FILE.json ...\n"
            "Addresses are hex (optionally with $ or 0x). --max-cycles defaults to %llu.\n",
            DEFAULT_MAX_CYCLES);
}

/* A 16-bit hex address ("C000", "$C000", "0xC000"); -1 if invalid. */
static long parse_addr(const char *s)
{
    if (*s == '$')
        s++;
    else if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))
        s += 2;
    if (*s == '\0')
        return -1;
    char *end;
    errno = 0;
    unsigned long v = strtoul(s, &end, 16);
    if (*end != '\0' || errno || v > 0xFFFF || *s == '-' || *s == '+')
        return -1;
    return (long)v;
}

/* Loads FILE@ADDR into mem; returns 0 or prints a one-line error and returns -1. */
static int load_spec(const char *spec, uint8_t *mem)
{
    const char *at = strrchr(spec, '@');
    if (!at || at == spec) {
        fprintf(stderr, "cpu6502-run: --load %s: expected FILE@ADDR\n", spec);
        return -1;
    }
    long addr = parse_addr(at + 1);
    if (addr < 0) {
        fprintf(stderr, "cpu6502-run: --load %s: bad hex address '%s'\n", spec, at + 1);
        return -1;
    }
    char path[4096];
    size_t plen = (size_t)(at - spec);
    if (plen >= sizeof path) {
        fprintf(stderr, "cpu6502-run: --load %s: path too long\n", spec);
        return -1;
    }
    memcpy(path, spec, plen);
    path[plen] = '\0';
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "cpu6502-run: %s: %s\n", path, strerror(errno));
        return -1;
    }
    size_t room = 0x10000 - (size_t)addr;
    size_t got = fread(mem + addr, 1, room, f);
    bool extra = got == room && fgetc(f) != EOF; /* more bytes than fit below $10000 */
    bool bad = ferror(f);
    fclose(f);
    if (bad) {
        fprintf(stderr, "cpu6502-run: %s: read error\n", path);
        return -1;
    }
    if (extra) {
        fprintf(stderr, "cpu6502-run: %s: loading at $%04lX runs past $FFFF (only %zu bytes fit)\n",
                path, addr, room);
        return -1;
    }
    return 0;
}

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static void trace_line(const cpu6502 *c)
{
    cpu6502_regs r;
    cpu6502_get_regs(c, &r);
    uint8_t b[3];
    for (int k = 0; k < 3; k++)
        b[k] = cpu6502_peek(c, (uint16_t)(r.pc + k));
    char text[32], hex[12] = "";
    int len = disasm6502(r.pc, b, text, sizeof text);
    for (int k = 0; k < len; k++)
        snprintf(hex + 3 * k, sizeof hex - 3 * (size_t)k, "%02X ", b[k]);
    printf("%04X  %-9s %-14s A=%02X X=%02X Y=%02X S=%02X P=%02X cyc=%" PRIu64 "\n", r.pc, hex, text,
           r.a, r.x, r.y, r.s, r.p, cpu6502_cycles(c));
}

static int run_single_step_tests(int argc, char **argv, int first)
{
    bool bus = false;
    sst_stats st = {0, 0};
    int files = 0, bad = 0;
    for (int k = first; k < argc; k++) {
        if (strcmp(argv[k], "--bus") == 0) {
            bus = true;
            continue;
        }
        files++;
        if (sst_run_file(argv[k], bus, &st, stdout, 5) < 0)
            bad++;
    }
    if (files == 0) {
        usage();
        return 2;
    }
    printf("%lu passed, %lu failed\n", st.passed, st.failed);
    if (bad)
        return 2;
    return st.failed == 0 && st.passed > 0 ? 0 : 1;
}

int main(int argc, char **argv)
{
    static uint8_t mem[0x10000];
    long pc = -1, until = -1;
    unsigned long long max_cycles = DEFAULT_MAX_CYCLES;
    bool trace = false;
    int loads = 0;

    for (int k = 1; k < argc; k++) {
        const char *a = argv[k];
        if (strcmp(a, "--single-step-tests") == 0)
            return run_single_step_tests(argc, argv, k + 1);
        bool has_arg = k + 1 < argc;
        if (strcmp(a, "--trace") == 0) {
            trace = true;
        } else if (strcmp(a, "--load") == 0 && has_arg) {
            if (load_spec(argv[++k], mem) < 0)
                return 2;
            loads++;
        } else if ((strcmp(a, "--pc") == 0 || strcmp(a, "--until-pc") == 0) && has_arg) {
            long v = parse_addr(argv[++k]);
            if (v < 0) {
                fprintf(stderr, "cpu6502-run: %s: bad hex address '%s'\n", a, argv[k]);
                return 2;
            }
            *(a[2] == 'p' ? &pc : &until) = v;
        } else if (strcmp(a, "--max-cycles") == 0 && has_arg) {
            char *end;
            errno = 0;
            max_cycles = strtoull(argv[++k], &end, 10);
            if (*end != '\0' || errno || argv[k][0] == '-' || argv[k][0] == '\0') {
                fprintf(stderr, "cpu6502-run: --max-cycles: bad number '%s'\n", argv[k]);
                return 2;
            }
        } else {
            fprintf(stderr, "cpu6502-run: unknown or incomplete option '%s'\n", a);
            usage();
            return 2;
        }
    }
    if (loads == 0 || pc < 0) {
        fprintf(stderr, "cpu6502-run: --load and --pc are required\n");
        usage();
        return 2;
    }

    cpu6502 *c = malloc(sizeof *c);
    if (!c) {
        fprintf(stderr, "cpu6502-run: out of memory\n");
        return 2;
    }
    cpu6502_init(c);
    cpu6502_map_ram(c, 0, 0x10000, mem);
    cpu6502_regs r = {(uint16_t)pc, 0, 0, 0, 0xFD, 0x24};
    cpu6502_set_regs(c, &r);
    cpu6502_set_stop_on_self_loop(c, true);
    if (until >= 0)
        cpu6502_set_breakpoint(c, (uint16_t)until, true);

    double t0 = now_seconds();
    bool reached = until == pc;
    while (!reached && cpu6502_cycles(c) < max_cycles) {
        if (trace) {
            trace_line(c);
            cpu6502_step(c);
        } else {
            cpu6502_run(c, max_cycles - cpu6502_cycles(c));
        }
        cpu6502_stop why = cpu6502_stop_reason(c);
        cpu6502_get_regs(c, &r);
        if (why == CPU6502_STOP_JAM) {
            fprintf(stderr, "cpu6502-run: JAM opcode $%02X at $%04X\n", cpu6502_peek(c, r.pc), r.pc);
            break;
        }
        if (why == CPU6502_STOP_SELF_LOOP)
            break;
        if (r.pc == until && (why == CPU6502_STOP_BREAKPOINT || trace))
            reached = true;
    }
    double secs = now_seconds() - t0;
    uint64_t cycles = cpu6502_cycles(c);
    printf("pc=%04X instructions=%" PRIu64 " cycles=%" PRIu64 " seconds=%.3f mhz=%.2f\n", r.pc,
           cpu6502_instructions(c), cycles, secs, secs > 0 ? (double)cycles / secs / 1e6 : 0.0);
    free(c);
    return reached ? 0 : 1;
}
