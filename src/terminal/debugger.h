/*
 * debugger.h - the 6502 debugger overlay of the terminal front end.
 *
 * Model
 *   While the overlay is open the board is stopped. It shows the registers, the
 *   disassembly around PC (breakpoints marked), a memory dump, the breakpoints and a
 *   command line in the manner of the classic 6502 monitor programs (numbers in hex):
 *     s [N]            step N instructions (RETURN on an empty line: one)
 *     g [ADDR]         go (close the overlay), from ADDR if given
 *     t ADDR           run to ADDR (a one-shot breakpoint), then stop here again
 *     b [ADDR]         toggle a breakpoint at ADDR; b alone clears them all
 *     m ADDR           memory dump from ADDR
 *     e ADDR BB ..     store bytes from ADDR (RAM and video RAM; ROM stays)
 *     r REG VAL        set A X Y S P or PC
 *     l FILE ADDR      load a file's bytes into memory from ADDR
 *     w FILE FROM TO   write memory FROM..TO (inclusive) to a file
 *     x                close the overlay (as g); ESC too
 *   A breakpoint stops the running board and opens the overlay.
 *
 * Functions
 *   debugger_init, debugger_command (run one command line), debugger_key (line editing),
 *   debugger_stopped (the board hit a breakpoint), debugger_draw.
 *
 * Example
 *   debugger d;
 *   debugger_init(&d);
 *   debugger_command(&d, m, "e 0300 A9 41 8D 00 D0 00");
 *   debugger_command(&d, m, "r pc 0300");
 *   debugger_command(&d, m, "s 2");             // A=$41 stored at $D000
 */
#ifndef TERMINAL_DEBUGGER_H
#define TERMINAL_DEBUGGER_H

#include <stdbool.h>
#include <stdint.h>

#include "machine.h"

#define DEBUGGER_MAX_BREAKPOINTS 16

typedef enum debugger_result { DEBUGGER_STAY, DEBUGGER_RESUME } debugger_result;

typedef struct debugger {
    uint16_t mem_addr;                   /* first byte of the memory dump */
    uint16_t bp[DEBUGGER_MAX_BREAKPOINTS];
    int nbp;
    int run_to;                          /* one-shot breakpoint address, -1: none */
    char msg[200];                       /* result of the last command */
    char line[128];                      /* the command being typed */
    int len;
} debugger;

void debugger_init(debugger *d);
debugger_result debugger_command(debugger *d, machine *m, const char *line);
/* One key on the command line; RETURN runs the command. */
debugger_result debugger_key(debugger *d, machine *m, int key);
/* The board stopped at a breakpoint: clears a reached one-shot breakpoint, says where. */
void debugger_stopped(debugger *d, machine *m);
void debugger_draw(const debugger *d, machine *m, int rows, int cols);

#endif
