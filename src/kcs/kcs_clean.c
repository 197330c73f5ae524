/* kcs_clean.c - the clean reader, the decoder's fast path (kcs_clean.h). */
#include "kcs_clean.h"

#include <math.h>
#include <string.h>

typedef float v4f __attribute__((vector_size(16)));
typedef int v4i __attribute__((vector_size(16)));
typedef int16_t v8s __attribute__((vector_size(16)));
typedef char v16c __attribute__((vector_size(16)));

/* Half cycles of each tone, in short half cycles at the tracked speed. */
#define SHORT_MIN 0.7
#define SHORT_MAX 1.35
#define LONG_MIN 1.6
#define LONG_MAX 2.5
/* Without a sign change for this many short half cycles the signal is not KCS. */
#define QUIET_MAX 3.0
/* A frame's speed may differ from the last one's by this much (tape speed moves slowly). */
#define SPEED_STEP 0.05
/* A frame's mean square below this is no signal worth vouching for (-80 dBFS), above it no
 * audio (the decoder treats samples beyond 16 as silence). */
#define LEVEL_MIN 1e-8
#define LEVEL_MAX 256.0

/* Half cycles are measured in whole samples (the sample after each sign change): at 32 kHz and
 * above a 2400 Hz half cycle is 6.7 samples or more, and the error of a sample stays well
 * inside the bounds above. Only a frame's ends are placed between samples. */
int kcs_clean_ok(int rate) { return rate >= 32000; }

/* The bounds of both kinds of half cycle in whole samples at the tracked speed. */
static void set_bounds(kcs_clean_reader *r)
{
    double s = r->short_len / r->speed;
    r->short_min = (int64_t)ceil(SHORT_MIN * s);
    r->short_max = (int64_t)floor(SHORT_MAX * s);
    r->long_min = (int64_t)ceil(LONG_MIN * s);
    r->long_max = (int64_t)floor(LONG_MAX * s);
    r->quiet = (int64_t)ceil(QUIET_MAX * s);
}

void kcs_clean_init(kcs_clean_reader *r, int rate, int baud, uint64_t at, double speed, int lead_in)
{
    memset(r, 0, sizeof *r);
    r->short_len = rate / 4800.0;
    r->per_one = 16 * 300 / baud;
    r->per_zero = 8 * 300 / baud;
    r->speed = speed;
    r->pos = at;
    r->last_change = (int64_t)at;
    r->fresh = 1;
    r->run = -lead_in;
    r->need = r->per_one;
    set_bounds(r);
}

static float sample(const kcs_clean_input *x, int64_t at)
{
    size_t i = (size_t)(at - (int64_t)x->base);
    return x->s16 ? x->s16[i] * (1.0f / 32768.0f) : x->f[i];
}

/* Where the signal crossed zero between the sample before `at` and `at`. */
static double crossing(const kcs_clean_input *x, int64_t at)
{
    float a = sample(x, at - 1), b = sample(x, at);
    return (double)(at - 1) + a / (a - b);
}

/* The end of a frame's last cell, at the sign change before sample t: the byte, or a failure
 * (a stop bit that is not a 1, a speed too far from the last frame's). */
static kcs_clean_kind frame_end(kcs_clean_reader *r, const kcs_clean_input *x, int64_t t, kcs_clean_event *ev)
{
    double start = crossing(x, r->frame_change), end = crossing(x, t);
    double speed = 10 * r->per_one * r->short_len / (end - start);
    if (!(r->bits >> 9 & 1) || speed < r->speed * (1 - SPEED_STEP) || speed > r->speed * (1 + SPEED_STEP))
        return KCS_CLEAN_FAIL;
    ev->byte = (uint8_t)(r->bits >> 1);
    ev->start = start;
    ev->end = end;
    ev->speed = speed;
    r->speed = speed;
    set_bounds(r);
    return KCS_CLEAN_BYTE;
}

