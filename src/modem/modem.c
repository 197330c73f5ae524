/* modem.c -- see modem.h for the model. */
#include "modem.h"

#include "kcs.h"
#include "spsc_ring.h"

#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define TX_QUEUE 4      /* bytes accepted ahead of the encoder: the flow control */
#define IN_CHUNK 1024   /* captured samples decoded at a time */

struct modem {
    modem_config cfg;
    audio_backend *audio;
    kcs_encoder enc;
    kcs_decoder dec;
    size_t samples_per_bit;
    uint8_t *decoded;    /* where the decoder's callback puts bytes during codec_decode */
    size_t decoded_len, decoded_cap;
    spsc_ring rx;        /* decoded bytes: engine -> user, with a wake-up fd */
    spsc_ring tx;        /* bytes to send: user -> engine */
    float *pending;      /* encoded samples the backend has not taken yet */
    size_t pending_len, pending_pos, pending_cap;
    size_t lead_in_left; /* carrier samples to play before the first byte */
    pthread_t thread;
    bool thread_running;
    atomic_bool stop;
    atomic_ullong bytes_in, bytes_out, rx_dropped, framing_errors;
    /* The backend's counters, refreshed by the engine so any thread may read them. */
    atomic_ulong underruns, overruns;
    atomic_ullong frames_in, frames_out;
    atomic_bool audio_running;
};

/* ---- the codec: libkcs's streaming encoder and decoder ---------------------------------- */

static void on_decoded(void *ctx, const kcs_byte_event *ev)
{
    modem *m = ctx;
    if (ev->framing_error) {
        atomic_fetch_add_explicit(&m->framing_errors, 1, memory_order_relaxed);
        return;
    }
    if (m->decoded_len < m->decoded_cap)
        m->decoded[m->decoded_len++] = ev->byte;
    else
        atomic_fetch_add_explicit(&m->rx_dropped, 1, memory_order_relaxed);
}

static int codec_open(modem *m, char *err, size_t errlen)
{
    kcs_encode_params ep;
    kcs_encode_params_default(&ep);
    ep.rate = (int)(m->audio->rate + 0.5);
    ep.baud = (int)m->cfg.baud;
    kcs_decode_params dp = {ep.rate, ep.baud};
    const char *bad = kcs_encode_params_check(&ep);
    if (!bad)
        bad = kcs_decode_params_check(&dp);
    if (bad) {
        snprintf(err, errlen, "modem: %s", bad);
        return -1;
    }
    kcs_encoder_init(&m->enc, &ep);
    kcs_decoder_init(&m->dec, &dp, on_decoded, m);
    m->samples_per_bit = (size_t)(ep.rate / ep.baud);
    m->pending_cap = KCS_MAX_BYTE_SAMPLES;
    m->pending = malloc(m->pending_cap * sizeof *m->pending);
    return 0;
}

static void codec_close(modem *m)
{
    free(m->pending);
    m->pending = NULL;
}

/* Decodes n samples; the bytes completed go to out (room for cap). */
static size_t codec_decode(modem *m, const float *in, size_t n, uint8_t *out, size_t cap)
{
    m->decoded = out;
    m->decoded_len = 0;
    m->decoded_cap = cap;
    kcs_decoder_push(&m->dec, in, n);
    return m->decoded_len;
}

static size_t codec_encode_byte(modem *m, uint8_t byte, float *out, size_t cap)
{
    (void)cap; /* pending holds KCS_MAX_BYTE_SAMPLES, the most one byte can take */
    return kcs_encoder_byte(&m->enc, byte, out);
}

static size_t codec_carrier(modem *m, float *out, size_t n)
{
    kcs_encoder_carrier(&m->enc, out, n);
    return n;
}

/* ---- the engine ---------------------------------------------------------------------------- */

static void decode_input(modem *m)
{
    float buf[IN_CHUNK];
    uint8_t bytes[IN_CHUNK];
    bool woke = false;
    size_t n;
    while ((n = audio_read(m->audio, buf, IN_CHUNK)) > 0) {
        size_t k = codec_decode(m, buf, n, bytes, sizeof bytes);
        if (k == 0)
            continue;
        size_t put = spsc_ring_write(&m->rx, bytes, k);
        atomic_fetch_add_explicit(&m->bytes_in, k, memory_order_relaxed);
        if (put < k)
            atomic_fetch_add_explicit(&m->rx_dropped, k - put, memory_order_relaxed);
        woke = true;
    }
    if (woke)
        spsc_ring_wake(&m->rx);
}

/* Refills `pending` with the next thing to play: a queued byte, or carrier. */
static void refill(modem *m)
{
    m->pending_pos = 0;
    uint8_t b;
    if (m->lead_in_left == 0 && spsc_ring_read(&m->tx, &b, 1) == 1) {
        m->pending_len = codec_encode_byte(m, b, m->pending, m->pending_cap);
        atomic_fetch_add_explicit(&m->bytes_out, 1, memory_order_relaxed);
        return;
    }
    /* One bit time of carrier at a time keeps a newly queued byte waiting at most that long. */
    size_t n = m->samples_per_bit;
    if (m->lead_in_left) {
        if (n > m->lead_in_left)
            n = m->lead_in_left;
        m->lead_in_left -= n;
    }
    m->pending_len = codec_carrier(m, m->pending, n);
}

