/* basic_session.c - types a BASIC session into the emulated Superboard, one line each time
 * BASIC asks for input, and prints everything BASIC prints (for comparing ROMs: the
 * corpus against the genuine BASIC, the benchmarks in emulated cycles).
 *
 * Usage: basic-session [--rom-dir DIR] [--basic-rom FILE] [--monitor-rom FILE] [--ram KB]
 *                      [--seconds S] [--time SE] FILE
 *
 * The board boots, C is typed at the D/C/W/M menu, and from then on the lines of FILE are
 * typed one at a time: the next line only when BASIC calls the input routine (the target of
 * the monitor's vector at $0218, which the genuine ROMs and ours both use) with every key of
 * the previous one read. A line is never typed while a program runs, so no key goes to the
 * CTRL-C check's glance at the keyboard, as keys typed ahead would on a real board. The
 * first two lines answer MEMORY SIZE? and TERMINAL WIDTH?. The session ends when BASIC asks
 * for input after the last line (exit 0).
 *
 * stdout: every byte BASIC hands the output routine (the target of the vector at $021A),
 * as it is: echoes, CRs, NULs and bit 7 included; the screen and the serial port are not
 * involved, so nothing is lost to scrolling and no 300-baud wait slows the run.
 *
 * --time SE (two characters, e.g. SE): after the last line has been typed, count the
 * emulated cycles from the output of the first S to the output of the first E after it,
 * and print `cycles N seconds X` on stderr (the Rugg/Feldman stopwatch, exact to the cycle).
 *
 * Exit status: 0 done, 1 bad ROM files, 2 bad options, 3 not done within --seconds
 * (default 3600 emulated seconds; a message says how far it got), 4 no S..E interval.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cpu6502.h"
#include "machine.h"

#define SLICE 9830u

static int usage(void)
{
    fprintf(stderr, "usage: basic-session [--rom-dir DIR] [--basic-rom FILE] [--monitor-rom FILE] "
                    "[--ram KB] [--seconds S] [--time SE] FILE\n");
    return 2;
}

int main(int argc, char **argv)
{
    machine_config cfg;
    machine_config_init(&cfg);
    double seconds = 3600;
    const char *path = NULL, *marks = NULL;
    for (int i = 1; i < argc; i++) {
        const char *o = argv[i];
        if (i + 1 < argc && !strcmp(o, "--rom-dir"))
            cfg.rom_dir = argv[++i];
        else if (i + 1 < argc && !strcmp(o, "--basic-rom"))
            cfg.basic_rom_path = argv[++i];
        else if (i + 1 < argc && !strcmp(o, "--monitor-rom"))
            cfg.monitor_rom_path = argv[++i];
        else if (i + 1 < argc && !strcmp(o, "--ram"))
            cfg.ram_kb = (unsigned)atoi(argv[++i]);
        else if (i + 1 < argc && !strcmp(o, "--seconds"))
            seconds = atof(argv[++i]);
        else if (i + 1 < argc && !strcmp(o, "--time") && strlen(argv[i + 1]) == 2)
            marks = argv[++i];
        else if (o[0] != '-' && !path)
            path = o;
        else
            return usage();
    }
    if (!path || seconds <= 0)
        return usage();
    uint8_t *data;
    size_t len;
    if (cli_read_all("basic-session", path, &data, &len))
        return 1;
    const char *text = (const char *)data;
    char err[256];
    machine *m = machine_new(&cfg, err, sizeof err);
    if (!m) {
        fprintf(stderr, "basic-session: %s\n", err);
        free(data);
        return 1;
    }
    cpu6502 *cpu = machine_cpu(m);
    uint64_t limit = machine_cycles(m) + (uint64_t)(seconds * MACHINE_CLOCK_HZ);
    int status = 3;
    const char *why = "the D/C/W/M menu did not appear";
    while (machine_cycles(m) < limit && !machine_screen_contains(m, "D/C/W/M"))
        machine_run(m, SLICE);
    if (machine_cycles(m) >= limit)
        goto out;
    /* The vectors are set by the reset; watching them before C is typed catches BASIC's
     * first call for input however soon it comes (a call while C is still being typed, if
     * the menu reads through the vector, is not one). */
    uint16_t in = (uint16_t)(cpu6502_peek(cpu, 0x218) | cpu6502_peek(cpu, 0x219) << 8);
    uint16_t outv = (uint16_t)(cpu6502_peek(cpu, 0x21A) | cpu6502_peek(cpu, 0x21B) << 8);
    cpu6502_set_breakpoint(cpu, in, true);
    cpu6502_set_breakpoint(cpu, outv, true);
    machine_type_text(m, "C", 1);
    size_t pos = 0;          /* next line of the file */
    int lines = 0;
    bool armed = false, started = false, ended = false;
    uint64_t t0 = 0, t1 = 0;
    why = "BASIC did not ask for the first line";
    while (machine_cycles(m) < limit) {
        uint64_t left = limit - machine_cycles(m);
        machine_run(m, left < SLICE ? left : SLICE);
        if (cpu6502_stop_reason(cpu) != CPU6502_STOP_BREAKPOINT)
            continue;
        cpu6502_regs r;
        cpu6502_get_regs(cpu, &r);
        if (r.pc == outv) {
            putchar(r.a);
            if (marks) {
                if (!armed && pos == len && machine_typing_pending(m) == 0)
                    armed = true;
                uint8_t c = r.a & 0x7F;
                if (armed && !started && c == (uint8_t)marks[0]) {
                    started = true;
                    t0 = machine_cycles(m);
                } else if (started && !ended && c == (uint8_t)marks[1]) {
                    ended = true;
                    t1 = machine_cycles(m);
                }
            }
        }
        if (r.pc == in && machine_typing_pending(m) == 0) {
            if (pos == len) {
                status = 0;
                break;
            }
            const char *nl = memchr(text + pos, '\n', len - pos);
            size_t n = nl ? (size_t)(nl - (text + pos)) : len - pos;
            machine_type_text(m, text + pos, n);
            machine_type_text(m, "\r", 1);
            pos += nl ? n + 1 : n;
            lines++;
            static char msg[200];
            snprintf(msg, sizeof msg, "%d lines typed; BASIC did not ask for input after line %d",
                     lines, lines);
            why = msg;
        }
    }
out:
    fflush(stdout);
    if (status == 3)
        fprintf(stderr, "basic-session: %s within %g emulated seconds\n", why, seconds);
    else if (marks && !ended) {
        fprintf(stderr, "basic-session: no %c..%c interval in the output after the last line\n",
                marks[0], marks[1]);
        status = 4;
    } else if (marks)
        fprintf(stderr, "cycles %llu seconds %.4f\n", (unsigned long long)(t1 - t0),
                (double)(t1 - t0) / MACHINE_CLOCK_HZ);
    machine_free(m);
    free(data);
    return status;
}
