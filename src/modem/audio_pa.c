/* audio_pa.c -- see audio_pa.h for the model. */
#include "audio_pa.h"

#include "spsc_ring.h"

#include <alsa/asoundlib.h>
#include <ctype.h>
#include <jack/jack.h>
#include <pa_jack.h>
#include <portaudio.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

typedef struct audio_pa {
    audio_backend base;
    PaStream *stream;
    spsc_ring in, out;
    size_t target;              /* samples to keep queued for playback */
    atomic_ulong overruns, underruns;
    atomic_bool playing;        /* the first playback samples arrived: silence is now a fault */
    unsigned long long frames_in, frames_out;
    bool pa_initialised;
} audio_pa;

/* The real-time callback: ring copies and atomic counters only. */
static int pa_callback(const void *input, void *output, unsigned long frames,
                       const PaStreamCallbackTimeInfo *time, PaStreamCallbackFlags flags,
                       void *user)
{
    (void)time;
    audio_pa *p = user;
    if (input && spsc_ring_write(&p->in, input, frames) < frames)
        atomic_fetch_add_explicit(&p->overruns, 1, memory_order_relaxed);
    float *out = output;
    size_t got = spsc_ring_read(&p->out, out, frames);
    if (got < frames) {
        memset(out + got, 0, (frames - got) * sizeof *out);
        if (atomic_load_explicit(&p->playing, memory_order_relaxed))
            atomic_fetch_add_explicit(&p->underruns, 1, memory_order_relaxed);
    } else if (!atomic_load_explicit(&p->playing, memory_order_relaxed)) {
        atomic_store_explicit(&p->playing, true, memory_order_relaxed);
    }
    if (flags & paInputOverflow)
        atomic_fetch_add_explicit(&p->overruns, 1, memory_order_relaxed);
    if (flags & paOutputUnderflow)
        atomic_fetch_add_explicit(&p->underruns, 1, memory_order_relaxed);
    return paContinue;
}

static size_t pa_read(void *ctx, float *buf, size_t max)
{
    audio_pa *p = ctx;
    size_t n = spsc_ring_read(&p->in, buf, max);
    p->frames_in += n;
    return n;
}

static size_t pa_write_space(void *ctx)
{
    audio_pa *p = ctx;
    size_t queued = spsc_ring_readable(&p->out);
    return queued < p->target ? p->target - queued : 0;
}

static size_t pa_write(void *ctx, const float *buf, size_t n)
{
    audio_pa *p = ctx;
    size_t room = pa_write_space(p);
    n = spsc_ring_write(&p->out, buf, n < room ? n : room);
    p->frames_out += n;
    return n;
}

static bool pa_finished(void *ctx)
{
    audio_pa *p = ctx;
    return Pa_IsStreamActive(p->stream) != 1;
}

static audio_stats pa_stats(void *ctx)
{
    audio_pa *p = ctx;
    audio_stats st = {
        .overruns = atomic_load(&p->overruns),
        .underruns = atomic_load(&p->underruns),
        .frames_in = p->frames_in,
        .frames_out = p->frames_out,
    };
    return st;
}

static void pa_close(void *ctx)
{
    audio_pa *p = ctx;
    if (p->stream) {
        Pa_StopStream(p->stream); /* waits for the callback to finish before the rings go */
        Pa_CloseStream(p->stream);
    }
    if (p->pa_initialised)
        Pa_Terminate();
    spsc_ring_free(&p->in);
    spsc_ring_free(&p->out);
    free(p);
}

static const audio_backend_ops pa_ops = {pa_read, pa_write_space, pa_write,
                                         pa_finished, pa_stats, pa_close};

static bool duplex_capable(const PaDeviceInfo *d)
{
    return d && d->maxInputChannels >= 1 && d->maxOutputChannels >= 1;
}

static bool contains_nocase(const char *hay, const char *needle)
{
    size_t n = strlen(needle);
    for (; *hay; hay++) {
        size_t i = 0;
        while (i < n && hay[i] && tolower((unsigned char)hay[i]) == tolower((unsigned char)needle[i]))
            i++;
        if (i == n)
            return true;
    }
    return n == 0;
}

