/* kcs_audio.c - audio files through libsndfile (kcs_audio.h). */
#include "kcs_audio.h"

#include <math.h>
#include <pthread.h>
#include <sndfile.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

/* A byte buffer seen by libsndfile as a file: read-only over caller memory, or growable. */
typedef struct {
    uint8_t *data;
    sf_count_t len, cap, pos;
    int owned;
} membuf;

static sf_count_t mem_len(void *u) { return ((membuf *)u)->len; }
static sf_count_t mem_tell(void *u) { return ((membuf *)u)->pos; }

static sf_count_t mem_seek(sf_count_t off, int whence, void *u)
{
    membuf *m = u;
    sf_count_t base = whence == SEEK_SET ? 0 : whence == SEEK_CUR ? m->pos : m->len;
    if (base + off < 0)
        return -1;
    m->pos = base + off;
    return m->pos;
}

static sf_count_t mem_read(void *ptr, sf_count_t n, void *u)
{
    membuf *m = u;
    sf_count_t left = m->len - m->pos;
    if (n > left)
        n = left > 0 ? left : 0;
    memcpy(ptr, m->data + m->pos, (size_t)n);
    m->pos += n;
    return n;
}

static sf_count_t mem_write(const void *ptr, sf_count_t n, void *u)
{
    membuf *m = u;
    if (!m->owned)
        return 0;
    if (m->pos + n > m->cap) {
        sf_count_t cap = m->cap ? m->cap : 65536;
        while (cap < m->pos + n)
            cap *= 2;
        uint8_t *grown = realloc(m->data, (size_t)cap);
        if (!grown)
            return 0;
        memset(grown + m->cap, 0, (size_t)(cap - m->cap));
        m->data = grown;
        m->cap = cap;
    }
    memcpy(m->data + m->pos, ptr, (size_t)n);
    m->pos += n;
    if (m->pos > m->len)
        m->len = m->pos;
    return n;
}

static SF_VIRTUAL_IO mem_io = {mem_len, mem_seek, mem_read, mem_write, mem_tell};

/* ------------------------------------------------------------------ input */

/* Seconds examined to find the channel with the signal (kept, then replayed). */
#define PROBE_SECONDS 8
#define PROBE_MAX_SAMPLES ((size_t)4 << 20)

struct kcs_audio_in {
    SNDFILE *sf;
    SF_INFO info;
    membuf mem;
    char name[256];
    int channel;
    float *frames;          /* interleaved: the probe first, then a read buffer */
    size_t frames_cap;      /* in frames */
    size_t have, used;      /* frames in `frames`, and consumed of them */
    int have_s16;           /* `frames` holds 16-bit integers (read by kcs_audio_read_s16) */
    const int16_t *pcm;     /* a 16-bit PCM WAV image's samples, read in place (else NULL) */
    size_t pcm_frames, pcm_pos;
    struct read_ahead *ahead;   /* kcs_audio_push's reads of a file or pipe, or NULL */
    int eof;
    char error[320];
};

static void set_err(char *err, size_t errlen, const char *name, const char *what)
{
    if (err && errlen)
        snprintf(err, errlen, "%s: %s", name, what);
}

/* Reads up to `want` frames into dst (floats, or 16-bit integers when s16); 0 at the end or
 * on an error (kept in in->error). */
static size_t read_frames(kcs_audio_in *in, void *dst, size_t want, int s16)
{
    if (in->eof)
        return 0;
    sf_count_t got = s16 ? sf_readf_short(in->sf, dst, (sf_count_t)want) : sf_readf_float(in->sf, dst, (sf_count_t)want);
    if (got <= 0) {
        in->eof = 1;
        if (sf_error(in->sf) != SF_ERR_NO_ERROR)
            snprintf(in->error, sizeof in->error, "%s: read error: %s", in->name, sf_strerror(in->sf));
        return 0;
    }
    return (size_t)got;
}

static size_t refill(kcs_audio_in *in, size_t want)
{
    in->have = read_frames(in, in->frames, want > in->frames_cap ? in->frames_cap : want, 0);
    in->used = 0;
    return in->have;
}

/* The channel whose DC-free RMS in the probe is largest. */
static int loudest_channel(const kcs_audio_in *in)
{
    int ch = in->info.channels, best = 0;
    double best_energy = -1;
    for (int c = 0; c < ch; c++) {
        double mean = 0, energy = 0;
        for (size_t i = 0; i < in->have; i++)
            mean += in->frames[i * ch + c];
        mean /= in->have ? (double)in->have : 1.0;
        for (size_t i = 0; i < in->have; i++) {
            double v = in->frames[i * ch + c] - mean;
            energy += v * v;
        }
        if (energy > best_energy) {
            best_energy = energy;
            best = c;
        }
    }
    return best;
}

