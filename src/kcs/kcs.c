/* kcs.c - the KCS encoder, text mode and the streaming decoder (kcs.h). */
#include "kcs.h"

#include <complex.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>


#define TWO_PI 6.283185307179586

/* Four floats at a time through the vector types of GCC and clang (SSE on x86-64, NEON on
 * ARM, plain code elsewhere). Where a loop also has a one-at-a-time tail, both evaluate the
 * same expressions in the same order, so the results are the same to the bit. */
#if !defined(__GNUC__) && !defined(__clang__)
#error "libkcs needs GCC or clang (vector extensions)"
#endif
typedef float v4f __attribute__((vector_size(16)));
typedef int v4i __attribute__((vector_size(16)));
typedef unsigned v4u __attribute__((vector_size(16)));
typedef int16_t v8s __attribute__((vector_size(16)));
typedef double v2d __attribute__((vector_size(16)));
static inline v4f v4load(const float *p)
{
    v4f v;
    memcpy(&v, p, sizeof v);
    return v;
}
static inline void v4store(float *p, v4f v) { memcpy(p, &v, sizeof v); }
#if defined(__clang__)
#define V4_EVENS(a, b) __builtin_shufflevector(a, b, 0, 2, 4, 6)
#define V4_ODDS(a, b) __builtin_shufflevector(a, b, 1, 3, 5, 7)
#define V8S_INTERLEAVE_LO(x) __builtin_shufflevector(x, x, 0, 0, 1, 1, 2, 2, 3, 3)
#define V8S_INTERLEAVE_HI(x) __builtin_shufflevector(x, x, 4, 4, 5, 5, 6, 6, 7, 7)
#define V4_SHIFT_UP(v) __builtin_shufflevector(v, (v4f){0, 0, 0, 0}, 4, 0, 1, 2)
#define V4_HIGH_HALF(v) __builtin_shufflevector(v, v, 2, 3, 2, 3)
#define V4_UNPACK_HI(a, b) __builtin_shufflevector(a, b, 2, 6, 3, 7)
#define V4_HIGH_HALVES(a, b) __builtin_shufflevector(a, b, 2, 3, 6, 7)
#else
#define V4_EVENS(a, b) __builtin_shuffle(a, b, (v4i){0, 2, 4, 6})
#define V4_ODDS(a, b) __builtin_shuffle(a, b, (v4i){1, 3, 5, 7})
#define V8S_INTERLEAVE_LO(x) __builtin_shuffle(x, (v8s){0, 0, 1, 1, 2, 2, 3, 3})
#define V8S_INTERLEAVE_HI(x) __builtin_shuffle(x, (v8s){4, 4, 5, 5, 6, 6, 7, 7})
#define V4_SHIFT_UP(v) __builtin_shuffle(v, (v4f){0, 0, 0, 0}, (v4i){4, 0, 1, 2})
#define V4_HIGH_HALF(v) __builtin_shuffle(v, (v4i){2, 3, 2, 3})
#define V4_UNPACK_HI(a, b) __builtin_shuffle(a, b, (v4i){2, 6, 3, 7})
#define V4_HIGH_HALVES(a, b) __builtin_shuffle(a, b, (v4i){2, 3, 6, 7})
#endif

/* The decimator halves the rate while it stays at least this. At 1200 baud, twice that: at
 * 11025 Hz a cell held 9 samples and frames were placed to the nearest (at 6 dB SNR 8 byte
 * errors in 60 recordings became 1; with speed x1.05, 2% wow, 10 dB SNR, DC and a band limit
 * at once 29 became 0; minimodem makes none there either). At 600 baud the decoder's other
 * choices are made for 11025 Hz (22050 Hz there: 28 -> 184 byte errors in 100 recordings at
 * 0 dB SNR). */
#define KCS_MIN_IRATE 11025
#define KCS_MIN_IRATE_1200 22050

/* ---------------------------------------------------------------- encoder */

void kcs_encode_params_default(kcs_encode_params *p)
{
    p->rate = 44100;
    p->baud = 300;
    p->stop_bits = 2;
    p->wave = KCS_WAVE_SINE;
    p->volume = 0.7;
}

static int baud_ok(int baud) { return baud == 300 || baud == 600 || baud == 1200; }

const char *kcs_encode_params_check(const kcs_encode_params *p)
{
    if (p->rate < KCS_MIN_RATE || p->rate > KCS_MAX_RATE)
        return "sample rate must be 8000..192000 Hz";
    if (!baud_ok(p->baud))
        return "baud must be 300, 600 or 1200";
    if (p->stop_bits != 1 && p->stop_bits != 2)
        return "stop bits must be 1 or 2";
    if (p->wave != KCS_WAVE_SINE && p->wave != KCS_WAVE_SQUARE)
        return "wave must be sine or square";
    if (!(p->volume > 0.0 && p->volume <= 1.0))
        return "volume must be more than 0 and at most 1";
    return NULL;
}

static void square_setup(kcs_encoder *e);

int kcs_encoder_init(kcs_encoder *e, const kcs_encode_params *p)
{
    if (kcs_encode_params_check(p))
        return -1;
    memset(e, 0, sizeof *e);
    e->p = *p;
    square_setup(e);
    return 0;
}

size_t kcs_encoder_seconds(const kcs_encoder *e, double seconds)
{
    return seconds > 0 ? (size_t)llround(seconds * e->p.rate) : 0;
}

/* A square wave made of its odd harmonics below 0.45 x the rate: a naive square aliases
 * (at 8000 Hz the 3rd harmonic of 2400 Hz would land on 800 Hz). tone 0 is 1200 Hz, 1 is 2400. */
static double square_sum(int harmonics, double phase)
{
    double v = 0;
    for (int k = 1; k <= harmonics; k += 2)
        v += sin(TWO_PI * k * phase) / k;
    return v;
}

static void square_setup(kcs_encoder *e)
{
    for (int tone = 0; tone < 2; tone++) {
        double f = tone ? 2400.0 : 1200.0;
        int h = 1;
        while ((h + 2) * f < 0.45 * e->p.rate)
            h += 2;
        double peak = 0;
        for (int i = 0; i < 512; i++)
            peak = fmax(peak, fabs(square_sum(h, i / 512.0)));
        e->square_harmonics[tone] = h;
        e->square_gain[tone] = 1.0 / peak;
    }
}

/* Every bit cell holds whole cycles and starts at phase 0, so the waveform is continuous. */
static size_t tone_until(kcs_encoder *e, double origin, double period, double end, float *out)
{
    int tone = period < 0.75 * e->p.rate / 1200.0;
    size_t k = 0;
    while ((double)e->samples < end) {
        double phase = ((double)e->samples - origin) / period;
        phase -= floor(phase);
        double v = e->p.wave == KCS_WAVE_SINE
                       ? sin(TWO_PI * phase)
                       : e->square_gain[tone] * square_sum(e->square_harmonics[tone], phase);
        out[k++] = (float)(e->p.volume * v);
        e->samples++;
    }
    return k;
}

void kcs_encoder_carrier(kcs_encoder *e, float *out, size_t n)
{
    tone_until(e, e->origin, (double)e->p.rate / 2400.0, (double)(e->samples + n), out);
}

size_t kcs_encoder_byte(kcs_encoder *e, uint8_t byte, float *out)
{
    double carrier_period = (double)e->p.rate / 2400.0;
    double cell = (double)e->p.rate / e->p.baud;
    /* finish the carrier cycle in progress so the start bit begins at phase 0: at the first
     * phase-0 point after the last sample made (right where the last byte ended, when no
     * carrier came after it, even between two samples) */
    double last = (double)e->samples - 1;
    double cycles = last < e->origin ? 0 : floor((last - e->origin) / carrier_period) + 1;
    double start = e->origin + cycles * carrier_period;
    size_t k = tone_until(e, e->origin, carrier_period, start, out);
    unsigned frame = (unsigned)byte << 1 | (e->p.stop_bits == 2 ? 0x600u : 0x200u);
    int bits = 1 + 8 + e->p.stop_bits;
    for (int i = 0; i < bits; i++) {
        int one = frame >> i & 1;
        double end = start + cell;
        k += tone_until(e, start, one ? carrier_period : 2 * carrier_period, end, out + k);
        start = end;
    }
    e->origin = start;
    return k;
}

/* -------------------------------------------------------------- text mode */

size_t kcs_text_encoded_max(size_t n, int nulls)
{
    return n * (size_t)(1 + (nulls > 0 ? nulls : 0)) + 1;
}

size_t kcs_text_encode(const uint8_t *in, size_t n, uint8_t *out, int nulls, int *after_cr)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        uint8_t c = in[i];
        if (c == '\n' && *after_cr) {       /* the LF of CR LF: the line end is already out */
            *after_cr = 0;
            continue;
        }
        *after_cr = c == '\r';
        if (c == '\n' || c == '\r') {
            out[k++] = '\r';
            for (int z = 0; z < nulls; z++)
                out[k++] = 0;
        } else {
            out[k++] = c;
        }
    }
    return k;
}

size_t kcs_text_decode(kcs_text_decoder *t, const uint8_t *in, size_t n, uint8_t *out)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        uint8_t c = in[i];
        if (c == 0)
            continue;
        if (c == '\n' && t->after_cr) {
            t->after_cr = 0;
            continue;
        }
        t->after_cr = c == '\r';
        out[k++] = c == '\r' ? '\n' : c;
    }
    return k;
}

/* ---------------------------------------------------------------- decoder */

/* Hunting for a start bit, reading a byte's cells as they come, waiting for the end of a
 * frame on the grid to read it whole from the filtered samples (after a framing error), or
 * waiting until the frames around a byte read in doubt are all at hand (byte_read). */
enum { HUNT, READ, FRAME, SEARCH };
/* The cells of a frame read whole (frame_at): the start bit, 8 data bits, the first stop bit. */
#define FRAME_CELLS 10
/* How far (in eighths of a cell) the frames around a byte read in doubt are looked for: up to
 * half a cell early, a quarter late (as far late as early took more wrong frames: 83 against
 * 68 byte errors in 200 recordings at -3 dB SNR). */
#define SEARCH_EARLY 4
#define SEARCH_LATE 2
/* How many bytes back the first frame after carrier is looked for (search_frames). */
#define ACQUIRE_BYTES 3

void kcs_decode_params_default(kcs_decode_params *p)
{
    p->rate = 44100;
    p->baud = 300;
}

const char *kcs_decode_params_check(const kcs_decode_params *p)
{
    if (p->rate < KCS_MIN_RATE || p->rate > KCS_MAX_RATE)
        return "sample rate must be 8000..192000 Hz";
    if (!baud_ok(p->baud))
        return "baud must be 300, 600 or 1200";
    return NULL;
}

/* Section k of the band-pass: an RBJ audio-EQ-cookbook second-order section, kept without its
 * gain b0 (the numerator is then 1 -2 1 for a high-pass, 1 2 1 for a low-pass); the gain is
 * collected in f->gain. */
static void biquad(kcs_bandpass *f, int k, int highpass, double f0, double rate)
{
    double w = TWO_PI * f0 / rate, cw = cos(w), alpha = sin(w) / (2 * 0.7071067811865476);
    double a0 = 1 + alpha;
    f->gain *= (highpass ? 1 + cw : 1 - cw) / 2 / a0;
    f->a1[k] = (float)(-2 * cw / a0);
    f->a2[k] = (float)((1 - alpha) / a0);
    f->b1[k] = highpass ? -2.0f : 2.0f;
    f->b2[k] = 1.0f;
}

static inline void set_speed(kcs_clock *c, double speed);
static void prefilter_init(kcs_prefilter *m, const kcs_decode_params *p);
static double prefilter_delay(const kcs_prefilter *m, double irate);
static double bandpass_power(const kcs_bandpass *f, double w);

int kcs_decoder_init(kcs_decoder *d, const kcs_decode_params *p, kcs_byte_fn on_byte, void *ctx)
{
    if (kcs_decode_params_check(p))
        return -1;
    memset(d, 0, offsetof(kcs_decoder, raw));
    d->p = *p;
    d->on_byte = on_byte;
    d->ctx = ctx;
    /* The signal lives below 3.4 kHz: the rest of the work runs on a quarter of the samples
     * at 44.1 kHz (kcs_prefilter). */
    prefilter_init(&d->pre, p);
    d->decim = 1 << d->pre.stages;
    d->irate = (double)p->rate / d->decim;
    /* frames are read whole up to 48 cells back (the acquisition's look back of three bytes,
     * the frame, the carrier before it), at the slowest speed tracked */
    d->history_len = (size_t)ceil(48 * d->irate / p->baud / 0.8);
    if (d->history_len > KCS_HISTORY)
        d->history_len = KCS_HISTORY;
    d->filtered_end = d->history_len;
    d->level_rate = 1.0 / (0.004 * d->irate);
    d->schmitt = 1;
    d->flips_per_one = 16 * 300 / p->baud;
    d->grid_cells = 11;
    d->grid_ratio = 1;
    d->c.nominal_short = d->irate / 4800.0;
    d->c.inv_nominal_short = 4800.0 / d->irate;
    d->c.nominal_cell = d->irate / d->p.baud;
    d->c.nominal_settle = 2.3 * d->irate / 4800.0;
    d->c.inv_speed = 1.0;
    set_speed(&d->c, 1.0);
    d->c.dl_base = HUGE_VAL;
    d->c.dl_part = 0.5;
    d->c.deadline = HUGE_VAL;
    d->c.last_flip = -1e9;
    d->fast = kcs_clean_ok(p->rate);
    d->delay = prefilter_delay(&d->pre, d->irate);
    d->tone_power[0] = bandpass_power(&d->pre.filter, TWO_PI * 1200.0 / d->irate);
    d->tone_power[1] = bandpass_power(&d->pre.filter, TWO_PI * 2400.0 / d->irate);
    return 0;
}

