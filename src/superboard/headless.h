/*
 * headless.h - the scripting front end: runs a machine through a list of actions as fast as
 * the host allows, all timing in emulated cycles (the same result at any host speed).
 *
 * Actions, in order:
 *   type TEXT    queue TEXT (backslash escapes: \r \n \t \e \\ \xHH) and run until the
 *                program has read every key
 *   until TEXT   run until TEXT is on the screen (one row of the 32 x 32 video RAM)
 *   wait S       run S emulated seconds
 *   tape-wait    press play if the tape is not playing; run until it has played to its end
 * The whole run is bounded by `seconds` of emulated time; if a type, until or tape-wait is
 * not done by then, headless_run says which on stderr and returns HEADLESS_UNMET. A wait cut
 * short by the bound is not an error. SIGINT/SIGTERM end the run early (status 128+sig), the
 * machine still finishing its recording when freed.
 *
 * At the end: `screen` prints the visible window (or all 32 x 32 with `full`) as UTF-8, or
 * ASCII with `ascii`; `status` prints the ROMs, RAM and tapes.
 *
 * Functions: headless_unescape, headless_run.
 *
 * Example
 *   headless_action acts[] = {{HEADLESS_UNTIL, "D/C/W/M ?", 0}, {HEADLESS_TYPE, "C\\r\\r", 0}};
 *   headless_options o = {.seconds = 60, .screen = true, .actions = acts, .nactions = 2};
 *   int status = headless_run(m, &o);
 */
#ifndef SUPERBOARD_HEADLESS_H
#define SUPERBOARD_HEADLESS_H

#include <stdbool.h>
#include <stddef.h>

#include "machine.h"

#define HEADLESS_UNMET 3
#define HEADLESS_SLICE_CYCLES 9830u  /* 10 ms: how often the screen and the queue are checked */

typedef enum { HEADLESS_TYPE, HEADLESS_UNTIL, HEADLESS_WAIT, HEADLESS_TAPE_WAIT } headless_kind;

typedef struct headless_action {
    headless_kind kind;
    const char *text;      /* TYPE, UNTIL */
    double seconds;        /* WAIT */
} headless_action;

typedef struct headless_options {
    double seconds;        /* bound on the whole run, emulated */
    bool screen, full, ascii, status;
    const headless_action *actions;
    size_t nactions;
} headless_options;

/* Decodes the escapes of a --type argument into out (at most strlen(in) bytes). Returns the
 * decoded length. */
size_t headless_unescape(const char *in, char *out);

/* Returns the exit status: 0, HEADLESS_UNMET, 128+signal, or 2 for an action that cannot run
 * (tape-wait without a tape). */
int headless_run(machine *m, const headless_options *o);

#endif