static kcs_audio_in *finish_open(kcs_audio_in *in, int channel, char *err, size_t errlen)
{
    if (!in->sf) {
        char what[200];
        snprintf(what, sizeof what, "cannot read it as audio (%s)", sf_strerror(NULL));
        set_err(err, errlen, in->name, what);
        free(in->mem.owned ? in->mem.data : NULL);
        free(in);
        return NULL;
    }
    if (in->info.channels < 1 || in->info.samplerate < 1) {
        set_err(err, errlen, in->name, "not a usable audio file (no channels or no sample rate)");
        kcs_audio_close(in);
        return NULL;
    }
    if (channel >= in->info.channels) {
        char what[96];
        snprintf(what, sizeof what, "has %d channel%s; there is no channel %d", in->info.channels,
                 in->info.channels == 1 ? "" : "s", channel + 1);
        set_err(err, errlen, in->name, what);
        kcs_audio_close(in);
        return NULL;
    }
    /* A damaged header can claim any rate and channel count: the probe is bounded in samples
     * (a shorter probe still finds the channel; the decoder rejects such rates itself). */
    size_t probe = (size_t)in->info.samplerate * PROBE_SECONDS;
    if (probe > PROBE_MAX_SAMPLES / (size_t)in->info.channels)
        probe = PROBE_MAX_SAMPLES / (size_t)in->info.channels;
    if (probe < 1)
        probe = 1;
    in->frames_cap = probe;
    in->frames = malloc(probe * (size_t)in->info.channels * sizeof(float));
    if (!in->frames) {
        set_err(err, errlen, in->name, "out of memory");
        kcs_audio_close(in);
        return NULL;
    }
    if (in->info.channels > 1 && channel < 0) {
        /* fill the probe completely: a pipe may hand over fewer frames per call */
        size_t got = 0;
        while (got < probe) {
            sf_count_t n = sf_readf_float(in->sf, in->frames + got * in->info.channels, (sf_count_t)(probe - got));
            if (n <= 0)
                break;
            got += (size_t)n;
        }
        in->have = got;
        in->eof = got < probe;
        in->channel = loudest_channel(in);
    } else {
        in->channel = channel < 0 ? 0 : channel;
    }
    return in;
}

static unsigned get16(const uint8_t *p) { return (unsigned)p[0] | (unsigned)p[1] << 8; }
static uint32_t get32(const uint8_t *p) { return (uint32_t)get16(p) | (uint32_t)get16(p + 2) << 16; }

/* A memory image that is a 16-bit PCM WAV (plain or WAVE_FORMAT_EXTENSIBLE) whose format
 * agrees with what libsndfile made of it: its samples are then read in place, without
 * libsndfile's copy (little-endian hosts only). (Files are not mapped: the mapped pages
 * would count towards the memory used, which must not grow with the input.) */
static void find_pcm16(kcs_audio_in *in, const uint8_t *p, size_t len)
{
    const uint16_t probe = 1;
    uint8_t little;
    memcpy(&little, &probe, 1);
    if (!little || len < 12 || memcmp(p, "RIFF", 4) || memcmp(p + 8, "WAVE", 4))
        return;
    int fmt_ok = 0;
    for (size_t at = 12; at + 8 <= len;) {
        uint32_t size = get32(p + at + 4);
        const uint8_t *body = p + at + 8;
        size_t room = len - at - 8;
        if (!memcmp(p + at, "fmt ", 4) && size >= 16 && room >= 16) {
            unsigned tag = get16(body), channels = get16(body + 2), align = get16(body + 12), bits = get16(body + 14);
            if (tag == 0xFFFE && size >= 26 && room >= 26)
                tag = get16(body + 24);     /* the sub-format GUID begins with the format tag */
            fmt_ok = tag == 1 && bits == 16 && channels == (unsigned)in->info.channels && align == 2 * channels &&
                     get32(body + 4) == (uint32_t)in->info.samplerate;
        } else if (!memcmp(p + at, "data", 4)) {
            size_t bytes = size < room ? size : room;
            if (fmt_ok && (uintptr_t)body % 2 == 0) {
                in->pcm = (const int16_t *)(const void *)body;
                in->pcm_frames = bytes / (2 * (size_t)in->info.channels);
            }
            return;
        }
        if (size > room)
            return;
        at += 8 + (size_t)size + (size & 1);
    }
}

