/*
 * kcs.h - libkcs: the Kansas City Standard (KCS) cassette codec of the Superboard toolkit.
 *
 * The format (OSI flavour): a 0 bit is 4 cycles of 1200 Hz, a 1 bit is 8 cycles of 2400 Hz at
 * 300 baud (600 and 1200 baud keep the tones and use fewer cycles a bit); 2400 Hz carrier when
 * idle; each byte is 1 start bit (0), 8 data bits LSB first and 2 stop bits (1 as an option).
 *
 * The model
 *   - Encoder: a streaming oscillator. kcs_encoder_byte() appends the samples of one byte,
 *     kcs_encoder_carrier() appends idle carrier; the phase runs on across calls, so any mix of
 *     calls gives one continuous waveform. Samples are floats in [-1, 1].
 *   - Decoder: a streaming state machine. kcs_decoder_push() takes samples in chunks of any size
 *     (the result never depends on the chunking) and calls back once per byte as soon as its
 *     first stop bit has been checked. Its heart is the classic one: count the sign changes in a
 *     window one bit long (a ring buffer of the latest sign changes); a window of 2400 Hz holds
 *     twice as many changes as one of 1200 Hz. Around it, what real tapes need: a band-pass
 *     filter (removes DC, hum and most noise), a Schmitt trigger whose hysteresis follows the
 *     signal level, carrier detection, a start-bit edge search (each candidate checked
 *     halfway through its cell, so a stray edge in carrier does not hide the real one), a
 *     flywheel that looks for the next start bit where the byte grid says it is due when noise
 *     hid its edge, windows placed on the bit cells, continuous speed tracking from the
 *     measured length of the half cycles (so tapes that run up to 10% off speed, with
 *     wow and flutter, decode), the tone energies of a cell as a second opinion when its count
 *     lands near the threshold (heavy noise), and a stop-bit check
 *     that reports framing errors with their time instead of emitting garbage. A byte that
 *     fails that check, had a cell in doubt, or lies off the grid of the last good byte gets a
 *     second look at the level of whole frames: the filtered samples of the last frame and a
 *     half are kept, and frames around it and on the grid are read by their tone energies, the
 *     best-fitting valid one taken (a false start inside a byte, which noise makes of a 0 bit
 *     after some 1s, is caught so, and the real byte it hid is read instead of lost; with no
 *     grid yet, the earliest clear frame after carrier is taken). On a steady tape those
 *     frames are read with the cell that the spacing of back-to-back bytes gives, far more
 *     precise in noise than the tracked speed. Silence, DC, bare carrier and the hiss
 *     of blank tape give no bytes. Memory is constant; nothing is allocated after init.
 *   - Prefilter: the decoder's first stages, half-band low-passes that bring the rate down to
 *     11025..22049 Hz (22050..44099 Hz at 1200 baud), then the band-pass (kcs_prefilter).
 *   - Fast path: most of a good recording is so clean that every half cycle is plainly one of
 *     2400 or 1200 Hz, and the raw samples' zero crossings alone read it exactly, at a small
 *     fraction of the cost (kcs_clean.h). In a long leader, or once the full decoder has read
 *     a few bytes in a row cleanly at first look (300 baud and 32 kHz up, in practice), the
 *     clean reader takes over before the next start bit and the full decoder rests; the
 *     reader vouches for each byte or cell of carrier it reads, and at the first thing it
 *     cannot vouch for (noise, a click, a dropout, a start bit off a zero crossing, a speed
 *     jump) it hands the audio back: the full decoder goes on from where the reader last
 *     vouched for it, its filters warmed up on the cell before. The bytes are those the full
 *     decoder reads (the unit tests compare them on clean and damaged audio, the fuzz target on
 *     any); kcs_decoder_set_fast_path() turns the fast path off.
 *   - Text mode: listings travel as CR followed by NULs (OSI machines write 10) after each
 *     line. kcs_text_encode() turns LF or CR LF into that; kcs_text_decoder undoes it.
 *
 * Example
 *   kcs_encode_params ep; kcs_encode_params_default(&ep);
 *   kcs_encoder enc; kcs_encoder_init(&enc, &ep);
 *   float buf[KCS_MAX_BYTE_SAMPLES];
 *   size_t n = kcs_encoder_byte(&enc, 'A', buf);          // write n samples somewhere
 *
 *   kcs_decode_params dp; kcs_decode_params_default(&dp); dp.rate = 44100;
 *   kcs_decoder dec; kcs_decoder_init(&dec, &dp, on_byte, ctx);
 *   kcs_decoder_push(&dec, samples, count);                // on_byte(ctx, &event) per byte
 */