void kcs_decoder_set_bit_observer(kcs_decoder *d, kcs_bit_fn on_bit, void *ctx)
{
    d->on_bit = on_bit;
    d->bit_ctx = ctx;
    d->fast = d->fast && !on_bit;
}

void kcs_decoder_set_fast_path(kcs_decoder *d, int on) { d->fast = on && !d->on_bit && kcs_clean_ok(d->p.rate); }

static double short_half(const kcs_decoder *d) { return 2 * d->c.glitch_len; }

/* A cell is decided once its closing change is in: a change is held until the next one
 * (on_sign_change), which comes up to a 1200 Hz half cycle later. Kept up to date whenever
 * the cell or the speed changes, so that the per-sample test is one comparison. */
static inline void refresh_deadline(kcs_clock *c) { c->deadline = c->dl_base + c->dl_part * c->cell_len + c->settle_len; }

/* The tracked speed, kept within 0.8..1.25, and the lengths and the deadline that follow
 * from it (computed once here: between speed changes a sign change recomputes nothing).
 * 1 / speed comes from the last one by a Newton step rather than a division: the
 * speed moves by well under 1% a step, so the error (squared) stays near 1e-6 of a sample,
 * and the next half cycle's work does not wait on a divider. (Averaging the half cycles'
 * lengths instead of the speeds they give was tried: better at -4 dB SNR, worse at -3 dB with
 * wow or a speed error, and far worse at 8000 Hz.) */
static inline __attribute__((always_inline)) void set_speed(kcs_clock *c, double speed)
{
    if (speed < 0.8)
        speed = 0.8;
    if (speed > 1.25)
        speed = 1.25;
    double inv = c->inv_speed * (2.0 - speed * c->inv_speed);
    c->inv_speed = inv;
    c->speed = speed;
    c->glitch_len = 0.5 * (c->nominal_short * inv);
    c->cell_len = c->nominal_cell * inv;
    c->settle_len = c->nominal_settle * inv;
    refresh_deadline(c);
}
static double frame_cell(const kcs_decoder *d);
/* A frame read whole, in cells at the tracked speed (its cells are frame_cell's, often longer:
 * a frame is read only once it has all been played). Before, a frame could be read up to a few
 * samples past those pushed, and the chunking of the audio changed the result; the figures
 * given for the grid period, the lead cell, the positive fit and the wait for the grid's frames
 * were measured before this was mended (the whole set, after it, is in the README). */
static double frame_span(const kcs_decoder *d) { return FRAME_CELLS * fmax(1.0, frame_cell(d) / d->c.cell_len); }
static inline __attribute__((always_inline)) void set_deadline_of(kcs_clock *c, const kcs_decoder *d)
{
    if (d->state == READ) {
        c->dl_base = d->cell_start;
        c->dl_part = d->bit_index == 0 && !d->start_checked ? 0.5 : 1.0;
    } else if (d->state == FRAME) {
        c->dl_base = d->frame_start;
        c->dl_part = frame_span(d) + d->frame_reach / 8.0;   /* its latest candidate at hand */
    } else if (d->state == SEARCH) {
        c->dl_base = d->search_base;
        c->dl_part = frame_span(d) + SEARCH_LATE / 8.0;
    } else {
        /* hunting: look at the first half of the cell where the next start bit is due */
        c->dl_base = d->next_start > 0 ? d->next_start : HUGE_VAL;
        c->dl_part = 0.5;
    }
    refresh_deadline(c);
}
static void set_deadline(kcs_decoder *d) { set_deadline_of(&d->c, d); }
static double cell_len(const kcs_decoder *d) { return d->c.cell_len; }
/* Sign changes in a 1 cell: 16 at 300 baud (computed at init: no division on the way). */
static int flips_for_one(const kcs_decoder *d) { return d->flips_per_one; }

/* Starts keeping the samples of a new bit cell (which began at d->cell_start): from the next
 * sample read while reading a byte. */
static void start_tones(kcs_decoder *d)
{
    d->tones.from = d->now + (uint64_t)d->now_done;
    d->tones.until = d->cell_start + cell_len(d);
}

/* The oldest filtered sample at hand (history_len before the block being pushed, and none
 * from before the full decoder last took over from the clean reader). */
static double oldest_kept(const kcs_decoder *d) { return fmax((double)d->now - (double)d->history_len, d->history_floor); }

/* Filtered sample t (from oldest_kept on). */
static double sample_at(const kcs_decoder *d, uint64_t t) { return d->y[(ptrdiff_t)(t - d->n)]; }

/* The cell's samples kept so far (as the decoder saw them while reading): [from, from + n). */
static int tones_count(const kcs_decoder *d)
{
    const kcs_tones *t = &d->tones;
    uint64_t end = d->now + 1;
    if (t->until < (double)end)
        end = t->until > (double)t->from ? (uint64_t)ceil(t->until) : t->from;
    if (end > t->from + KCS_CELL_MAX)
        end = t->from + KCS_CELL_MAX;
    return end > t->from ? (int)(end - t->from) : 0;
}

/* The energies of 1200 and 2400 Hz (speed corrected) in the n filtered samples from `from`;
 * returns their power. With half_contrast, also the amplitude of 2400 less that of 1200 Hz in
 * each half of the samples (their correlations are the parts of the whole's). */
static double correlate(const kcs_decoder *d, uint64_t from, int n, double *e1200, double *e2400,
                        double half_contrast[2])
{
    const int half = n / 2;
    double w = TWO_PI * 1200.0 * d->c.speed / d->irate, rc = cos(w), rs = sin(w);
    double c = 1, s = 0, re1 = 0, im1 = 0, re2 = 0, im2 = 0, power = 0;
    double h[4] = {0, 0, 0, 0};
    for (int i = 0; i < n; i++) {
        if (i == half)
            h[0] = re1, h[1] = im1, h[2] = re2, h[3] = im2;
        double v = (float)sample_at(d, from + (uint64_t)i), c2 = c * c - s * s, s2 = 2 * c * s;
        re1 += v * c;
        im1 += v * s;
        re2 += v * c2;
        im2 += v * s2;
        power += v * v;
        double nc = c * rc - s * rs;
        s = c * rs + s * rc;
        c = nc;
    }
    *e1200 = re1 * re1 + im1 * im1;
    *e2400 = re2 * re2 + im2 * im2;
    if (half_contrast) {
        double a1 = hypot(h[0], h[1]), a2 = hypot(h[2], h[3]);
        double b1 = hypot(re1 - h[0], im1 - h[1]), b2 = hypot(re2 - h[2], im2 - h[3]);
        half_contrast[0] = a2 - a1;
        half_contrast[1] = b2 - b1;
    }
    return power;
}

/* Whether n samples of that power hold a tone at all: a pure tone puts half its power into its
 * correlation (|C|^2 = n * power / 2), noise alone about 1/n of it (a dropout has nothing to
 * say). */
static int holds_tone(double e1200, double e2400, int n, double power)
{
    return (e1200 > e2400 ? e1200 : e2400) > 0.1 * n * power;
}

/* The energies of the two tones in the kept samples of the cell, and whether it holds one. */
static int tone_energies(const kcs_decoder *d, double *e1200, double *e2400)
{
    int n = tones_count(d);
    double power = correlate(d, d->tones.from, n, e1200, e2400, NULL);
    return holds_tone(*e1200, *e2400, n, power);
}

/* A frame read from the filtered samples alone, for the second look at a byte (byte_read). */
typedef struct {
    unsigned byte;
    int valid;          /* a 0 start bit and a 1 stop bit */
    double score;       /* how clearly its cells hold one tone or the other: 0..10 */
    double fit;         /* how much more of its bit's tone than of the other each half of its
                         * cells holds (the sum of the differences of the tones' amplitudes,
                         * by half cells, against the bit the whole cell gives): of two frames
                         * read, the one that fits better lies where a frame is. Unlike the
                         * score it weighs the cells by their signal, and noise that happens
                         * to leave a cell clear for the wrong tone weighs less (at -3 dB SNR,
                         * taking the best score made 99 byte errors in 600 recordings, the
                         * best fit by whole cells 79, of energies rather than amplitudes 85).
                         * By half cells, a frame a third of a cell off, whose cells straddle
                         * the changes of tone, loses the halves on the wrong side instead of
                         * keeping a smaller difference there: 41 byte errors in 600 such
                         * recordings became 34, and 26 in 400 fresh ones 21 */
} kcs_frame;

/* The tone energies in cell k of the frame whose start bit begins at sample `start`, all but
 * CELL_EDGE of the cell at each end (where the band-pass filter's ringing from its neighbours
 * is strongest; leaving out more costs more in noise than it saves in ringing: a tenth each
 * side made 1.6x the byte errors at -3 dB SNR), and (if half_contrast is not NULL) the tones'
 * contrast in each half of that; returns whether the cell holds a tone at all, as
 * tone_energies judges it. */
#define CELL_EDGE 0.05
static int cell_energies(const kcs_decoder *d, double start, double cell, int k, double *e1200, double *e2400,
                         double half_contrast[2])
{
    double first = ceil(start + (k + CELL_EDGE) * cell);
    if (first < 0 || first < oldest_kept(d)) {  /* none, or gone */
        *e1200 = *e2400 = 0;
        return 0;
    }
    uint64_t from = (uint64_t)first;
    int n = (int)(floor(start + (k + 1 - CELL_EDGE) * cell) - (double)from) + 1;
    double power = correlate(d, from, n, e1200, e2400, half_contrast);
    return holds_tone(*e1200, *e2400, n, power);
}

/* Whether cell k of the frame at `start` clearly holds `bit`: a tone, and twice the energy of
 * that bit's tone (2400 Hz for 1, carrier) as of the other. */
static int cell_clearly(const kcs_decoder *d, double start, double cell, int k, int bit)
{
    double e1200, e2400;
    return cell_energies(d, start, cell, k, &e1200, &e2400, NULL) &&
           (bit ? e2400 > 2 * e1200 : e1200 > 2 * e2400);
}

/* The frame whose start bit begins at sample `start`, its cells read by cell_energies. The
 * samples must be at hand: from `start` to FRAME_CELLS cells later. */
static kcs_frame frame_at(const kcs_decoder *d, double start, double cell)
{
    kcs_frame f = {0, 0, 0, 0};
    unsigned bits = 0;
    int toneless = 0;
    for (int k = 0; k < FRAME_CELLS; k++) {
        double e1200, e2400, hc[2] = {0, 0};
        toneless += !cell_energies(d, start, cell, k, &e1200, &e2400, hc);
        int bit = e2400 > e1200;
        bits |= (unsigned)bit << k;
        f.score += fabs(e2400 - e1200) / (e2400 + e1200 + 1e-30);
        f.fit += bit ? hc[0] + hc[1] : -(hc[0] + hc[1]);
    }
    f.valid = (bits & 1) == 0 && (bits >> (FRAME_CELLS - 1) & 1) == 1 && toneless == 0;
    f.byte = (bits >> 1) & 0xff;
    return f;
}

/* A byte begins at `at`: the sign change numbered flip - 1, or no sign change when flip is 0. */
static void start_byte(kcs_decoder *d, double at, unsigned flip)
{
    d->state = READ;
    d->start_checked = 0;
    d->run_before_start = d->c.carrier_run;
    d->cell_start = at;
    d->cell_start_flip = flip;
    d->byte_start = at;
    d->bit_index = 0;
    d->shift = 0;
    d->byte_speed_sum = 0;
    d->byte_doubt = 0;
    start_tones(d);
}

/* Half cycles (the spans between successive sign changes, from the ring of recent changes)
 * whose middle lies in (from, to]: the sign-change count of one bit cell, made insensitive to
 * exactly where the changes on the cell's edges fall. */
static int count_half_cycles(const kcs_decoder *d, double from, double to)
{
    int count = 0;
    unsigned head = d->c.flip_head, have = head < KCS_FLIP_RING ? head : KCS_FLIP_RING;
    double later = have ? d->flips[(head - 1) % KCS_FLIP_RING] : 0;
    /* twice the middle against twice the bounds: the same tests (scaling by 2 is exact),
     * one multiplication less per half cycle */
    double from2 = 2 * from, to2 = 2 * to;
    for (unsigned i = 1; i < have; i++) {
        double earlier = d->flips[(head - i - 1) % KCS_FLIP_RING];
        double middle2 = earlier + later;
        if (middle2 <= from2)
            break;
        count += middle2 <= to2;
        later = earlier;
    }
    return count;
}

/* The sign change nearest `t` within `reach` (*flip: its number + 1), or t itself when there
 * is none (*flip: 0). */
static double snap_to_flip(const kcs_decoder *d, double t, double reach, unsigned *flip)
{
    double best = t, best_dist = reach;
    unsigned have = d->c.flip_head < KCS_FLIP_RING ? d->c.flip_head : KCS_FLIP_RING;
    *flip = 0;
    for (unsigned i = 1; i <= have; i++) {
        double f = d->flips[(d->c.flip_head - i) % KCS_FLIP_RING];
        if (f < t - reach)
            break;
        if (fabs(f - t) < best_dist) {
            best_dist = fabs(f - t);
            best = f;
            *flip = d->c.flip_head - i + 1;
        }
    }
    return best;
}

