/*
 * kcs_audio.h - audio files for the KCS tools, through libsndfile: reading any format and
 * sample type it knows as mono float frames, and writing audio whose type follows a file name.
 *
 * The model
 *   - kcs_audio_in reads a path, "-" (standard input) or a memory image (for the Python module).
 *     A multi-channel file yields one channel: the one given, or, by default, the one carrying
 *     the signal (the first seconds are examined; recordings often have the signal on one side
 *     only and hum or silence on the other). Those seconds are kept and replayed, so unseekable
 *     input (pipes) works too. Memory stays constant however long the input is.
 *   - kcs_audio_out writes a file whose type follows the extension (.wav .flac .aiff .ogg .au
 *     .caf ...), 8, 16 or 24-bit, or a WAV image in memory (also used for "-": the image goes to
 *     standard output when closed, since a WAV header needs the final length).
 *   - Errors come back as one line naming the file and the problem, in the caller's buffer.
 *
 * Example
 *   char err[256];
 *   kcs_audio_in *in = kcs_audio_open("tape.wav", -1, err, sizeof err);
 *   float buf[4096]; size_t n;
 *   while ((n = kcs_audio_read(in, buf, 4096)) > 0) kcs_decoder_push(&dec, buf, n);
 *   // or, the fastest way: while (kcs_audio_push(in, &dec) > 0) {}
 *   if (kcs_audio_failed(in, err, sizeof err)) ...;
 *   kcs_audio_close(in);
 */
#ifndef KCS_AUDIO_H
#define KCS_AUDIO_H

#include "kcs.h"

#include <stddef.h>
#include <stdint.h>

typedef struct kcs_audio_in kcs_audio_in;
typedef struct kcs_audio_out kcs_audio_out;

/* channel: 0-based channel to use (errors name it 1-based, as users count), or -1 to find
 * the one with the signal. NULL on error. */
kcs_audio_in *kcs_audio_open(const char *path, int channel, char *err, size_t errlen);
kcs_audio_in *kcs_audio_open_memory(const void *data, size_t len, const char *name, int channel,
                                    char *err, size_t errlen);
int kcs_audio_rate(const kcs_audio_in *in);
int kcs_audio_channels(const kcs_audio_in *in);
int kcs_audio_channel(const kcs_audio_in *in);      /* the channel being read */
int64_t kcs_audio_frames(const kcs_audio_in *in);   /* total, or -1 when unknown (a pipe) */
/* Reads up to n frames of the chosen channel; 0 at the end or on an error. */
size_t kcs_audio_read(kcs_audio_in *in, float *out, size_t n);
/* Non-zero when the file's samples are 8- or 16-bit PCM, which 16-bit integers hold exactly:
 * then kcs_audio_read_s16 gives the same audio (x / 32768 is what kcs_audio_read returns)
 * without libsndfile's conversion to float. Reads may mix the two kinds. */
int kcs_audio_is_16bit(const kcs_audio_in *in);
size_t kcs_audio_read_s16(kcs_audio_in *in, int16_t *out, size_t n);
/* Reads the next frames (up to a buffer's worth, in the cheapest exact form: 16-bit integers
 * for 8/16-bit PCM, else floats) and pushes them into dec; returns how many, 0 at the end
 * or on an error (see kcs_audio_failed). A file is read ahead by a thread while the decoder
 * works (the same result as kcs_decoder_push): once kcs_audio_push has been
 * called, read `in` only with it, and push into dec only with it. */
size_t kcs_audio_push(kcs_audio_in *in, kcs_decoder *dec);
/* Non-zero (and the message in err) when reading stopped on an error rather than the end. */
int kcs_audio_failed(const kcs_audio_in *in, char *err, size_t errlen);
void kcs_audio_close(kcs_audio_in *in);

/* bits: 8, 16 or 24. path "-" writes a WAV to standard output when closed. */
kcs_audio_out *kcs_audio_create(const char *path, int rate, int bits, char *err, size_t errlen);
/* A WAV image in memory; take it with kcs_audio_finish_memory. */
kcs_audio_out *kcs_audio_create_memory(int rate, int bits, char *err, size_t errlen);
int kcs_audio_write(kcs_audio_out *out, const float *samples, size_t n, char *err, size_t errlen);
/* Finishes the file and frees out (also on error). 0 or -1. */
int kcs_audio_finish(kcs_audio_out *out, char *err, size_t errlen);
/* Finishes a memory image; *data (malloc'd, the caller frees) and *len get the WAV bytes. */
int kcs_audio_finish_memory(kcs_audio_out *out, uint8_t **data, size_t *len, char *err, size_t errlen);

#endif
