/* modem.h -- the KCS soft-modem: bytes <-> audio in real time, as a byte link.
 *
 * Purpose: make a Superboard's cassette port (two audio cables to a sound card) look like a
 * serial line. Audio in is decoded by libkcs's streaming decoder; bytes to send are encoded
 * by libkcs's streaming encoder; when there is nothing to send the 2400 Hz carrier is played,
 * as the board expects between bytes.
 *
 * Model: the modem sits on an audio backend (audio_backend.h: a file or a live PortAudio
 * stream) and owns it. modem_pump() does one round of work: decode every captured sample
 * available, then top the playback queue up to the backend's target with encoded bytes or
 * carrier. A live modem runs modem_pump in its own engine thread (modem_start), every few
 * milliseconds; the audio callback itself only moves samples (see audio_pa.h).
 * Between the engine and its user are two SPSC rings: decoded bytes (with a wake-up fd, so an
 * event loop can sleep in poll()) and bytes to send. The send ring is tiny, so modem_link's
 * write_space is the flow control: bytes are taken no faster than the baud rate sends them.
 * Decoded bytes that nobody reads in time are counted as dropped, never silently lost.
 *
 * Functions:
 *   modem_open(&cfg, audio, err, errlen)  a modem on `audio` (owned from then on, even on error)
 *   modem_pump(m)                         one round of work (file backends: call until finished)
 *   modem_start(m) / modem_stop(m)        the engine thread for live backends
 *   modem_link(m)                         the byte link (one user thread)
 *   modem_get_stats(m)                    counters, safe from any thread
 *   modem_close(m)                        stops the thread, closes the backend
 *
 * Example:
 *     audio_backend *a = audio_pa_open(&pa_cfg, err, sizeof err);
 *     modem *m = modem_open(&(modem_config){.baud = 300}, a, err, sizeof err);
 *     modem_start(m);
 *     byte_link link = modem_link(m);      // hand it to a telnet_server
 *     ...
 *     modem_close(m);
 */
#ifndef MODEM_MODEM_H
#define MODEM_MODEM_H

#include "audio_backend.h"
#include "byte_link.h"

#include <stdbool.h>

typedef struct modem_config {
    unsigned baud;       /* 0: 300 */
    double period;       /* engine thread period in seconds; 0: 0.01 */
    size_t rx_queue;     /* decoded bytes held for the reader; 0: 4096 */
    double lead_in;      /* seconds of carrier played before the first byte; 0: 0.5 */
} modem_config;

typedef struct modem_stats {
    audio_stats audio;
    unsigned long long bytes_in;  /* decoded from audio */
    unsigned long long bytes_out; /* encoded to audio */
    unsigned long long rx_dropped;/* decoded but not read in time */
    unsigned long long framing_errors;
    bool audio_running;           /* the backend still runs (a live stream has not stopped) */
} modem_stats;

typedef struct modem modem;

modem *modem_open(const modem_config *cfg, audio_backend *audio, char *err, size_t errlen);
void modem_pump(modem *m);
int modem_start(modem *m);
void modem_stop(modem *m);
byte_link modem_link(modem *m);
modem_stats modem_get_stats(modem *m);
void modem_close(modem *m);

#endif