/* Resolves cfg->device to a duplex-capable device index, or -1 with a message. */
static PaDeviceIndex choose_device(const char *spec, char *err, size_t errlen)
{
    int count = Pa_GetDeviceCount();
    if (count <= 0) {
        snprintf(err, errlen, "no audio devices found (is a sound card or a JACK server there?)");
        return -1;
    }
    if (!spec) {
        PaDeviceIndex def = Pa_GetDefaultInputDevice();
        if (def >= 0 && duplex_capable(Pa_GetDeviceInfo(def)))
            return def;
        for (int i = 0; i < count; i++)
            if (duplex_capable(Pa_GetDeviceInfo(i)))
                return i;
        snprintf(err, errlen, "no audio device has both an input and an output "
                              "(see --list-devices)");
        return -1;
    }
    char *end;
    long idx = strtol(spec, &end, 10);
    if (*spec && !*end) {
        if (idx < 0 || idx >= count) {
            snprintf(err, errlen, "audio device %ld does not exist (0..%d; see --list-devices)",
                     idx, count - 1);
            return -1;
        }
        if (!duplex_capable(Pa_GetDeviceInfo((PaDeviceIndex)idx))) {
            snprintf(err, errlen, "audio device %ld (%s) lacks an input or an output", idx,
                     Pa_GetDeviceInfo((PaDeviceIndex)idx)->name);
            return -1;
        }
        return (PaDeviceIndex)idx;
    }
    for (int i = 0; i < count; i++) {
        const PaDeviceInfo *d = Pa_GetDeviceInfo(i);
        if (duplex_capable(d) && contains_nocase(d->name, spec))
            return i;
    }
    snprintf(err, errlen, "no audio device with input and output matches '%s' "
                          "(see --list-devices)", spec);
    return -1;
}

/* PortAudio probes every ALSA card and the JACK server, and both libraries report each one
 * that is absent on stderr (over a hundred lines on a machine without sound cards). Our own
 * messages say what matters: which device was chosen or why none could be. */
static void quiet_alsa(const char *file, int line, const char *function, int err,
                       const char *fmt, ...)
{
    (void)file, (void)line, (void)function, (void)err, (void)fmt;
}

static void quiet_jack(const char *msg) { (void)msg; }

static PaError initialise(void)
{
    snd_lib_error_set_handler(quiet_alsa);
    jack_set_error_function(quiet_jack);
    jack_set_info_function(quiet_jack);
    return Pa_Initialize();
}

int audio_pa_list_devices(FILE *out, char *err, size_t errlen)
{
    PaError e = initialise();
    if (e != paNoError) {
        snprintf(err, errlen, "PortAudio: %s", Pa_GetErrorText(e));
        return -1;
    }
    int count = Pa_GetDeviceCount();
    for (int i = 0; i < count; i++) {
        const PaDeviceInfo *d = Pa_GetDeviceInfo(i);
        const PaHostApiInfo *api = Pa_GetHostApiInfo(d->hostApi);
        fprintf(out, "%d: %s (in %d, out %d, %.0f Hz) [%s]%s\n", i, d->name, d->maxInputChannels,
                d->maxOutputChannels, d->defaultSampleRate, api ? api->name : "?",
                duplex_capable(d) ? "" : " (not duplex)");
    }
    if (count <= 0)
        fprintf(out, "no audio devices found\n");
    Pa_Terminate();
    return 0;
}

audio_backend *audio_pa_open(const audio_pa_config *cfg, char *err, size_t errlen)
{
    audio_pa *p = calloc(1, sizeof *p);
    if (!p) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    p->base.ops = &pa_ops;
    p->base.ctx = p;
    if (cfg->client_name)
        PaJack_SetClientName(cfg->client_name); /* must precede Pa_Initialize */
    PaError e = initialise();
    if (e != paNoError) {
        snprintf(err, errlen, "PortAudio: %s", Pa_GetErrorText(e));
        free(p);
        return NULL;
    }
    p->pa_initialised = true;
    PaDeviceIndex dev = choose_device(cfg->device, err, errlen);
    if (dev < 0) {
        pa_close(p);
        return NULL;
    }
    const PaDeviceInfo *info = Pa_GetDeviceInfo(dev);
    double rate = cfg->rate > 0 ? cfg->rate : info->defaultSampleRate;
    double latency = cfg->latency > 0 ? cfg->latency : 0.25;
    PaStreamParameters in = {.device = dev, .channelCount = 1, .sampleFormat = paFloat32,
                             .suggestedLatency = info->defaultHighInputLatency};
    PaStreamParameters out = {.device = dev, .channelCount = 1, .sampleFormat = paFloat32,
                              .suggestedLatency = info->defaultHighOutputLatency};
    p->base.rate = rate;
    p->target = (size_t)(rate * latency);
    /* Rings of a few seconds: the consumer thread may be late without anything being lost. */
    size_t ring = (size_t)(rate * 4) + p->target;
    if (spsc_ring_init(&p->in, sizeof(float), ring, false) != 0 ||
        spsc_ring_init(&p->out, sizeof(float), ring, false) != 0) {
        snprintf(err, errlen, "out of memory");
        pa_close(p);
        return NULL;
    }
    e = Pa_OpenStream(&p->stream, &in, &out, rate, paFramesPerBufferUnspecified, paNoFlag,
                      pa_callback, p);
    if (e == paNoError)
        e = Pa_StartStream(p->stream);
    if (e != paNoError) {
        snprintf(err, errlen, "cannot open audio device %d (%s) at %.0f Hz: %s", dev, info->name,
                 rate, Pa_GetErrorText(e));
        if (p->stream)
            Pa_CloseStream(p->stream);
        p->stream = NULL;
        pa_close(p);
        return NULL;
    }
    return &p->base;
}