#ifndef KCS_H
#define KCS_H

#include <stddef.h>
#include <stdint.h>

#include "kcs_clean.h"

#define KCS_MIN_RATE 8000
#define KCS_MAX_RATE 192000
/* Samples one byte can take (slowest baud, two stop bits, highest rate, carrier up to a cycle). */
#define KCS_MAX_BYTE_SAMPLES (11 * (KCS_MAX_RATE / 300) + KCS_MAX_RATE / 2400 + 4)

typedef enum { KCS_WAVE_SINE, KCS_WAVE_SQUARE } kcs_wave;

typedef struct {
    int rate;           /* samples per second, KCS_MIN_RATE..KCS_MAX_RATE (default 44100) */
    int baud;           /* 300 (default), 600 or 1200 */
    int stop_bits;      /* 2 (default, as the OSI writes) or 1 */
    kcs_wave wave;      /* KCS_WAVE_SINE (default) or KCS_WAVE_SQUARE (band-limited) */
    double volume;      /* peak amplitude, 0 < volume <= 1 (default 0.7) */
} kcs_encode_params;

typedef struct {
    kcs_encode_params p;
    double origin;      /* (fractional) sample where the running carrier was at phase 0 */
    uint64_t samples;   /* samples produced so far */
    int square_harmonics[2];    /* band-limited square: highest odd harmonic, 1200 / 2400 Hz */
    double square_gain[2];      /* ... and the gain that brings its peak to the volume */
} kcs_encoder;

void kcs_encode_params_default(kcs_encode_params *p);
/* NULL when the parameters are usable, else a message saying which one is wrong. */
const char *kcs_encode_params_check(const kcs_encode_params *p);
/* Returns 0, or -1 when the parameters are not usable (see kcs_encode_params_check). */
int kcs_encoder_init(kcs_encoder *e, const kcs_encode_params *p);
/* Appends one framed byte to out (room for KCS_MAX_BYTE_SAMPLES); returns the samples written. */
size_t kcs_encoder_byte(kcs_encoder *e, uint8_t byte, float *out);
/* Appends n samples of idle carrier (2400 Hz) to out. */
void kcs_encoder_carrier(kcs_encoder *e, float *out, size_t n);
/* Samples in `seconds` of audio at the encoder's rate. */
size_t kcs_encoder_seconds(const kcs_encoder *e, double seconds);

/* Text mode. Writes the tape form of in[0..n) to out and returns its length; out needs room for
 * kcs_text_encoded_max(n, nulls) bytes. `*after_cr` carries a CR seen at the end of one call
 * into the next (start with 0) so that CR LF split across calls is still one line end. */
size_t kcs_text_encoded_max(size_t n, int nulls);
size_t kcs_text_encode(const uint8_t *in, size_t n, uint8_t *out, int nulls, int *after_cr);

/* Undoes text mode on decoded bytes: drops NULs, turns CR, CR LF (NULs between allowed) into LF. */
typedef struct { int after_cr; } kcs_text_decoder;
/* Filters in[0..n) into out (room for n bytes); returns the bytes written. */
size_t kcs_text_decode(kcs_text_decoder *t, const uint8_t *in, size_t n, uint8_t *out);

typedef struct {
    int rate;           /* of the samples pushed */
    int baud;           /* nominal: 300 (default), 600 or 1200 */
} kcs_decode_params;

/* One decoded byte, or a byte whose stop bit was wrong (framing_error set: do not trust it). */
typedef struct {
    uint8_t byte;
    int framing_error;
    uint64_t start_sample;      /* where its start bit began */
    double time;                /* the same, in seconds */
    double speed;               /* measured tape speed (1.0 = nominal) while it was read */
    int fast;                   /* read by the fast path (kcs_clean.h) */
} kcs_byte_event;

