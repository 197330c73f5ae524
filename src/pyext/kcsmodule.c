/*
 * kcsmodule.c - the `kcs` Python module: libkcs's encoder and decoder for Python scripts.
 *
 * The model: thin wrappers that check and convert arguments, release the GIL and call libkcs.
 *   kcs_encode(data, *, rate, bits, baud, text, leader, trailer, nulls, wave, stop_bits, volume)
 *       -> bytes (a WAV file image)
 *   kcs_decode(audio, *, channel=None, baud=300, text=False) -> bytes
 *       audio: a bytes-like audio file image (any format libsndfile reads) or a path
 *   analyze(audio, *, channel=None, baud=300, window=None) -> dict: the decoder's view, to plot
 *   Decoder(rate=44100, *, baud=300, text=False): feed(samples) -> bytes, for live use;
 *       samples: float32 or int16 buffers (array, memoryview, numpy), or bytes of 16-bit
 *       little-endian PCM; statistics as attributes.
 * Multi-phase initialisation (PEP 489); the Decoder type lives in the module state, so the
 * module holds no mutable globals and can be loaded in several interpreters.
 *
 * Example
 *   import kcs
 *   wav = kcs.kcs_encode(b"10 PRINT 42\n", text=True)
 *   assert kcs.kcs_decode(wav, text=True) == b"10 PRINT 42\n"
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include <errno.h>
#include <string.h>

#include "kcs.h"
#include "kcs_analysis.h"
#include "kcs_audio.h"

#define KCS_MODULE_VERSION "0.1.0"

typedef struct {
    PyTypeObject *decoder_type;
} module_state;

/* --------------------------------------------------------------- growable output bytes */

typedef struct {
    uint8_t *data;
    size_t len, cap;
    int failed;
    int text;
    int discard;            /* keep no bytes (analyze wants the events only) */
    kcs_text_decoder td;
    kcs_analysis *analysis; /* also told of every byte, when not NULL */
} byte_sink;

static void sink_put(byte_sink *s, uint8_t c)
{
    if (s->len == s->cap) {
        size_t cap = s->cap ? 2 * s->cap : 4096;
        uint8_t *grown = PyMem_RawRealloc(s->data, cap);
        if (!grown) {
            s->failed = 1;
            return;
        }
        s->data = grown;
        s->cap = cap;
    }
    s->data[s->len++] = c;
}

static void on_byte(void *ctx, const kcs_byte_event *ev)
{
    byte_sink *s = ctx;
    if (s->analysis)
        kcs_analysis_on_byte(s->analysis, ev);
    if (ev->framing_error || s->discard)
        return;
    uint8_t c = ev->byte, out;
    if (!s->text || kcs_text_decode(&s->td, &c, 1, &out))
        sink_put(s, s->text ? out : c);
}

/* Takes s's bytes into a new bytes object and frees them. */
static PyObject *sink_to_bytes(byte_sink *s)
{
    PyObject *r = s->failed ? PyErr_NoMemory() : PyBytes_FromStringAndSize((const char *)s->data, (Py_ssize_t)s->len);
    PyMem_RawFree(s->data);
    s->data = NULL;
    return r;
}

/* -------------------------------------------------------------------------- kcs_encode */

PyDoc_STRVAR(kcs_encode_doc,
"kcs_encode(data, *, rate=44100, bits=16, baud=300, text=False, leader=5.0, trailer=2.0,\n"
"           nulls=10, wave='sine', stop_bits=2, volume=0.7) -> bytes\n\n"
"Encode data (any bytes-like object) as Kansas City Standard audio and return a complete\n"
"WAV file image. text=True turns LF or CR LF into CR followed by `nulls` NULs, as OSI\n"
"machines write listings. leader and trailer are seconds of 2400 Hz carrier.");

