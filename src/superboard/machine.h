/*
 * machine.h - the Ohio Scientific Superboard II (Model 600): the API every front end uses.
 *
 * Purpose
 *   One `machine` is a whole board: NMOS 6502 at 0.98304 MHz, RAM, the BASIC and monitor
 *   ROMs, 1 KB video RAM, the polled keyboard, the 6850 ACIA and the cassette deck behind it.
 *   Front ends (headless.c, the ncurses terminal, the telnet bridge) drive it through these
 *   functions only; nothing but machine.c knows the memory map.
 *
 * Model
 *   - Memory map: RAM $0000.. (4, 8, 20, 32 or 40 KB), BASIC ROM $A000-$BFFF, video RAM
 *     $D000-$D3FF, keyboard $DF00, ACIA $F000 (control/status) / $F001 (data), monitor ROM
 *     $F800-$FFFF. Everything else is unmapped: reads give the open bus, writes vanish, so
 *     BASIC's memory sizing stops at the end of the RAM.
 *   - Time is counted in emulated CPU cycles only (MACHINE_CLOCK_HZ a second). machine_run
 *     runs as fast as the host allows; a front end that wants real speed paces the slices
 *     itself (pacer.h). Results never depend on host speed or on the slice sizes chosen.
 *   - Typing: host text is queued and turned into key presses on the matrix; each key is held
 *     until the program has scanned it, then released until the program has polled again,
 *     so typed text is never lost however slowly the program polls. SHIFT LOCK is down by
 *     default (BASIC needs upper case).
 *   - The ACIA's serial lines go to the cassette deck (a player for --tape-in and a recorder
 *     for --tape-out) and to a host byte link (the telnet bridge, the audio modem). Received
 *     bytes come from the tape while it plays, else from the link; sent bytes go to the
 *     recorder while it records and to the link while it is enabled.
 *   - Errors: functions that can fail return 0 / non-NULL on success and write a one-line
 *     message naming the file and the problem into `err` (size errlen) on failure.
 *
 * Functions
 *   machine_config_init, machine_new, machine_free, machine_reset, machine_run,
 *   machine_cycles, machine_type_text, machine_typing_pending, machine_set_shift_lock,
 *   machine_video_ram, machine_render_screen, machine_screen_contains, machine_tape_*,
 *   machine_link_*, machine_get_status, machine_save_state, machine_load_state, machine_cpu.
 *
 * Example
 *   machine_config cfg;
 *   machine_config_init(&cfg);
 *   cfg.ram_kb = 8;
 *   char err[256];
 *   machine *m = machine_new(&cfg, err, sizeof err);
 *   if (!m) { fprintf(stderr, "%s\n", err); return 1; }
 *   machine_run(m, MACHINE_CLOCK_HZ);                  // one emulated second
 *   machine_type_text(m, "C\r\r", 3);
 *   while (machine_typing_pending(m)) machine_run(m, 10000);
 *   char screen[4096];
 *   machine_render_screen(m, false, true, screen, sizeof screen);
 *   fputs(screen, stdout);
 *   machine_free(m);                                   // also finishes a recording
 */
#ifndef SUPERBOARD_MACHINE_H
#define SUPERBOARD_MACHINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cpu6502.h"

#define MACHINE_CLOCK_HZ 983040u   /* 3.93216 MHz crystal / 4 */
#define MACHINE_SCREEN_COLS 32
#define MACHINE_SCREEN_ROWS 32
/* The visible window of a real board on a TV: columns 5-28 of rows 2-27. */
#define MACHINE_WINDOW_COL0 5
#define MACHINE_WINDOW_COLS 24
#define MACHINE_WINDOW_ROW0 2
#define MACHINE_WINDOW_ROWS 26

typedef struct machine machine;

typedef struct machine_config {
    unsigned ram_kb;              /* 4, 8, 20, 32 or 40; default 8 */
    const char *basic_rom_path;   /* 8 KB image; NULL: from rom_dir, else built in */
    const char *monitor_rom_path; /* 2 KB image; NULL: from rom_dir, else built in */
    const char *rom_dir;          /* folder with the usual file names (see rom.h); may be NULL */
    const char *tape_in_path;     /* inserted in the player at start; may be NULL */
    const char *tape_out_path;    /* recorder armed at start; may be NULL */
} machine_config;

/* Defaults: 8 KB, built-in ROMs, no tapes. */
void machine_config_init(machine_config *cfg);

/* Builds and resets a board. NULL on error (message in err). */
machine *machine_new(const machine_config *cfg, char *err, size_t errlen);
/* Finishes the recording (audio trailer, file closed) and frees everything. */
void machine_free(machine *m);

/* The RESET key: the CPU restarts at the reset vector; RAM, video RAM and tapes are kept,
 * the keyboard queue is emptied, the ACIA is left as the program set it. */
void machine_reset(machine *m);

/* Runs whole instructions for at least `cycles` emulated cycles (or until the CPU jams).
 * Returns the cycles run (0 when jammed). Devices are brought up to date on return. */
uint64_t machine_run(machine *m, uint64_t cycles);
/* Emulated time since machine_new (kept across save/load state). */
uint64_t machine_cycles(const machine *m);

/* ---- Keyboard ---- */

