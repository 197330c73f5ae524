/* audio_file.c -- see audio_file.h. */
#include "audio_file.h"

#include <sndfile.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

typedef struct audio_file {
    audio_backend base;
    SNDFILE *in, *out;
    int in_channels;
    float *frame_buf; /* one block of interleaved input frames */
    size_t block, latency;
    unsigned long long silence_left; /* frames, without an input file */
    bool done;
    bool tick; /* a block was just delivered: the next read says "nothing captured yet" */
    audio_stats st;
} audio_file;

static size_t file_read(void *ctx, float *buf, size_t max)
{
    audio_file *f = ctx;
    if (f->done)
        return 0;
    /* One block per round: a reader that drains what is available (the modem does) gets one
     * block, then 0, as from a live stream; without this the whole file was "captured" at once
     * and the output could not keep in step with it. */
    f->tick = !f->tick;
    if (!f->tick)
        return 0;
    size_t want = max < f->block ? max : f->block;
    size_t got;
    if (f->in) {
        got = (size_t)sf_readf_float(f->in, f->frame_buf, (sf_count_t)want);
        for (size_t i = 0; i < got; i++)
            buf[i] = f->frame_buf[i * (size_t)f->in_channels];
    } else {
        got = f->silence_left < want ? (size_t)f->silence_left : want;
        memset(buf, 0, got * sizeof *buf);
        f->silence_left -= got;
    }
    if (got == 0)
        f->done = true;
    f->st.frames_in += got;
    return got;
}

static size_t file_write_space(void *ctx)
{
    audio_file *f = ctx;
    unsigned long long limit = f->st.frames_in + f->latency;
    return limit > f->st.frames_out ? (size_t)(limit - f->st.frames_out) : 0;
}

static size_t file_write(void *ctx, const float *buf, size_t n)
{
    audio_file *f = ctx;
    size_t room = file_write_space(f);
    if (n > room)
        n = room;
    if (f->out && n)
        sf_writef_float(f->out, buf, (sf_count_t)n);
    f->st.frames_out += n;
    return n;
}

static bool file_finished(void *ctx) { return ((audio_file *)ctx)->done; }
static audio_stats file_stats(void *ctx) { return ((audio_file *)ctx)->st; }

static void file_close(void *ctx)
{
    audio_file *f = ctx;
    if (f->in)
        sf_close(f->in);
    if (f->out)
        sf_close(f->out);
    free(f->frame_buf);
    free(f);
}

static const audio_backend_ops file_ops = {file_read, file_write_space, file_write,
                                           file_finished, file_stats, file_close};

/* The output format from the file name's extension; 16-bit PCM where the container has it. */
static int format_for(const char *path)
{
    const char *dot = strrchr(path, '.');
    SF_FORMAT_INFO info;
    int count = 0;
    sf_command(NULL, SFC_GET_FORMAT_MAJOR_COUNT, &count, sizeof count);
    for (int i = 0; dot && i < count; i++) {
        info.format = i;
        sf_command(NULL, SFC_GET_FORMAT_MAJOR, &info, sizeof info);
        if (info.extension && strcasecmp(info.extension, dot + 1) == 0) {
            int sub = (info.format == SF_FORMAT_OGG) ? SF_FORMAT_VORBIS : SF_FORMAT_PCM_16;
            return info.format | sub;
        }
    }
    return 0;
}

audio_backend *audio_file_open(const audio_file_config *cfg, char *err, size_t errlen)
{
    audio_file *f = calloc(1, sizeof *f);
    if (!f) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    f->base.ops = &file_ops;
    f->base.ctx = f;
    f->base.rate = cfg->rate > 0 ? cfg->rate : 48000;
    f->block = cfg->block ? cfg->block : 512;
    f->in_channels = 1;
    if (cfg->input) {
        SF_INFO info = {0};
        f->in = sf_open(cfg->input, SFM_READ, &info);
        if (!f->in) {
            snprintf(err, errlen, "%s: %s", cfg->input, sf_strerror(NULL));
            file_close(f);
            return NULL;
        }
        f->in_channels = info.channels;
        f->base.rate = info.samplerate;
    } else {
        f->silence_left = (unsigned long long)(cfg->seconds * f->base.rate);
    }
    f->latency = cfg->latency ? cfg->latency : (size_t)(f->base.rate / 4);
    f->frame_buf = malloc(f->block * (size_t)f->in_channels * sizeof(float));
    if (!f->frame_buf) {
        snprintf(err, errlen, "out of memory");
        file_close(f);
        return NULL;
    }
    if (cfg->output) {
        SF_INFO info = {.samplerate = (int)f->base.rate, .channels = 1,
                        .format = format_for(cfg->output)};
        if (!info.format) {
            snprintf(err, errlen, "%s: unknown audio file extension (try .wav)", cfg->output);
            file_close(f);
            return NULL;
        }
        f->out = sf_open(cfg->output, SFM_WRITE, &info);
        if (!f->out) {
            snprintf(err, errlen, "%s: %s", cfg->output, sf_strerror(NULL));
            file_close(f);
            return NULL;
        }
    }
    return &f->base;
}