/* The sign bits of 16 samples from p (bit k: sample k is negative). */
static inline uint32_t signs_s16(const int16_t *p)
{
    v8s a, b;
    memcpy(&a, p, sizeof a);
    memcpy(&b, p + 8, sizeof b);
#if defined(__SSE2__)
    return (uint32_t)__builtin_ia32_pmovmskb128((v16c)__builtin_ia32_packsswb128(a, b));
#else
    uint32_t m = 0;
    for (int k = 0; k < 8; k++)
        m |= (uint32_t)(a[k] < 0) << k | (uint32_t)(b[k] < 0) << (k + 8);
    return m;
#endif
}

static inline uint32_t signs_f(const float *p)
{
    uint32_t m = 0;
    for (int q = 0; q < 4; q++) {
        v4f v;
        memcpy(&v, p + 4 * q, sizeof v);
#if defined(__SSE__)
        m |= (uint32_t)__builtin_ia32_movmskps(v) << (4 * q);
#else
        v4i s = (v4i)v < 0;
        m |= (uint32_t)((s[0] & 1) | (s[1] & 2) | (s[2] & 4) | (s[3] & 8)) << (4 * q);
#endif
    }
    return m;
}

/* The level is measured on one group in SQUARES_EVERY (at fixed sample positions): a frame
 * spans some 50 groups at 44.1 kHz, and a clean signal is the same in all of them. */
#define SQUARES_EVERY 4

/* The squares of a group's samples, by lane (16-bit samples halved first, so that a pair of
 * squares fits 31 bits; scaled back when the frame ends). */
static inline v4f squares(const kcs_clean_input *x, size_t i, int s16)
{
    v4f sq = {0, 0, 0, 0};
    for (int q = 0; q < KCS_CLEAN_GROUP; q += 8) {
        if (s16) {
            v8s a;
            memcpy(&a, x->s16 + i + q, sizeof a);
            a >>= 1;
#if defined(__SSE2__)
            sq += __builtin_convertvector(__builtin_ia32_pmaddwd128(a, a), v4f);
#else
            for (int k = 0; k < 8; k++)
                sq[k / 2] += (float)(a[k] * a[k]);
#endif
        } else {
            v4f a, b;
            memcpy(&a, x->f + i + q, sizeof a);
            memcpy(&b, x->f + i + q + 4, sizeof b);
            sq += a * a + b * b;
        }
    }
    return sq;
}

/* The reading itself, for one kind of sample (s16: a constant, so that each kind gets a loop
 * of its own). The reader's state is worked on in locals (the inner loop runs once for every
 * half cycle) and written back at the end. A failure after an event in the same group is
 * reported on the next call, the event first. */
