/* Unit tests of libkcs: round trips at every rate and baud, chunking independence, bytes with
 * gaps between them, the fast path against the full decoder, text mode, silence/DC/carrier giving nothing (nor silence after an abrupt
 * end), framing errors reported with their time. */
#include "kcs.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int failures;
#define CHECK(cond, ...) do { if (!(cond)) { failures++; printf("FAIL %s:%d: ", __FILE__, __LINE__); printf(__VA_ARGS__); printf("\n"); } } while (0)

typedef struct { uint8_t bytes[8192]; uint64_t starts[8192]; size_t n; size_t errors; double first_error; } collected;

static void collect(void *ctx, const kcs_byte_event *ev)
{
    collected *c = ctx;
    if (ev->framing_error) {
        if (!c->errors++)
            c->first_error = ev->time;
    } else if (c->n < sizeof c->bytes) {
        c->starts[c->n] = ev->start_sample;
        c->bytes[c->n++] = ev->byte;
    }
}

/* Encodes data with leader and trailer into a malloc'd buffer. */
static float *encode(const kcs_encode_params *ep, const uint8_t *data, size_t n, double leader, size_t *count)
{
    kcs_encoder e;
    kcs_encoder_init(&e, ep);
    size_t lead = kcs_encoder_seconds(&e, leader), cap = 2 * lead + (n + 1) * KCS_MAX_BYTE_SAMPLES;
    float *buf = malloc(cap * sizeof *buf);
    size_t k = 0;
    kcs_encoder_carrier(&e, buf, lead);
    k += lead;
    for (size_t i = 0; i < n; i++)
        k += kcs_encoder_byte(&e, data[i], buf + k);
    kcs_encoder_carrier(&e, buf + k, lead);
    *count = k + lead;
    return buf;
}

static void decode(int rate, int baud, const float *x, size_t n, size_t chunk, collected *out)
{
    kcs_decode_params dp = {rate, baud};
    kcs_decoder d;
    memset(out, 0, sizeof *out);
    CHECK(kcs_decoder_init(&d, &dp, collect, out) == 0, "decoder init");
    for (size_t i = 0; i < n; i += chunk)
        kcs_decoder_push(&d, x + i, n - i < chunk ? n - i : chunk);
}

/* Decodes n samples in chunks into *c; whether exactly `data` came out, without framing
 * errors. */
static int decodes_to(int rate, int baud, const float *x, size_t n, size_t chunk, const uint8_t *data, size_t len,
                      collected *c)
{
    decode(rate, baud, x, n, chunk, c);
    return c->n == len && memcmp(c->bytes, data, len) == 0 && c->errors == 0;
}

static void test_round_trips(void)
{
    static const int rates[] = {8000, 9600, 11025, 22050, 44100, 48000, 96000, 192000};
    static const int bauds[] = {300, 600, 1200};
    uint8_t data[200];
    for (size_t i = 0; i < sizeof data; i++)
        data[i] = (uint8_t)(i * 37 + 11);
    for (size_t r = 0; r < sizeof rates / sizeof rates[0]; r++)
        for (size_t b = 0; b < 3; b++)
            for (int stop = 1; stop <= 2; stop++)
                for (int wave = 0; wave < 2; wave++) {
                    kcs_encode_params ep;
                    kcs_encode_params_default(&ep);
                    ep.rate = rates[r], ep.baud = bauds[b], ep.stop_bits = stop, ep.wave = wave;
                    size_t n;
                    float *x = encode(&ep, data, sizeof data, 0.5, &n);
                    collected c;
                    CHECK(decodes_to(ep.rate, ep.baud, x, n, 4096, data, sizeof data, &c),
                          "round trip rate %d baud %d stop %d wave %d: %zu bytes, %zu errors", ep.rate, ep.baud,
                          stop, wave, c.n, c.errors);
                    free(x);
                }
}