static PyObject *kcs_encode_py(PyObject *module, PyObject *args, PyObject *kw)
{
    (void)module;
    static char *names[] = {"data", "rate", "bits", "baud", "text", "leader", "trailer", "nulls", "wave",
                            "stop_bits", "volume", NULL};
    Py_buffer data;
    kcs_encode_params ep;
    kcs_encode_params_default(&ep);
    int bits = 16, text = 0, nulls = 10;
    double leader = 5.0, trailer = 2.0;
    const char *wave = "sine";
    if (!PyArg_ParseTupleAndKeywords(args, kw, "y*|$iiipddisid:kcs_encode", names, &data, &ep.rate, &bits,
                                     &ep.baud, &text, &leader, &trailer, &nulls, &wave, &ep.stop_bits, &ep.volume))
        return NULL;
    const char *bad = NULL;
    if (strcmp(wave, "sine") == 0)
        ep.wave = KCS_WAVE_SINE;
    else if (strcmp(wave, "square") == 0)
        ep.wave = KCS_WAVE_SQUARE;
    else
        bad = "wave must be 'sine' or 'square'";
    if (!bad)
        bad = kcs_encode_params_check(&ep);
    if (!bad && bits != 8 && bits != 16 && bits != 24)
        bad = "bits must be 8, 16 or 24";
    if (!bad && !(leader >= 0 && leader <= 3600 && trailer >= 0 && trailer <= 3600))
        bad = "leader and trailer must be 0..3600 seconds";
    if (!bad && (nulls < 0 || nulls > 255))
        bad = "nulls must be 0..255";
    if (bad) {
        PyBuffer_Release(&data);
        PyErr_SetString(PyExc_ValueError, bad);
        return NULL;
    }

    char err[320] = "";
    uint8_t *wav = NULL, *tape = NULL;
    size_t wav_len = 0;
    int rc = -1;
    Py_BEGIN_ALLOW_THREADS
    const uint8_t *bytes = data.buf;
    size_t len = (size_t)data.len;
    if (text) {
        tape = PyMem_RawMalloc(kcs_text_encoded_max(len, nulls));
        if (tape) {
            int after_cr = 0;
            len = kcs_text_encode(bytes, len, tape, nulls, &after_cr);
            bytes = tape;
        }
    }
    kcs_encoder enc;
    kcs_encoder_init(&enc, &ep);
    kcs_audio_out *out = (!text || tape) ? kcs_audio_create_memory(ep.rate, bits, err, sizeof err) : NULL;
    float *buf = out ? PyMem_RawMalloc(KCS_MAX_BYTE_SAMPLES * sizeof(float)) : NULL;
    if (buf) {
        rc = 0;
        size_t left = kcs_encoder_seconds(&enc, leader);
        for (int part = 0; part < 3 && rc == 0; part++) {
            if (part == 1) {
                for (size_t i = 0; i < len && rc == 0; i++)
                    rc = kcs_audio_write(out, buf, kcs_encoder_byte(&enc, bytes[i], buf), err, sizeof err);
                left = kcs_encoder_seconds(&enc, trailer);
                continue;
            }
            while (left && rc == 0) {
                size_t n = left < KCS_MAX_BYTE_SAMPLES ? left : KCS_MAX_BYTE_SAMPLES;
                kcs_encoder_carrier(&enc, buf, n);
                rc = kcs_audio_write(out, buf, n, err, sizeof err);
                left -= n;
            }
        }
    }
    if (out && kcs_audio_finish_memory(out, &wav, &wav_len, err, sizeof err))
        rc = -1;
    PyMem_RawFree(buf);
    PyMem_RawFree(tape);
    Py_END_ALLOW_THREADS
    PyBuffer_Release(&data);
    if (rc) {
        free(wav);
        if (err[0])
            PyErr_SetString(PyExc_ValueError, err);
        else
            PyErr_NoMemory();
        return NULL;
    }
    PyObject *r = PyBytes_FromStringAndSize((const char *)wav, (Py_ssize_t)wav_len);
    free(wav);
    return r;
}

/* -------------------------------------------------------------------------- kcs_decode */

PyDoc_STRVAR(kcs_decode_doc,
"kcs_decode(audio, *, channel=None, baud=300, text=False) -> bytes\n\n"
"Decode Kansas City Standard audio. audio is a bytes-like audio file image (WAV, FLAC,\n"
"AIFF, Ogg ... anything libsndfile reads) or a path (str or os.PathLike). channel picks a\n"
"channel (0 = left); by default the one with the signal. text=True drops NULs and turns CR\n"
"and CR LF into LF. Bytes with framing errors are left out. Raises ValueError for audio that\n"
"is not audio, OSError for a path that cannot be read.");

/* The audio argument of kcs_decode and analyze: a buffer or a path, checked and held. */
typedef struct {
    Py_buffer view;
    PyObject *path_bytes;
    int channel;
} audio_source;