static inline __attribute__((always_inline)) kcs_clean_kind scan(kcs_clean_reader *r, const kcs_clean_input *x,
                                                                 uint64_t end, kcs_clean_event *ev, int s16)
{
    v4f sq;
    memcpy(&sq, r->sq, sizeof sq);
    kcs_clean_kind kind = KCS_CLEAN_MORE;
    uint32_t negative = r->negative;
    uint64_t pos = r->pos;
    int64_t last = r->last_change;
    int run = r->run, need = r->need, cell_long = r->cell_long, in_frame = r->in_frame, fresh = r->fresh, failed = 0;
    int64_t short_min = r->short_min, short_span = r->short_max - r->short_min;
    int64_t long_min = r->long_min, long_span = r->long_max - r->long_min;
    const int64_t quiet = r->quiet;
    for (; pos + KCS_CLEAN_GROUP <= end; pos += KCS_CLEAN_GROUP) {
        size_t i = (size_t)(pos - x->base);
        uint32_t m = s16 ? signs_s16(x->s16 + i) | signs_s16(x->s16 + i + 16) << 16
                         : signs_f(x->f + i) | signs_f(x->f + i + 16) << 16;
        int measured = pos % (SQUARES_EVERY * KCS_CLEAN_GROUP) == 0;
        v4f group = {0, 0, 0, 0};
        if (measured) {
            group = squares(x, i, s16);
            sq += group;
            r->sq_count += KCS_CLEAN_GROUP;
        }
        uint32_t changes = m ^ (m << 1 | negative);
        negative = m >> 31;
        if (!changes) {
            if ((int64_t)pos + KCS_CLEAN_GROUP - last > quiet) {
                failed = 1;
                pos += KCS_CLEAN_GROUP;
                break;
            }
            continue;
        }
        while (changes) {
            int64_t t = (int64_t)pos + __builtin_ctz(changes);
            changes &= changes - 1;
            int64_t len = t - last;
            last = t;
            int is_long = (uint64_t)(len - long_min) <= (uint64_t)long_span;
            if (!is_long && (uint64_t)(len - short_min) > (uint64_t)short_span) {
                if (fresh) {        /* the first sign change: no half cycle yet */
                    fresh = 0;
                    continue;
                }
                failed = 1;
                break;
            }
            fresh = 0;
            if (!in_frame) {
                if (!is_long) {     /* carrier: each cell of it an event */
                    if (++run == need) {
                        run = 0;
                        if (kind == KCS_CLEAN_MORE) {
                            ev->end = (double)t;
                            kind = KCS_CLEAN_CARRIER;
                        }
                    }
                    continue;
                }
                if (run < 0) {      /* a start bit without lead-in */
                    failed = 1;
                    break;
                }
                in_frame = 1;       /* the start bit: its first half cycle */
                r->frame_change = t - len;
                r->cell = 0;
                r->bits = 0;
                sq = group;         /* the frame's squares from this group on */
                r->sq_count = measured ? KCS_CLEAN_GROUP : 0;
                cell_long = 1;
                need = r->per_zero;
                run = 1;
                continue;
            }
            if (run == 0) {         /* a cell begins */
                cell_long = is_long;
                need = is_long ? r->per_zero : r->per_one;
            } else if (is_long != cell_long) {
                failed = 1;
                break;
            }
            if (++run < need)
                continue;
            r->bits |= (unsigned)!cell_long << r->cell;
            run = 0;
            if (++r->cell < 10)
                continue;
            in_frame = 0;
            need = r->per_one;
            /* (a frame cannot end in the group of another event: it would be too short) */
            if (kind != KCS_CLEAN_MORE || frame_end(r, x, t, ev) == KCS_CLEAN_FAIL) {
                failed = 1;
                break;
            }
            kind = KCS_CLEAN_BYTE;
            short_min = r->short_min, short_span = r->short_max - r->short_min;
            long_min = r->long_min, long_span = r->long_max - r->long_min;
        }
        if (kind != KCS_CLEAN_MORE || failed) {
            pos += KCS_CLEAN_GROUP;
            break;
        }
    }
    r->negative = negative;
    r->pos = pos;
    r->last_change = last;
    r->run = run;
    r->need = need;
    r->cell_long = cell_long;
    r->in_frame = in_frame;
    r->fresh = fresh;
    r->failed = failed;
    if (kind == KCS_CLEAN_BYTE) {
        double scale = s16 ? 4.0 / (32768.0 * 32768.0) : 1.0;
        ev->sum_sq = ((double)sq[0] + sq[1] + sq[2] + sq[3]) * scale;
        ev->count = r->sq_count;
        double mean = ev->count ? ev->sum_sq / (double)ev->count : 0;
        if (!(mean >= LEVEL_MIN && mean <= LEVEL_MAX)) {
            r->failed = 1;
            kind = KCS_CLEAN_FAIL;
        }
        sq = (v4f){0, 0, 0, 0};
    }
    memcpy(r->sq, &sq, sizeof sq);
    return kind == KCS_CLEAN_MORE && failed ? KCS_CLEAN_FAIL : kind;
}

kcs_clean_kind kcs_clean_scan(kcs_clean_reader *r, const kcs_clean_input *x, uint64_t end, kcs_clean_event *ev)
{
    if (r->failed)
        return KCS_CLEAN_FAIL;
    return x->s16 ? scan(r, x, end, ev, 1) : scan(r, x, end, ev, 0);
}