static void test_chunking(void)
{
    kcs_encode_params ep;
    kcs_encode_params_default(&ep);
    uint8_t data[64];
    for (size_t i = 0; i < sizeof data; i++)
        data[i] = (uint8_t)(255 - i * 3);
    size_t n;
    float *x = encode(&ep, data, sizeof data, 0.3, &n);
    collected whole, part;
    decode(ep.rate, ep.baud, x, n, n, &whole);
    static const size_t chunks[] = {1, 7, 147, 1000, 4099};
    for (size_t i = 0; i < sizeof chunks / sizeof chunks[0]; i++) {
        decode(ep.rate, ep.baud, x, n, chunks[i], &part);
        CHECK(part.n == whole.n && memcmp(part.bytes, whole.bytes, whole.n) == 0, "chunk size %zu changes the result", chunks[i]);
    }
    CHECK(whole.n == sizeof data && memcmp(whole.bytes, data, sizeof data) == 0, "whole-buffer decode");
    free(x);
}

/* Heavy noise makes every part of the decoder work (glitches, the tone energies, framing
 * errors, the flywheel): the result must still not depend on the chunking, and 16-bit
 * samples pushed as such must give what the same samples give as floats. */
static uint64_t next_random(uint64_t *r)
{
    *r = *r * 6364136223846793005ull + 1442695040888963407ull;
    return *r >> 11;
}

/* Bytes with gaps of carrier between them, as a machine writes them when it types or a program
 * prints by fits: none, part of a cell, a few cells, many cells, at random. Every byte, and no
 * framing error, clean and at 10 dB SNR: the grid of back-to-back bytes must not pull a byte
 * that follows a gap off where it lies. */
static void test_gaps(void)
{
    static const int bauds[] = {300, 600, 1200};
    for (size_t b = 0; b < sizeof bauds / sizeof bauds[0]; b++)
        for (int noisy = 0; noisy <= 1; noisy++) {
            kcs_encode_params ep;
            kcs_encode_params_default(&ep);
            ep.baud = bauds[b];
            kcs_encoder e;
            kcs_encoder_init(&e, &ep);
            enum { BYTES = 400 };
            uint8_t data[BYTES];
            double cell = (double)ep.rate / ep.baud;
            size_t lead = kcs_encoder_seconds(&e, 0.5), cap = 2 * lead + BYTES * (KCS_MAX_BYTE_SAMPLES + 41 * (size_t)cell);
            float *x = malloc(cap * sizeof *x);
            uint64_t r = 0x2545F4914F6CDD1Dull + (uint64_t)b;
            size_t n = lead;
            kcs_encoder_carrier(&e, x, lead);
            for (size_t i = 0; i < BYTES; i++) {
                data[i] = (uint8_t)(next_random(&r) >> 20);
                n += kcs_encoder_byte(&e, data[i], x + n);
                double kind = (double)(next_random(&r) % 4), cells = (double)(next_random(&r) % 1000) / 1000;
                size_t gap = (size_t)(kind == 0 ? 0 : kind == 1 ? cells * cell : kind == 2 ? 3 * cells * cell : 40 * cells * cell);
                kcs_encoder_carrier(&e, x + n, gap);
                n += gap;
            }
            kcs_encoder_carrier(&e, x + n, lead);
            n += lead;
            for (size_t i = 0; noisy && i < n; i++) {  /* white noise at about 10 dB SNR */
                double noise = 0;
                for (int k = 0; k < 4; k++)
                    noise += (double)next_random(&r) / 9007199254740992.0 - 0.5;
                x[i] = (float)(0.5 * x[i] + 0.19 * noise);
            }
            collected c;
            CHECK(decodes_to(ep.rate, ep.baud, x, n, 4096, data, BYTES, &c),
                  "gaps between bytes, %d baud%s: %zu bytes of %d, %zu framing errors", ep.baud,
                  noisy ? ", 10 dB SNR" : "", c.n, BYTES, c.errors);
            free(x);
        }
}

