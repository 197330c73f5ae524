/* libFuzzer target: any bytes as an audio file image (kcs_audio's memory reader, libsndfile's
 * parsers) and, independently, as raw samples pushed in chunks to the streaming decoder.
 * Build: cmake -DKCS_FUZZ=ON -DCMAKE_C_COMPILER=clang ...; run: ./fuzz_kcs_decoder -max_total_time=300 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "kcs.h"
#include "kcs_audio.h"

static void ignore(void *ctx, const kcs_byte_event *ev) { (void)ctx, (void)ev; }

/* The good bytes a decoder gave: where each began, the byte, whether the fast path read it. */
#define MAX_EVENTS 4096
typedef struct {
    uint64_t start[MAX_EVENTS];
    uint8_t byte[MAX_EVENTS], fast[MAX_EVENTS];
    size_t n;
} events;

static void keep(void *ctx, const kcs_byte_event *ev)
{
    events *e = ctx;
    if (!ev->framing_error && e->n < MAX_EVENTS) {
        e->start[e->n] = ev->start_sample;
        e->byte[e->n] = ev->byte;
        e->fast[e->n++] = (uint8_t)ev->fast;
    }
}

/* The samples through a decoder with the fast path on or off, in chunks. */
static void decode_f(const kcs_decode_params *dp, const float *x, size_t n, size_t chunk, int fast, events *e)
{
    kcs_decoder *dec = malloc(sizeof *dec);
    e->n = 0;
    kcs_decoder_init(dec, dp, keep, e);
    kcs_decoder_set_fast_path(dec, fast);
    for (size_t i = 0; i < n; i += chunk)
        kcs_decoder_push(dec, x + i, n - i < chunk ? n - i : chunk);
    free(dec);
}

/* Every byte the fast path read is one the full decoder reads, where it reads it (give or take
 * a quarter of a cell: the full decoder places a byte it found by searching to an eighth of a
 * cell, the fast path to a fraction of a sample). (Not every byte: after a hand-back the full
 * decoder's state, its tracked speed and filters, is not quite what it would have been, and in
 * audio that is mostly garbage what it makes of the garbage may differ.) */
static int fast_bytes_confirmed(const events *fast, const events *full, int rate, int baud)
{
    uint64_t slack = (uint64_t)(rate / baud / 4);
    size_t k = 0;
    for (size_t i = 0; i < fast->n; i++) {
        if (!fast->fast[i])
            continue;
        while (k < full->n && full->start[k] + slack < fast->start[i])
            k++;
        if (k == full->n || full->start[k] > fast->start[i] + slack || full->byte[k] != fast->byte[i])
            return 0;
    }
    return 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char err[256];
    kcs_audio_in *in = kcs_audio_open_memory(data, size, "fuzz", -1, err, sizeof err);
    if (in) {
        kcs_decode_params dp = {kcs_audio_rate(in), 300};
        kcs_decoder dec;
        if (kcs_decoder_init(&dec, &dp, ignore, NULL) == 0) {
            /* first the way the tools read (integers for 8/16-bit PCM), then floats */
            size_t n, total = 0;
            while (total < 1 << 19 && (n = kcs_audio_push(in, &dec)) > 0)
                total += n;
            float buf[1024];
            while ((n = kcs_audio_read(in, buf, 1024)) > 0 && total < 1 << 20) {
                kcs_decoder_push(&dec, buf, n);
                total += n;
            }
        }
        kcs_audio_close(in);
    }
    /* the same bytes as float samples, the first byte choosing rate, baud and chunking, with
     * the fast path on and off */
    if (size < 5)
        return 0;
    static const int rates[] = {8000, 32000, 22050, 44100, 48000, 96000};
    static const int bauds[] = {300, 600, 1200};
    kcs_decode_params dp = {rates[data[0] % 6], bauds[(data[0] / 6) % 3]};
    size_t chunk = 1 + data[1];
    size_t count = (size - 2) / sizeof(float);
    float *samples = malloc(count * sizeof *samples + 1);
    memcpy(samples, data + 2, count * sizeof *samples);
    static events fast, full;
    decode_f(&dp, samples, count, chunk, 1, &fast);
    decode_f(&dp, samples, count, chunk, 0, &full);
    if (!fast_bytes_confirmed(&fast, &full, dp.rate, dp.baud))
        abort();
    free(samples);
    kcs_decoder dec;
    /* and as 16-bit samples */
    size_t count16 = (size - 2) / sizeof(int16_t);
    int16_t *s16 = malloc(count16 * sizeof *s16 + 1);
    memcpy(s16, data + 2, count16 * sizeof *s16);
    kcs_decoder_init(&dec, &dp, ignore, NULL);
    for (size_t i = 0; i < count16; i += chunk)
        kcs_decoder_push_s16(&dec, s16 + i, count16 - i < chunk ? count16 - i : chunk);
    free(s16);
    return 0;
}