typedef void (*kcs_byte_fn)(void *ctx, const kcs_byte_event *ev);

/* Optional view into the decoder for plots and reports: one call per bit cell decided. */
typedef struct {
    uint64_t end_sample;        /* the bit cell ended here */
    double cell_samples;        /* its length in samples */
    int sign_changes;           /* counted in the cell */
    int bit;                    /* the decision */
    int index;                  /* 0 start bit, 1..8 data bits, 9 stop bit */
} kcs_bit_event;
typedef void (*kcs_bit_fn)(void *ctx, const kcs_bit_event *ev);

#define KCS_FLIP_RING 64        /* sign changes remembered: more than one bit's worth */
#define KCS_ERROR_TIMES 64      /* framing-error times kept in the statistics */

typedef struct {
    uint64_t bytes;             /* good bytes delivered */
    uint64_t framing_errors;
    double error_times[KCS_ERROR_TIMES];  /* seconds; the first KCS_ERROR_TIMES errors */
    double measured_baud;       /* nominal baud times the mean measured speed over the bytes
                                 * (from the spacing of consecutive bytes where they follow
                                 * one another, else from the tracked speed) */
    double level_dbfs;          /* level of the signal while bytes were read (the peak of a
                                 * sine of that RMS: a full-scale sine is 0 dBFS) */
    double seconds;             /* audio pushed so far */
    uint64_t clean_bytes;       /* of the bytes, those the fast path read (kcs_clean.h) */
    uint64_t clean_handbacks;   /* times it handed audio it had begun to read back to the full
                                 * decoder */
} kcs_stats;

/* The samples of the current bit cell, for a second opinion when its sign-change count lands
 * near the threshold: then the energies of the two tones in them decide. (Computed only for
 * those cells, so clean audio pays nothing for it.) They are read back from the filtered
 * samples, of which the decoder keeps more than a cell's worth. */
#define KCS_CELL_MAX 96         /* a 300-baud cell at 22049 Hz and 0.8 speed: 92 samples */
#define KCS_HISTORY 4416        /* filtered samples kept from earlier pushes at most: 48 cells at
                                 * 22049 Hz and 0.8 speed */
#define KCS_CHUNK 1024          /* input samples decimated and filtered at a time */
#define KCS_FILTERED (KCS_HISTORY + 4 * KCS_CHUNK)  /* room for the history and 4 blocks */
/* Input samples kept for the clean reader: those it may hand back to the full decoder (a
 * frame and a cell before it at 192 kHz, 300 baud and 0.85 speed) and the latest push. */
#define KCS_RAW 16384
typedef struct {
    uint64_t from;              /* the cell's first sample read */
    double until;               /* and the cell's expected end */
} kcs_tones;

/* What every sign change updates, kept together so that the decoder's inner loop can work on
 * a copy of it in registers. */
typedef struct {
    double last_flip;
    double pending_change;      /* the latest sign change, held back to spot glitches */
    int have_pending;
    double speed;               /* tracked speed factor, 1.0 nominal (set_speed) */
    double inv_speed;           /* 1 / speed */
    double glitch_len;          /* half a 2400 Hz half cycle at it (closer changes: a glitch) */
    double cell_len, settle_len;/* a bit cell, the wait for its closing change, at it */
    double nominal_short, inv_nominal_short, nominal_cell, nominal_settle;  /* ... at speed 1 */
    int carrier_run;            /* consecutive carrier half cycles */
    int last_kind;              /* of the last half cycle: 1 short, 2 long, 0 neither */
    int kind_run;               /* half cycles of that kind before it */
    double deadline;            /* decide the current cell when the sample count reaches it: */
    double dl_base, dl_part;    /* dl_base + dl_part * cell_len + settle_len */
    unsigned flip_head;         /* count of sign changes seen (ring index = flip_head % RING) */
    uint64_t at;                /* the sample of the sign change at hand */
} kcs_clock;

/* One stage of the decimator: a half-band low-pass that keeps every other sample. */
#define KCS_HALFBAND_TAPS 15    /* the longest stage's taps */
#define KCS_MAX_STAGES 4        /* 192 kHz down to 12 kHz */
typedef struct {
    float hist[KCS_HALFBAND_TAPS - 1];  /* the latest inputs, oldest first */
    int odd;                            /* an odd count of inputs so far */
    int taps;                           /* 7, or 15 for the last (sharpest) stage */
} kcs_halfband;