static void test_chunking_noisy(void)
{
    kcs_encode_params ep;
    kcs_encode_params_default(&ep);
    uint8_t data[300];
    uint64_t r = 0x9E3779B97F4A7C15ull;
    for (size_t i = 0; i < sizeof data; i++)
        data[i] = (uint8_t)(next_random(&r) >> 45);
    size_t n;
    float *x = encode(&ep, data, sizeof data, 0.5, &n);
    int16_t *q = malloc(n * sizeof *q);
    for (size_t i = 0; i < n; i++) {        /* noise at about -4 dB SNR, then 16 bits */
        double noise = 0;
        for (int k = 0; k < 4; k++)
            noise += (double)next_random(&r) / 9007199254740992.0 - 0.5;
        double v = 0.3 * x[i] + 0.6 * noise;
        q[i] = (int16_t)lrint(fmax(-32768, fmin(32767, v * 32768)));
        x[i] = (float)q[i] / 32768.0f;
    }
    collected whole, part;
    decode(ep.rate, ep.baud, x, n, n, &whole);
    CHECK(whole.n > 100 && whole.errors > 0, "noisy decode: %zu bytes, %zu framing errors", whole.n, whole.errors);
    static const size_t chunks[] = {1, 7, 147, 1000, 4099};
    for (size_t i = 0; i < sizeof chunks / sizeof chunks[0]; i++) {
        decode(ep.rate, ep.baud, x, n, chunks[i], &part);
        CHECK(part.n == whole.n && memcmp(part.bytes, whole.bytes, whole.n) == 0 && part.errors == whole.errors &&
                  part.first_error == whole.first_error,
              "noisy audio: chunk size %zu changes the result", chunks[i]);
        kcs_decode_params dp = {ep.rate, ep.baud};
        kcs_decoder d;
        memset(&part, 0, sizeof part);
        kcs_decoder_init(&d, &dp, collect, &part);
        for (size_t k = 0; k < n; k += chunks[i])
            kcs_decoder_push_s16(&d, q + k, n - k < chunks[i] ? n - k : chunks[i]);
        CHECK(part.n == whole.n && memcmp(part.bytes, whole.bytes, whole.n) == 0 && part.errors == whole.errors &&
                  part.first_error == whole.first_error,
              "noisy audio: 16-bit samples in chunks of %zu differ from floats", chunks[i]);
    }
    free(q);
    free(x);
}

/* The fast path (kcs_clean.h) must give what the full decoder gives, whatever the audio and
 * however it is pushed: on clean audio it reads nearly every byte; where the audio is damaged
 * here and there (clicks, a dropout, a burst of noise, a stretch of hiss, a pause) it hands
 * the audio back to the full decoder and takes over again, and the bytes, their times, the
 * errors and the statistics are still the full decoder's. */
typedef struct { collected c; kcs_stats st; } decoded;

static void decode_with(const kcs_decode_params *dp, const float *x, const int16_t *q, size_t n, size_t chunk, int fast,
                        decoded *out)
{
    kcs_decoder *d = malloc(sizeof *d);
    memset(&out->c, 0, sizeof out->c);
    kcs_decoder_init(d, dp, collect, &out->c);
    kcs_decoder_set_fast_path(d, fast);
    for (size_t i = 0; i < n; i += chunk) {
        size_t k = n - i < chunk ? n - i : chunk;
        if (q)
            kcs_decoder_push_s16(d, q + i, k);
        else
            kcs_decoder_push(d, x + i, k);
    }
    out->st = kcs_decoder_stats(d);
    free(d);
}