/* After the probe: the PCM data continues where libsndfile's reads stopped. */
static kcs_audio_in *start_pcm16(kcs_audio_in *in)
{
    if (in && in->pcm)
        in->pcm_pos = in->have < in->pcm_frames ? in->have : in->pcm_frames;
    return in;
}

static kcs_audio_in *new_in(const char *name)
{
    kcs_audio_in *in = calloc(1, sizeof *in);
    if (in)
        snprintf(in->name, sizeof in->name, "%s", name);
    return in;
}

kcs_audio_in *kcs_audio_open(const char *path, int channel, char *err, size_t errlen)
{
    kcs_audio_in *in = new_in(strcmp(path, "-") == 0 ? "<stdin>" : path);
    if (!in) {
        set_err(err, errlen, path, "out of memory");
        return NULL;
    }
    if (strcmp(path, "-") == 0)
        in->sf = sf_open_fd(STDIN_FILENO, SFM_READ, &in->info, 0);
    else
        in->sf = sf_open(path, SFM_READ, &in->info);
    return finish_open(in, channel, err, errlen);
}

kcs_audio_in *kcs_audio_open_memory(const void *data, size_t len, const char *name, int channel,
                                    char *err, size_t errlen)
{
    kcs_audio_in *in = new_in(name ? name : "<memory>");
    if (!in) {
        set_err(err, errlen, name ? name : "<memory>", "out of memory");
        return NULL;
    }
    in->mem.data = (uint8_t *)data;     /* read only: mem_write refuses unowned buffers */
    in->mem.len = (sf_count_t)len;
    in->sf = sf_open_virtual(&mem_io, SFM_READ, &in->info, &in->mem);
    if (in->sf && kcs_audio_is_16bit(in))
        find_pcm16(in, data, len);
    return start_pcm16(finish_open(in, channel, err, errlen));
}

int kcs_audio_rate(const kcs_audio_in *in) { return in->info.samplerate; }
int kcs_audio_channels(const kcs_audio_in *in) { return in->info.channels; }
int kcs_audio_channel(const kcs_audio_in *in) { return in->channel; }

int64_t kcs_audio_frames(const kcs_audio_in *in)
{
    return in->info.frames == SF_COUNT_MAX ? -1 : (int64_t)in->info.frames;
}

int kcs_audio_is_16bit(const kcs_audio_in *in)
{
    int sub = in->info.format & SF_FORMAT_SUBMASK;
    return sub == SF_FORMAT_PCM_16 || sub == SF_FORMAT_PCM_S8 || sub == SF_FORMAT_PCM_U8;
}

/* Reads up to n frames of the chosen channel into f (floats) or s (16-bit integers). Frames
 * still in the probe (floats) are converted; past it, a mono file is read straight into the
 * caller's buffer, others through `frames` (as floats or as 16-bit integers). */
static size_t read_channel(kcs_audio_in *in, float *f, int16_t *s, size_t n)
{
    size_t k = 0, ch = (size_t)in->info.channels;
    while (k < n) {
        if (in->used == in->have && in->pcm) {     /* a 16-bit PCM WAV, read in place */
            size_t take = in->pcm_frames - in->pcm_pos < n - k ? in->pcm_frames - in->pcm_pos : n - k;
            if (take == 0)
                break;
            const int16_t *src = in->pcm + in->pcm_pos * ch + (size_t)in->channel;
            if (s && ch == 1) {
                memcpy(s + k, src, take * sizeof *s);
            } else {
                for (size_t i = 0; i < take; i++) {
                    if (s)
                        s[k + i] = src[i * ch];
                    else
                        f[k + i] = (float)src[i * ch] * (1.0f / 32768.0f);
                }
            }
            in->pcm_pos += take;
            k += take;
            continue;
        }
        if (in->used == in->have && ch == 1) {
            size_t got = read_frames(in, s ? (void *)(s + k) : (void *)(f + k), n - k, s != NULL);
            if (got == 0)
                break;
            k += got;
            continue;
        }
        if (in->used == in->have) {
            if (s) {
                size_t cap = in->frames_cap * sizeof(float) / sizeof(int16_t);
                in->have = read_frames(in, in->frames, n - k < cap ? n - k : cap, 1);
                in->used = 0;
                in->have_s16 = 1;
            } else {
                in->have_s16 = 0;
                refill(in, n - k);
            }
            if (in->have == 0)
                break;
        }
        size_t take = in->have - in->used < n - k ? in->have - in->used : n - k;
        size_t at = in->used * ch + (size_t)in->channel;
        if (in->have_s16) {
            const int16_t *src = (const int16_t *)in->frames + at;
            for (size_t i = 0; i < take; i++) {
                if (s)
                    s[k + i] = src[i * ch];
                else
                    f[k + i] = (float)src[i * ch] * (1.0f / 32768.0f);
            }
        } else {
            const float *src = in->frames + at;
            for (size_t i = 0; i < take; i++) {
                if (s)
                    s[k + i] = (int16_t)lrintf(fminf(fmaxf(src[i * ch] * 32768.0f, -32768.0f), 32767.0f));
                else
                    f[k + i] = src[i * ch];
            }
        }
        k += take;
        in->used += take;
    }
    return k;
}