static void feed_output(modem *m)
{
    for (;;) {
        if (m->pending_pos == m->pending_len)
            refill(m);
        size_t room = audio_write_space(m->audio);
        if (room == 0)
            break;
        size_t left = m->pending_len - m->pending_pos;
        size_t w = audio_write(m->audio, m->pending + m->pending_pos, left < room ? left : room);
        m->pending_pos += w;
        if (w == 0)
            break;
    }
}

void modem_pump(modem *m)
{
    decode_input(m);
    feed_output(m);
    audio_stats st = audio_get_stats(m->audio);
    atomic_store_explicit(&m->underruns, st.underruns, memory_order_relaxed);
    atomic_store_explicit(&m->overruns, st.overruns, memory_order_relaxed);
    atomic_store_explicit(&m->frames_in, st.frames_in, memory_order_relaxed);
    atomic_store_explicit(&m->frames_out, st.frames_out, memory_order_relaxed);
    atomic_store_explicit(&m->audio_running, !audio_finished(m->audio), memory_order_relaxed);
}

static void *engine(void *arg)
{
    modem *m = arg;
    long period_ns = (long)(m->cfg.period * 1e9);
    struct timespec next;
    clock_gettime(CLOCK_MONOTONIC, &next);
    while (!atomic_load(&m->stop)) {
        modem_pump(m);
        next.tv_nsec += period_ns;
        while (next.tv_nsec >= 1000000000L) {
            next.tv_nsec -= 1000000000L;
            next.tv_sec++;
        }
        while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &next, NULL) == EINTR)
            ;
    }
    return NULL;
}

int modem_start(modem *m)
{
    if (m->thread_running)
        return 0;
    atomic_store(&m->stop, false);
    if (pthread_create(&m->thread, NULL, engine, m) != 0)
        return -1;
    m->thread_running = true;
    return 0;
}

void modem_stop(modem *m)
{
    if (!m->thread_running)
        return;
    atomic_store(&m->stop, true);
    pthread_join(m->thread, NULL);
    m->thread_running = false;
}

/* ---- the byte link --------------------------------------------------------------------------- */

static size_t link_read(void *ctx, uint8_t *buf, size_t max)
{
    modem *m = ctx;
    spsc_ring_clear_wake(&m->rx); /* before reading: a byte arriving now re-arms it */
    return spsc_ring_read(&m->rx, buf, max);
}

static size_t link_write_space(void *ctx) { return spsc_ring_writable(&((modem *)ctx)->tx); }

static size_t link_write(void *ctx, const uint8_t *buf, size_t n)
{
    return spsc_ring_write(&((modem *)ctx)->tx, buf, n);
}

static int link_wake_fd(void *ctx) { return spsc_ring_wake_fd(&((modem *)ctx)->rx); }

static const byte_link_ops link_ops = {link_read, link_write_space, link_write, link_wake_fd};

byte_link modem_link(modem *m) { return (byte_link){&link_ops, m}; }

modem_stats modem_get_stats(modem *m)
{
    modem_stats st = {
        .audio = {.underruns = atomic_load(&m->underruns), .overruns = atomic_load(&m->overruns),
                  .frames_in = atomic_load(&m->frames_in), .frames_out = atomic_load(&m->frames_out)},
        .bytes_in = atomic_load(&m->bytes_in),
        .bytes_out = atomic_load(&m->bytes_out),
        .rx_dropped = atomic_load(&m->rx_dropped),
        .framing_errors = atomic_load(&m->framing_errors),
        .audio_running = atomic_load(&m->audio_running),
    };
    return st;
}

/* ---- life cycle ------------------------------------------------------------------------------ */

modem *modem_open(const modem_config *cfg, audio_backend *audio, char *err, size_t errlen)
{
    modem *m = calloc(1, sizeof *m);
    if (!m) {
        snprintf(err, errlen, "out of memory");
        audio_close(audio);
        return NULL;
    }
    m->cfg = *cfg;
    if (!m->cfg.baud)
        m->cfg.baud = 300;
    if (m->cfg.period <= 0)
        m->cfg.period = 0.01;
    if (!m->cfg.rx_queue)
        m->cfg.rx_queue = 4096;
    if (m->cfg.lead_in <= 0)
        m->cfg.lead_in = 0.5;
    m->audio = audio;
    m->rx.wake_fd = m->tx.wake_fd = -1;
    if (codec_open(m, err, errlen) != 0) {
        modem_close(m);
        return NULL;
    }
    m->lead_in_left = (size_t)(m->cfg.lead_in * audio->rate);
    atomic_store(&m->audio_running, !audio_finished(audio));
    if (spsc_ring_init(&m->rx, 1, m->cfg.rx_queue, true) != 0 ||
        spsc_ring_init(&m->tx, 1, TX_QUEUE, false) != 0 || !m->pending) {
        snprintf(err, errlen, "modem: %s", strerror(errno ? errno : ENOMEM));
        modem_close(m);
        return NULL;
    }
    return m;
}

void modem_close(modem *m)
{
    if (!m)
        return;
    modem_stop(m);
    codec_close(m);
    spsc_ring_free(&m->rx);
    spsc_ring_free(&m->tx);
    audio_close(m->audio);
    free(m);
}
