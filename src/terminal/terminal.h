/*
 * terminal.h - the interactive front end of superboard-emu: the board in an ncurses terminal.
 *
 * Purpose
 *   Shows the Superboard's screen (video RAM through the character generator table, in a
 *   border, centred, redrawn cell by cell as it changes), a status line, and turns the host
 *   keyboard into the board's keys (through the machine's typing queue, so a pasted program
 *   loses nothing). Function keys and CTRL-E chords drive the tape deck, warp, state files,
 *   a help overlay and a 6502 debugger. Runs the board at real speed (0.98304 MHz) or warp.
 *   With a serial bridge (emu_bridge.h: --telnet, --cassette-audio, --telnet-console) the
 *   board's ACIA is served between slices and the status line shows the link.
 *
 * Model
 *   One loop: read the keys that are waiting, run a slice of 1/60 emulated second when the
 *   pacer says it is due, redraw what changed, then sleep in poll() until the next slice
 *   is due or a key arrives (the bridge's sockets or modem wake it too, and it is served
 *   then: emu_bridge_poll). SIGINT/SIGTERM (shutdown.h) and quit leave the loop; the
 *   terminal is restored before returning, the caller frees the machine (which finishes a
 *   recording tape) and closes the bridge.
 *
 * Functions
 *   terminal_options_init  defaults (visible window, Unicode glyphs)
 *   terminal_run           runs until quit or a signal; returns an exit status (0 = quit)
 *
 * Example
 *   terminal_options to;
 *   terminal_options_init(&to);
 *   to.full = true;
 *   int status = terminal_run(m, &to);
 *   machine_free(m);
 */
#ifndef TERMINAL_TERMINAL_H
#define TERMINAL_TERMINAL_H

#include <stdbool.h>

#include "emu_bridge.h"
#include "machine.h"

typedef struct terminal_options {
    bool full;          /* show all 32 x 32 cells instead of columns 5-28 of rows 2-27 */
    bool ascii;         /* ASCII fallback glyphs instead of Unicode */
    emu_bridge *bridge; /* the serial port's bridge, opened by the caller; NULL: none */
} terminal_options;

void terminal_options_init(terminal_options *o);
int terminal_run(machine *m, const terminal_options *opts);

#endif
