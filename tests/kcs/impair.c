/*
 * kcs_impair: makes a clean recording look like a real tape, for the tests and the robustness
 * benchmark. Reads IN (any audio libsndfile reads, first channel), writes OUT (16-bit).
 *
 *   kcs_impair [--speed F] [--wow DEPTH@HZ] [--noise-snr DB] [--dc V] [--invert] [--clip FRAC]
 *              [--gain-db DB] [--band LO:HI] [--dropout START:LEN] [--stereo] [--seed N] IN OUT
 *
 * Order: speed and wow (variable-rate resampling), band limit, gain, clipping (at FRAC of the
 * peak, then scaled back up), DC, inversion, a dropout (the signal gone for LEN seconds), noise
 * (SNR against the signal's RMS), and --stereo
 * puts the result on the right channel with faint hum on the left.
 */
#include "kcs_audio.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static double gaussian(uint64_t *s)
{
    double u[2];
    for (int i = 0; i < 2; i++) {
        *s ^= *s << 13, *s ^= *s >> 7, *s ^= *s << 17;
        u[i] = ((double)(*s >> 11) + 0.5) / 9007199254740992.0;
    }
    return sqrt(-2 * log(u[0])) * cos(2 * M_PI * u[1]);
}

/* One second-order Butterworth section (high-pass or low-pass), direct form I. */
typedef struct { double b0, b1, b2, a1, a2, x1, x2, y1, y2; } section;
static section butter(int high, double f, double rate)
{
    double w = 2 * M_PI * f / rate, c = cos(w), al = sin(w) / sqrt(2), a0 = 1 + al;
    section s = {0};
    s.b0 = (high ? (1 + c) : (1 - c)) / 2 / a0;
    s.b1 = (high ? -(1 + c) : (1 - c)) / a0;
    s.b2 = s.b0, s.a1 = -2 * c / a0, s.a2 = (1 - al) / a0;
    return s;
}
static double run(section *s, double x)
{
    double y = s->b0 * x + s->b1 * s->x1 + s->b2 * s->x2 - s->a1 * s->y1 - s->a2 * s->y2;
    s->x2 = s->x1, s->x1 = x, s->y2 = s->y1, s->y1 = y;
    return y;
}

