/*
 * tape.h - the cassette deck on the ACIA: a player (the tape being read) and a recorder.
 *
 * Model
 *   Player: a tape is a sequence of bytes, from an audio file decoded with libkcs
 *   (tape_audio.h) or any other file taken as raw bytes. While playing it puts them on the
 *   ACIA's receive line back to back at the ACIA's own bit timing, from the moment play was
 *   pressed; at the end of the tape it stops. Position = bytes delivered.
 *   Recorder: every byte the ACIA sends is written as it goes, to an audio file encoded by
 *   libkcs (a 2 s leader before the first byte, the real gaps between bytes as carrier, at
 *   most TAPE_MAX_GAP_SECONDS each, a 1 s trailer when finished) or to a raw file (flushed
 *   after every byte, so nothing is lost when the process is killed). tape_recorder_close
 *   finishes the file.
 *
 * Functions: tape_player_insert/eject/play/stop/rewind/next (the ACIA's rx_next),
 * tape_recorder_open/put/flush/close, tape_is_audio_path.
 *
 * Example
 *   tape_player p = {0};
 *   if (tape_player_insert(&p, "prog.wav", err, sizeof err) == 0) tape_player_play(&p, tick);
 *   tape_recorder r = {0};
 *   tape_recorder_open(&r, "out.wav", err, sizeof err);
 *   tape_recorder_put(&r, 'A', cycle);
 *   tape_recorder_close(&r, err, sizeof err);
 */
#ifndef SUPERBOARD_TAPE_H
#define SUPERBOARD_TAPE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define TAPE_LEADER_SECONDS 2.0
#define TAPE_TRAILER_SECONDS 1.0
#define TAPE_MAX_GAP_SECONDS 5.0
#define TAPE_BYTE_SECONDS (11.0 / 300.0) /* one byte as libkcs writes it: 300 baud, 8N2 */

struct tape_audio_writer;

typedef struct tape_player {
    char *path;              /* NULL: empty */
    bool audio;
    uint8_t *data;
    size_t length, position;
    bool playing;
    uint64_t play_since;     /* ACIA tick play was pressed */
} tape_player;

typedef struct tape_recorder {
    char *path;              /* NULL: not recording */
    bool audio;
    FILE *raw;
    struct tape_audio_writer *writer;
    uint64_t bytes;
    uint64_t last_cycle;     /* when the last byte left the ACIA */
} tape_recorder;

/* True for the extensions read and written as audio: .wav .flac .aiff .aif .au .ogg .caf */
bool tape_is_audio_path(const char *path);

int tape_player_insert(tape_player *p, const char *path, char *err, size_t errlen);
void tape_player_eject(tape_player *p);
void tape_player_play(tape_player *p, uint64_t tick);
void tape_player_stop(tape_player *p);
void tape_player_rewind(tape_player *p);
/* The ACIA's line source: the next byte while playing (start >= earliest and >= play
 * time), -1 when stopped or at the end (which stops the tape). */
int tape_player_next(tape_player *p, uint64_t earliest, uint64_t *start);

int tape_recorder_open(tape_recorder *r, const char *path, char *err, size_t errlen);
int tape_recorder_put(tape_recorder *r, uint8_t byte, uint64_t cycle, double cycles_per_second,
                      char *err, size_t errlen);
void tape_recorder_flush(tape_recorder *r);
int tape_recorder_close(tape_recorder *r, char *err, size_t errlen);

#endif
