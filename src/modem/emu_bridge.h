/* emu_bridge.h -- the emulated Superboard's serial port on telnet or on the live sound card.
 *
 * Purpose: `superboard-emu --telnet [HOST:]PORT` gives a telnet terminal on the emulated board
 * (the same bridge as kcs-modem's, telnet_server.h, over the machine's ACIA link), and
 * `superboard-emu --cassette-audio` puts the emulated cassette port on the sound card through
 * the same soft-modem code as kcs-modem (modem.h, audio_pa.h), so the emulator can talk to a
 * real board or to a kcs-modem over audio. `--telnet-console` answers the monitor's D/C/W/M
 * menu with C and keeps the ROM's LOAD and SAVE flags ($0203 bit 7, $0205) set, so BASIC reads
 * from and prints to the serial port: the board is driven from telnet with no typing on its
 * keyboard.
 *
 * Model: the machine's ACIA host side (machine_link_*) is wrapped as a byte_link. The machine
 * runs at real speed (pacer.h) in slices of 10 ms; between slices, the telnet server or the
 * modem link is serviced and the two links are bridged, never moving more than the receiving
 * side accepts, so the ACIA's baud rate paces a pasting client through TCP flow control.
 *
 * Functions:
 *   emu_bridge_options_init(&opts)   defaults: no bridge, 10 NULs after CR
 *   emu_bridge_option(&opts, argv_i, argv_next, err, errlen)
 *       recognises this module's command-line options; returns how many arguments it used
 *       (1 or 2), 0 for an option that is not ours, -1 with a message for a bad value
 *   emu_bridge_wanted(&opts)         true when a bridge was asked for
 *   emu_bridge_usage                 the options' help text
 *   emu_bridge_link(m)               the machine's ACIA host side as a byte_link
 *   emu_bridge_console_flags(m)      sets the LOAD and SAVE flags if the ROM has cleared them
 *   emu_bridge_run(m, &opts, seconds)  runs the machine at real speed with the bridge for
 *       `seconds` of wall time (<= 0: until SIGINT/SIGTERM); returns an exit status
 *   emu_bridge_headless(m, &ho, &opts, seconds_given)  the same inside a headless run
 *
 * Example (a headless front end):
 *     emu_bridge_options bo;
 *     emu_bridge_options_init(&bo);
 *     int used = emu_bridge_option(&bo, argv[i], argv[i + 1], err, sizeof err);
 *     ...
 *     if (emu_bridge_wanted(&bo)) status = emu_bridge_headless(m, &ho, &bo, seconds_given);
 */
#ifndef MODEM_EMU_BRIDGE_H
#define MODEM_EMU_BRIDGE_H

#include "byte_link.h"
#include "machine.h"

#include <stdbool.h>
#include <stddef.h>

typedef struct emu_bridge_options {
    bool telnet;
    char telnet_host[256];
    unsigned telnet_port;
    bool console;            /* --telnet-console */
    unsigned cr_nulls;       /* NULs after each CR typed through telnet (--cr-nulls, default 10:
                              * like the real board, the emulated ACIA drops bytes that BASIC
                              * is too busy to read) */
    bool cassette_audio;     /* --cassette-audio */
    const char *audio_device;/* --audio-device */
    const char *audio_name;  /* --audio-name (JACK client name) */
} emu_bridge_options;

extern const char emu_bridge_usage[];

void emu_bridge_options_init(emu_bridge_options *o);
int emu_bridge_option(emu_bridge_options *o, const char *opt, const char *arg, char *err,
                      size_t errlen);
bool emu_bridge_wanted(const emu_bridge_options *o);
byte_link emu_bridge_link(machine *m);
void emu_bridge_console_flags(machine *m);
int emu_bridge_run(machine *m, const emu_bridge_options *o, double seconds);
/* The headless front end with a bridge: the scripted actions first (as fast as possible,
 * within ho->seconds of emulated time), then emu_bridge_run for ho->seconds of wall time
 * (until interrupted when seconds_given is false), then the --screen / --status output. */
struct headless_options;
int emu_bridge_headless(machine *m, const struct headless_options *ho,
                        const emu_bridge_options *o, bool seconds_given);

#endif
