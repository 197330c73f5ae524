/* audio_backend.h -- where the modem's samples come from and go to: a file or a sound card.
 *
 * Purpose: the modem logic (modem.h) is one piece of code whether it listens to a WAV file or
 * to a live full-duplex stream; only the backend differs.
 *
 * Model: mono float samples in [-1, 1] at `rate` frames per second, moved in both directions
 * without blocking. `read` returns the captured samples available now (0 when none yet);
 * `write_space` says how many samples may be queued for playback now (the backend keeps the
 * output queue at its target latency: writing more would only add delay); `write` queues up to
 * that many. `finished` is true once a finite input (a file) is exhausted. Counters report
 * overruns (captured samples dropped because nobody read them in time) and underruns
 * (playback ran dry and silence was played); they are never silent.
 *
 * Backends:
 *   audio_file_open  (audio_file.h) input and/or output WAV (any libsndfile format); time
 *                    advances one block per read, and output stays in step with input, exactly
 *                    as a duplex stream would.
 *   audio_pa_open    (audio_pa.h) one PortAudio full-duplex stream; its callback only moves
 *                    samples between lock-free rings.
 *
 * Example:
 *     audio_backend *a = audio_file_open(&cfg, err, sizeof err);
 *     float buf[512];
 *     size_t n = audio_read(a, buf, 512);        // captured samples
 *     audio_write(a, tone, audio_write_space(a)); // playback
 *     audio_close(a);
 */
#ifndef MODEM_AUDIO_BACKEND_H
#define MODEM_AUDIO_BACKEND_H

#include <stdbool.h>
#include <stddef.h>

typedef struct audio_stats {
    unsigned long overruns;       /* capture blocks (partly) lost */
    unsigned long underruns;      /* playback blocks (partly) filled with silence */
    unsigned long long frames_in; /* samples delivered by read */
    unsigned long long frames_out;/* samples accepted by write */
} audio_stats;

typedef struct audio_backend_ops {
    size_t (*read)(void *ctx, float *buf, size_t max);
    size_t (*write_space)(void *ctx);
    size_t (*write)(void *ctx, const float *buf, size_t n);
    bool (*finished)(void *ctx);
    audio_stats (*stats)(void *ctx);
    void (*close)(void *ctx);
} audio_backend_ops;

typedef struct audio_backend {
    const audio_backend_ops *ops;
    void *ctx;
    double rate; /* frames per second */
} audio_backend;

static inline size_t audio_read(audio_backend *a, float *buf, size_t max)
{
    return a->ops->read(a->ctx, buf, max);
}
static inline size_t audio_write_space(audio_backend *a) { return a->ops->write_space(a->ctx); }
static inline size_t audio_write(audio_backend *a, const float *buf, size_t n)
{
    return a->ops->write(a->ctx, buf, n);
}
static inline bool audio_finished(audio_backend *a) { return a->ops->finished(a->ctx); }
static inline audio_stats audio_get_stats(audio_backend *a) { return a->ops->stats(a->ctx); }
/* Frees the backend (and the struct itself). NULL is fine. */
static inline void audio_close(audio_backend *a)
{
    if (a)
        a->ops->close(a->ctx);
}

#endif