static int source_open(PyObject *audio, PyObject *channel_obj, int baud, audio_source *src)
{
    memset(src, 0, sizeof *src);
    src->channel = -1;
    if (channel_obj != Py_None) {
        if (!PyLong_Check(channel_obj)) {
            PyErr_SetString(PyExc_TypeError, "channel must be an int or None");
            return -1;
        }
        long value = PyLong_AsLong(channel_obj);
        if (value == -1 && PyErr_Occurred())
            return -1;
        if (value < 0 || value > 1024) {
            PyErr_SetString(PyExc_ValueError, "channel must be 0..1024");
            return -1;
        }
        src->channel = (int)value;
    }
    if (baud != 300 && baud != 600 && baud != 1200) {
        PyErr_SetString(PyExc_ValueError, "baud must be 300, 600 or 1200");
        return -1;
    }
    if (PyObject_CheckBuffer(audio) && !PyUnicode_Check(audio))
        return PyObject_GetBuffer(audio, &src->view, PyBUF_SIMPLE);
    if (PyUnicode_Check(audio) || PyObject_HasAttrString(audio, "__fspath__")) {
        if (!PyUnicode_FSConverter(audio, &src->path_bytes))
            return -1;
        FILE *probe = fopen(PyBytes_AS_STRING(src->path_bytes), "rb");
        if (!probe) {
            PyErr_SetFromErrnoWithFilenameObject(PyExc_OSError, audio);
            Py_CLEAR(src->path_bytes);
            return -1;
        }
        fclose(probe);
        return 0;
    }
    PyErr_Format(PyExc_TypeError, "audio must be a bytes-like object or a path, not %.100s", Py_TYPE(audio)->tp_name);
    return -1;
}

static void source_close(audio_source *src)
{
    if (src->view.obj)
        PyBuffer_Release(&src->view);
    Py_CLEAR(src->path_bytes);
}

/* Decodes the whole source without the GIL, into sink and (if not NULL) analysis, whose
 * window is [win_start, win_end). 0, or -1 with err set (empty err: out of memory). */
static int decode_source(const audio_source *src, int baud, byte_sink *sink, kcs_analysis *analysis,
                         double win_start, double win_end, char *err, size_t errlen)
{
    int rc = -1;
    Py_BEGIN_ALLOW_THREADS
    kcs_audio_in *in = src->path_bytes
                           ? kcs_audio_open(PyBytes_AS_STRING(src->path_bytes), src->channel, err, errlen)
                           : kcs_audio_open_memory(src->view.buf, (size_t)src->view.len, "audio", src->channel, err, errlen);
    /* floats only for analyze(), which keeps samples; decoding reads 8/16-bit audio as
     * integers (kcs_audio_push) */
    float *buf = in && analysis ? PyMem_RawMalloc(16384 * sizeof(float)) : NULL;
    if (in && (buf || !analysis)) {
        kcs_decode_params dp = {kcs_audio_rate(in), baud};
        const char *bad = kcs_decode_params_check(&dp);
        if (bad) {
            snprintf(err, errlen, "%s (the audio's rate is %d Hz)", bad, dp.rate);
        } else {
            kcs_decoder *dec = PyMem_RawMalloc(sizeof *dec);
            if (dec) {
                kcs_decoder_init(dec, &dp, on_byte, sink);
                if (analysis) {
                    kcs_analysis_init(analysis, dp.rate, baud, win_start, win_end);
                    kcs_decoder_set_bit_observer(dec, kcs_analysis_on_bit, analysis);
                    sink->analysis = analysis;
                }
                size_t n;
                if (analysis) {
                    while ((n = kcs_audio_read(in, buf, 16384)) > 0) {
                        kcs_analysis_samples(analysis, buf, n);
                        kcs_decoder_push(dec, buf, n);
                    }
                } else {
                    while (kcs_audio_push(in, dec) > 0) {
                    }
                }
                rc = kcs_audio_failed(in, err, errlen) || (analysis && analysis->out_of_memory) ? -1 : 0;
                PyMem_RawFree(dec);
            }
        }
    }
    PyMem_RawFree(buf);
    kcs_audio_close(in);
    Py_END_ALLOW_THREADS
    return rc;
}

static PyObject *decode_failed(byte_sink *sink, const char *err)
{
    PyMem_RawFree(sink->data);
    sink->data = NULL;
    if (err[0])
        PyErr_SetString(PyExc_ValueError, err);
    else
        PyErr_NoMemory();
    return NULL;
}

