/*
 * status_line.h - the one-line summary under the screen: ROMs, RAM, speed, serial link, tape,
 * SHIFT LOCK.
 *
 * Example (what it looks like)
 *   real 0.983 MHz | tape prog.wav 3/20s PLAY | not recording | SHIFT LOCK | 8K | ROMs built-in
 *   real 0.983 MHz | telnet 127.0.0.1:15000 listening | no tape | not recording | ...
 * The serial link's part (emu_bridge_describe's words) comes right after the speed, where a
 * narrow terminal still shows it; it is left out when the link text is empty.
 *
 * Functions: status_line_format (pure: the text from the machine's status and the speed).
 */
#ifndef TERMINAL_STATUS_LINE_H
#define TERMINAL_STATUS_LINE_H

#include <stdbool.h>
#include <stddef.h>

#include "machine.h"

void status_line_format(char *out, size_t len, const machine_status *st,
                        const machine_tape_status *tape, bool warp, double mhz,
                        const char *link);

#endif