static void test_fast_path(void)
{
    kcs_encode_params ep;
    kcs_encode_params_default(&ep);
    enum { BYTES = 600 };
    uint8_t data[BYTES];
    uint64_t r = 0xD1B54A32D192ED03ull;
    for (size_t i = 0; i < BYTES; i++)
        data[i] = (uint8_t)(next_random(&r) >> 40);
    /* clean; damaged; damaged after a leader that ends part way through a cycle (so that the
     * first start bit begins off a zero crossing: the reader gives up there, and the full
     * decoder must still read the first byte) */
    for (int variant = 0; variant < 3; variant++) {
        int damaged = variant > 0;
        double leader = variant == 2 ? 0.5 + 0.37 / ep.baud : 0.5;
        size_t n;
        float *x = encode(&ep, data, BYTES, leader, &n);
        double byte_len = 11.0 * ep.rate / ep.baud, at = leader * ep.rate;
        for (size_t i = 0; damaged && i < n; i++) {
            double k = (i - at) / byte_len;     /* bytes since the first */
            if (k > 100 && k < 130)             /* hiss, about 25 dB SNR */
                x[i] += (float)(0.03 * ((double)next_random(&r) / 4503599627370496.0 - 1));
            if (k > 200.3 && k < 200.32)        /* a dropout */
                x[i] = 0;
            if ((k > 300.45 && k < 300.46) || (k > 330.7 && k < 330.71))    /* clicks */
                x[i] = 0.95f;
            if (k > 400 && k < 402)             /* a burst of noise at 0 dB */
                x[i] += (float)(0.5 * ((double)next_random(&r) / 4503599627370496.0 - 1));
        }
        int16_t *q = malloc(n * sizeof *q);
        for (size_t i = 0; i < n; i++) {
            q[i] = (int16_t)lrint(fmax(-32768, fmin(32767, x[i] * 32768.0)));
            x[i] = q[i] / 32768.0f;
        }
        kcs_decode_params dp = {ep.rate, ep.baud};
        decoded full, fast;
        decode_with(&dp, x, NULL, n, 4096, 0, &full);
        CHECK(full.st.clean_bytes == 0, "the fast path ran while off");
        CHECK(full.c.n > 0 && full.c.bytes[0] == data[0] && full.c.starts[0] > (uint64_t)(at - 2 * byte_len),
              "the first byte after the leader");
        if (!damaged) {
            CHECK(full.c.n == BYTES && memcmp(full.c.bytes, data, BYTES) == 0, "clean audio, full decoder");
            /* the level is the recording's: a sine of peak 0.7 is -3.1 dBFS */
            CHECK(fabs(full.st.level_dbfs - 20 * log10(ep.volume)) < 0.3, "level %.2f dBFS, the audio's is %.2f",
                  full.st.level_dbfs, 20 * log10(ep.volume));
        }
        static const size_t chunks[] = {1, 333, 4096, 1 << 30};
        for (size_t ci = 0; ci < sizeof chunks / sizeof chunks[0]; ci++)
            for (int s16 = 0; s16 <= 1; s16++) {
                decode_with(&dp, x, s16 ? q : NULL, n, chunks[ci], 1, &fast);
                const char *what = variant == 2 ? "damaged audio, odd leader" : damaged ? "damaged audio" : "clean audio";
                CHECK(fast.c.n == full.c.n && memcmp(fast.c.bytes, full.c.bytes, full.c.n) == 0 &&
                          fast.c.errors == full.c.errors,
                      "%s, chunks of %zu%s: the fast path gives %zu bytes and %zu errors, the full decoder %zu and %zu",
                      what, chunks[ci], s16 ? ", 16-bit" : "", fast.c.n, fast.c.errors, full.c.n, full.c.errors);
                for (size_t i = 0; i < fast.c.n && i < full.c.n; i++)
                    if (llabs((long long)fast.c.starts[i] - (long long)full.c.starts[i]) > 4) {
                        CHECK(0, "%s: byte %zu starts at sample %llu on the fast path, %llu in the full decoder", what,
                              i, (unsigned long long)fast.c.starts[i], (unsigned long long)full.c.starts[i]);
                        break;
                    }
                CHECK(fabs(fast.st.level_dbfs - full.st.level_dbfs) < 0.3 &&
                          fabs(fast.st.measured_baud - full.st.measured_baud) < 0.3,
                      "%s: level %.2f / %.2f dBFS, speed %.2f / %.2f baud (fast path / full decoder)", what,
                      fast.st.level_dbfs, full.st.level_dbfs, fast.st.measured_baud, full.st.measured_baud);
                if (!damaged)
                    CHECK(fast.st.clean_bytes > BYTES * 95 / 100 && fast.st.clean_handbacks == 0,
                          "clean audio: %llu bytes on the fast path, %llu hand-backs",
                          (unsigned long long)fast.st.clean_bytes, (unsigned long long)fast.st.clean_handbacks);
                else
                    CHECK(fast.st.clean_bytes > BYTES / 2 && fast.st.clean_handbacks >= 3,
                          "damaged audio: %llu bytes on the fast path, %llu hand-backs",
                          (unsigned long long)fast.st.clean_bytes, (unsigned long long)fast.st.clean_handbacks);
            }
        free(q);
        free(x);
    }
}