static PyObject *kcs_decode_py(PyObject *module, PyObject *args, PyObject *kw)
{
    (void)module;
    static char *names[] = {"audio", "channel", "baud", "text", NULL};
    PyObject *audio, *channel_obj = Py_None;
    int baud = 300, text = 0;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "O|$Oip:kcs_decode", names, &audio, &channel_obj, &baud, &text))
        return NULL;
    audio_source src;
    if (source_open(audio, channel_obj, baud, &src) < 0)
        return NULL;
    char err[320] = "";
    byte_sink sink = {0};
    sink.text = text;
    int rc = decode_source(&src, baud, &sink, NULL, 0, 0, err, sizeof err);
    source_close(&src);
    return rc ? decode_failed(&sink, err) : sink_to_bytes(&sink);
}

/* ----------------------------------------------------------------------------- analyze */

PyDoc_STRVAR(analyze_doc,
"analyze(audio, *, channel=None, baud=300, window=None) -> dict\n\n"
"What the decoder saw, for plotting your own way. audio as for kcs_decode. The dict holds:\n"
"  'block_seconds'  the length of a level block (0.02)\n"
"  'level_dbfs'     RMS level of each block along the tape\n"
"  'byte_times', 'byte_values', 'byte_baud', 'byte_framing_error'  one entry a byte\n"
"  'framing_error_times'  seconds\n"
"  'window'         (start, end) in seconds: the given one, else around the first problem\n"
"  'wave'           the samples inside the window (a list of floats), 'wave_start' its time\n"
"  'bits'           the bit cells inside the window: (start, end, half_cycles, bit, index)\n"
"                   with index 0 for the start bit, 1..8 data bits, 9 the stop bit");

static PyObject *list_of_doubles(const double *v, size_t n, size_t stride)
{
    PyObject *list = PyList_New((Py_ssize_t)n);
    for (size_t i = 0; list && i < n; i++) {
        PyObject *f = PyFloat_FromDouble(*(const double *)((const char *)v + i * stride));
        if (!f) {
            Py_CLEAR(list);
            break;
        }
        PyList_SET_ITEM(list, (Py_ssize_t)i, f);
    }
    return list;
}

/* Adds key: value to dict and drops the reference to value; -1 on any failure. */
static int put(PyObject *dict, const char *key, PyObject *value)
{
    if (!value)
        return -1;
    int rc = PyDict_SetItemString(dict, key, value);
    Py_DECREF(value);
    return rc;
}

static PyObject *analysis_to_dict(const kcs_analysis *a)
{
    PyObject *d = PyDict_New();
    if (!d)
        return NULL;
    size_t n = a->nbytes;
    PyObject *levels = PyList_New((Py_ssize_t)a->blocks);
    for (size_t i = 0; levels && i < a->blocks; i++)
        PyList_SET_ITEM(levels, (Py_ssize_t)i, PyFloat_FromDouble(a->level_dbfs[i]));
    PyObject *values = PyList_New((Py_ssize_t)n), *bauds = PyList_New((Py_ssize_t)n), *errs = PyList_New((Py_ssize_t)n);
    PyObject *err_times = PyList_New(0);
    for (size_t i = 0; values && bauds && errs && err_times && i < n; i++) {
        PyList_SET_ITEM(values, (Py_ssize_t)i, PyLong_FromLong(a->bytes[i].byte));
        PyList_SET_ITEM(bauds, (Py_ssize_t)i, PyFloat_FromDouble(a->bytes[i].speed * a->baud));
        PyList_SET_ITEM(errs, (Py_ssize_t)i, PyBool_FromLong(a->bytes[i].framing_error));
        if (a->bytes[i].framing_error) {
            PyObject *t = PyFloat_FromDouble(a->bytes[i].time);
            if (!t || PyList_Append(err_times, t) < 0) {
                Py_XDECREF(t);
                Py_CLEAR(err_times);
                break;
            }
            Py_DECREF(t);
        }
    }
    PyObject *wave = PyList_New((Py_ssize_t)a->wave_n);
    for (size_t i = 0; wave && i < a->wave_n; i++)
        PyList_SET_ITEM(wave, (Py_ssize_t)i, PyFloat_FromDouble(a->wave[i]));
    PyObject *bits = PyList_New((Py_ssize_t)a->nbits);
    for (size_t i = 0; bits && i < a->nbits; i++) {
        const kcs_bit_record *b = &a->bits[i];
        PyList_SET_ITEM(bits, (Py_ssize_t)i, Py_BuildValue("(ddiii)", b->start, b->end, b->sign_changes, b->bit, b->index));
    }
    if (put(d, "block_seconds", PyFloat_FromDouble(KCS_ANALYSIS_BLOCK_SECONDS)) || put(d, "level_dbfs", levels) ||
        put(d, "byte_times", list_of_doubles(&a->bytes[0].time, n, sizeof a->bytes[0])) ||
        put(d, "byte_values", values) || put(d, "byte_baud", bauds) || put(d, "byte_framing_error", errs) ||
        put(d, "framing_error_times", err_times) ||
        put(d, "window", Py_BuildValue("(dd)", a->win_start, a->win_end)) || put(d, "wave", wave) ||
        put(d, "wave_start", PyFloat_FromDouble(a->wave_t0 < 0 ? a->win_start : a->wave_t0)) || put(d, "bits", bits)) {
        Py_DECREF(d);
        return NULL;
    }
    return d;
}

