/* audio_pa.h -- the live audio backend (see audio_backend.h): one PortAudio full-duplex stream.
 *
 * Purpose: put the modem on a real sound card (or a JACK graph) with a callback that is safe
 * for real time.
 *
 * Model: one duplex stream, mono in and mono out, sharing one clock. The callback never
 * allocates, locks, or makes a system call: it copies captured samples into one SPSC ring
 * (spsc_ring.h) and playback samples out of another, counting overruns (capture ring full)
 * and underruns (playback ring short: silence is played) in atomics. Everything else -- the
 * decoder, the encoder, the carrier -- runs in the caller's thread through audio_read /
 * audio_write. write_space keeps about `latency` seconds queued for playback: generous, since
 * 300 baud needs no low latency and a modem must never underrun.
 *
 * Functions:
 *   audio_pa_list_devices(out, err, errlen)    prints "index: name (in N, out M, rate R) [api]"
 *   audio_pa_open(&cfg, err, errlen)           opens and starts the stream
 * Device choice: NULL = the default input device if it also has an output, else the first
 * device that has both; a number = that index; otherwise the first device whose name contains
 * the text (case-insensitive). With JACK, `client_name` names our JACK client.
 *
 * Example:
 *     audio_pa_config c = {.device = "system", .client_name = "kcs-modem"};
 *     audio_backend *a = audio_pa_open(&c, err, sizeof err);
 */
#ifndef MODEM_AUDIO_PA_H
#define MODEM_AUDIO_PA_H

#include "audio_backend.h"

#include <stdio.h>

typedef struct audio_pa_config {
    const char *device;      /* NULL, an index or part of a name */
    const char *client_name; /* JACK client name; NULL: PortAudio's default */
    double rate;             /* 0: the device's default rate */
    double latency;          /* seconds queued for playback; 0: 0.25 */
} audio_pa_config;

int audio_pa_list_devices(FILE *out, char *err, size_t errlen);
audio_backend *audio_pa_open(const audio_pa_config *cfg, char *err, size_t errlen);

#endif