static void test_nothing_from_no_signal(void)
{
    enum { N = 44100 * 3 };
    static float x[N];
    collected c;
    decode(44100, 300, x, N, 1024, &c);                    /* silence */
    CHECK(c.n == 0 && c.errors == 0, "silence gave %zu bytes", c.n);
    for (size_t i = 0; i < N; i++)
        x[i] = 0.8f;
    decode(44100, 300, x, N, 1024, &c);                    /* DC */
    CHECK(c.n == 0 && c.errors == 0, "DC gave %zu bytes", c.n);
    kcs_encode_params ep;
    kcs_encode_params_default(&ep);
    kcs_encoder e;
    kcs_encoder_init(&e, &ep);
    kcs_encoder_carrier(&e, x, N);
    decode(44100, 300, x, N, 1024, &c);                    /* bare carrier */
    CHECK(c.n == 0 && c.errors == 0, "carrier gave %zu bytes", c.n);
}

/* Bytes follow one another without a gap at every rate and baud, also where a bit cell is not
 * a whole number of samples: 100 bytes take 100 x 11 cells (rounded up to a sample). */
static void test_back_to_back(void)
{
    static const int rates[] = {8000, 11025, 22050, 44100, 48000};
    static const int bauds[] = {300, 600, 1200};
    static float buf[KCS_MAX_BYTE_SAMPLES];
    for (size_t r = 0; r < sizeof rates / sizeof rates[0]; r++)
        for (size_t b = 0; b < sizeof bauds / sizeof bauds[0]; b++) {
            kcs_encode_params ep;
            kcs_encode_params_default(&ep);
            ep.rate = rates[r];
            ep.baud = bauds[b];
            kcs_encoder e;
            kcs_encoder_init(&e, &ep);
            size_t total = 0;
            for (int i = 0; i < 100; i++)
                total += kcs_encoder_byte(&e, (uint8_t)(i * 7), buf);
            size_t want = (size_t)ceil(100.0 * 11 * rates[r] / bauds[b] - 1e-6);
            CHECK(total == want, "%d Hz, %d baud: 100 bytes took %zu samples, back to back %zu", rates[r],
                  bauds[b], total, want);
        }
}

/* A recording that stops right after its last byte (no trailer, then digital silence, as when
 * the tape is stopped): every byte, and no framing error made of the silence. */
static void test_abrupt_end(void)
{
    kcs_encode_params ep;
    kcs_encode_params_default(&ep);
    kcs_encoder e;
    kcs_encoder_init(&e, &ep);
    const uint8_t data[] = "STOPPED";
    size_t lead = kcs_encoder_seconds(&e, 1.0), n = lead;
    float *x = calloc(lead + sizeof data * KCS_MAX_BYTE_SAMPLES + 44100, sizeof *x);
    kcs_encoder_carrier(&e, x, lead);
    for (size_t i = 0; i < sizeof data; i++)
        n += kcs_encoder_byte(&e, data[i], x + n);
    collected c;
    CHECK(decodes_to(44100, 300, x, n + 44100, 1000, data, sizeof data, &c),
          "abrupt end: %zu bytes, %zu framing errors", c.n, c.errors);
    free(x);
}

