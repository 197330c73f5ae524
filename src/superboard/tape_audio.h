/*
 * tape_audio.h - the cassette deck's audio side, on libkcs (the one KCS codec of the project):
 * decode a KCS recording into bytes, and write KCS audio as bytes come.
 *
 * Functions: tape_audio_decode; tape_audio_writer_open/carrier/byte/close (streaming: the
 * samples go to the file as they are made, so the file grows while the program saves).
 *
 * Example
 *   uint8_t *bytes; size_t n;
 *   if (tape_audio_decode("prog.wav", &bytes, &n, err, sizeof err) == 0) { ...; free(bytes); }
 *   struct tape_audio_writer *w = tape_audio_writer_open("out.wav", err, sizeof err);
 *   tape_audio_writer_carrier(w, 2.0, err, sizeof err);
 *   tape_audio_writer_byte(w, 'A', err, sizeof err);
 *   tape_audio_writer_close(w, err, sizeof err);
 */
#ifndef SUPERBOARD_TAPE_AUDIO_H
#define SUPERBOARD_TAPE_AUDIO_H

#include <stddef.h>
#include <stdint.h>

struct tape_audio_writer;

int tape_audio_decode(const char *path, uint8_t **data, size_t *len, char *err, size_t errlen);
struct tape_audio_writer *tape_audio_writer_open(const char *path, char *err, size_t errlen);
int tape_audio_writer_carrier(struct tape_audio_writer *w, double seconds, char *err, size_t errlen);
int tape_audio_writer_byte(struct tape_audio_writer *w, uint8_t byte, char *err, size_t errlen);
/* Writes the trailer, closes the file and frees w (also on error). */
int tape_audio_writer_close(struct tape_audio_writer *w, char *err, size_t errlen);

#endif