/* count_half_cycles over a cell from sign change a to sign change b (numbers + 1, 0 for
 * none): when both are changes still in the ring, the half cycles whose middle lies between
 * them are those that end at a+1 ... b, whatever the times: b - a, without the walk. */
static int cell_count(const kcs_decoder *d, double from, unsigned a, double to, unsigned b)
{
    if (a && b > a && a + KCS_FLIP_RING > d->c.flip_head)
        return (int)(b - a);
    return count_half_cycles(d, from, to);
}

/* The inner loop's copy of the clock to and from the decoder, field by field: a whole-struct
 * copy goes through the stack in pieces of other sizes than the stores before it, which
 * stalls store forwarding on every rare path taken. (The nominal lengths never change.) */
#define CLOCK_FIELDS(X)                                                                       \
    X(last_flip) X(pending_change) X(have_pending) X(speed) X(inv_speed) X(glitch_len)       \
    X(cell_len) X(settle_len) X(carrier_run) X(last_kind) X(kind_run) X(deadline) X(dl_base) \
    X(dl_part) X(flip_head) X(at)
static inline void clock_put(kcs_decoder *d, const kcs_clock *c)
{
#define PUT(f) d->c.f = c->f;
    CLOCK_FIELDS(PUT)
#undef PUT
}
static inline void clock_get(const kcs_decoder *d, kcs_clock *c)
{
#define GET(f) c->f = d->c.f;
    CLOCK_FIELDS(GET)
#undef GET
}

/* A half cycle ended at t. Works on c, the caller's copy of d->c (in sync with it only while
 * a rarer path that reads or changes it runs). */
static void on_half_cycle(kcs_decoder *d, kcs_clock *c, double t)
{
    double half = t - c->last_flip;
    double units = half * c->speed * c->inv_nominal_short;  /* 1 for 2400 Hz, 2 for 1200 Hz */
    /* The speed is measured only inside a run of one tone: the band-pass filter delays the
     * two tones differently, which distorts the half cycles just after a change of tone. */
    int kind = units > 0.6 && units < 1.5 ? 1 : units >= 1.5 && units < 2.7 ? 2 : 0;
    c->kind_run = kind == c->last_kind ? c->kind_run + 1 : 0;
    if (kind == 1 && c->kind_run >= 3 && fabs(units - 1) < 0.25)
        set_speed(c, c->speed + (c->nominal_short / half - c->speed) / 32.0);
    else if (kind == 2 && c->kind_run >= 3 && fabs(units - 2) < 0.3)
        /* runs of 1200 Hz too, at half the gain (noise moves their crossings more): a byte
         * of zeros is 30 ms without carrier, long enough for 5% flutter at 4 Hz to move the
         * speed by 4% */
        set_speed(c, c->speed + (2 * c->nominal_short / half - c->speed) / 64.0);
    if (kind == 1) {
        c->carrier_run++;
    } else if (units < 0.6) {
        /* a sliver (noise split a half cycle): neither carrier nor a reason to doubt it */
    } else {
        /* After a good byte, the stop bit is lead-in enough; otherwise (the first byte, or
         * after an error) ask for two bits of steady carrier, which noise hardly ever makes. */
        int lead_in = d->locked ? flips_for_one(d) : 2 * flips_for_one(d);
        if (kind == 2 && d->state == HUNT && c->carrier_run >= lead_in && (double)c->at - t < c->cell_len &&
            c->last_flip >= d->blind_until) {
            /* a 1200 Hz half cycle after carrier: the start bit began at the previous change
             * (unless the signal stopped after it: each change is judged when the next one
             * comes, which may be much later) */
            clock_put(d, c);
            d->now = c->at;     /* the sign change at hand: its sample's work is not done */
            d->now_done = 0;
            start_byte(d, c->last_flip, c->flip_head);   /* the latest change in the ring */
            clock_get(d, c);
            set_deadline_of(c, d);
        }
        c->carrier_run = 0;
    }
    c->last_kind = kind;
    d->flips[c->flip_head % KCS_FLIP_RING] = t;
    c->flip_head++;
    c->last_flip = t;
}

/* Noise near a zero crossing makes extra sign changes a fraction of a half cycle apart. Each
 * change is held until the next one: a pair closer than half a 2400 Hz half cycle is a
 * glitch, and both go. */
static void on_sign_change(kcs_decoder *d, kcs_clock *c, double t)
{
    if (c->have_pending) {
        if (t - c->pending_change < c->glitch_len) {
            c->have_pending = 0;
            return;
        }
        on_half_cycle(d, c, c->pending_change);
    }
    c->pending_change = t;
    c->have_pending = 1;
}

/* Halfway through a start-bit candidate: a stray long half cycle in carrier (noise) is
 * caught here, in time to catch the real start bit that may follow within the cell. */
static int start_bit_holds(kcs_decoder *d)
{
    int count = count_half_cycles(d, d->cell_start, d->cell_start + 0.5 * cell_len(d));
    if (4 * count >= 3 * flips_for_one(d) / 2) {
        d->state = HUNT;
        d->c.carrier_run = d->run_before_start + count;
        set_deadline(d);
        return 0;
    }
    d->start_checked = 1;
    set_deadline(d);
    return 1;
}

/* The flywheel: bytes follow one another on a grid. When the start bit due after a good byte
 * went unseen (noise hid its first half cycle), the first half of its cell decides: half as
 * many sign changes as carrier make it a start bit, read from where it was due. (At 1200 baud
 * half a cell holds too few sign changes to judge: no flywheel there.) */
static void grid_check(kcs_decoder *d)
{
    double at = d->next_start;
    d->next_start = 0;
    int count = count_half_cycles(d, at, at + 0.5 * cell_len(d));
    /* a start bit is expected here: the benefit of the doubt up to 0.8 of carrier's count
     * (the whole start cell is still checked before the byte is read), but half the count of
     * 1200 Hz at least: silence where the recording stopped is no start bit */
    if (5 * count <= 2 * flips_for_one(d) && 4 * count >= flips_for_one(d) / 2) {
        unsigned flip;
        double start = snap_to_flip(d, at, short_half(d), &flip);
        start_byte(d, start, flip);
        d->start_checked = 1;
    }
    set_deadline(d);
}

/* The grid of the last good byte: bytes back to back every grid_cells cells at the speed that
 * byte was read at (the average of its cells: the tracked speed of the moment is noisier; at
 * -3 dB SNR the grid it gave strayed 20% further from where bytes begin, with 40% more byte
 * errors), times grid_ratio. Noise biases the tracked speed (by about 1% at -3 dB SNR, and the
 * grid with it by a tenth of a cell a byte); the ratio, learnt from where good bytes fall
 * against the grid, takes that out. It moves little a byte and stays within 1%: a wider
 * ratio chases the lag of the tracked speed in flutter and misplaces the grid. */
#define GRID_RATIO_GAIN 0.2
#define GRID_RATIO_MAX 0.01
/* The same bias shortens the cells of frames read whole, and by cell 8 of a frame it adds up
 * (bit 7 was the bit most often wrong): frames are read with the tracked cell times the grid
 * ratio averaged over some CELL_RATIO_BYTES bytes. Averaged that long it keeps the bias and not
 * the lag of flutter, which the ratio of the moment chases (with it, 5% flutter at -2 dB SNR:
 * 48 byte errors in 300 recordings became 76; averaged over 64 bytes 57, over 256 37). Over 256
 * bytes, at 600 baud and 0 dB SNR 28 byte errors in 100 recordings became 7; at -3 dB 25 in
 * 1000 became 18 (8 in 400 fresh ones stayed 8); at -5 dB 562 in 200 became 445; at 8000 Hz,
 * where the speed is not biased, the same. (Correcting instead by the variance of the half
 * cycles, the bias in theory, failed at 8000 Hz: 98 -> 137.) */
#define CELL_RATIO_BYTES 256
/* On a steady tape the spacing of back-to-back good bytes gives the cell far more precisely:
 * the tracked speed strays by about 1% rms at -3 dB SNR, and a cell 2-4% short misread a late
 * 1 after a 0 (half the byte errors left there; reading frames with the exact cell, 14 byte
 * errors in 1000 recordings became 5). The spacing of one pair strays by 0.7-1.1% rms in noise
 * alone (-4 to 3 dB SNR, 300 and 600 baud, 8000 Hz), by 1.3% or more with wow or flutter of
 * 1.5% or more, where it would lag: frames are read with the spaced cell while pairs stray by
 * less than SPACED_STEADY (at 0.025, 1.5-2% flutter lost 1-2 bytes in 100 recordings, at 0.015
 * none), averaged over SPACED_BYTES pairs (64 lagged 2 dB of flutter behind: 5% at -2 dB 4 ->
 * 12 byte errors in 200 recordings). */
#define SPACED_BYTES 32
#define SPACED_STEADY 0.015
#define SPACED_MIN_PAIRS 4
static int spaced_steady(const kcs_decoder *d)
{
    return d->spaced_pairs >= SPACED_MIN_PAIRS && d->spaced_var < SPACED_STEADY * SPACED_STEADY;
}

/* The period of the grid. On a steady tape, grid_cells spaced cells: the cell of the one byte
 * it began at strays as the tracked speed does, by 2-3% in places at -3 dB SNR, which put the
 * grid's next point a third of a cell off and the frame there out of the search's reach (with
 * deliver_missed's loop, at 600 baud and 0 dB SNR 22 byte errors in 300 recordings became 2,
 * at -4 dB 15 in 200 became 6, at 8000 Hz 13 in 100 became 9). */
static double grid_period(const kcs_decoder *d)
{
    if (spaced_steady(d))
        return d->grid_cells * d->spaced_cell;
    return d->grid_ratio * d->grid_cells * d->grid_cell;
}

/* A running average over some `n` values, 0 until the first (which it then takes whole). */
static double running_average(double average, double value, double n)
{
    return average > 0 ? average + (value - average) / n : value;
}

/* The same, the `count`th value on: the plain mean of those so far until there are n of them
 * (the first value alone would weigh 62% after 16; with the mean the spaced cell is sure
 * enough after SPACED_MIN_PAIRS pairs, where frames early in a recording were read with a
 * tracked cell 2-3% short). */
static double warming_average(double average, double value, double n, int count)
{
    return running_average(average, value, fmin(n, count));
}

/* The cell of frames read whole: the spaced one on a steady tape, else the tracked one times
 * the average grid ratio. */
static double frame_cell(const kcs_decoder *d)
{
    if (spaced_steady(d))
        return d->spaced_cell;
    return d->cell_ratio > 0 ? cell_len(d) * d->cell_ratio : cell_len(d);
}

/* How far (eighths of a cell, either way) frames are looked for around the points of the grid:
 * twice the distance by which good bytes miss it (rms), from a quarter to half a cell. Half a
 * cell throughout took frames off by half a cell in noise (at -3 dB SNR 41 byte errors in 600
 * recordings where 68 before, with the wait of byte_read); a quarter throughout lost the grid
 * at 600 baud, where it is less precise. A new grid starts at half a cell. */
#define GRID_MISS_SQ_NEW (1 / 16.0)
static int grid_reach(const kcs_decoder *d)
{
    int r = (int)lround(16 * sqrt(d->grid_miss_sq));
    return r < 2 ? 2 : r > 4 ? 4 : r;
}

/* The grid point of the last good byte nearest `t`, or 0 without a recent good byte. */
static double grid_point(const kcs_decoder *d, double t)
{
    double period = grid_period(d);
    if (d->last_good <= 0 || t - d->last_good > 4.5 * period)
        return 0;
    return d->last_good + round((t - d->last_good) / period) * period;
}

/* A good byte began at `start`, read at `speed`: the grid's new origin and cell, and, when it
 * fell near a later point of the old grid, what it says of the grid's period. */
static void grid_update(kcs_decoder *d, double start, double speed)
{
    double g = grid_point(d, start), period = grid_period(d);
    if (g != 0 && fabs(start - g) < 0.5 * cell_len(d) && start - d->last_good > 0.5 * period) {
        double periods = round((start - d->last_good) / period);
        d->grid_ratio += GRID_RATIO_GAIN * (start - g) / (periods * period);
        d->grid_ratio = fmin(fmax(d->grid_ratio, 1 - GRID_RATIO_MAX), 1 + GRID_RATIO_MAX);
        d->cell_ratio = running_average(d->cell_ratio, d->grid_ratio, CELL_RATIO_BYTES);
        double miss = (start - g) / cell_len(d);
        d->grid_miss_sq += (miss * miss - d->grid_miss_sq) / 8;
        if (periods == 1) {
            double spaced = (start - d->last_good) / d->grid_cells;
            if (d->spaced_cell > 0) {
                double stray = spaced / d->spaced_cell - 1;
                d->spaced_var = warming_average(d->spaced_var, stray * stray, SPACED_BYTES, d->spaced_pairs);
            }
            d->spaced_pairs++;
            d->spaced_cell = warming_average(d->spaced_cell, spaced, SPACED_BYTES, d->spaced_pairs);
        }
    }
    if (g == 0)
        d->grid_miss_sq = GRID_MISS_SQ_NEW;
    d->last_good = start;
    d->grid_cell = d->c.nominal_cell / speed;
}

