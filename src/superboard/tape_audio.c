/* tape_audio.c - KCS audio tapes through libkcs (tape_audio.h). */
#include "tape_audio.h"

#include <stdio.h>
#include <stdlib.h>

#include "kcs.h"
#include "kcs_audio.h"
#include "tape.h"

#define TAPE_AUDIO_RATE 44100

typedef struct {
    uint8_t *data;
    size_t len, cap;
    int out_of_memory;
} byte_list;

static void keep_byte(void *ctx, const kcs_byte_event *ev)
{
    byte_list *b = ctx;
    if (ev->framing_error || b->out_of_memory)
        return;     /* a byte with a bad stop bit is not trusted: the program sees a gap */
    if (b->len == b->cap) {
        size_t cap = b->cap ? 2 * b->cap : 4096;
        uint8_t *grown = realloc(b->data, cap);
        if (!grown) {
            b->out_of_memory = 1;
            return;
        }
        b->data = grown;
        b->cap = cap;
    }
    b->data[b->len++] = ev->byte;
}

int tape_audio_decode(const char *path, uint8_t **data, size_t *len, char *err, size_t errlen)
{
    kcs_audio_in *in = kcs_audio_open(path, -1, err, errlen);
    if (!in)
        return -1;
    kcs_decode_params dp;
    kcs_decode_params_default(&dp);
    dp.rate = kcs_audio_rate(in);
    const char *bad = kcs_decode_params_check(&dp);
    if (bad) {
        snprintf(err, errlen, "%s: %s (the file's rate is %d Hz)", path, bad, dp.rate);
        kcs_audio_close(in);
        return -1;
    }
    byte_list bytes = {0};
    kcs_decoder *dec = malloc(sizeof *dec);
    float *buf = malloc(16384 * sizeof *buf);
    int rc = -1;
    if (dec && buf) {
        kcs_decoder_init(dec, &dp, keep_byte, &bytes);
        size_t n;
        while ((n = kcs_audio_read(in, buf, 16384)) > 0)
            kcs_decoder_push(dec, buf, n);
        if (kcs_audio_failed(in, err, errlen))
            rc = -1;
        else if (bytes.out_of_memory)
            snprintf(err, errlen, "%s: out of memory", path);
        else if (bytes.len == 0)
            snprintf(err, errlen, "%s: no KCS signal found", path);
        else
            rc = 0;
    } else {
        snprintf(err, errlen, "%s: out of memory", path);
    }
    free(buf);
    free(dec);
    kcs_audio_close(in);
    if (rc) {
        free(bytes.data);
        return -1;
    }
    *data = bytes.data;
    *len = bytes.len;
    return 0;
}

struct tape_audio_writer {
    kcs_audio_out *out;
    kcs_encoder enc;
    float buf[KCS_MAX_BYTE_SAMPLES];
};

struct tape_audio_writer *tape_audio_writer_open(const char *path, char *err, size_t errlen)
{
    struct tape_audio_writer *w = calloc(1, sizeof *w);
    if (!w) {
        snprintf(err, errlen, "%s: out of memory", path);
        return NULL;
    }
    kcs_encode_params ep;
    kcs_encode_params_default(&ep);
    ep.rate = TAPE_AUDIO_RATE;
    kcs_encoder_init(&w->enc, &ep);
    w->out = kcs_audio_create(path, TAPE_AUDIO_RATE, 16, err, errlen);
    if (!w->out) {
        free(w);
        return NULL;
    }
    return w;
}

int tape_audio_writer_carrier(struct tape_audio_writer *w, double seconds, char *err, size_t errlen)
{
    size_t left = kcs_encoder_seconds(&w->enc, seconds);
    while (left) {
        size_t n = left < KCS_MAX_BYTE_SAMPLES ? left : KCS_MAX_BYTE_SAMPLES;
        kcs_encoder_carrier(&w->enc, w->buf, n);
        if (kcs_audio_write(w->out, w->buf, n, err, errlen))
            return -1;
        left -= n;
    }
    return 0;
}

int tape_audio_writer_byte(struct tape_audio_writer *w, uint8_t byte, char *err, size_t errlen)
{
    return kcs_audio_write(w->out, w->buf, kcs_encoder_byte(&w->enc, byte, w->buf), err, errlen);
}

int tape_audio_writer_close(struct tape_audio_writer *w, char *err, size_t errlen)
{
    int rc = tape_audio_writer_carrier(w, TAPE_TRAILER_SECONDS, err, errlen);
    char finish_err[320];
    if (kcs_audio_finish(w->out, finish_err, sizeof finish_err) && rc == 0) {
        snprintf(err, errlen, "%s", finish_err);
        rc = -1;
    }
    free(w);
    return rc;
}