/* Blank tape after the recording: seconds of hiss (white noise 20 dB below the signal), which
 * the level-following trigger turns into sign changes, give no bytes and no errors. */
static void test_hiss_after(void)
{
    kcs_encode_params ep;
    kcs_encode_params_default(&ep);
    const uint8_t data[] = "10 PRINT\r";
    size_t n, tail = 5 * 44100;
    float *x = encode(&ep, data, sizeof data, 1.0, &n);
    x = realloc(x, (n + tail) * sizeof *x);
    uint32_t seed = 12345;
    for (size_t i = 0; i < tail; i++) {
        double u = 0;
        for (int k = 0; k < 12; k++) {     /* about Gaussian: a sum of 12 uniforms */
            seed = seed * 1664525u + 1013904223u;
            u += seed / 4294967296.0;
        }
        x[n + i] = (float)(0.7 / sqrt(2) * 0.1 * (u - 6));
    }
    collected c;
    CHECK(decodes_to(44100, 300, x, n + tail, 1024, data, sizeof data, &c),
          "hiss after the recording: %zu bytes (%zu expected), %zu framing errors", c.n, sizeof data, c.errors);
    free(x);
}

/* The signal stops in the middle of what looks like a start bit (carrier, a 1200 Hz half
 * cycle, then a second of silence): no byte or framing error comes of it, and the bytes that
 * follow when the signal comes again decode (fuzz-regressions/ holds the input with which a
 * fuzzer found a byte begun back there, long after, and frames read from before the decoder's
 * history). */
static void test_cut_start_bit(void)
{
    static const int bauds[] = {300, 600, 1200};
    for (size_t b = 0; b < sizeof bauds / sizeof bauds[0]; b++) {
        kcs_encode_params ep;
        kcs_encode_params_default(&ep);
        ep.rate = 48000;
        ep.baud = bauds[b];
        kcs_encoder e;
        kcs_encoder_init(&e, &ep);
        const uint8_t data[] = "AFTER THE SILENCE";
        size_t lead = kcs_encoder_seconds(&e, 0.5), quiet = (size_t)ep.rate, half = (size_t)ep.rate / 2400;
        float *x = calloc(3 * lead + half + quiet + sizeof data * KCS_MAX_BYTE_SAMPLES, sizeof *x);
        size_t n = 0;
        kcs_encoder_carrier(&e, x, lead);
        n += lead;
        for (size_t i = 0; i < half; i++)           /* half a cycle of 1200 Hz */
            x[n + i] = (float)(0.5 * sin(3.141592653589793 * (double)i / (double)half));
        n += half + quiet;
        kcs_encoder_carrier(&e, x + n, lead);
        n += lead;
        for (size_t i = 0; i < sizeof data; i++)
            n += kcs_encoder_byte(&e, data[i], x + n);
        kcs_encoder_carrier(&e, x + n, lead);
        n += lead;
        collected c;
        CHECK(decodes_to(ep.rate, ep.baud, x, n, 1000, data, sizeof data, &c),
              "a start bit cut off by silence, %d baud: %zu bytes, %zu framing errors", ep.baud, c.n, c.errors);
        free(x);
    }
}

/* NaN, infinities and absurd values (a damaged float file) in the leader must not leave the
 * filter poisoned: the bytes after them still decode. */
static void test_garbage_samples(void)
{
    kcs_encode_params ep;
    kcs_encode_params_default(&ep);
    const uint8_t data[] = "GARBAGE BEFORE";
    size_t n;
    float *x = encode(&ep, data, sizeof data, 1.0, &n);
    const float junk[] = {NAN, INFINITY, -INFINITY, 3e38f, -3e38f, 1e20f};
    for (size_t i = 0; i < 600; i++)
        x[1000 + i * 7] = junk[i % 6];
    collected c;
    CHECK(decodes_to(44100, 300, x, n, 333, data, sizeof data, &c),
          "after garbage samples: %zu bytes, %zu errors", c.n, c.errors);
    free(x);
}