/* The band-pass: four second-order sections (high-pass, low-pass, high-pass, low-pass; above
 * 300 baud the last two pass the signal through) run as a pipeline, section k working on the
 * sample k steps behind the newest: one step moves every section on by one sample. */
typedef struct {
    float a1[4], a2[4], b1[4], b2[4];   /* each section's coefficients (b0 is 1) */
    float x1[4], x2[4], y1[4], y2[4];   /* each section's latest inputs and outputs */
    double gain;                        /* the sections' gains, applied at the end */
} kcs_bandpass;

/* The prefilter: `stages` half-band stages, each halving the rate while it stays at
 * KCS_MIN_IRATE or more (11025 Hz, and twice that at 1200 baud; at 300 baud 44.1 kHz: two,
 * 96 kHz: three, 8000..22049 Hz: none), then the band-pass at the rate they leave. */
typedef struct {
    int stages;
    kcs_halfband hb[KCS_MAX_STAGES];
    kcs_bandpass filter;
} kcs_prefilter;


typedef struct {
    kcs_decode_params p;
    kcs_byte_fn on_byte;
    void *ctx;
    kcs_bit_fn on_bit;
    void *bit_ctx;
    int decim;                  /* input samples per internal sample: 2 ^ pre.stages */
    int flips_per_one;          /* sign changes in a 1 cell: 16 at 300 baud */
    double irate;               /* the internal rate: rate / decim, 11025..22049 Hz or lower
                                 * (twice that at 1200 baud) */
    kcs_prefilter pre;
    uint64_t inputs;            /* input samples pushed */
    /* The fast path (kcs_clean.h): the input goes through `raw` (samples raw_base on); the
     * full decoder has taken it up to full_pos. While the clean reader reads (clean_mode),
     * the full decoder rests; when the reader fails, the full decoder goes on from where the
     * reader last vouched for the audio (clean_pos: the end of a byte's first stop bit or a
     * cell of carrier), its filters warmed up on the cell before. */
    int raw_s16;                /* raw holds 16-bit samples (every push so far was 16-bit) */
    uint64_t raw_base;
    size_t raw_len;
    uint64_t full_pos;
    int fast;                   /* the fast path may run (rate high enough, no bit observer) */
    int clean_mode;
    kcs_clean_reader clean;
    uint64_t clean_from;        /* where the reader began */
    uint64_t clean_pos;         /* where it last vouched for the audio (clean_from: nowhere yet) */
    uint64_t clean_takeover;    /* where the full decoder would begin again (its warm-up) */
    int clean_lead;             /* carrier half cycles in a row up to clean_pos */
    int clean_run;              /* bytes in a row the full decoder took at first look */
    double delay;               /* the prefilter's delay, in internal samples */
    double tone_power[2];       /* its power gain at 1200 and at 2400 Hz */
    double blind_until;         /* no start bit is taken that began before this */
    double history_floor;       /* filtered samples before this are not the audio's */
    double level_rate;
    double level;               /* envelope of the filtered signal (moves every 4 samples) */
    float level_mags[4];        /* |v| of the samples of the current group of 4 so far */
    int schmitt;                /* +1 / -1: state of the trigger */
    /* the filtered samples: history_len of them from before, then those of the latest blocks;
     * slid back to the latest history_len when the next block would not fit */
    float filtered[KCS_FILTERED];
    size_t filtered_end;
    size_t history_len;         /* filtered samples kept: 48 cells at 0.8 speed, KCS_HISTORY at most */
    const float *y;             /* while pushing: the block's samples, history before them */
    uint64_t now;               /* while pushing: the sample at hand (internal samples) */
    int now_done;               /* ... and whether its own work (before deadlines) is done */
    uint64_t n;                 /* internal samples decoded; times below count these */
    double flips[KCS_FLIP_RING];/* times of the latest sign changes, in samples */
    kcs_clock c;
    int locked;                 /* the last byte was good: its stop bit leads in the next */
    /* the byte being read */
    int state;                  /* 0 hunting for a start bit, 1 reading bits */
    kcs_tones tones;
    int start_checked;          /* the start bit's first half looked like a 0 */
    int run_before_start;       /* carrier half cycles before the start-bit candidate */
    double next_start;          /* after a good byte: where the next start bit is due, or 0 */
    double frame_start;         /* state FRAME: where the frame to read whole began */
    int frame_reach;            /* ... give or take this many eighths of a cell */
    double delivered_end;       /* where the first stop bit of the last byte delivered ended */
    int grid_cells;             /* cells from one byte to the next when back to back: 11 (two
                                 * stop bits) or 10 (one), as last measured */
    int grid_agreed;            /* measurements in a row that gave grid_cells */
    double last_good;           /* where the last good byte's start bit began, or 0 */
    double grid_ratio;          /* the grid's period against grid_cells cells (grid_period) */
    double cell_ratio;          /* grid_ratio averaged over some 256 bytes (0 before the first):
                                 * the cell of frames read whole against the tracked one */
    double grid_cell;           /* a cell at the speed the last good byte was read at */
    double spaced_cell;         /* the cell by the spacing of back-to-back good bytes, an average
                                 * over some 32 pairs (0 before the first) */
    double spaced_var;          /* how far pairs stray from it: relative, squared, an average */
    int spaced_pairs;           /* pairs measured */
    double grid_miss_sq;        /* how far good bytes miss the grid: cells squared, an average */
    double cell_start;          /* where the current bit cell began, in samples */
    unsigned cell_start_flip;   /* ... at sign change number cell_start_flip - 1, or 0 */
    int bit_index;
    unsigned shift;
    double byte_start;
    double byte_speed_sum;
    int byte_doubt;             /* a cell's sign-change count was near the threshold */
    double doubt_rate;          /* the share of recent bytes with a cell in doubt */
    double search_score;        /* the score of the frames the search took (average of the last
                                 * 16 or so; 0 before the first) */
    int stop_bit;               /* state SEARCH: the byte's stop bit as read */
    double search_base;         /* state SEARCH: the frames around here are waited for */
    int search_waited;          /* state SEARCH: waited once more for a frame on the grid */
    /* statistics */
    double speed_sum;
    double prev_good_start;     /* the start of the last good byte */
    double prev_good_speed;     /* ... and the speed it was read at */
    double pair_speed_sum;      /* speeds from the spacing of consecutive good bytes */
    uint64_t pair_count;
    double level_sq_sum;
    uint64_t level_count;
    kcs_stats stats;
    union {                     /* last: kcs_decoder_init has no need to clear it */
        float f[KCS_RAW];
        int16_t s16[KCS_RAW];
    } raw;
} kcs_decoder;