/* Arms the flywheel once a byte is complete (d->cell_start is the end of its first stop bit).
 * After a good byte the next is due after the second stop bit. After a framing error (often a
 * start bit found late), the grid of the last good byte still says where bytes begin: its
 * next point not more than a cell and a half back is checked at once, from the sign changes
 * still in the ring, and reading catches up. */
static void flywheel_after(kcs_decoder *d, int good, double speed)
{
    double cell = cell_len(d);
    if (good) {
        grid_update(d, d->byte_start, speed);
        d->next_start = d->cell_start + (d->grid_cells - FRAME_CELLS) * cell;
        return;
    }
    if (d->last_good <= 0)
        return;
    for (int k = 1; k <= 4; k++) {
        double at = d->last_good + k * grid_period(d);
        if (at > d->cell_start - 1.5 * cell) {
            d->next_start = at;
            return;
        }
    }
}

double kcs_spacing_speed(double cells, double tracked_speed)
{
    double at_tape_speed = cells * tracked_speed;
    long n = lround(at_tape_speed);
    return (n == 10 || n == 11) && fabs(at_tape_speed - (double)n) < 0.3 ? (double)n / cells : 0;
}

/* The speed statistic, from the spacing of consecutive good bytes (kcs_spacing_speed) read at
 * the tracked speed over the two (the speed of the moment lags the tape's in flutter, and the
 * pairs it misjudged were left out unevenly: +0.5% in 5% flutter at 4 Hz). This byte was read
 * at `byte_speed`. */
static void pair_speed(kcs_decoder *d, double byte_speed)
{
    double cells = (d->byte_start - d->prev_good_start) * d->p.baud / d->irate;
    double speed = kcs_spacing_speed(cells, 0.5 * (byte_speed + d->prev_good_speed));
    d->prev_good_start = d->byte_start;
    d->prev_good_speed = byte_speed;
    if (speed > 0) {
        int n = (int)lround(speed * cells);
        d->grid_agreed = n == d->grid_cells ? d->grid_agreed + 1 : 1;
        d->grid_cells = n;
        d->pair_speed_sum += speed;
        d->pair_count++;
    }
}

/* A byte (or a framing error) whose start bit began at `start`, read at `speed` (the tracked
 * speed over its cells), the end of its first stop bit at d->cell_start: reported, and the hunt
 * for the next byte set going. */
static void deliver(kcs_decoder *d, unsigned byte, int good, double start, double speed)
{
    kcs_byte_event ev;
    ev.byte = (uint8_t)byte;
    ev.framing_error = !good;
    ev.start_sample = (uint64_t)(start > 0 ? start * d->decim : 0);
    ev.time = start / d->irate;
    ev.speed = speed;
    ev.fast = d->clean_mode;    /* (the full decoder rests while the clean reader reads) */
    d->byte_start = start;
    d->delivered_end = d->cell_start;
    if (good) {
        d->stats.bytes++;
        d->speed_sum += ev.speed;
        pair_speed(d, speed);
    } else {
        if (d->stats.framing_errors < KCS_ERROR_TIMES)
            d->stats.error_times[d->stats.framing_errors] = ev.time;
        d->stats.framing_errors++;
    }
    d->state = HUNT;
    d->locked = good;
    /* the stop bit was carrier: count it towards the next start bit's lead-in; the next
     * byte is due after the second stop bit (the OSI writes two) */
    d->c.carrier_run = good ? flips_for_one(d) : 0;
    d->next_start = 0;
    if (flips_for_one(d) >= 8) {
        flywheel_after(d, good, speed);
        /* a frame recovered from the past: the next one on its grid may be under way for
         * longer than the flywheel looks back; it is read whole when it ends, looked for an
         * eighth of a cell further than usual (this byte's place, found by searching, is less
         * sure than a byte read at once) */
        if (d->next_start > 0 && d->next_start < (double)d->now - 1.5 * cell_len(d)) {
            d->state = FRAME;
            d->frame_start = d->next_start;
            d->frame_reach = grid_reach(d) + 1;
            d->next_start = 0;
        }
    }
    set_deadline(d);
    if (d->on_byte)
        d->on_byte(d->ctx, &ev);
}

/* A frame found by searching replaces the byte read only when it is this clear (of 10; frames
 * found in noise at -3 dB SNR score about 9, and a lower bar lets frames that are off by whole
 * cells through), or, in stronger noise, where the frames the search took lately score less,
 * FRAME_CLEAR_MARGIN below their average: at -5 dB SNR true frames often fell short of 8 and
 * the count's byte went out instead (386 byte errors in 100 recordings became 255, on 100
 * fresh ones 372 became 310; at -3 and -4 dB as before). */
#define FRAME_CLEAR 8.0
#define FRAME_CLEAR_MARGIN 1.3
static double frame_clear(const kcs_decoder *d)
{
    return d->search_score > 0 ? fmin(FRAME_CLEAR, d->search_score - FRAME_CLEAR_MARGIN) : FRAME_CLEAR;
}
/* Below this a frame is noise: frames in tape hiss score mostly 5-7, bytes in white noise at
 * -3 dB SNR about 9. */
#define FRAME_NOISE 7.0

/* A frame far off the grid of the last good byte (more than half a cell, and more than five
 * times the grid's rms miss) counts its fit this much smaller: a byte whose bit 0 is 0 reads
 * as another valid frame a cell late, which noise may make fit as well as the true one (at -3
 * dB SNR, 29 byte errors in 1000 recordings became 25, 9 in 400 fresh ones 8; 600 baud at 0 dB
 * 33 -> 28; with 5% flutter, where the grid misses more, 49 -> 48). */
#define OFF_GRID_FIT_LOSS 0.05
/* Within that reach too, a frame loses GRID_PRIOR of its fit times the square of its distance
 * from the grid's point in cells: the wrong frames the search took lay mostly at the edge of
 * its reach, a quarter cell off a grid that was right within a tenth. Gently: at 0.1 (a
 * quarter cell off costs 0.6%), -3 dB SNR 1000 recordings 16 -> 14 and 5% flutter at -2 dB
 * 8 -> 4 in 200; at 0.2, 17 and 6; at 0.6, 19 (a linear pull, tried before, made every
 * condition worse). */
#define GRID_PRIOR 0.1
static double fit_against_grid(const kcs_decoder *d, const kcs_frame *f, double at)
{
    double g = grid_point(d, at), cell = cell_len(d), far = fmax(0.5, 5 * sqrt(d->grid_miss_sq)) * cell;
    if (g == 0)
        return f->fit;
    double off = (at - g) / cell;
    double loss = GRID_PRIOR * off * off + (fabs(at - g) > far ? OFF_GRID_FIT_LOSS : 0);
    return f->fit - loss * fabs(f->fit);
}

/* The cell before a frame is carrier (a stop bit, or the leader): its fit, as that of a 1,
 * counts this much towards the frame's. Without it a frame read late lost only where its bits
 * change and its start bit does not begin: a byte whose bits 0 and 1 are 0 read as well a
 * quarter cell late as in place, and its bit 1 often as 1. At full weight (at -3 dB SNR, of
 * the frames the search took in 200 recordings, those off by more than a fifth of a cell
 * became 53 where 168) it made more of the short cells at 600 baud misread; at half weight,
 * with the rule that a frame fits positively: at -3 dB SNR 6 byte errors in 2000 recordings
 * became 3, at 8000 Hz 17 in 100 became 13, 1.5% wow at 3 Hz 2 -> 0, 1200 baud at 6 dB 2 -> 0;
 * at 600 baud and 0 dB SNR 17 in 300 became 22. */
#define LEAD_FIT_WEIGHT 0.5

/* Reads the frame at `start`, moved by `early` eighths of a cell earlier to `late` eighths
 * later, where its samples are at hand, and keeps it in *best when it is valid, scores at
 * least `min_score`, and fits better than *best (fit_against_grid). A frame read a cell late
 * fits as well as the true one when the true one's bit 0 is 0 (both are aligned with the
 * cells); only the cell before tells them apart: the stop bit or carrier before a true frame,
 * the true start bit before a late one. A frame with a clear 0 there is no frame (at -3 dB
 * SNR, 18 byte errors in 1000 recordings became 16; 5% flutter at -2 dB, 29 in 200 became 8).
 * Nor is a frame that does not fit positively, whose cells' halves on balance hold the other
 * tone than its bits: the search found such frames (inside a byte, or across two) where it
 * found no other, and the grid followed them off (at -4 dB SNR 47 byte errors in 200 recordings
 * became 16, at 600 baud and 0 dB 47 in 300 became 17). */
static void try_frame(const kcs_decoder *d, double start, int early, int late, double min_score, kcs_frame *best,
                      double *best_at)
{
    double cell = cell_len(d), oldest = oldest_kept(d), fcell = frame_cell(d);
    for (int k = -early; k <= late; k++) {
        double at = start + k * cell / 8;
        if (at + CELL_EDGE * cell < oldest || at + (FRAME_CELLS - CELL_EDGE) * fcell > (double)d->now)
            continue;
        kcs_frame f = frame_at(d, at, fcell);
        double e1200, e2400, lead[2] = {0, 0};
        int lead_clear_0 = cell_energies(d, at, fcell, -1, &e1200, &e2400, lead) && e1200 > 2 * e2400;
        f.fit += LEAD_FIT_WEIGHT * (lead[0] + lead[1]);
        f.valid = f.valid && !lead_clear_0 && f.fit > 0;
        f.fit = fit_against_grid(d, &f, at);
        if (f.valid && f.score >= min_score && (!best->valid || f.fit > best->fit)) {
            *best = f;
            *best_at = at;
        }
    }
}

/* Whether bytes may still turn out to have one stop bit: the grid assumes two until three
 * spacings in a row say so. Until then frames are also looked for where bytes with one stop
 * bit would lie: the grid's bytes a cell shorter (with one stop bit at -3 dB SNR, the first
 * bytes of a recording were read a cell further off each, 64 byte errors in 100 recordings
 * became 6, on 100 fresh ones 94 became 10; with two, no change). */
static int one_stop_possible(const kcs_decoder *d) { return d->grid_agreed < 3 && d->grid_cells > FRAME_CELLS; }
/* Whether two stop bits are established: only then may a search wait into the second one (with
 * one, the next start bit follows at once). */
static int two_stops_established(const kcs_decoder *d) { return d->grid_cells > FRAME_CELLS && d->grid_agreed >= 3; }

/* No byte this time: on to `state` (HUNT, or FRAME) with no lead-in and no start bit due. */
static void wait_in(kcs_decoder *d, int state)
{
    d->state = state;
    d->locked = 0;
    d->c.carrier_run = 0;
    d->next_start = 0;
    set_deadline(d);
}

/* No byte this time: the frame that began at `start` (give or take `reach` eighths of a cell)
 * is read whole when it ends (read_frame). */
static void read_frame_at(kcs_decoder *d, double start, int reach)
{
    d->frame_start = start;
    d->frame_reach = reach;
    wait_in(d, FRAME);
}

static void search_frames(kcs_decoder *d);
static void deliver_missed(kcs_decoder *d, double start, double speed);

/* A byte has been read (its stop bit is `stop_bit`). Accepted at once when it is good, none of
 * its cells was in doubt, and it lies where the grid of the last good byte puts one. Otherwise
 * it may come from a false start (noise made one of a 0 bit inside a byte, or hid the real
 * one) or its cells may have drifted off the bits: the filtered samples are searched for the
 * frame that was really there, whole frames read by their tone energies: without a grid the
 * earliest clear valid one after carrier, or one around where this byte began; with a grid
 * the clear valid one that fits best of those far off the grid at its next point, around
 * where this byte began, and on the grid. A frame on the grid still being played is read when
 * it ends. The search waits until the latest frame around the byte has been played (state
 * SEARCH, into the second stop bit): looking earlier would see only the frames that begin
 * early, and take an early wrong one over the right one (at -3 dB SNR half the byte errors
 * came so). Only
 * where two stop bits are established (three spacings in a row of 11 cells): with one, the
 * next start bit follows at once, and waiting would miss it. */
static void byte_read(kcs_decoder *d, int stop_bit)
{
    d->doubt_rate += ((double)d->byte_doubt - d->doubt_rate) / 16;
    double g = grid_point(d, d->byte_start);
    if (stop_bit && !d->byte_doubt && g != 0 && fabs(g - d->byte_start) < 0.4 * cell_len(d)) {
        double start = d->byte_start, speed = d->byte_speed_sum / 10.0;
        d->clean_run++;
        deliver_missed(d, start, speed);
        deliver(d, d->shift, stop_bit, start, speed);
        return;
    }
    d->clean_run = 0;
    d->stop_bit = stop_bit;
    d->state = SEARCH;
    d->search_waited = 0;
    /* a start read up to a cell before the grid's point (often a false one, early in noise):
     * the frames around that point are waited for too, up to half a cell longer less the
     * settling time, so that the next start bit is not missed (at -3 dB SNR, of the 68 byte
     * errors left in 600 recordings, 20 were frames taken early while those on the grid were
     * still being played) */
    d->search_base = d->byte_start;
    double cell = cell_len(d);
    if (g > d->byte_start && g < d->byte_start + cell)
        d->search_base = fmax(d->byte_start, fmin(g + (grid_reach(d) - SEARCH_LATE) / 8.0 * cell,
                                                  d->byte_start + 0.5 * cell - d->c.settle_len));
    if (!two_stops_established(d))
        search_frames(d);
    else
        set_deadline(d);
}