size_t kcs_audio_read(kcs_audio_in *in, float *out, size_t n) { return read_channel(in, out, NULL, n); }

size_t kcs_audio_read_s16(kcs_audio_in *in, int16_t *out, size_t n) { return read_channel(in, NULL, out, n); }

/* Read-ahead for kcs_audio_push: a thread of its own reads the input a few buffers ahead of
 * the decoder, so that the kernel's copying of a file and libsndfile's conversions overlap
 * the decoding instead of adding to it. Memory stays bounded: AHEAD_SLOTS buffers. While the
 * thread runs it alone touches the reading state of `in`; everything passes through the
 * slots under the lock. A memory image (the Python module's bytes) has nothing to wait for
 * and gets no thread: a caller that wants more decodes at once runs them on threads of its
 * own, each on one core. */
#define AHEAD_FRAMES 262144
#define AHEAD_SLOTS 3
/* A pipe (live audio, perhaps) is read a third of a second at a time at 44.1 kHz, so that its
 * bytes come out as they are played; a file a buffer at a time (fewer hand-overs). */
#define PIPE_FRAMES 16384
typedef struct read_ahead {
    kcs_audio_in *in;
    int s16;                            /* the input is read as 16-bit integers, else floats */
    size_t frames_per_read;             /* AHEAD_FRAMES, or PIPE_FRAMES for a pipe */
    float *slot[AHEAD_SLOTS];           /* AHEAD_FRAMES input samples each, as read (floats, or
                                         * 16-bit integers in the same room) */
    size_t inputs[AHEAD_SLOTS];         /* samples in each filled slot; 0 marks the end */
    unsigned filled, taken;             /* slots filled and taken so far */
    pthread_t thread;
    pthread_mutex_t lock;
    pthread_cond_t changed;
    int stop;                           /* the reader is to stop (kcs_audio_close) */
    int running;                        /* the thread was started (and is to be joined) */
} read_ahead;

/* Reads the next buffer's worth into slot k. */
static void fill_slot(read_ahead *ra, unsigned k)
{
    size_t n = ra->frames_per_read;
    ra->inputs[k] = ra->s16 ? read_channel(ra->in, NULL, (int16_t *)(void *)ra->slot[k], n) : read_channel(ra->in, ra->slot[k], NULL, n);
}

static void *reader_main(void *arg)
{
    read_ahead *ra = arg;
    for (int end = 0; !end;) {
        pthread_mutex_lock(&ra->lock);
        while (!ra->stop && ra->filled - ra->taken == AHEAD_SLOTS)
            pthread_cond_wait(&ra->changed, &ra->lock);
        int stop = ra->stop;
        unsigned k = ra->filled % AHEAD_SLOTS;
        pthread_mutex_unlock(&ra->lock);
        if (stop)
            break;
        fill_slot(ra, k);
        end = ra->inputs[k] == 0;
        pthread_mutex_lock(&ra->lock);
        ra->filled++;
        pthread_cond_signal(&ra->changed);
        pthread_mutex_unlock(&ra->lock);
    }
    return NULL;
}

static void ahead_free(read_ahead *ra)
{
    if (!ra)
        return;
    if (ra->running) {
        pthread_mutex_lock(&ra->lock);
        ra->stop = 1;
        pthread_cond_signal(&ra->changed);
        pthread_mutex_unlock(&ra->lock);
        pthread_join(ra->thread, NULL);
        pthread_cond_destroy(&ra->changed);
        pthread_mutex_destroy(&ra->lock);
    }
    for (int k = 0; k < AHEAD_SLOTS; k++)
        free(ra->slot[k]);
    free(ra);
}