void kcs_decode_params_default(kcs_decode_params *p);
const char *kcs_decode_params_check(const kcs_decode_params *p);
int kcs_decoder_init(kcs_decoder *d, const kcs_decode_params *p, kcs_byte_fn on_byte, void *ctx);
/* The observer sees every cell the full decoder decides: setting one turns the fast path off. */
void kcs_decoder_set_bit_observer(kcs_decoder *d, kcs_bit_fn on_bit, void *ctx);
/* The fast path on (the default, where the rate allows it) or off (every sample through the
 * full decoder: slower, the same bytes). Call it before the first push. */
void kcs_decoder_set_fast_path(kcs_decoder *d, int on);
void kcs_decoder_push(kcs_decoder *d, const float *samples, size_t n);
/* The same for 16-bit samples (x / 32768 as floats: both give the very same result). */
void kcs_decoder_push_s16(kcs_decoder *d, const int16_t *samples, size_t n);
/* The statistics so far (measured_baud and level_dbfs computed on the call). */
kcs_stats kcs_decoder_stats(const kcs_decoder *d);

/* The tape speed (1.0 nominal) from the distance between the start bits of two consecutive good
 * bytes, `cells` bit cells long at nominal speed, and the tracked speed while they were read:
 * when they were back to back (10 or 11 cells at tape speed: one or two stop bits) the distance
 * gives the speed without the bias filter delays put on the tracked speed; 0 otherwise. The
 * decoder's speed statistic and the tape report (kcs_analysis.h) both measure it so. */
double kcs_spacing_speed(double cells, double tracked_speed);

#endif
