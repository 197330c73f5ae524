/* audio_file.h -- the file audio backend (see audio_backend.h): WAV in, WAV out, no sound card.
 *
 * Purpose: run the exact modem code on recordings, deterministically and as fast as the CPU
 * allows: decode a tape recording through the live modem path, or capture what the modem
 * would have played.
 *
 * Model: the input file (optional; first channel of a multi-channel file) is read `block`
 * frames per audio_read, and the read after a block returns 0 ("nothing captured yet"), so a
 * reader that drains what is available, as modem_pump does, advances one block per round;
 * after the file's end, reads return nothing and the backend is finished.
 * Without an input file, reads return silence for `seconds`. Output (optional) is written as a
 * mono file whose format follows its extension (.wav, .flac, .aiff ...); write_space keeps it
 * `latency` frames ahead of the input, like the output queue of a duplex stream.
 *
 * Example:
 *     audio_file_config c = {.input = "tape.wav", .output = "reply.wav", .rate = 48000};
 *     audio_backend *a = audio_file_open(&c, err, sizeof err);
 */
#ifndef MODEM_AUDIO_FILE_H
#define MODEM_AUDIO_FILE_H

#include "audio_backend.h"

typedef struct audio_file_config {
    const char *input;  /* NULL: silence */
    const char *output; /* NULL: playback is discarded */
    double rate;        /* used without an input file (the input's own rate wins); 0: 48000 */
    double seconds;     /* length of the silence without an input file */
    size_t block;       /* frames per read; 0: 512 */
    size_t latency;     /* frames the output may run ahead of the input; 0: rate / 4 */
} audio_file_config;

audio_backend *audio_file_open(const audio_file_config *cfg, char *err, size_t errlen);

#endif