/* The read-ahead, with its buffers and, if `threaded`, its thread; without one
 * kcs_audio_push fills slot 0 itself. NULL when out of memory. */
static read_ahead *ahead_new(kcs_audio_in *in, int threaded)
{
    read_ahead *ra = calloc(1, sizeof *ra);
    if (!ra)
        return NULL;
    ra->in = in;
    ra->s16 = kcs_audio_is_16bit(in);
    ra->frames_per_read = in->info.seekable ? AHEAD_FRAMES : PIPE_FRAMES;
    int ok = 1;
    for (int k = 0; k < (threaded ? AHEAD_SLOTS : 1); k++)  /* without a thread slot 0 serves */
        ok = ok && (ra->slot[k] = malloc(AHEAD_FRAMES * sizeof(float))) != NULL;
    if (!ok) {
        ahead_free(ra);
        return NULL;
    }
    if (threaded && pthread_mutex_init(&ra->lock, NULL) == 0) {
        if (pthread_cond_init(&ra->changed, NULL) == 0) {
            if (pthread_create(&ra->thread, NULL, reader_main, ra) == 0) {
                ra->running = 1;
                return ra;
            }
            pthread_cond_destroy(&ra->changed);
        }
        pthread_mutex_destroy(&ra->lock);
    }
    return ra;
}

size_t kcs_audio_push(kcs_audio_in *in, kcs_decoder *dec)
{
    if (in->pcm && in->used == in->have && in->info.channels == 1) {
        /* mono 16-bit PCM in memory: straight from the image into the decoder */
        size_t n = in->pcm_frames - in->pcm_pos < AHEAD_FRAMES ? in->pcm_frames - in->pcm_pos : AHEAD_FRAMES;
        kcs_decoder_push_s16(dec, in->pcm + in->pcm_pos, n);
        in->pcm_pos += n;
        return n;
    }
    if (!in->ahead && !(in->ahead = ahead_new(in, in->mem.data == NULL))) {
        if (!in->error[0])
            snprintf(in->error, sizeof in->error, "%s: out of memory", in->name);
        return 0;
    }
    read_ahead *ra = in->ahead;
    unsigned k = 0;
    if (!ra->running) {
        fill_slot(ra, k);
    } else {
        pthread_mutex_lock(&ra->lock);
        while (ra->filled == ra->taken)
            pthread_cond_wait(&ra->changed, &ra->lock);
        k = ra->taken % AHEAD_SLOTS;
        pthread_mutex_unlock(&ra->lock);
    }
    size_t n = ra->inputs[k];
    if (n == 0)     /* the end: the reader has finished (and the slot stays so) */
        return 0;
    if (ra->s16)
        kcs_decoder_push_s16(dec, (const int16_t *)(const void *)ra->slot[k], n);
    else
        kcs_decoder_push(dec, ra->slot[k], n);
    if (ra->running) {
        pthread_mutex_lock(&ra->lock);
        ra->taken++;
        pthread_cond_signal(&ra->changed);
        pthread_mutex_unlock(&ra->lock);
    }
    return n;
}

int kcs_audio_failed(const kcs_audio_in *in, char *err, size_t errlen)
{
    if (!in->error[0])
        return 0;
    if (err && errlen)
        snprintf(err, errlen, "%s", in->error);
    return 1;
}

void kcs_audio_close(kcs_audio_in *in)
{
    if (!in)
        return;
    ahead_free(in->ahead);    /* first: its thread may be reading */
    if (in->sf)
        sf_close(in->sf);
    free(in->frames);
    free(in);
}

/* ----------------------------------------------------------------- output */

struct kcs_audio_out {
    SNDFILE *sf;
    membuf mem;
    int to_stdout;
    char name[256];
};

static int subtype_for(int major, int bits)
{
    if (major == SF_FORMAT_OGG)
        return SF_FORMAT_VORBIS;
    switch (bits) {
    case 8:
        return (major == SF_FORMAT_WAV || major == SF_FORMAT_W64) ? SF_FORMAT_PCM_U8 : SF_FORMAT_PCM_S8;
    case 24:
        return SF_FORMAT_PCM_24;
    default:
        return SF_FORMAT_PCM_16;
    }
}

