/* emu_bridge.h -- the emulated Superboard's serial port on telnet or on the live sound card.
 *
 * Purpose: `superboard-emu --telnet [HOST:]PORT` gives a telnet terminal on the emulated board
 * (the same bridge as kcs-modem's, telnet_server.h, over the machine's ACIA link), and
 * `superboard-emu --cassette-audio` puts the emulated cassette port on the sound card through
 * the same soft-modem code as kcs-modem (modem.h, audio_pa.h), so the emulator can talk to a
 * real board or to a kcs-modem over audio. `--telnet-console` (also spelled
 * `--cassette-console`: one option, for either link) answers the monitor's D/C/W/M menu with C
 * and keeps the ROM's LOAD and SAVE flags ($0203 bit 7, $0205) set, as POKE 515,128 and
 * POKE 517,128 would, so BASIC reads from and prints to the serial port: the board is driven
 * over telnet or over audio with no typing on its keyboard. Both front ends use it: headless
 * (emu_bridge_run, at real speed) and the ncurses terminal (which services the bridge between
 * its own paced slices and shows emu_bridge_describe on its status line).
 *
 * Model: the machine's ACIA host side (machine_link_*) is wrapped as a byte_link. An open
 * bridge is one of two peers for it, behind the same four calls:
 *   - telnet: a telnet_server on the ACIA link (its sockets polled by the front end's loop);
 *   - audio:  a live modem (PortAudio stream + engine thread); between slices the ACIA link
 *     and the modem's link are joined with byte_link_bridge, never moving more than the
 *     receiver accepts: bytes the board sends wait in the machine until the modem's tiny send
 *     queue takes them (at the audio's 300 baud), and decoded bytes wait in the modem's queue
 *     until the ACIA takes them (the machine feeds one only after the program has read the
 *     last), so nothing is dropped and the ACIA is never overrun.
 * The front end's loop is: emu_bridge_before_slice, machine_run (a paced slice), then
 * emu_bridge_poll (sleeps in poll() over the front end's own fds and the bridge's until the
 * next slice is due, serving the bridge as fds wake). The audio callback is untouched by all
 * this: it only moves samples through SPSC rings (audio_pa.h).
 *
 * Functions:
 *   emu_bridge_options_init(&opts)   defaults: no bridge, 10 NULs after CR
 *   emu_bridge_option(&opts, argv_i, argv_next, err, errlen)
 *       recognises this module's command-line options; returns how many arguments it used
 *       (1 or 2), 0 for an option that is not ours, -1 with a message for a bad value
 *   emu_bridge_options_check(&opts, err, errlen)  0, or -1 for a contradictory combination
 *   emu_bridge_wanted(&opts)         true when a bridge was asked for
 *   emu_bridge_usage                 the options' help text
 *   emu_bridge_link(m)               the machine's ACIA host side as a byte_link
 *   emu_bridge_console_flags(m)      sets the LOAD and SAVE flags if the ROM has cleared them
 *   emu_bridge_open(m, &opts, log, err, errlen)   the bridge (NULL with a message on error);
 *       log: connection events (NULL: silent, as under ncurses)
 *   emu_bridge_before_slice(b)       the console's work before each slice (NULL: nothing)
 *   emu_bridge_poll(b, fds, nfds, timeout_ms)  poll() over the caller's fds and the bridge's
 *       for at most timeout_ms (shortened to what the bridge needs), then serves the bridge;
 *       b may be NULL; returns poll()'s result, the caller's fds' revents filled in
 *   emu_bridge_describe(b, out, len) a few words for a status line ("telnet 127.0.0.1:15000
 *       listening", "audio on, underruns 0, overruns 0")
 *   emu_bridge_close(b)              closes it (NULL is fine); headless prints final counters
 *   emu_bridge_run(m, &opts, seconds)  runs the machine at real speed with the bridge for
 *       `seconds` of wall time (<= 0: until SIGINT/SIGTERM); returns an exit status
 *   emu_bridge_headless(m, &ho, &opts, seconds_given)  the same inside a headless run
 *
 * Example (a front end's loop):
 *     emu_bridge *b = emu_bridge_open(m, &opts, stderr, err, sizeof err);
 *     while (running) {
 *         emu_bridge_before_slice(b);
 *         machine_run(m, slice);
 *         struct pollfd key = {.fd = 0, .events = POLLIN};
 *         emu_bridge_poll(b, &key, 1, pacer_ms_until(&p, machine_cycles(m)));
 *     }
 *     emu_bridge_close(b);
 */
#ifndef MODEM_EMU_BRIDGE_H
#define MODEM_EMU_BRIDGE_H

#include "byte_link.h"
#include "machine.h"

#include <poll.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

typedef struct emu_bridge_options {
    bool telnet;
    char telnet_host[256];
    unsigned telnet_port;
    bool console;            /* --telnet-console / --cassette-console */
    unsigned cr_nulls;       /* NULs after each CR typed through telnet (--cr-nulls, default 10:
                              * like the real board, the emulated ACIA drops bytes that BASIC
                              * is too busy to read) */
    bool cassette_audio;     /* --cassette-audio */
    const char *audio_device;/* --audio-device */
    const char *audio_name;  /* --audio-name (JACK client name; default superboard-emu) */
    double audio_latency;    /* --latency: seconds queued for playback; 0: audio_pa's default */
} emu_bridge_options;

extern const char emu_bridge_usage[];

void emu_bridge_options_init(emu_bridge_options *o);
int emu_bridge_option(emu_bridge_options *o, const char *opt, const char *arg, char *err,
                      size_t errlen);
int emu_bridge_options_check(const emu_bridge_options *o, char *err, size_t errlen);
bool emu_bridge_wanted(const emu_bridge_options *o);
byte_link emu_bridge_link(machine *m);
void emu_bridge_console_flags(machine *m);

typedef struct emu_bridge emu_bridge;

emu_bridge *emu_bridge_open(machine *m, const emu_bridge_options *o, FILE *log, char *err,
                            size_t errlen);
void emu_bridge_before_slice(emu_bridge *b);
int emu_bridge_poll(emu_bridge *b, struct pollfd *fds, size_t nfds, int timeout_ms);
void emu_bridge_describe(const emu_bridge *b, char *out, size_t len);
void emu_bridge_close(emu_bridge *b);

int emu_bridge_run(machine *m, const emu_bridge_options *o, double seconds);
/* The headless front end with a bridge: the scripted actions first (as fast as possible,
 * within ho->seconds of emulated time), then emu_bridge_run for ho->seconds of wall time
 * (until interrupted when seconds_given is false), then the --screen / --status output. */
struct headless_options;
int emu_bridge_headless(machine *m, const struct headless_options *ho,
                        const emu_bridge_options *o, bool seconds_given);

#endif