int main(int argc, char **argv)
{
    double speed = 1, wow = 0, wow_hz = 0, snr = INFINITY, dc = 0, clip = 0, gain_db = 0, lo = 0, hi = 0;
    double drop_at = 0, drop_len = 0;
    int invert = 0, stereo = 0;
    uint64_t seed = 0x9E3779B97F4A7C15ull;
    int i = 1;
    for (; i < argc - 2; i++) {
        const char *a = argv[i], *v = argv[i + 1];
        if (!strcmp(a, "--speed")) speed = atof(v), i++;
        else if (!strcmp(a, "--wow")) { if (sscanf(v, "%lf@%lf", &wow, &wow_hz) != 2) goto usage; i++; }
        else if (!strcmp(a, "--noise-snr")) snr = atof(v), i++;
        else if (!strcmp(a, "--dc")) dc = atof(v), i++;
        else if (!strcmp(a, "--clip")) clip = atof(v), i++;
        else if (!strcmp(a, "--gain-db")) gain_db = atof(v), i++;
        else if (!strcmp(a, "--band")) { if (sscanf(v, "%lf:%lf", &lo, &hi) != 2) goto usage; i++; }
        else if (!strcmp(a, "--dropout")) { if (sscanf(v, "%lf:%lf", &drop_at, &drop_len) != 2) goto usage; i++; }
        else if (!strcmp(a, "--seed")) seed += strtoull(v, NULL, 10), i++;
        else if (!strcmp(a, "--invert")) invert = 1;
        else if (!strcmp(a, "--stereo")) stereo = 1;
        else goto usage;
    }
    if (argc - i != 2)
        goto usage;
    char err[320];
    kcs_audio_in *in = kcs_audio_open(argv[i], 0, err, sizeof err);
    if (!in) {
        fprintf(stderr, "kcs_impair: %s\n", err);
        return 1;
    }
    int rate = kcs_audio_rate(in);
    size_t cap = 1 << 20, n = 0, got;
    float *x = malloc(cap * sizeof *x);
    while ((got = kcs_audio_read(in, x + n, cap - n)) > 0) {
        n += got;
        if (n == cap)
            x = realloc(x, (cap *= 2) * sizeof *x);
    }
    kcs_audio_close(in);

    size_t out_cap = (size_t)(n / (speed * (1 - wow)) + 16), m = 0;
    double *y = malloc(out_cap * sizeof *y);
    double pos = 0, t = 0;
    while (pos < (double)n - 1 && m < out_cap) {
        size_t k = (size_t)pos;
        double f = pos - (double)k;
        y[m++] = x[k] * (1 - f) + x[k + 1] * f;
        pos += speed * (1 + wow * sin(2 * M_PI * wow_hz * t));
        t += 1.0 / rate;
    }
    free(x);
    section band[4] = {butter(1, lo > 0 ? lo : 1, rate), butter(1, lo > 0 ? lo : 1, rate),
                       butter(0, hi > 0 ? hi : rate * 0.45, rate), butter(0, hi > 0 ? hi : rate * 0.45, rate)};
    double peak = 0, sq = 0, g = pow(10, gain_db / 20);
    for (size_t j = 0; j < m; j++) {
        if (lo > 0 || hi > 0)
            for (int s = 0; s < 4; s++)
                y[j] = run(&band[s], y[j]);
        y[j] *= g;
        peak = fmax(peak, fabs(y[j]));
        sq += y[j] * y[j];
    }
    double rms = sqrt(sq / (m ? m : 1)), sigma = isinf(snr) ? 0 : rms / pow(10, snr / 20);
    float *outbuf = malloc(m * 2 * sizeof *outbuf);
    for (size_t j = 0; j < m; j++) {
        double v = y[j];
        if (clip > 0) {
            double c = clip * peak;
            v = (v > c ? c : v < -c ? -c : v) / clip;
        }
        v += dc;
        if (invert)
            v = -v;
        double t_out = (double)j / rate;
        if (t_out >= drop_at && t_out < drop_at + drop_len)
            v = 0;
        v += sigma * gaussian(&seed);
        v = v > 1 ? 1 : v < -1 ? -1 : v;
        if (stereo) {
            outbuf[2 * j] = (float)(0.01 * sin(2 * M_PI * 50 * (double)j / rate));
            outbuf[2 * j + 1] = (float)v;
        } else {
            outbuf[j] = (float)v;
        }
    }
    free(y);
    kcs_audio_out *out = NULL;
    if (stereo) {
        /* kcs_audio writes mono; stereo goes through libsndfile's WAV writer via a raw temp */
        FILE *f = fopen(argv[i + 1], "wb");
        if (!f) {
            perror(argv[i + 1]);
            return 1;
        }
        uint32_t data_bytes = (uint32_t)(m * 4), riff = 36 + data_bytes, fmt_len = 16, byte_rate = (uint32_t)rate * 4;
        uint16_t pcm = 1, ch = 2, align = 4, bits = 16;
        uint32_t r = (uint32_t)rate;
        fwrite("RIFF", 1, 4, f), fwrite(&riff, 4, 1, f), fwrite("WAVEfmt ", 1, 8, f), fwrite(&fmt_len, 4, 1, f);
        fwrite(&pcm, 2, 1, f), fwrite(&ch, 2, 1, f), fwrite(&r, 4, 1, f), fwrite(&byte_rate, 4, 1, f);
        fwrite(&align, 2, 1, f), fwrite(&bits, 2, 1, f), fwrite("data", 1, 4, f), fwrite(&data_bytes, 4, 1, f);
        for (size_t j = 0; j < 2 * m; j++) {
            int16_t s16 = (int16_t)lrint(outbuf[j] * 32767);
            fwrite(&s16, 2, 1, f);
        }
        fclose(f);
    } else {
        out = kcs_audio_create(argv[i + 1], rate, 16, err, sizeof err);
        if (!out || kcs_audio_write(out, outbuf, m, err, sizeof err) || kcs_audio_finish(out, err, sizeof err)) {
            fprintf(stderr, "kcs_impair: %s\n", err);
            return 1;
        }
    }
    free(outbuf);
    return 0;
usage:
    fprintf(stderr, "usage: kcs_impair [--speed F] [--wow D@HZ] [--noise-snr DB] [--dc V] [--invert] [--clip FRAC] "
                    "[--gain-db DB] [--band LO:HI] [--dropout START:LEN] [--stereo] [--seed N] IN OUT\n");
    return 2;
}
