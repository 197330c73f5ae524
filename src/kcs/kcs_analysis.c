/* kcs_analysis.c - the decoder's view kept for pictures (kcs_analysis.h). */
#include "kcs_analysis.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

void kcs_analysis_init(kcs_analysis *a, int rate, int baud, double win_start, double win_end)
{
    memset(a, 0, sizeof *a);
    a->rate = rate;
    a->baud = baud;
    a->block_len = (size_t)(rate * KCS_ANALYSIS_BLOCK_SECONDS);
    if (a->block_len == 0)
        a->block_len = 1;
    a->win_start = win_start;
    a->win_end = win_end;
    a->wave_t0 = -1;
}

/* Appends one element of `size` bytes to a growable array. */
static int grow_push(kcs_analysis *a, void **items, size_t *n, size_t *cap, size_t size, const void *item)
{
    if (*n == *cap) {
        size_t c = *cap ? 2 * *cap : 256;
        void *bigger = realloc(*items, c * size);
        if (!bigger) {
            a->out_of_memory = 1;
            return -1;
        }
        *items = bigger;
        *cap = c;
    }
    memcpy((char *)*items + *n * size, item, size);
    (*n)++;
    return 0;
}

void kcs_analysis_samples(kcs_analysis *a, const float *x, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        double v = isfinite(x[i]) ? x[i] : 0;
        a->block_sq += v * v;
        if (++a->block_fill == a->block_len) {
            float db = (float)(10 * log10(a->block_sq / a->block_len + 1e-12));
            grow_push(a, (void **)&a->level_dbfs, &a->blocks, &a->blocks_cap, sizeof db, &db);
            a->block_sq = 0;
            a->block_fill = 0;
        }
        double t = (double)(a->samples + i) / a->rate;
        if (t >= a->win_start && t < a->win_end) {
            if (a->wave_t0 < 0)
                a->wave_t0 = t;
            float f = (float)v;
            grow_push(a, (void **)&a->wave, &a->wave_n, &a->wave_cap, sizeof f, &f);
        }
    }
    a->samples += n;
}

void kcs_analysis_on_byte(void *analysis, const kcs_byte_event *ev)
{
    kcs_analysis *a = analysis;
    kcs_byte_record r = {ev->time, ev->speed, ev->byte, ev->framing_error};
    /* Back to back with the previous good byte, the distance between the two start bits gives
     * the speed without the bias filter delays put on the tracked speed (band-limited tapes
     * read ~0.5% slow there). */
    const kcs_byte_record *prev = a->nbytes ? &a->bytes[a->nbytes - 1] : NULL;
    if (prev && !prev->framing_error && !r.framing_error) {
        double speed = kcs_spacing_speed((r.time - prev->time) * a->baud, r.speed);
        if (speed > 0)
            r.speed = speed;
    }
    grow_push(a, (void **)&a->bytes, &a->nbytes, &a->bytes_cap, sizeof r, &r);
}

void kcs_analysis_on_bit(void *analysis, const kcs_bit_event *ev)
{
    kcs_analysis *a = analysis;
    double end = (double)ev->end_sample / a->rate;
    double start = end - ev->cell_samples / a->rate;
    if (end < a->win_start || start > a->win_end)
        return;
    kcs_bit_record r = {start, end, ev->sign_changes, ev->bit, ev->index};
    grow_push(a, (void **)&a->bits, &a->nbits, &a->bits_cap, sizeof r, &r);
}

void kcs_analysis_default_window(const kcs_analysis *a, double seconds, double *start, double *end)
{
    double at = -1;
    for (size_t i = 0; i < a->nbytes && at < 0; i++)
        if (a->bytes[i].framing_error)
            at = a->bytes[i].time - seconds / 3;
    if (at < 0)
        at = a->nbytes ? a->bytes[0].time - 0.01 : 0;
    *start = at < 0 ? 0 : at;
    *end = *start + seconds;
}

void kcs_analysis_free(kcs_analysis *a)
{
    free(a->level_dbfs);
    free(a->bytes);
    free(a->wave);
    free(a->bits);
    memset(a, 0, sizeof *a);
}