/* A byte beginning at `start`, a byte or more past the grid's next point: a clear frame there
 * that ends before it (its stop bits, as many as the grid has, before `start`) is a byte the
 * first look missed (its start bit hidden by noise), and is delivered first. Also for bytes
 * accepted at once: a byte on the grid two points on from the last good one had the one
 * between go missing unseen (at -3 dB SNR, 55 byte errors in 1000 recordings became 46); and
 * for frames read on the grid (read_frame). With one stop bit, frames 10 cells apart were
 * taken for overlapping ones before, and such a byte was lost: both together, 65 byte errors
 * in 100 recordings at -3 dB SNR became 59. Up to MISSED_MAX frames in a row: with the grid's
 * period from the spaced cell the grid reaches far enough for two missed bytes to be found. */
#define MISSED_MAX 3
static void deliver_missed(kcs_decoder *d, double start, double speed)
{
    double cell = cell_len(d), end = d->cell_start;
    for (int n = 0; n < MISSED_MAX && d->last_good > 0; n++) {
        double next = d->last_good + grid_period(d);
        if (start - next <= 0.5 * grid_period(d))
            return;
        kcs_frame missed = {0, 0, 0, 0};
        double missed_at = 0;
        try_frame(d, next, grid_reach(d), grid_reach(d), frame_clear(d), &missed, &missed_at);
        if (!missed.valid || start - missed_at <= (d->grid_cells - 0.5) * cell)
            return;
        d->cell_start = missed_at + FRAME_CELLS * cell;
        deliver(d, missed.byte, 1, missed_at, speed);
        d->cell_start = end;
    }
}

/* The search of byte_read, once its frames are at hand. */
static void search_frames(kcs_decoder *d)
{
    double cell = cell_len(d), now = (double)d->now, speed = d->byte_speed_sum / 10.0;
    double g = grid_point(d, d->byte_start), next = d->last_good + grid_period(d);
    int stop_bit = d->stop_bit;
    double best_at = 0, pending = 0, unseen = 0;
    kcs_frame best = {0, 0, 0, 0};
    if (g == 0) {
        /* no grid: the byte may be the first after carrier, whose start bit may have been
         * missed and one found inside it, or a later one, those before it missed whole (the
         * first start bit wants two cells of steady carrier before it, and in strong noise
         * the two stop bits between bytes often fall short); the real one is the earliest
         * frame after carrier within three bytes' length back (looking only 10 cells back made
         * a false grid of the second case: 136 byte errors in 600 recordings at -3 dB SNR where
         * 99 with one byte's length; with three, of 1000 such recordings none lost a first
         * byte where 7 lost 8 bytes, and 43 byte errors in all became 34); of the frames
         * around the earliest cell where one is found and around the next cell, the one that
         * fits best (the earliest alone was often a frame half a cell early, whose cells read
         * the bits before their own: a third of the byte errors left at -3 dB SNR, the first
         * byte after the leader; with the cell before a frame checked by try_frame, a frame a
         * cell late is no danger) */
        int earliest = 1;   /* the cell of the earliest frame found (none yet: past the last) */
        for (int k = -ACQUIRE_BYTES * (FRAME_CELLS + 1); k <= 0 && k <= earliest + 1; k++) {
            /* the frames tried, from half a cell early: half a cell or more after the last
             * byte's first stop bit, and the two cells of carrier before them at hand (bounding
             * the carrier instead of the frames by the last byte, as before, kept the byte
             * right after it from being found at all: at 1200 baud, where every byte is
             * searched for, a start missed in noise became a burst of wrong bytes) */
            double first = d->byte_start + (k - 0.5) * cell;
            if (first < d->delivered_end + 0.5 * cell || first - 2 * cell < oldest_kept(d))
                continue;
            kcs_frame f = {0, 0, 0, 0};
            double at = 0;
            try_frame(d, d->byte_start + k * cell, SEARCH_EARLY, SEARCH_LATE, frame_clear(d), &f, &at);
            /* the two cells of carrier before it are judged a quarter cell early: a frame
             * found in noise may lie that late, which puts some of its start bit into them;
             * a frame where the last byte's stop bits put the next needs no such proof (short
             * 1200-baud cells often fail it in noise). Both together: at 1200 baud and 6 dB
             * SNR 17 byte errors in 60 recordings became 1, in 60 fresh ones 13 became 8; in
             * the bench's combined condition 33 -> 29; at 300 and 600 baud the same. */
            double lead = at - 0.25 * cell;
            int after_last = d->delivered_end > 0 &&
                             fabs(at - d->delivered_end - (d->grid_cells - FRAME_CELLS) * cell) < 0.5 * cell;
            if (f.valid && (k == 0 || after_last ||
                            (cell_clearly(d, lead, cell, -1, 1) && cell_clearly(d, lead, cell, -2, 1))) &&
                (!best.valid || f.fit > best.fit)) {
                earliest = best.valid ? earliest : k;
                best = f;
                best_at = at;
            }
        }
    } else if (fabs(g - d->byte_start) > 0.75 * cell) {
        /* a start found a cell or more off the grid: most likely a false one inside a byte */
        if (next + FRAME_CELLS * cell <= now)
            try_frame(d, next, 2, 2, frame_clear(d), &best, &best_at);
    }
    if (!best.valid)
        try_frame(d, d->byte_start, SEARCH_EARLY, SEARCH_LATE, frame_clear(d), &best, &best_at);
    for (int m = 1; (!best.valid || g != 0) && d->last_good > 0 && m <= 4; m++) {
        double at = d->last_good + m * grid_period(d);
        if (unseen == 0 && at < d->byte_start + cell && at + (FRAME_CELLS + grid_reach(d) / 8.0) * cell > now)
            unseen = at;
        if (at + FRAME_CELLS * cell > now) {
            if (at <= now && pending == 0)
                pending = at;
            continue;
        }
        try_frame(d, at, grid_reach(d), grid_reach(d), frame_clear(d), &best, &best_at);
        if (one_stop_possible(d))
            try_frame(d, d->last_good + (at - d->last_good) * FRAME_CELLS / d->grid_cells, grid_reach(d),
                      grid_reach(d), frame_clear(d), &best, &best_at);
    }
    if (!best.valid && !stop_bit && g != 0 && pending == 0 && g + FRAME_CELLS * cell <= now)
        /* rather than a framing error where the grid puts a byte: a frame there that is more
         * than noise, if there is one */
        try_frame(d, g, 2, 2, FRAME_NOISE, &best, &best_at);
    if (best.valid && unseen > 0 && !d->search_waited && two_stops_established(d) &&
        fabs(best_at - unseen) > (grid_reach(d) + 0.5) / 8.0 * cell) {
        /* the frame found lies off the grid, whose own frames for this byte are not all at
         * hand yet: those are waited for and the search made again (the wait is short, and a
         * next start bit missed meanwhile is read whole on the grid) */
        d->search_waited = 1;
        d->search_base = unseen + (grid_reach(d) - SEARCH_LATE) / 8.0 * cell;
        set_deadline(d);
        return;
    }
    if (best.valid) {
        d->search_score = running_average(d->search_score, best.score, 16);
        deliver_missed(d, best_at, speed);
        d->cell_start = best_at + FRAME_CELLS * cell;
        deliver(d, best.byte, 1, best_at, speed);
    } else if (pending > 0) {
        read_frame_at(d, pending, 2);
    } else if (g == 0 && frame_at(d, d->byte_start, cell).score < FRAME_NOISE) {
        /* nothing clear, no grid, and hardly a tone in the byte's cells: the hiss of blank
         * tape, which the trigger follows down to its level, not a byte */
        wait_in(d, HUNT);
    } else if (cell_clearly(d, d->byte_start, cell, 0, 1)) {
        /* nothing clear, and the start bit's cell clearly carrier: a false start in carrier
         * (the trailer's, mostly), which the count read as 0xff; no byte, and the grid still
         * says where the next is due (at -3 dB SNR, 5 such bytes in 1000 recordings) */
        wait_in(d, HUNT);
        flywheel_after(d, 0, speed);
        set_deadline(d);
    } else {
        deliver(d, d->shift, stop_bit, d->byte_start, speed);
    }
}

/* The end of a frame on the grid has come (state FRAME): it is read whole. When it is no frame
 * and began with carrier, the bytes paused there: none began (carrier throughout: the hunt
 * goes on), or one began where the carrier ended (in the first cell that is not carrier, give
 * or take five eighths), and is read whole in turn. Only what began otherwise than with
 * carrier is a framing error. */
static void read_frame(kcs_decoder *d)
{
    double cell = cell_len(d), best_at = d->frame_start;
    kcs_frame best = {0, 0, 0, 0};
    d->clean_run = 0;
    try_frame(d, d->frame_start, d->frame_reach, d->frame_reach, 0, &best, &best_at);
    if (one_stop_possible(d))
        try_frame(d, d->frame_start - (d->grid_cells - FRAME_CELLS) * cell, d->frame_reach, d->frame_reach, 0, &best,
                  &best_at);
    if (!best.valid) {
        int k = 0;
        while (k < FRAME_CELLS && cell_clearly(d, d->frame_start, cell, k, 1))
            k++;
        if (k == FRAME_CELLS) {
            wait_in(d, HUNT);
            return;
        }
        if (k > 0) {
            read_frame_at(d, d->frame_start + k * cell, 5);
            return;
        }
    }
    if (best.valid)
        deliver_missed(d, best_at, d->c.speed);
    d->cell_start = best_at + FRAME_CELLS * cell;
    deliver(d, best.byte, best.valid, best_at, d->c.speed);
}

/* The signal level while bytes are read: the cell's samples, their power brought back to the
 * audio's by the prefilter's gain at the cell's tone (so that the level is the recording's,
 * as the clean reader measures it on the raw samples). */
static void add_level(kcs_decoder *d, int bit)
{
    int kept = tones_count(d);
    const float *v = kept ? &d->y[(ptrdiff_t)(d->tones.from - d->n)] : NULL;
    v2d sq01 = {0, 0}, sq23 = {0, 0};   /* four sums side by side, two to a vector */
    int i = 0;
    for (; i + 4 <= kept; i += 4) {
        v2d lo = {v[i], v[i + 1]}, hi = {v[i + 2], v[i + 3]};
        sq01 += lo * lo;
        sq23 += hi * hi;
    }
    double sq0 = sq01[0];
    for (; i < kept; i++)
        sq0 += (double)v[i] * v[i];
    d->level_sq_sum += ((sq0 + sq01[1]) + (sq23[0] + sq23[1])) / d->tone_power[bit];
    d->level_count += (uint64_t)kept;
}

/* The share of bytes in doubt (an average over the last 16 or so) above which the recording
 * counts as noisy for finish_cell: clean recordings have none. */
#define NOISY_DOUBT_RATE 0.03
static void finish_cell(kcs_decoder *d)
{
    if (d->bit_index == 0 && !d->start_checked) {
        start_bit_holds(d);
        return;
    }
    unsigned end_flip;
    double end = snap_to_flip(d, d->cell_start + cell_len(d), 0.5 * short_half(d), &end_flip);
    int count = cell_count(d, d->cell_start, d->cell_start_flip, end, end_flip);
    /* 8 half cycles in a 0 cell and 16 in a 1 cell at 300 baud: the threshold is 12. Noise
     * adds and removes sign changes; when the count lands within 2 of the threshold (an
     * eighth of a 1 cell's count at any baud), the tone energies of the cell decide. */
    int margin = 4 * count - 3 * flips_for_one(d);
    int bit = margin >= 0;
    double e1200, e2400;
    if (8 * abs(margin) <= 4 * flips_for_one(d)) {
        d->byte_doubt = 1;
        if (tone_energies(d, &e1200, &e2400))
            bit = e2400 > e1200;
    } else if (!bit && d->bit_index > 0 && d->doubt_rate > NOISY_DOUBT_RATE && tone_energies(d, &e1200, &e2400) &&
               e2400 > e1200) {
        /* in strong noise the trigger may miss half of 2400 Hz's sign changes, and a 1 cell
         * counts as a clean 0: where bytes are often in doubt, a 0 cell holding more 2400
         * than 1200 Hz puts its byte in doubt too (at -3 dB SNR, 79 byte errors in 600
         * recordings became 68) */
        d->byte_doubt = 1;
        bit = 1;
    }
    add_level(d, bit);
    if (d->on_bit) {
        kcs_bit_event ev = {(uint64_t)(end > 0 ? end * d->decim : 0), (end - d->cell_start) * d->decim, count, bit,
                            d->bit_index};
        d->on_bit(d->bit_ctx, &ev);
    }
    d->cell_start = end;
    d->cell_start_flip = end_flip;
    set_deadline(d);
    start_tones(d);
    d->byte_speed_sum += d->c.speed;
    if (d->bit_index == 0) {
        if (bit) {                     /* not a start bit after all: keep hunting */
            d->state = HUNT;
            set_deadline(d);
        }
    } else if (d->bit_index <= 8) {
        d->shift |= (unsigned)bit << (d->bit_index - 1);
    } else {
        byte_read(d, bit);
        return;
    }
    d->bit_index++;
}

/* The sign changes of the Schmitt trigger found by front_block: the samples that crossed the
 * threshold (four entries past the count may be written), and the hysteresis at every sample
 * of the block (the changes alternate in direction, so the threshold crossed is +h going up
 * and -h going down). */