static PyObject *analyze_py(PyObject *module, PyObject *args, PyObject *kw)
{
    (void)module;
    static char *names[] = {"audio", "channel", "baud", "window", NULL};
    PyObject *audio, *channel_obj = Py_None, *window = Py_None;
    int baud = 300;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "O|$OiO:analyze", names, &audio, &channel_obj, &baud, &window))
        return NULL;
    double w0 = 0, w1 = 0;
    if (window != Py_None && (!PyTuple_Check(window) || !PyArg_ParseTuple(window, "dd", &w0, &w1))) {
        PyErr_Clear();
        PyErr_SetString(PyExc_TypeError, "window must be a tuple (start, end) of seconds");
        return NULL;
    }
    if (window != Py_None && !(w0 >= 0 && w1 > w0 && w1 - w0 <= 600)) {
        PyErr_SetString(PyExc_ValueError, "window must be (start, end) with 0 <= start < end, at most 600 s long");
        return NULL;
    }
    audio_source src;
    if (source_open(audio, channel_obj, baud, &src) < 0)
        return NULL;
    char err[320] = "";
    byte_sink sink = {0};
    sink.discard = 1;
    kcs_analysis *a = PyMem_RawCalloc(1, sizeof *a);
    int rc = a ? decode_source(&src, baud, &sink, a, w0, w1, err, sizeof err) : -1;
    if (rc == 0 && window == Py_None) {       /* now the first problem is known: look at it */
        double s0, s1;
        kcs_analysis_default_window(a, 0.16 * 300 / baud, &s0, &s1);
        kcs_analysis_free(a);
        rc = decode_source(&src, baud, &sink, a, s0, s1, err, sizeof err);
    }
    source_close(&src);
    PyObject *result = rc ? decode_failed(&sink, err) : analysis_to_dict(a);
    PyMem_RawFree(sink.data);
    if (a)
        kcs_analysis_free(a);
    PyMem_RawFree(a);
    return result;
}

/* ----------------------------------------------------------------------------- Decoder */

typedef struct {
    PyObject_HEAD
    kcs_decoder dec;
    byte_sink sink;
    PyThread_type_lock lock;    /* one feed at a time: the GIL is released while decoding */
} DecoderObject;

static int Decoder_init(DecoderObject *self, PyObject *args, PyObject *kw)
{
    static char *names[] = {"rate", "baud", "text", NULL};
    kcs_decode_params dp;
    kcs_decode_params_default(&dp);
    int text = 0;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "|i$ip:Decoder", names, &dp.rate, &dp.baud, &text))
        return -1;
    const char *bad = kcs_decode_params_check(&dp);
    if (bad) {
        PyErr_SetString(PyExc_ValueError, bad);
        return -1;
    }
    if (!self->lock && !(self->lock = PyThread_allocate_lock())) {
        PyErr_NoMemory();
        return -1;
    }
    PyMem_RawFree(self->sink.data);
    memset(&self->sink, 0, sizeof self->sink);
    self->sink.text = text;
    kcs_decoder_init(&self->dec, &dp, on_byte, &self->sink);
    return 0;
}

static void Decoder_dealloc(DecoderObject *self)
{
    PyTypeObject *tp = Py_TYPE(self);
    PyMem_RawFree(self->sink.data);
    if (self->lock)
        PyThread_free_lock(self->lock);
    tp->tp_free((PyObject *)self);
    Py_DECREF(tp);
}

