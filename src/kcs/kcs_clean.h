/*
 * kcs_clean.h - the clean reader: the decoder's fast path for flawless stretches of audio.
 *
 * Purpose: most of a good recording (every file an encoder made, a clean transfer from a
 * sound card) is so clean that each half cycle, zero crossing to zero crossing, is plainly one
 * of 2400 Hz or of 1200 Hz. Such audio needs none of the decoder's filters, trigger, clock and
 * second looks: reading the raw samples' zero crossings is enough, and costs a small fraction
 * of it. The reader does exactly that, and gives up at the first thing it cannot vouch for.
 *
 * The model
 *   - Input: the raw samples, 16-bit integers or floats, scanned KCS_CLEAN_GROUP at a time
 *     (groups at sample positions that are its multiples, so results never depend on how the
 *     input was split) for their signs.
 *   - Each half cycle, in whole samples, must be a short one (2400 Hz: 0.7..1.35 of its
 *     nominal length at the tracked speed) or a long one (1200 Hz: 1.6..2.5 of a short one).
 *     Carrier is short half cycles; a frame begins at the first long one (the start bit); each
 *     of its 10 cells (start bit, 8 data bits, the first stop bit) must be whole: exactly 2c
 *     long half cycles (a 0) or 4c short ones (a 1), c = 4 * 300 / baud; the start bit a 0,
 *     the stop bit a 1, the frame's speed (its length against 10 cells) within 5% of the last
 *     frame's. Anything else (a half cycle of neither
 *     length, a cell cut short, no sign change for three short half cycles, too little level)
 *     is a failure: the caller hands the audio to the full decoder.
 *   - Events, each at a sign change: a byte (its start and the end of its first stop bit,
 *     both placed between samples, its speed, the sum of squares of some of its samples); a
 *     cell of carrier passed (the caller may forget the samples before it); a failure.
 *
 * Functions
 *   kcs_clean_init(r, rate, baud, at, speed, lead_in): ready to read from sample `at` (a
 *     multiple of KCS_CLEAN_GROUP), the tape at `speed`, the first start bit after at least
 *     `lead_in` short half cycles of carrier; kcs_clean_ok(rate) says whether the rate leaves
 *     enough samples a half cycle for it (32 kHz and up).
 *   kcs_clean_scan(r, x, end, ev): reads on from r->pos up to sample `end` (whole groups); x
 *     must hold the samples from a cell before where the reader last vouched for the audio;
 *     stops after the group of the first event (returned, and described in *ev) or at the end
 *     (KCS_CLEAN_MORE).
 *
 * Example
 *   kcs_clean_reader r; kcs_clean_init(&r, 44100, 300, 0, 1.0, 16);
 *   kcs_clean_input x = {NULL, samples, 0};
 *   kcs_clean_event ev;
 *   while ((kind = kcs_clean_scan(&r, &x, count, &ev)) != KCS_CLEAN_MORE && kind != KCS_CLEAN_FAIL)
 *       if (kind == KCS_CLEAN_BYTE) use(ev.byte);
 */
#ifndef KCS_CLEAN_H
#define KCS_CLEAN_H

#include <stddef.h>
#include <stdint.h>

#define KCS_CLEAN_GROUP 32

typedef enum { KCS_CLEAN_MORE, KCS_CLEAN_BYTE, KCS_CLEAN_CARRIER, KCS_CLEAN_FAIL } kcs_clean_kind;

typedef struct {
    uint8_t byte;
    double start;           /* sample time where its start bit began */
    double end;             /* where its first stop bit ended (a byte), or the sign change
                             * reached (a cell of carrier) */
    double speed;           /* the tape speed over its frame (1.0 nominal) */
    double sum_sq;          /* the sum of the squares of samples of its frame (of one group in
                             * four that it spans) */
    uint64_t count;         /* ... and how many */
} kcs_clean_event;

typedef struct {
    double short_len;       /* a 2400 Hz half cycle at speed 1, in samples */
    int per_one, per_zero;  /* half cycles in a 1 cell (short) and in a 0 cell (long) */
    double speed;           /* tracked: the last byte's */
    int64_t short_min, short_max, long_min, long_max, quiet;   /* at that speed, in samples */
    uint64_t pos;           /* the next sample to read (a multiple of KCS_CLEAN_GROUP) */
    unsigned negative;      /* sample pos - 1 was negative */
    int64_t last_change;    /* the sample after the latest sign change (or where reading began) */
    int fresh;              /* no sign change yet */
    int failed;             /* a failure was met (reported once any event before it was) */
    int in_frame;
    int run;                /* half cycles so far: in the cell, or in this cell's worth of carrier */
    int need;               /* ... in a whole one */
    int cell, cell_long;    /* frame: the cell at hand, and whether it is long half cycles */
    unsigned bits;
    int64_t frame_change;   /* the sign change where the frame began */
    float sq[4];            /* the frame's squares so far, by lane */
    uint64_t sq_count;      /* ... of how many samples */
} kcs_clean_reader;

/* The samples to read: x[i] is sample base + i, 16-bit integers (x / 32768) or floats. */
typedef struct {
    const float *f;
    const int16_t *s16;
    uint64_t base;
} kcs_clean_input;

int kcs_clean_ok(int rate);
void kcs_clean_init(kcs_clean_reader *r, int rate, int baud, uint64_t at, double speed, int lead_in);
kcs_clean_kind kcs_clean_scan(kcs_clean_reader *r, const kcs_clean_input *x, uint64_t end, kcs_clean_event *ev);

#endif