typedef struct {
    uint32_t i[KCS_CHUNK + 4];
    float h[KCS_CHUNK];
} flip_list;

/* The Schmitt trigger as a set-reset latch over four samples at a time: from its state before
 * them (bit 0 of the index), the samples above +h (bits 1-4) and below -h (bits 5-8), its
 * state after each of them (bits 0-3). */
#define SR_B(x, k) (((x) >> (k)) & 1)
#define SR_S0(x) (SR_B(x, 1) | (SR_B(x, 0) & !SR_B(x, 5)))
#define SR_S1(x) (SR_B(x, 2) | (SR_S0(x) & !SR_B(x, 6)))
#define SR_S2(x) (SR_B(x, 3) | (SR_S1(x) & !SR_B(x, 7)))
#define SR_S3(x) (SR_B(x, 4) | (SR_S2(x) & !SR_B(x, 8)))
#define SR(x) (SR_S0(x) | SR_S1(x) << 1 | SR_S2(x) << 2 | SR_S3(x) << 3)
#define SR4(x) SR(x), SR((x) + 1), SR((x) + 2), SR((x) + 3)
#define SR16(x) SR4(x), SR4((x) + 4), SR4((x) + 8), SR4((x) + 12)
#define SR64(x) SR16(x), SR16((x) + 16), SR16((x) + 32), SR16((x) + 48)
#define SR256(x) SR64(x), SR64((x) + 64), SR64((x) + 128), SR64((x) + 192)
static const uint8_t sr_latch[512] = {SR256(0), SR256(256)};
/* For a mask of four bits: its bits' positions in order (the rest repeat the last), and how
 * many. */
static const v4u bit_positions[16] = {
    {0, 0, 0, 0}, {0, 0, 0, 0}, {1, 1, 1, 1}, {0, 1, 1, 1}, {2, 2, 2, 2}, {0, 2, 2, 2},
    {1, 2, 2, 2}, {0, 1, 2, 2}, {3, 3, 3, 3}, {0, 3, 3, 3}, {1, 3, 3, 3}, {0, 1, 3, 3},
    {2, 3, 3, 3}, {0, 2, 3, 3}, {1, 2, 3, 3}, {0, 1, 2, 3}};
static const uint8_t bit_count[16] = {0, 1, 1, 2, 1, 2, 2, 3, 1, 2, 2, 3, 2, 3, 3, 4};

static inline unsigned v4_signs(v4i m)
{
#if defined(__SSE__)
    return (unsigned)__builtin_ia32_movmskps((v4f)m);
#else
    return (unsigned)((m[0] & 1) | (m[1] & 2) | (m[2] & 4) | (m[3] & 8));
#endif
}

/* The level (an envelope of |v| of the filtered signal, time constant 4 ms) sets the Schmitt
 * trigger's hysteresis h = 0.2 level, and the trigger only switches once the level is above
 * the noise floor of float audio. The level moves once every four samples, on groups fixed in
 * sample time (so the chunking does not matter), which makes h a constant within a group: a
 * whole group is then tested at once (two vector comparisons and the latch table), and the
 * samples of a group cut by the end of a push one at a time, to the same result. The lists
 * are written without branches (crossings come every two or three samples at no regular
 * pattern, which a branch predictor cannot learn). The group's sum of |v| is always added up
 * in the same order: (m0 + m2) + (m1 + m3). */
#define LEVEL_STEP(m0, m1, m2, m3) LEVEL_STEP_PAIRS((m0) + (m2), (m1) + (m3))
#define LEVEL_STEP_PAIRS(m02, m13)                                          \
    do {                                                                    \
        float sum_ = (m02) + (m13);                                         \
        level = level * keep4 + (double)sum_ * rate4;                       \
        hf = (float)(0.2 * level);                                          \
        lf = (float)(level * keep);                                         \
    } while (0)

/* One step of the band-pass pipeline: x enters section 0, each other section takes what the
 * one before it made in the step before; out is what the sections make (lane 3: the
 * band-passed sample from three steps ago). Summed so that only a shuffle, an addition and a subtraction
 * wait on the previous step (the new input joins the sum of the older terms). */
#define BANDPASS_STEP(in, out)                                                               \
    do {                                                                                     \
        v4f xv = {in, 0, 0, 0}, up = V4_SHIFT_UP(y1);                                        \
        v4f y = ((((b2 * x2 + b1 * x1) - a2 * y2) + xv) + up) - a1 * y1;                     \
        x2 = x1, x1 = up + xv, y2 = y1, y1 = y;                                              \
        out = y;                                                                             \
    } while (0)

/* The band-pass over n internal samples, in to out (in place is fine): each output is the
 * last section's, times the sections' gain. */
static void bandpass_block(kcs_bandpass *fp, const float *in, float *out, size_t n)
{
    v4f a1 = v4load(fp->a1), a2 = v4load(fp->a2), b1 = v4load(fp->b1), b2 = v4load(fp->b2);
    v4f x1 = v4load(fp->x1), x2 = v4load(fp->x2), y1 = v4load(fp->y1), y2 = v4load(fp->y2);
    const float g = (float)fp->gain;
    size_t i = 0;
    for (; i + 4 <= n; i += 4) {
        v4f o0, o1, o2, o3;
        BANDPASS_STEP(in[i], o0);
        BANDPASS_STEP(in[i + 1], o1);
        BANDPASS_STEP(in[i + 2], o2);
        BANDPASS_STEP(in[i + 3], o3);
        /* lane 3 of each, in order: two unpacks and a move of halves */
        v4store(out + i, V4_HIGH_HALVES(V4_UNPACK_HI(o0, o1), V4_UNPACK_HI(o2, o3)) * g);
    }
    for (; i < n; i++) {
        v4f o;
        BANDPASS_STEP(in[i], o);
        out[i] = g * o[3];
    }
    v4store(fp->x1, x1);
    v4store(fp->x2, x2);
    v4store(fp->y1, y1);
    v4store(fp->y2, y2);
}

/* The trigger over a block of prefiltered samples v (v[0] is internal sample d->n): the
 * samples kept in yout, and the Schmitt trigger's sign changes and hysteresis into flips;
 * returns the count of sign changes. */
static size_t front_block(kcs_decoder *d, const float *v_in, float *yout, size_t n, flip_list *flips)
{
    double level = d->level;
    float mags[4];                      /* |v| of the group's samples so far */
    memcpy(mags, d->level_mags, sizeof mags);
    unsigned high = d->schmitt > 0;     /* the trigger's state as 1 / 0 */
    const double rate = d->level_rate, keep = 1 - rate, keep4 = keep * keep * keep * keep;
    const double rate4 = (1 - keep4) / 4;
    /* a sample may make the trigger switch once the level with it is above 1e-5 */
    float hf = (float)(0.2 * level), lf = (float)(level * keep), rf = (float)rate;
    size_t nf = 0, i = 0;
    /* one sample, as a whole group tests it: for the samples of a group cut by a push's end */
#define FRONT_ONE()                                                         \
    do {                                                                    \
        float v = v_in[i];                                                  \
        yout[i] = v;                                                        \
        flips->h[i] = hf;                                                   \
        unsigned live = lf + rf * fabsf(v) > 1e-5f;                         \
        unsigned up = (v > hf) & live, down = (v < -hf) & live;             \
        unsigned now_high = up | (high & ~down);                            \
        flips->i[nf] = (uint32_t)i;                                         \
        nf += now_high ^ high;                                              \
        high = now_high;                                                    \
        mags[(d->n + i) & 3] = fabsf(v);                                    \
        i++;                                                                \
    } while (0)
    for (; i < n && ((d->n + i) & 3) != 0;) {
        FRONT_ONE();
        if (((d->n + i) & 3) == 0)
            LEVEL_STEP(mags[0], mags[1], mags[2], mags[3]);
    }
    for (; i + 4 <= n; i += 4) {
        v4f v = v4load(v_in + i), hv = {hf, hf, hf, hf};
        v4store(yout + i, v);
        v4store(flips->h + i, hv);
        v4f mag = (v4f)((v4u)v & 0x7fffffffu);
        v4i live = lf + rf * mag > 1e-5f;
        unsigned ups = v4_signs((v4i)(v > hv) & live), downs = v4_signs((v4i)(v < -hv) & live);
        unsigned states = sr_latch[high | ups << 1 | downs << 5];
        unsigned changes = (states ^ (states << 1 | high)) & 15;
        v4u at = (v4u){(uint32_t)i, (uint32_t)i, (uint32_t)i, (uint32_t)i} + bit_positions[changes];
        memcpy(flips->i + nf, &at, sizeof at);
        nf += bit_count[changes];
        high = states >> 3;
        v4f pairs = mag + V4_HIGH_HALF(mag);    /* m0 + m2, m1 + m3 in one addition */
        LEVEL_STEP_PAIRS(pairs[0], pairs[1]);
    }
    while (i < n)
        FRONT_ONE();
#undef FRONT_ONE
    d->level = level;
    memcpy(d->level_mags, mags, sizeof mags);
    d->schmitt = high ? 1 : -1;
    return nf;
}

/* The deadline test at sample `at` (after the sample's sign change, if any): the cell being
 * read is decided, or, while hunting, the flywheel looks where a start bit is due. */
static void deadline_test(kcs_decoder *d, uint64_t at)
{
    d->now = at;
    d->now_done = 1;
    if ((double)at >= d->c.deadline) {
        if (d->state == READ)
            finish_cell(d);
        else if (d->state == FRAME)
            read_frame(d);
        else if (d->state == SEARCH)
            search_frames(d);
        else
            grid_check(d);
    }
}

/* Deadlines that come at samples [*pos, upto] (none before *pos: every sample is tested once,
 * as if each were visited in turn); *pos moves past the last one taken. */
static void deadlines_until(kcs_decoder *d, uint64_t *pos, uint64_t upto)
{
    while (*pos <= upto && d->c.deadline <= (double)upto) {
        double c = ceil(d->c.deadline);
        uint64_t at = c > (double)*pos ? (uint64_t)c : *pos;
        while (at > *pos && (double)(at - 1) >= d->c.deadline)   /* exactness at the edges */
            at--;
        while ((double)at < d->c.deadline)
            at++;
        if (at > upto)
            break;
        deadline_test(d, at);
        *pos = at + 1;
    }
}

/* The bit-cell clock over a block (y: its samples, history before them): the sign changes and
 * the deadlines in sample order, a sign change at a sample taken before its deadline test,
 * with nothing to do for the samples in between. */
static void track_block(kcs_decoder *d, const float *y, size_t n, const flip_list *flips, size_t nf, int high)
{
    uint64_t t0 = d->n, pos = t0;
    double up = high ? 1.0 : -1.0;      /* as the trigger stood before the block */
    kcs_clock c = d->c;                 /* in registers; d->c is brought up to date for the
                                         * rarer paths, and read back after them */
    d->y = y;
    /* Where each change crossed the threshold, back from its sample, first and apart from the
     * clock: the divisions then overlap one another instead of each waiting in the clock's
     * chain of dependent work. */
    double back[KCS_CHUNK];
    size_t f = 0;
    for (; f + 2 <= nf; f += 2) {   /* two at a time: a change up and one down, in some order */
        uint32_t i0 = flips->i[f], i1 = flips->i[f + 1];
        v2d v = {y[i0], y[i1]}, before = {y[(ptrdiff_t)i0 - 1], y[(ptrdiff_t)i1 - 1]};
        v2d thr = (v2d){-up, up} * (v2d){flips->h[i0], flips->h[i1]};
        v2d frac = (v - thr) / (v - before);
        back[f] = frac[0] >= 0 && frac[0] <= 1 ? frac[0] : 0;
        back[f + 1] = frac[1] >= 0 && frac[1] <= 1 ? frac[1] : 0;
    }
    for (; f < nf; f++) {
        uint32_t i = flips->i[f];
        up = -up;       /* the direction of this change: +1 going up */
        double v = y[i], before = y[(ptrdiff_t)i - 1], thr = up * flips->h[i];
        double frac = (v - thr) / (v - before);
        back[f] = frac >= 0 && frac <= 1 ? frac : 0;
    }
    for (f = 0; f < nf; f++) {
        uint32_t i = flips->i[f];
        uint64_t at = t0 + i;
        double atd = (double)(int64_t)at;   /* (sample counts stay far below 2^53) */
        if (c.deadline <= atd && c.deadline <= atd - 1.0 && at > pos) {
            clock_put(d, &c);
            deadlines_until(d, &pos, at - 1);
            clock_get(d, &c);
        }
        c.at = at;
        on_sign_change(d, &c, atd - back[f]);
        if (atd >= c.deadline) {
            clock_put(d, &c);
            deadline_test(d, at);
            clock_get(d, &c);
        }
        pos = at + 1;
    }
    clock_put(d, &c);
    if (n)
        deadlines_until(d, &pos, t0 + n - 1);
    d->now = t0 + n;
    d->now_done = 0;
}


/* Half-band taps (Kaiser-windowed sinc, normalised to unit gain at DC): every other tap is
 * zero, so a 15-tap stage costs 5 multiplies per output. */
#define HB15_C 0.49964f
#define HB15_1 0.30702f
#define HB15_3 (-0.07621f)
#define HB15_5 0.02339f
#define HB15_7 (-0.00402f)
#define HB7_C 0.50234f
#define HB7_1 0.29559f
#define HB7_3 (-0.04676f)