PyDoc_STRVAR(Decoder_feed_doc,
"feed(samples) -> bytes\n\n"
"Push samples (float32 or int16 buffers, or bytes of 16-bit little-endian PCM) at the\n"
"decoder's rate, in chunks of any size; returns the bytes completed by them.");

static PyObject *Decoder_feed(DecoderObject *self, PyObject *arg)
{
    if (!self->lock) {
        PyErr_SetString(PyExc_ValueError, "Decoder was not initialised");
        return NULL;
    }
    Py_buffer view;
    if (PyObject_GetBuffer(arg, &view, PyBUF_FORMAT | PyBUF_C_CONTIGUOUS) < 0)
        return NULL;
    const char *fmt = view.format ? view.format : "B";
    if (*fmt == '<' || *fmt == '=' || *fmt == '@')
        fmt++;
    int is_float = strcmp(fmt, "f") == 0 && view.itemsize == 4;
    int is_int16 = (strcmp(fmt, "h") == 0 && view.itemsize == 2) || ((strcmp(fmt, "B") == 0 || strcmp(fmt, "b") == 0 || strcmp(fmt, "c") == 0) && view.itemsize == 1);
    if (!is_float && !is_int16) {
        PyBuffer_Release(&view);
        PyErr_Format(PyExc_TypeError, "samples must be float32, int16 or bytes, not format '%s'", view.format ? view.format : "B");
        return NULL;
    }
    if (!is_float && view.len % 2) {
        PyBuffer_Release(&view);
        PyErr_SetString(PyExc_ValueError, "16-bit PCM needs an even number of bytes");
        return NULL;
    }
    int failed = 0;
    Py_BEGIN_ALLOW_THREADS
    PyThread_acquire_lock(self->lock, WAIT_LOCK);
    self->sink.len = 0;
    if (is_float) {
        kcs_decoder_push(&self->dec, view.buf, (size_t)view.len / 4);
    } else if (PY_LITTLE_ENDIAN && (uintptr_t)view.buf % sizeof(int16_t) == 0) {
        kcs_decoder_push_s16(&self->dec, view.buf, (size_t)view.len / 2);    /* no copy */
    } else {
        int16_t chunk[4096];
        const uint8_t *p = view.buf;
        size_t total = (size_t)view.len / 2;
        for (size_t done = 0; done < total;) {
            size_t n = total - done < 4096 ? total - done : 4096;
            for (size_t i = 0; i < n; i++, p += 2)
                chunk[i] = (int16_t)(p[0] | p[1] << 8);
            kcs_decoder_push_s16(&self->dec, chunk, n);
            done += n;
        }
    }
    failed = self->sink.failed;
    Py_END_ALLOW_THREADS
    PyBuffer_Release(&view);
    PyObject *r = failed ? PyErr_NoMemory()
                         : PyBytes_FromStringAndSize((const char *)self->sink.data, (Py_ssize_t)self->sink.len);
    self->sink.failed = 0;
    PyThread_release_lock(self->lock);
    return r;
}

static kcs_stats decoder_stats(DecoderObject *self) { return kcs_decoder_stats(&self->dec); }

static PyObject *Decoder_get_bytes(DecoderObject *s, void *c) { (void)c; return PyLong_FromUnsignedLongLong(decoder_stats(s).bytes); }
static PyObject *Decoder_get_errors(DecoderObject *s, void *c) { (void)c; return PyLong_FromUnsignedLongLong(decoder_stats(s).framing_errors); }
static PyObject *Decoder_get_baud(DecoderObject *s, void *c) { (void)c; return PyFloat_FromDouble(decoder_stats(s).measured_baud); }
static PyObject *Decoder_get_level(DecoderObject *s, void *c) { (void)c; return PyFloat_FromDouble(decoder_stats(s).level_dbfs); }
static PyObject *Decoder_get_seconds(DecoderObject *s, void *c) { (void)c; return PyFloat_FromDouble(decoder_stats(s).seconds); }

static PyObject *Decoder_get_error_times(DecoderObject *s, void *c)
{
    (void)c;
    kcs_stats st = decoder_stats(s);
    Py_ssize_t n = (Py_ssize_t)(st.framing_errors < KCS_ERROR_TIMES ? st.framing_errors : KCS_ERROR_TIMES);
    PyObject *list = PyList_New(n);
    for (Py_ssize_t i = 0; list && i < n; i++) {
        PyObject *t = PyFloat_FromDouble(st.error_times[i]);
        if (!t) {
            Py_CLEAR(list);
            break;
        }
        PyList_SET_ITEM(list, i, t);
    }
    return list;
}