/* Queues host text (ASCII / UTF-8; unknown characters are skipped). CR, LF or CR LF give one
 * RETURN; lower-case letters type as upper case while SHIFT LOCK is down; bytes 1-26 are
 * CTRL-A..CTRL-Z, ESC is ESC, DEL (127) and BS (8) are RUB OUT. Returns the bytes accepted
 * (all of them unless the queue, 64 KB, is full). */
size_t machine_type_text(machine *m, const char *text, size_t len);
/* Keys queued or being pressed: 0 once the program has seen every typed key. */
size_t machine_typing_pending(const machine *m);
void machine_clear_typing(machine *m);
void machine_set_shift_lock(machine *m, bool down);
bool machine_shift_lock(const machine *m);

/* ---- Screen ---- */

/* The 1 KB of video RAM, 32 rows of 32 character-generator codes (row-major). */
const uint8_t *machine_video_ram(const machine *m);
/* Renders the visible window (full=false: columns 5-28 of rows 2-27) or all 32 x 32 as
 * text, one row a line ending '\n', trailing spaces trimmed; utf8=true uses the Unicode
 * character of each glyph (charset.h), false the ASCII fallback. Returns the length
 * written (NUL-terminated, truncated to outlen-1); 4096 bytes hold any screen in ASCII,
 * 32*32*4+33 = 4129 in UTF-8 (MACHINE_SCREEN_TEXT_MAX). */
#define MACHINE_SCREEN_TEXT_MAX 4200
size_t machine_render_screen(const machine *m, bool full, bool utf8, char *out, size_t outlen);
/* True when `text` (ASCII) appears within one row of the full 32 x 32 screen. */
bool machine_screen_contains(const machine *m, const char *text);

/* ---- Cassette deck ---- */

/* Inserts a tape in the player (replacing any): an audio file (.wav .flac .aiff .aif .au
 * .ogg .caf, decoded with libkcs) or any other file as raw bytes. Stopped, at the start. */
int machine_tape_insert(machine *m, const char *path, char *err, size_t errlen);
void machine_tape_eject(machine *m);
void machine_tape_play(machine *m);
void machine_tape_stop(machine *m);
void machine_tape_rewind(machine *m);
/* Auto-play: the player starts by itself when the program polls the ACIA for input
 * (default on). */
void machine_tape_set_autoplay(machine *m, bool on);
/* Starts recording everything the ACIA sends to `path` (audio by extension as above,
 * else raw bytes), written as it goes; machine_tape_record_stop or machine_free finish it. */
int machine_tape_record(machine *m, const char *path, char *err, size_t errlen);
int machine_tape_record_stop(machine *m, char *err, size_t errlen);
/* Writes out what is buffered (call from a signal-triggered shutdown path before exit). */
void machine_tape_flush(machine *m);

typedef struct machine_tape_status {
    const char *in_path;     /* NULL: no tape in the player */
    bool in_audio;           /* decoded from audio (else raw bytes) */
    bool playing;
    bool at_end;             /* played to its end */
    size_t position;         /* bytes delivered to the ACIA line */
    size_t length;           /* bytes on the tape */
    double position_seconds; /* at 300 baud, 11 bits a byte */
    double length_seconds;
    const char *out_path;    /* NULL: not recording */
    bool out_audio;
    uint64_t recorded_bytes;
} machine_tape_status;
void machine_get_tape_status(const machine *m, machine_tape_status *st);

/* ---- ACIA host side: a full-duplex byte link with flow control (the shape of
 * src/modem/byte_link.h; wrap these in a byte_link_ops with ctx = the machine). ---- */

/* While enabled, bytes the program sends are kept (up to 64 KB; older ones dropped) for
 * machine_link_read, and bytes written are fed to the ACIA's receiver when no tape plays. */
void machine_link_enable(machine *m, bool on);
/* Bytes the program has sent since the last call (never blocks). */
size_t machine_link_read(machine *m, uint8_t *buf, size_t max);
/* How many bytes the receiver side accepts now (a small window: the line runs at 300 baud,
 * one byte every 11 bit times; callers hold the rest back). */
size_t machine_link_write_space(const machine *m);
size_t machine_link_write(machine *m, const uint8_t *buf, size_t n);

/* ---- Status ---- */

typedef struct machine_status {
    unsigned ram_kb;
    char basic_rom[96];      /* e.g. "genuine OSI BASIC 1.0 rev 3.2", "built-in", "file x.rom (unknown)" */
    char monitor_rom[96];    /* e.g. "genuine SYNMON (syn600)", "built-in" */
    bool shift_lock;
    uint64_t cycles;
    bool cpu_jammed;
} machine_status;
void machine_get_status(const machine *m, machine_status *st);

/* ---- Save / restore the whole machine (RAM, video, CPU, devices, tape positions) ---- */

int machine_save_state(machine *m, const char *path, char *err, size_t errlen);
/* The RAM size comes from the state file; its ROM images must be this machine's (checked by
 * SHA-1), else an error and the machine is unchanged. The tapes are this machine's: the
 * player's position and play state are restored onto the tape inserted here (if any); the
 * keyboard queue is emptied. */
int machine_load_state(machine *m, const char *path, char *err, size_t errlen);

/* ---- For the debugger only: the CPU (registers, breakpoints, peek). Do not remap it. ---- */
cpu6502 *machine_cpu(machine *m);

#endif