/* The half-band outputs in terms of the inputs split by parity: e = the inputs two apart that
 * pair up around each output's centre, o = the centres. g: 1, or a power of two that undoes a
 * scale of the inputs (exact: see halfband_run_s16). */
#define HB15(e, o, j, g)                                                                    \
    ((HB15_C * g) * o(j + 3) + (HB15_1 * g) * (e(j + 3) + e(j + 4)) +                       \
     (HB15_3 * g) * (e(j + 2) + e(j + 5)) + (HB15_5 * g) * (e(j + 1) + e(j + 6)) +           \
     (HB15_7 * g) * (e(j) + e(j + 7)))
#define HB7(e, o, j, g) \
    ((HB7_C * g) * o(j + 1) + (HB7_1 * g) * (e(j + 1) + e(j + 2)) + (HB7_3 * g) * (e(j) + e(j + 3)))
#define E1(m) ev[m]
#define O1(m) od[m]
#define E4(m) v4load(ev + (m))
#define O4(m) v4load(od + (m))

/* Where a stage's outputs go: the last stage's to a[r] in order (b NULL); an earlier stage's
 * straight into the next stage's inputs split by parity, output r to a[r / 2] if r is even and
 * to b[r / 2] if odd, so that no pass of their own has to split them. */
typedef struct {
    float *a, *b;
} hb_sink;

static inline void sink_put(hb_sink s, size_t r, float v)
{
    if (s.b)
        (r & 1 ? s.b : s.a)[r / 2] = v;
    else
        s.a[r] = v;
}

/* Outputs r..r+3 (r even). */
static inline void sink_put4(hb_sink s, size_t r, v4f v)
{
    if (s.b) {
        v4f e = V4_EVENS(v, v), o = V4_ODDS(v, v);
        memcpy(s.a + r / 2, &e, 2 * sizeof(float));
        memcpy(s.b + r / 2, &o, 2 * sizeof(float));
    } else
        v4store(s.a + r, v);
}

/* Outputs r..r+7 (r even): the first four in lo, the next four in hi. split: whether s.b is set,
 * given so that HALFBAND_LOOP can make it a constant and keep the test out of its loop. */
static inline void sink_put8(hb_sink s, int split, size_t r, v4f lo, v4f hi)
{
    if (split) {
        v4store(s.a + r / 2, V4_EVENS(lo, hi));
        v4store(s.b + r / 2, V4_ODDS(lo, hi));
    } else {
        v4store(s.a + r, lo);
        v4store(s.a + r + 4, hi);
    }
}

/* A stage's inputs, [its history | the new ones], split by parity: ev[m] = position t0 + 2m,
 * od[m] = position t0 + 2m + 1, where t0 (first_tap) is where its next output's taps begin.
 * split_from: positions q (>= t0), q + 2, ... in a, and q + 1, q + 3, ... in b, as a sink. */
static size_t first_tap(const kcs_halfband *s) { return s->odd ? 0 : 1; }

static hb_sink split_from(float *ev, float *od, size_t t0, size_t q)
{
    q -= t0;
    return q & 1 ? (hb_sink){od + q / 2, ev + q / 2 + 1} : (hb_sink){ev + q / 2, od + q / 2};
}

/* Puts a stage's history into its split inputs; returns where the new inputs go. */
static hb_sink split_begin(const kcs_halfband *s, float *ev, float *od)
{
    const size_t h = (size_t)s->taps - 1, t0 = first_tap(s), len = h - t0;
    const float *p = s->hist + t0;
    size_t m = 0;
    for (; 2 * m + 1 < len; m++) {
        ev[m] = p[2 * m];
        od[m] = p[2 * m + 1];
    }
    if (2 * m < len)
        ev[m] = p[2 * m];
    return split_from(ev, od, t0, h);
}

/* A stage's k outputs to out from j on: one at a time below lo (even) and from hi on, eight
 * and then four at a time in between. e1, o1 and e4, o4: its inputs split by parity, one and
 * four at a time; e4 and o4 may give them times 1 / g4, a power of two. */
#define HALFBAND_LOOP(hb, e1, o1, e4, o4, g4)                                         \
    do {                                                                               \
        for (; j < lo; j++)                                                            \
            sink_put(out, j, hb(e1, o1, j, 1.0f));                                     \
        if (out.b)                                                                     \
            for (; j + 8 <= hi; j += 8)                                                \
                sink_put8(out, 1, j, hb(e4, o4, j, g4), hb(e4, o4, j + 4, g4));        \
        else                                                                           \
            for (; j + 8 <= hi; j += 8)                                                \
                sink_put8(out, 0, j, hb(e4, o4, j, g4), hb(e4, o4, j + 4, g4));        \
        if (j + 4 <= hi) {                                                             \
            sink_put4(out, j, hb(e4, o4, j, g4));                                      \
            j += 4;                                                                    \
        }                                                                              \
        for (; j < k; j++)                                                             \
            sink_put(out, j, hb(e1, o1, j, 1.0f));                                     \
    } while (0)

/* One stage over its split inputs (split_begin, then n new ones): the outputs (one per odd
 * input count) to out; returns how many. The history is updated for the next call. (Out of
 * line, as halfband_run_s16 is: inlined into push_any through decimate_chunk, their loops cost
 * push_any the inlining of its own hot paths, a net loss.) */
static __attribute__((noinline)) size_t halfband_run(kcs_halfband *s, float *ev, float *od, size_t n, hb_sink out)
{
    const size_t h = (size_t)s->taps - 1, t0 = first_tap(s);
    const size_t k = n > t0 ? (n - t0 + 1) / 2 : 0, lo = 0, hi = k;
    size_t j = 0;
    if (s->taps == 15)
        HALFBAND_LOOP(HB15, E1, O1, E4, O4, 1.0f);
    else
        HALFBAND_LOOP(HB7, E1, O1, E4, O4, 1.0f);
    if (n) {    /* (with none new the history stands) */
        hb_sink last = split_from(ev, od, t0, n);
        for (size_t m = 0; m < h / 2; m++) {
            s->hist[2 * m] = last.a[m];
            s->hist[2 * m + 1] = last.b[m];
        }
    }
    s->odd ^= (int)(n & 1);
    return k;
}

/* Four pairs of 16-bit samples from p on as four 32-bit lanes, the first of each pair in the
 * low half; s16_low, s16_high: the one or the other half as x * 65536 in float. */
static inline v4i s16_pairs(const int16_t *p)
{
    v4i v;
    memcpy(&v, p, sizeof v);
    return v;
}
static inline v4f s16_low(v4i w) { return __builtin_convertvector((v4i)((v4u)w << 16), v4f); }
static inline v4f s16_high(v4i w) { return __builtin_convertvector(w & -65536, v4f); }

/* The first stage straight from 16-bit samples x[0..n): the very values halfband_run makes
 * of [history | x / 32768], without a pass that converts and splits them first. The outputs
 * with all their taps in x take them four at a time from 32-bit lanes of x, each an o and the
 * e after it (o in the low half: then the last e in x is in reach without a load past x),
 * as x * 65536, exact in float as x / 32768 is, against taps scaled by 2^-31: scaling by a
 * power of two commutes with every rounding on the way (nothing comes near an overflow or the
 * denormals), so each product, and so each sum, is the same to the bit. */
static __attribute__((noinline)) size_t halfband_run_s16(kcs_halfband *s, const int16_t *x, size_t n, hb_sink out)
{
    const size_t h = (size_t)s->taps - 1, t0 = first_tap(s);
    const size_t k = n > t0 ? (n - t0 + 1) / 2 : 0;
    /* x[2m + back], x[2m + back + 1] = o(m - 1), e(m), position t0 + 2m - 1 and the next
     * (back = t0 - 1 - h, modulo 2^64); four or eight outputs at a time from the first whose
     * loads start in x, 2j + back >= 0, rounded up to even for the sink, to the end: the loads
     * stop at the last e */
    const size_t back = t0 - 1 - h, hi = k;
    size_t lo = ((h + 2 - t0) / 2 + 1) & ~(size_t)1, j = 0;
    if (lo > k)
        lo = k;
#define S16_AT(p) ((p) < h ? s->hist[p] : (float)x[(p) - h] * (1.0f / 32768.0f))
#define S16_E1(m) S16_AT(t0 + 2 * (m))
#define S16_O1(m) S16_AT(t0 + 2 * (m) + 1)
#define S16_E4(m) s16_high(s16_pairs(x + (2 * (m) + back)))
#define S16_O4(m) s16_low(s16_pairs(x + (2 * (m) + 2 + back)))
    if (s->taps == 15)
        HALFBAND_LOOP(HB15, S16_E1, S16_O1, S16_E4, S16_O4, 0x1p-31f);
    else
        HALFBAND_LOOP(HB7, S16_E1, S16_O1, S16_E4, S16_O4, 0x1p-31f);
    /* the history for the next call: the last h of [history | x] */
    const size_t keep = n < h ? h - n : 0;
    for (size_t i = 0; i < keep; i++)
        s->hist[i] = s->hist[i + n];
    for (size_t i = keep; i < h; i++)
        s->hist[i] = (float)x[n - h + i] * (1.0f / 32768.0f);
#undef S16_AT
#undef S16_E1
#undef S16_O1
#undef S16_E4
#undef S16_O4
    s->odd ^= (int)(n & 1);
    return k;
}

/* The float samples that count as audio: a NaN, an infinity or an absurd value becomes silence
 * rather than poisoning the filters' state for ever (legitimate audio stays within a few
 * units). Four at a time, the same test. */
static inline float in_range(float v) { return fabsf(v) <= 16.0f ? v : 0.0f; }
static inline v4f in_range4(v4f v)
{
    v4i keep = (v4f)((v4u)v & 0x7fffffffu) <= (v4f){16.0f, 16.0f, 16.0f, 16.0f};
    return (v4f)((v4i)v & keep);
}

/* Input samples as floats to out, the float ones in_range; 16-bit samples are x / 32768,
 * exactly what a float reader makes of them. */
static void load_samples(hb_sink out, const float *f, const int16_t *s16, size_t n)
{
    size_t i = 0;
    if (s16) {
        for (; i + 8 <= n; i += 8) {
            /* each 16-bit sample to the top half of a 32-bit lane, then shifted down with
             * its sign: x * 65536 >> 16 */
            v8s x;
            memcpy(&x, s16 + i, sizeof x);
            v4i lo = (v4i)V8S_INTERLEAVE_LO(x) >> 16, hi = (v4i)V8S_INTERLEAVE_HI(x) >> 16;
            sink_put8(out, out.b != NULL, i, __builtin_convertvector(lo, v4f) * (1.0f / 32768.0f),
                      __builtin_convertvector(hi, v4f) * (1.0f / 32768.0f));
        }
        for (; i < n; i++)
            sink_put(out, i, (float)s16[i] * (1.0f / 32768.0f));
    } else {
        for (; i + 8 <= n; i += 8)
            sink_put8(out, out.b != NULL, i, in_range4(v4load(f + i)), in_range4(v4load(f + i + 4)));
        for (; i < n; i++)
            sink_put(out, i, in_range(f[i]));
    }
}

/* The prefilter for a decoder of these parameters. */
static void prefilter_init(kcs_prefilter *m, const kcs_decode_params *p)
{
    /* The last half-band stage is the sharp one (nothing from its alias band comes through
     * above -47 dB); the earlier ones have room to spare. */
    memset(m, 0, sizeof *m);
    int min_irate = p->baud == 1200 ? KCS_MIN_IRATE_1200 : KCS_MIN_IRATE;
    while (m->stages < KCS_MAX_STAGES && p->rate >> (m->stages + 1) >= min_irate)
        m->stages++;
    for (int i = 0; i < m->stages; i++)
        m->hb[i].taps = i == m->stages - 1 ? 15 : 7;
    /* Short bit cells cannot afford the ringing of a steep filter: at 300 baud two sections
     * each side (noise is the enemy), at 600 and 1200 one each side and a wider band. */
    double irate = (double)p->rate / (1 << m->stages);
    int pairs = p->baud == 300 ? 2 : 1;
    double highpass = p->baud == 300 ? 700.0 : 500.0;
    double lowpass = p->baud == 300 ? 3400.0 : 4500.0;
    if (lowpass > 0.42 * irate)
        lowpass = 0.42 * irate;
    m->filter.gain = 1;     /* the other sections, all zero, pass the signal through */
    for (int i = 0; i < pairs; i++) {
        biquad(&m->filter, 2 * i, 1, highpass, irate);
        biquad(&m->filter, 2 * i + 1, 0, lowpass, irate);
    }
}


/* Decimates n (<= KCS_CHUNK) input samples into out; returns the internal samples made. Each
 * stage writes its outputs split for the next (in the other of ev, od), the last in order to
 * out; the first stage reads 16-bit samples itself. */
static size_t decimate_chunk(kcs_prefilter *m, const float *f, const int16_t *s16, size_t n, float *out)
{
    const hb_sink last = {out, NULL};
    if (m->stages == 0) {
        load_samples(last, f, s16, n);
        return n;
    }
    float ev[2][KCS_CHUNK / 2 + KCS_HALFBAND_TAPS], od[2][KCS_CHUNK / 2 + KCS_HALFBAND_TAPS];
    if (!s16)
        load_samples(split_begin(&m->hb[0], ev[0], od[0]), f, NULL, n);
    for (int i = 0; i < m->stages; i++) {
        int next = (i + 1) % 2;
        hb_sink to = i + 1 < m->stages ? split_begin(&m->hb[i + 1], ev[next], od[next]) : last;
        if (i == 0 && s16)
            n = halfband_run_s16(&m->hb[0], s16, n, to);
        else
            n = halfband_run(&m->hb[i], ev[i % 2], od[i % 2], n, to);
    }
    return n;
}