static void test_framing_error_reported(void)
{
    kcs_encode_params ep;
    kcs_encode_params_default(&ep);
    uint8_t data[3] = {'A', 'B', 'C'};
    size_t n;
    float *x = encode(&ep, data, 3, 1.0, &n);
    /* turn the stop bits of the second byte into 1200 Hz: a broken frame */
    size_t cell = 147, second = 44100 + 11 * cell;
    for (size_t i = second + 9 * cell; i < second + 11 * cell; i++)
        x[i] = (float)(0.7 * sin(2 * M_PI * 1200.0 * (double)(i - second - 9 * cell) / 44100.0));
    collected c;
    decode(44100, 300, x, n, 512, &c);
    CHECK(c.errors >= 1, "broken stop bit not reported");
    CHECK(fabs(c.first_error - (double)second / 44100) < 0.01, "error time %.4f, expected %.4f", c.first_error,
          (double)second / 44100);
    CHECK(c.n >= 1 && c.bytes[0] == 'A', "first byte lost");
    free(x);
}

static void test_text_mode(void)
{
    const char *in = "10 PRINT 1\n20 END\r\n30 REM\r";
    uint8_t out[200];
    int after_cr = 0;
    size_t n = kcs_text_encode((const uint8_t *)in, strlen(in), out, 10, &after_cr);
    CHECK(n == strlen("10 PRINT 1") + 11 + strlen("20 END") + 11 + strlen("30 REM") + 11, "encoded length %zu", n);
    CHECK(out[10] == '\r' && out[11] == 0 && out[20] == 0 && out[21] == '2', "CR then 10 NULs");
    /* the tape form as an OSI writes it: CR, NULs, LF */
    const uint8_t tape[] = {'A', '\r', 0, 0, 0, '\n', 'B', '\r', 0, '\n'};
    kcs_text_decoder td = {0};
    uint8_t back[20];
    size_t m = kcs_text_decode(&td, tape, sizeof tape, back);
    CHECK(m == 4 && memcmp(back, "A\nB\n", 4) == 0, "text decode");
    /* CR LF split across two calls is one line end */
    after_cr = 0;
    n = kcs_text_encode((const uint8_t *)"X\r", 2, out, 2, &after_cr);
    n += kcs_text_encode((const uint8_t *)"\nY", 2, out + n, 2, &after_cr);
    CHECK(n == 5 && memcmp(out, "X\r\0\0Y", 5) == 0, "split CR LF");
}

static void test_bad_params(void)
{
    kcs_encode_params ep;
    kcs_encode_params_default(&ep);
    ep.rate = 7999;
    CHECK(kcs_encode_params_check(&ep) != NULL, "rate 7999 accepted");
    kcs_encode_params_default(&ep);
    ep.baud = 1100;
    kcs_encoder e;
    CHECK(kcs_encoder_init(&e, &ep) == -1, "baud 1100 accepted");
    kcs_decode_params dp = {192001, 300};
    kcs_decoder d;
    CHECK(kcs_decoder_init(&d, &dp, NULL, NULL) == -1, "decode rate 192001 accepted");
}

int main(void)
{
    test_round_trips();
    test_chunking();
    test_chunking_noisy();
    test_gaps();
    test_fast_path();
    test_nothing_from_no_signal();
    test_back_to_back();
    test_abrupt_end();
    test_hiss_after();
    test_garbage_samples();
    test_cut_start_bit();
    test_framing_error_reported();
    test_text_mode();
    test_bad_params();
    if (failures) {
        printf("%d failures\n", failures);
        return 1;
    }
    printf("all libkcs unit tests passed\n");
    return 0;
}