static PyGetSetDef Decoder_getset[] = {
    {"bytes_decoded", (getter)Decoder_get_bytes, NULL, "good bytes decoded so far", NULL},
    {"framing_errors", (getter)Decoder_get_errors, NULL, "bytes dropped for a bad stop bit", NULL},
    {"error_times", (getter)Decoder_get_error_times, NULL, "times (s) of the first 64 framing errors", NULL},
    {"measured_baud", (getter)Decoder_get_baud, NULL, "nominal baud times the measured tape speed", NULL},
    {"level_dbfs", (getter)Decoder_get_level, NULL, "peak level of the filtered signal, dBFS", NULL},
    {"seconds", (getter)Decoder_get_seconds, NULL, "audio fed so far, in seconds", NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

static PyMethodDef Decoder_methods[] = {
    {"feed", (PyCFunction)Decoder_feed, METH_O, Decoder_feed_doc},
    {NULL, NULL, 0, NULL},
};

PyDoc_STRVAR(Decoder_doc,
"Decoder(rate=44100, *, baud=300, text=False)\n\n"
"A streaming KCS decoder for live audio: feed() it samples as they come and get the\n"
"decoded bytes back; the result does not depend on how the samples are chunked.");

static PyType_Slot Decoder_slots[] = {
    {Py_tp_doc, (void *)Decoder_doc},
    {Py_tp_init, Decoder_init},
    {Py_tp_dealloc, Decoder_dealloc},
    {Py_tp_methods, Decoder_methods},
    {Py_tp_getset, Decoder_getset},
    {Py_tp_new, PyType_GenericNew},
    {0, NULL},
};

static PyType_Spec Decoder_spec = {
    "kcs.Decoder", sizeof(DecoderObject), 0, Py_TPFLAGS_DEFAULT, Decoder_slots,
};

/* ---------------------------------------------------------------------------- module */

static int kcs_exec(PyObject *module)
{
    module_state *st = PyModule_GetState(module);
    st->decoder_type = (PyTypeObject *)PyType_FromModuleAndSpec(module, &Decoder_spec, NULL);
    if (!st->decoder_type)
        return -1;
    if (PyModule_AddType(module, st->decoder_type) < 0)
        return -1;
    return PyModule_AddStringConstant(module, "__version__", KCS_MODULE_VERSION);
}

static int kcs_traverse(PyObject *module, visitproc visit, void *arg)
{
    module_state *st = PyModule_GetState(module);
    Py_VISIT(st->decoder_type);
    return 0;
}

static int kcs_clear(PyObject *module)
{
    module_state *st = PyModule_GetState(module);
    Py_CLEAR(st->decoder_type);
    return 0;
}

static PyMethodDef kcs_methods[] = {
    {"kcs_encode", (PyCFunction)(void (*)(void))kcs_encode_py, METH_VARARGS | METH_KEYWORDS, kcs_encode_doc},
    {"kcs_decode", (PyCFunction)(void (*)(void))kcs_decode_py, METH_VARARGS | METH_KEYWORDS, kcs_decode_doc},
    {"analyze", (PyCFunction)(void (*)(void))analyze_py, METH_VARARGS | METH_KEYWORDS, analyze_doc},
    {NULL, NULL, 0, NULL},
};

static PyModuleDef_Slot kcs_slots[] = {
    {Py_mod_exec, kcs_exec},
    {0, NULL},
};

PyDoc_STRVAR(kcs_doc,
"Kansas City Standard (KCS) cassette audio for the Ohio Scientific Superboard II and its\n"
"cousins: kcs_encode() turns bytes into a WAV image, kcs_decode() turns audio back into\n"
"bytes, Decoder decodes live audio. The C decoder of the kcs-decode tool, GIL released.");

static struct PyModuleDef kcs_module = {
    PyModuleDef_HEAD_INIT, "kcs", kcs_doc, sizeof(module_state), kcs_methods, kcs_slots,
    kcs_traverse, kcs_clear, NULL,
};

PyMODINIT_FUNC PyInit_kcs(void) { return PyModuleDef_Init(&kcs_module); }