/* Decimates and band-passes n (<= KCS_CHUNK) input samples into out. */
static size_t prefilter_chunk(kcs_prefilter *m, const float *f, const int16_t *s16, size_t n, float *out)
{
    size_t k = decimate_chunk(m, f, s16, n, out);
    bandpass_block(&m->filter, out, out, k);
    return k;
}

/* The rest of the decoder over k (<= KCS_CHUNK) prefiltered samples: the trigger (front_block)
 * into the filtered samples (slid back first when they would not fit), then the bit-cell
 * clock. */
static void push_block(kcs_decoder *d, const float *x, size_t k)
{
    flip_list flips;
    if (d->filtered_end + KCS_CHUNK > KCS_FILTERED) {   /* slide: keep the history */
        memmove(d->filtered, d->filtered + d->filtered_end - d->history_len, d->history_len * sizeof(float));
        d->filtered_end = d->history_len;
    }
    float *y = d->filtered + d->filtered_end;
    int high = d->schmitt > 0;
    size_t nf = front_block(d, x, y, k, &flips);
    track_block(d, y, k, &flips, nf, high);
    d->n += k;
    d->filtered_end += k;
}

/* Where the full decoder places a start bit against where it lies in the raw samples, in
 * internal samples: the prefilter's delay (the half-band stages, linear phase: half their span
 * at their rates; the band-pass's group delay midway between the tones, its sections' phase
 * differentiated numerically) and the time the change of tone takes to show in the filtered
 * signal's half cycles (START_LAG: measured, 0.24..0.27 ms from 32 to 192 kHz). The clean
 * reader's times, taken on the raw samples, are moved by it to the full decoder's (the unit
 * tests hold the two to a sample of each other at 44.1 kHz). */
#define START_LAG 0.00026
/* Section k of the band-pass at w (radians a sample), without its gain. */
static double complex section_response(const kcs_bandpass *f, int k, double w)
{
    double complex z1 = cexp(-I * w), z2 = z1 * z1;
    return (1 + f->b1[k] * z1 + f->b2[k] * z2) / (1 + f->a1[k] * z1 + f->a2[k] * z2);
}
/* The band-pass's power gain at w. */
static double bandpass_power(const kcs_bandpass *f, double w)
{
    double power = f->gain * f->gain;
    for (int k = 0; k < 4; k++) {
        double a = cabs(section_response(f, k, w));
        power *= a * a;
    }
    return power;
}

static double prefilter_delay(const kcs_prefilter *m, double irate)
{
    double delay = 0;
    for (int i = 0; i < m->stages; i++)
        delay += (m->hb[i].taps - 1) / 2.0 / (double)(1 << (m->stages - i));
    double w = TWO_PI * 1800.0 / irate, dw = 1e-4;
    for (int k = 0; k < 4; k++)
        delay -= (carg(section_response(&m->filter, k, w + dw)) - carg(section_response(&m->filter, k, w - dw))) / (2 * dw);
    return delay + START_LAG * irate;
}

/* The full decoder over the raw samples from d->full_pos to `upto`. */
static void run_full(kcs_decoder *d, uint64_t upto)
{
    float made[KCS_CHUNK];
    while (d->full_pos < upto) {
        size_t take = upto - d->full_pos < KCS_CHUNK ? (size_t)(upto - d->full_pos) : KCS_CHUNK;
        size_t at = (size_t)(d->full_pos - d->raw_base);
        push_block(d, made, prefilter_chunk(&d->pre, d->raw_s16 ? NULL : d->raw.f + at, d->raw_s16 ? d->raw.s16 + at : NULL,
                                            take, made));
        d->full_pos += take;
    }
}

/* A cell in input samples at the clean reader's speed. */
static double raw_cell(const kcs_decoder *d) { return d->p.rate / (d->p.baud * d->clean.speed); }

/* Where the full decoder would take over from the clean reader at `p`: a cell before it (its
 * filters' warm-up), the samples it skips a multiple of the decimation (so that the
 * half-band stages keep their phase). */
static uint64_t takeover_start(const kcs_decoder *d, uint64_t p)
{
    double back = (double)p - raw_cell(d) - (double)d->full_pos;
    if (back <= 0)
        return d->full_pos;
    return d->full_pos + (uint64_t)back / (uint64_t)d->decim * (uint64_t)d->decim;
}

/* The input is taken in pieces that end at multiples of this: there the fast path may begin. */
#define CLEAN_STEP KCS_CHUNK

/* Whether the clean reader can go on from the full decoder's state at d->full_pos (a multiple
 * of CLEAN_STEP, so that where it does never depends on how the input came in pieces), and
 * at what speed, with how much carrier before the first start bit (*lead_in short half
 * cycles). Either the full decoder is hunting after bytes it read cleanly at first look, the
 * next start bit due far enough ahead for the reader to see a little carrier first; or, before
 * the first byte, it is hunting in a long steady carrier (the leader: eight cells of it), and
 * the reader asks for a whole cell of carrier before a start bit: the full decoder sees the
 * input late (the prefilter's delay, and each sign change is judged at the next), and where
 * that is less than a cell, a byte that began in the meantime is in its start bit when the
 * reader begins, which fails it, and no byte can be read from its middle. (Where the reader
 * begins in vain, the full decoder simply goes on.) Noisy recordings seldom give the full
 * decoder eight cells of carrier in a row, nor the reader a cell. */
#define CLEAN_LEAD_IN 2
static int clean_may_start(const kcs_decoder *d, double *speed, int *lead_in)
{
    if (!d->fast || d->state != HUNT)
        return 0;
    double half = d->p.rate / 4800.0, cell = (double)d->p.rate / d->p.baud, late = d->delay * d->decim + 4 * half;
    if (d->locked && d->clean_run >= 4 && d->next_start > 0) {
        *speed = d->prev_good_speed;
        *lead_in = CLEAN_LEAD_IN;
        return (d->next_start - d->delay) * d->decim >= (double)d->full_pos + (CLEAN_LEAD_IN + 1) * half / *speed;
    }
    if (d->stats.bytes == 0 && d->stats.framing_errors == 0 && d->c.carrier_run >= 8 * flips_for_one(d) &&
        late < 0.75 * cell) {
        *speed = d->c.speed;
        *lead_in = flips_for_one(d);
        return 1;
    }
    return 0;
}

/* The clean reader vouched for the audio up to the sign change at time t. */
static void clean_reached(kcs_decoder *d, double t)
{
    d->clean_pos = (uint64_t)ceil(t);
    d->clean_takeover = takeover_start(d, d->clean_pos);
}

/* A byte the clean reader read: delivered as the full decoder delivers one it read at first
 * look, its times moved to the full decoder's. */
static void deliver_clean(kcs_decoder *d, const kcs_clean_event *ev)
{
    double start = ev->start / d->decim + d->delay, end = ev->end / d->decim + d->delay;
    d->doubt_rate -= d->doubt_rate / 16;
    d->level_sq_sum += ev->sum_sq / d->decim;
    d->level_count += ev->count / (uint64_t)d->decim;
    d->now = (uint64_t)end;
    set_speed(&d->c, ev->speed);
    d->cell_start = end;
    d->stats.clean_bytes++;
    deliver(d, ev->byte, 1, start, ev->speed);
    clean_reached(d, ev->end);
    d->clean_lead = flips_for_one(d);   /* the stop bit */
}

/* The clean reader met what it cannot vouch for: the full decoder goes on from where it last
 * did (if nowhere, from where it began: as if the reader had never run). */
static void clean_failed(kcs_decoder *d)
{
    d->clean_mode = 0;
    if (d->clean_pos == d->clean_from)
        return;
    d->stats.clean_handbacks++;
    uint64_t p = d->clean_pos, from = d->clean_takeover;
    d->n += (from - d->full_pos) / (uint64_t)d->decim;
    d->full_pos = from;
    double p_internal = (double)d->n + (double)(p - from) / d->decim;
    d->history_floor = (double)d->n + 0.5 * (p_internal - (double)d->n);
    d->blind_until = p_internal + d->delay - d->c.nominal_short;
    d->c.have_pending = 0;
    d->clean_run = 0;
    /* a start bit the grid said was due where the reader went on through carrier was not
     * there, as the flywheel would have found (the sign changes it would count are gone) */
    double due_end = (d->next_start - d->delay) * d->decim + 0.5 * raw_cell(d);
    if (d->next_start > 0 && due_end <= (double)p) {
        d->next_start = 0;
        set_deadline(d);
    }
    run_full(d, p);
    if (d->state == HUNT && d->c.carrier_run < d->clean_lead)
        d->c.carrier_run = d->clean_lead;   /* the carrier the reader vouched for (a stop bit at least) */
}

/* The decoder goes on over the samples in `raw`: the full decoder, or the clean reader where
 * the full one says the audio allows it. */
static void advance(kcs_decoder *d)
{
    uint64_t end = d->raw_base + d->raw_len;
    for (;;) {
        if (!d->clean_mode) {
            run_full(d, end);
            double speed;
            int lead_in;
            if (end % CLEAN_STEP != 0 || !clean_may_start(d, &speed, &lead_in))
                return;
            kcs_clean_init(&d->clean, d->p.rate, d->p.baud, end, speed, lead_in);
            d->clean_lead = d->c.carrier_run;
            d->clean_mode = 1;
            d->clean_from = d->clean_pos = d->clean_takeover = end;
        }
        kcs_clean_event ev;
        kcs_clean_input x = {d->raw_s16 ? NULL : d->raw.f, d->raw_s16 ? d->raw.s16 : NULL, d->raw_base};
        kcs_clean_kind kind = kcs_clean_scan(&d->clean, &x, end, &ev);
        if (kind == KCS_CLEAN_MORE)
            return;
        if (kind == KCS_CLEAN_BYTE) {
            deliver_clean(d, &ev);
        } else if (kind == KCS_CLEAN_CARRIER) {
            clean_reached(d, ev.end);
            d->clean_lead += flips_for_one(d);
        } else {
            clean_failed(d);
        }
    }
}

/* Makes room in `raw` for n more samples: drops those nobody can need any more (before what
 * the full decoder has taken, or before where it would take over from the clean reader; the
 * base stays a multiple of KCS_CLEAN_GROUP for the reader's groups). When the reader has gone
 * too long without vouching for anything, it has failed. */
static void raw_make_room(kcs_decoder *d, size_t n)
{
    for (;;) {
        uint64_t keep = d->clean_mode ? d->clean_takeover : d->full_pos;
        keep -= keep % KCS_CLEAN_GROUP;
        size_t drop = (size_t)(keep - d->raw_base);
        if (drop > 0) {
            d->raw_len -= drop;
            if (d->raw_s16)
                memmove(d->raw.s16, d->raw.s16 + drop, d->raw_len * sizeof(int16_t));
            else
                memmove(d->raw.f, d->raw.f + drop, d->raw_len * sizeof(float));
            d->raw_base = keep;
        }
        if (d->raw_len + n <= KCS_RAW)
            return;
        clean_failed(d);
        advance(d);
    }
}

/* Appends n samples to `raw`: 16-bit ones as they are while every push was 16-bit, else as
 * floats (the 16-bit ones kept so far turned into floats in place, last first). */
static void raw_load(kcs_decoder *d, const float *f, const int16_t *s16, size_t n)
{
    if (d->inputs == 0 && d->raw_len == 0)
        d->raw_s16 = s16 != NULL;
    if (d->raw_s16 && !s16) {
        for (size_t i = d->raw_len; i-- > 0;)
            d->raw.f[i] = d->raw.s16[i] * (1.0f / 32768.0f);
        d->raw_s16 = 0;
    }
    if (d->raw_s16)
        memcpy(d->raw.s16 + d->raw_len, s16, n * sizeof *s16);
    else
        load_samples((hb_sink){d->raw.f + d->raw_len, NULL}, f, s16, n);
}

static void push_any(kcs_decoder *d, const float *f, const int16_t *s16, size_t n)
{
    for (size_t used = 0; used < n;) {
        uint64_t end = d->raw_base + d->raw_len;
        size_t take = CLEAN_STEP - (size_t)(end % CLEAN_STEP);
        if (take > n - used)
            take = n - used;
        raw_make_room(d, take);
        raw_load(d, f ? f + used : NULL, s16 ? s16 + used : NULL, take);
        d->raw_len += take;
        used += take;
        advance(d);
    }
    d->y = NULL;
    d->inputs += n;
    d->stats.seconds = (double)d->inputs / d->p.rate;
}

void kcs_decoder_push(kcs_decoder *d, const float *samples, size_t n) { push_any(d, samples, NULL, n); }

void kcs_decoder_push_s16(kcs_decoder *d, const int16_t *samples, size_t n) { push_any(d, NULL, samples, n); }

kcs_stats kcs_decoder_stats(const kcs_decoder *d)
{
    kcs_stats s = d->stats;
    s.measured_baud = d->pair_count ? d->p.baud * d->pair_speed_sum / (double)d->pair_count
                      : s.bytes ? d->p.baud * d->speed_sum / (double)s.bytes : 0;
    s.level_dbfs = d->level_count ? 10 * log10(d->level_sq_sum / d->level_count * 2 + 1e-30) : -INFINITY;
    return s;
}
