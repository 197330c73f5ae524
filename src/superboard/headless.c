/* headless.c - scripted runs (headless.h). */
#include "headless.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "shutdown.h"

static int hex_digit(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

size_t headless_unescape(const char *in, char *out)
{
    size_t n = 0;
    while (*in) {
        if (*in != '\\' || !in[1]) {
            out[n++] = *in++;
            continue;
        }
        char e = in[1];
        in += 2;
        switch (e) {
        case 'r': out[n++] = '\r'; break;
        case 'n': out[n++] = '\n'; break;
        case 't': out[n++] = '\t'; break;
        case 'e': out[n++] = 0x1B; break;
        case 'x': {
            int v = 0, digits = 0, d;
            while (digits < 2 && (d = hex_digit(*in)) >= 0) {
                v = v * 16 + d;
                in++;
                digits++;
            }
            if (digits)
                out[n++] = (char)v;
            else {
                out[n++] = '\\';
                out[n++] = 'x';
            }
            break;
        }
        case '\\': out[n++] = '\\'; break;
        default:
            out[n++] = '\\';
            out[n++] = e;
        }
    }
    return n;
}

typedef enum { RUN_DONE, RUN_OUT_OF_TIME, RUN_SIGNAL } run_result;

typedef bool (*done_fn)(machine *m, const void *arg);

/* Runs slices until done(m, arg) or the cycle `limit` or a signal. */
static run_result run_until(machine *m, uint64_t limit, done_fn done, const void *arg)
{
    for (;;) {
        if (done(m, arg))
            return RUN_DONE;
        if (shutdown_requested())
            return RUN_SIGNAL;
        uint64_t t = machine_cycles(m);
        if (t >= limit)
            return RUN_OUT_OF_TIME;
        uint64_t slice = limit - t < HEADLESS_SLICE_CYCLES ? limit - t : HEADLESS_SLICE_CYCLES;
        machine_run(m, slice);
    }
}

/* Text still to hand to the keyboard queue (which holds 64 KB). */
typedef struct typing {
    const char *text;
    size_t len, pos;
} typing;

static bool typed(machine *m, const void *arg)
{
    typing *t = (typing *)arg;
    t->pos += machine_type_text(m, t->text + t->pos, t->len - t->pos);
    return t->pos == t->len && machine_typing_pending(m) == 0;
}

static bool on_screen(machine *m, const void *arg) { return machine_screen_contains(m, arg); }

static bool time_reached(machine *m, const void *arg)
{
    return machine_cycles(m) >= *(const uint64_t *)arg;
}

static bool tape_done(machine *m, const void *arg)
{
    (void)arg;
    machine_tape_status st;
    machine_get_tape_status(m, &st);
    return st.at_end;
}

static void print_status(machine *m)
{
    machine_status st;
    machine_tape_status ts;
    machine_get_status(m, &st);
    machine_get_tape_status(m, &ts);
    printf("RAM: %u KB\nBASIC ROM: %s\nmonitor ROM: %s\n", st.ram_kb, st.basic_rom, st.monitor_rom);
    printf("emulated time: %.3f s\n", (double)st.cycles / MACHINE_CLOCK_HZ);
    if (ts.in_path)
        printf("tape in: %s (%s), %zu of %zu bytes, %s\n", ts.in_path, ts.in_audio ? "audio" : "raw",
               ts.position, ts.length, ts.playing ? "playing" : "stopped");
    if (ts.out_path)
        printf("tape out: %s (%s), %llu bytes recorded\n", ts.out_path,
               ts.out_audio ? "audio" : "raw", (unsigned long long)ts.recorded_bytes);
}

static void describe(const headless_action *a, char *buf, size_t len)
{
    switch (a->kind) {
    case HEADLESS_TYPE: snprintf(buf, len, "--type \"%s\" (not all keys were read)", a->text); break;
    case HEADLESS_UNTIL: snprintf(buf, len, "--until \"%s\" (not on the screen)", a->text); break;
    case HEADLESS_TAPE_WAIT: snprintf(buf, len, "--tape-wait (the tape did not play to its end)"); break;
    case HEADLESS_WAIT: snprintf(buf, len, "--wait %g", a->seconds); break;
    }
}

int headless_run(machine *m, const headless_options *o)
{
    uint64_t limit = machine_cycles(m) + (uint64_t)(o->seconds * MACHINE_CLOCK_HZ);
    int status = 0;
    for (size_t i = 0; i < o->nactions && status == 0; i++) {
        const headless_action *a = &o->actions[i];
        run_result r = RUN_DONE;
        switch (a->kind) {
        case HEADLESS_TYPE: {
            char *text = malloc(strlen(a->text) + 1);
            if (!text) {
                fprintf(stderr, "superboard-emu: out of memory\n");
                return 1;
            }
            typing t = {text, headless_unescape(a->text, text), 0};
            r = run_until(m, limit, typed, &t);
            free(text);
            break;
        }
        case HEADLESS_UNTIL:
            r = run_until(m, limit, on_screen, a->text);
            break;
        case HEADLESS_WAIT: {
            uint64_t end = machine_cycles(m) + (uint64_t)(a->seconds * MACHINE_CLOCK_HZ);
            r = run_until(m, limit, time_reached, &end);
            if (r == RUN_OUT_OF_TIME)
                r = RUN_DONE;
            break;
        }
        case HEADLESS_TAPE_WAIT: {
            machine_tape_status ts;
            machine_get_tape_status(m, &ts);
            if (!ts.in_path) {
                fprintf(stderr, "superboard-emu: --tape-wait: no tape inserted (use --tape-in FILE)\n");
                status = 2;
                continue;
            }
            machine_tape_play(m);
            r = run_until(m, limit, tape_done, NULL);
            break;
        }
        }
        if (r == RUN_SIGNAL) {
            status = 128 + shutdown_requested();
        } else if (r == RUN_OUT_OF_TIME) {
            char what[200];
            describe(a, what, sizeof what);
            fprintf(stderr, "superboard-emu: %s: not met within %g emulated seconds\n", what,
                    o->seconds);
            status = HEADLESS_UNMET;
        }
    }
    if (o->nactions == 0) {
        run_result r = run_until(m, limit, time_reached, &limit);
        if (r == RUN_SIGNAL)
            status = 128 + shutdown_requested();
    }
    if (o->screen) {
        char text[MACHINE_SCREEN_TEXT_MAX];
        machine_render_screen(m, o->full, !o->ascii, text, sizeof text);
        fputs(text, stdout);
    }
    if (o->status)
        print_status(m);
    fflush(stdout);
    return status;
}