static int major_for(const char *path)
{
    static const struct { const char *ext; int major; } table[] = {
        {"wav", SF_FORMAT_WAV}, {"flac", SF_FORMAT_FLAC}, {"aiff", SF_FORMAT_AIFF},
        {"aif", SF_FORMAT_AIFF}, {"ogg", SF_FORMAT_OGG},  {"au", SF_FORMAT_AU},
        {"caf", SF_FORMAT_CAF},  {"w64", SF_FORMAT_W64},  {"voc", SF_FORMAT_VOC},
    };
    const char *dot = strrchr(path, '.');
    if (!dot || strchr(dot, '/'))
        return 0;
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++)
        if (strcasecmp(dot + 1, table[i].ext) == 0)
            return table[i].major;
    return 0;
}

static kcs_audio_out *create(const char *path, int memory, int rate, int bits, char *err, size_t errlen)
{
    const char *name = memory ? "<memory>" : strcmp(path, "-") == 0 ? "<stdout>" : path;
    if (bits != 8 && bits != 16 && bits != 24) {
        set_err(err, errlen, name, "bits must be 8, 16 or 24");
        return NULL;
    }
    int major = memory || strcmp(path, "-") == 0 ? SF_FORMAT_WAV : major_for(path);
    if (!major) {
        set_err(err, errlen, name, "unknown audio type: name it .wav .flac .aiff .ogg .au .caf .w64 or .voc");
        return NULL;
    }
    kcs_audio_out *out = calloc(1, sizeof *out);
    if (!out) {
        set_err(err, errlen, name, "out of memory");
        return NULL;
    }
    snprintf(out->name, sizeof out->name, "%s", name);
    SF_INFO info = {.samplerate = rate, .channels = 1, .format = major | subtype_for(major, bits)};
    if (!sf_format_check(&info)) {
        set_err(err, errlen, name, "this audio type cannot hold that sample rate and width");
        free(out);
        return NULL;
    }
    out->to_stdout = !memory && strcmp(path, "-") == 0;
    out->mem.owned = 1;
    if (memory || out->to_stdout)
        out->sf = sf_open_virtual(&mem_io, SFM_WRITE, &info, &out->mem);
    else
        out->sf = sf_open(path, SFM_WRITE, &info);
    if (!out->sf) {
        char what[200];
        snprintf(what, sizeof what, "cannot write it (%s)", sf_strerror(NULL));
        set_err(err, errlen, name, what);
        free(out->mem.data);
        free(out);
        return NULL;
    }
    /* a PCM file stays valid while it grows (a recording cut off still plays) */
    if (!memory && !out->to_stdout && major != SF_FORMAT_OGG && major != SF_FORMAT_FLAC)
        sf_command(out->sf, SFC_SET_UPDATE_HEADER_AUTO, NULL, SF_TRUE);
    return out;
}

kcs_audio_out *kcs_audio_create(const char *path, int rate, int bits, char *err, size_t errlen)
{
    return create(path, 0, rate, bits, err, errlen);
}

kcs_audio_out *kcs_audio_create_memory(int rate, int bits, char *err, size_t errlen)
{
    return create(NULL, 1, rate, bits, err, errlen);
}

int kcs_audio_write(kcs_audio_out *out, const float *samples, size_t n, char *err, size_t errlen)
{
    if (sf_write_float(out->sf, samples, (sf_count_t)n) != (sf_count_t)n) {
        char what[200];
        snprintf(what, sizeof what, "write error: %s", sf_strerror(out->sf));
        set_err(err, errlen, out->name, what);
        return -1;
    }
    return 0;
}

static int close_out(kcs_audio_out *out, char *err, size_t errlen)
{
    int rc = sf_close(out->sf);
    if (rc != 0) {
        set_err(err, errlen, out->name, sf_error_number(rc));
        return -1;
    }
    return 0;
}

int kcs_audio_finish(kcs_audio_out *out, char *err, size_t errlen)
{
    int rc = close_out(out, err, errlen);
    if (rc == 0 && out->to_stdout) {
        size_t done = 0, len = (size_t)out->mem.len;
        while (done < len) {
            ssize_t w = write(STDOUT_FILENO, out->mem.data + done, len - done);
            if (w <= 0) {
                set_err(err, errlen, out->name, "cannot write to standard output");
                rc = -1;
                break;
            }
            done += (size_t)w;
        }
    }
    free(out->mem.data);
    free(out);
    return rc;
}

int kcs_audio_finish_memory(kcs_audio_out *out, uint8_t **data, size_t *len, char *err, size_t errlen)
{
    int rc = close_out(out, err, errlen);
    if (rc == 0) {
        *data = out->mem.data;
        *len = (size_t)out->mem.len;
    } else {
        free(out->mem.data);
    }
    free(out);
    return rc;
}
