/* libFuzzer target: any bytes as an audio file image (kcs_audio's memory reader, libsndfile's
 * parsers) and, independently, as raw samples pushed in chunks to the streaming decoder.
 * Build: cmake -DKCS_FUZZ=ON -DCMAKE_C_COMPILER=clang ...; run: ./fuzz_kcs_decoder -max_total_time=300 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "kcs.h"
#include "kcs_audio.h"

static void ignore(void *ctx, const kcs_byte_event *ev) { (void)ctx, (void)ev; }

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
    /* the same bytes as float samples, the first byte choosing rate, baud and chunking */
    if (size < 5)
        return 0;
    static const int rates[] = {8000, 11025, 22050, 44100, 48000, 96000};
    static const int bauds[] = {300, 600, 1200};
    kcs_decode_params dp = {rates[data[0] % 6], bauds[(data[0] / 6) % 3]};
    size_t chunk = 1 + data[1];
    size_t count = (size - 2) / sizeof(float);
    float *samples = malloc(count * sizeof *samples + 1);
    memcpy(samples, data + 2, count * sizeof *samples);
    kcs_decoder dec;
    kcs_decoder_init(&dec, &dp, ignore, NULL);
    for (size_t i = 0; i < count; i += chunk)
        kcs_decoder_push(&dec, samples + i, count - i < chunk ? count - i : chunk);
    free(samples);
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
