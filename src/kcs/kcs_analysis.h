/*
 * kcs_analysis.h - what the decoder saw, kept for pictures: the signal level along the tape,
 * every byte with its time and measured speed, framing errors, and, inside a time window, the
 * waveform with the decoder's bit cells (sign-change counts and decisions).
 *
 * The model: a kcs_analysis is fed the same samples as the decoder (kcs_analysis_samples) and
 * hooked to the decoder's byte and bit callbacks (kcs_analysis_on_byte / _on_bit). Memory grows
 * with the length of the tape only by one level value per block (20 ms) and one record per byte;
 * the waveform is kept only inside the window. kcs_svg.h draws it.
 *
 * Example
 *   kcs_analysis a; kcs_analysis_init(&a, rate, 1.0, 1.3);      // window 1.0 s .. 1.3 s
 *   kcs_decoder_init(&dec, &dp, kcs_analysis_on_byte, &a);
 *   kcs_decoder_set_bit_observer(&dec, kcs_analysis_on_bit, &a);
 *   for each chunk: kcs_analysis_samples(&a, x, n); kcs_decoder_push(&dec, x, n);
 *   kcs_svg_report(&a, "report.svg", "tape.wav", err, sizeof err);
 *   kcs_analysis_free(&a);
 */
#ifndef KCS_ANALYSIS_H
#define KCS_ANALYSIS_H

#include <stddef.h>
#include <stdint.h>

#include "kcs.h"

#define KCS_ANALYSIS_BLOCK_SECONDS 0.02

typedef struct {
    double time;        /* start bit, seconds */
    double speed;       /* measured tape speed, 1.0 nominal: from the distance to the previous
                         * good byte when the two were back to back, else the tracked speed */
    uint8_t byte;
    int framing_error;
} kcs_byte_record;

typedef struct {
    double start, end;  /* the bit cell, seconds */
    int sign_changes;   /* half cycles counted in it */
    int bit;
    int index;          /* 0 start bit, 1..8 data, 9 stop */
} kcs_bit_record;

typedef struct {
    int rate;
    int baud;
    uint64_t samples;
    /* level along the tape: RMS per block, in dBFS */
    float *level_dbfs;
    size_t blocks, blocks_cap;
    double block_sq;
    size_t block_fill, block_len;
    /* every byte */
    kcs_byte_record *bytes;
    size_t nbytes, bytes_cap;
    /* the window: waveform and bit cells */
    double win_start, win_end;
    float *wave;
    size_t wave_n, wave_cap;
    double wave_t0;     /* time of wave[0] */
    kcs_bit_record *bits;
    size_t nbits, bits_cap;
    int out_of_memory;
} kcs_analysis;

/* A window with win_end <= win_start keeps no waveform. */
void kcs_analysis_init(kcs_analysis *a, int rate, int baud, double win_start, double win_end);
void kcs_analysis_samples(kcs_analysis *a, const float *x, size_t n);
void kcs_analysis_on_byte(void *analysis, const kcs_byte_event *ev);
void kcs_analysis_on_bit(void *analysis, const kcs_bit_event *ev);
void kcs_analysis_free(kcs_analysis *a);

/* The window a plot should show by default: around the first framing error, else the first
 * bytes; `seconds` long. */
void kcs_analysis_default_window(const kcs_analysis *a, double seconds, double *start, double *end);

#endif
