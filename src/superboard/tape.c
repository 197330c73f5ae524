/* tape.c - the cassette deck: player and recorder over raw files or KCS audio (tape.h). */
#include "tape.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "tape_audio.h"

bool tape_is_audio_path(const char *path)
{
    static const char *const ext[] = {".wav", ".flac", ".aiff", ".aif", ".au", ".ogg", ".caf"};
    const char *dot = strrchr(path, '.');
    if (!dot || strchr(dot, '/'))
        return false;
    for (size_t i = 0; i < sizeof ext / sizeof ext[0]; i++)
        if (strcasecmp(dot, ext[i]) == 0)
            return true;
    return false;
}

static int read_raw(const char *path, uint8_t **data, size_t *len, char *err, size_t errlen)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(err, errlen, "%s: cannot open tape: %s", path, strerror(errno));
        return -1;
    }
    size_t cap = 4096, n = 0;
    uint8_t *buf = malloc(cap);
    while (buf) {
        n += fread(buf + n, 1, cap - n, f);
        if (n < cap)
            break;
        uint8_t *bigger = realloc(buf, cap * 2);
        if (!bigger) {
            free(buf);
            buf = NULL;
            break;
        }
        buf = bigger;
        cap *= 2;
    }
    bool failed = !buf || ferror(f);
    fclose(f);
    if (failed) {
        free(buf);
        snprintf(err, errlen, "%s: cannot read tape%s", path, buf ? "" : ": out of memory");
        return -1;
    }
    *data = buf;
    *len = n;
    return 0;
}

int tape_player_insert(tape_player *p, const char *path, char *err, size_t errlen)
{
    uint8_t *data = NULL;
    size_t len = 0;
    bool audio = tape_is_audio_path(path);
    int rc = audio ? tape_audio_decode(path, &data, &len, err, errlen)
                   : read_raw(path, &data, &len, err, errlen);
    if (rc != 0)
        return -1;
    char *copy = strdup(path);
    if (!copy) {
        free(data);
        snprintf(err, errlen, "%s: out of memory", path);
        return -1;
    }
    tape_player_eject(p);
    p->path = copy;
    p->audio = audio;
    p->data = data;
    p->length = len;
    return 0;
}

void tape_player_eject(tape_player *p)
{
    free(p->path);
    free(p->data);
    memset(p, 0, sizeof *p);
}

void tape_player_play(tape_player *p, uint64_t tick)
{
    if (!p->path || p->playing || p->position >= p->length)
        return;
    p->playing = true;
    p->play_since = tick;
}

void tape_player_stop(tape_player *p) { p->playing = false; }

void tape_player_rewind(tape_player *p)
{
    p->playing = false;
    p->position = 0;
}

int tape_player_next(tape_player *p, uint64_t earliest, uint64_t *start)
{
    if (!p->playing)
        return -1;
    if (p->position >= p->length) {
        p->playing = false;
        return -1;
    }
    *start = earliest > p->play_since ? earliest : p->play_since;
    return p->data[p->position++];
}

int tape_recorder_open(tape_recorder *r, const char *path, char *err, size_t errlen)
{
    memset(r, 0, sizeof *r);
    r->audio = tape_is_audio_path(path);
    if (r->audio) {
        r->writer = tape_audio_writer_open(path, err, errlen);
        if (!r->writer)
            return -1;
    } else {
        r->raw = fopen(path, "wb");
        if (!r->raw) {
            snprintf(err, errlen, "%s: cannot create tape: %s", path, strerror(errno));
            return -1;
        }
    }
    r->path = strdup(path);
    if (!r->path) {
        snprintf(err, errlen, "%s: out of memory", path);
        tape_recorder_close(r, NULL, 0);
        return -1;
    }
    return 0;
}

int tape_recorder_put(tape_recorder *r, uint8_t byte, uint64_t cycle, double cycles_per_second,
                      char *err, size_t errlen)
{
    if (!r->raw && !r->writer)
        return 0;
    if (r->raw) {
        if (fputc(byte, r->raw) == EOF || fflush(r->raw) != 0) {
            snprintf(err, errlen, "%s: write error: %s", r->path, strerror(errno));
            return -1;
        }
    } else {
        /* The carrier between bytes: the leader before the first, then the real gap (the
         * time since the previous byte ended, minus this byte's own time on the line). */
        double gap = TAPE_LEADER_SECONDS;
        if (r->bytes > 0) {
            double since = (double)(cycle - r->last_cycle) / cycles_per_second - TAPE_BYTE_SECONDS;
            gap = since < 0 ? 0 : since > TAPE_MAX_GAP_SECONDS ? TAPE_MAX_GAP_SECONDS : since;
        }
        if ((gap > 0 && tape_audio_writer_carrier(r->writer, gap, err, errlen) != 0) ||
            tape_audio_writer_byte(r->writer, byte, err, errlen) != 0)
            return -1;
    }
    r->bytes++;
    r->last_cycle = cycle;
    return 0;
}

void tape_recorder_flush(tape_recorder *r)
{
    if (r->raw)
        fflush(r->raw);
}

int tape_recorder_close(tape_recorder *r, char *err, size_t errlen)
{
    int rc = 0;
    char dummy[8];
    if (!err) {
        err = dummy;
        errlen = sizeof dummy;
    }
    if (r->raw && fclose(r->raw) != 0) {
        snprintf(err, errlen, "%s: error closing tape: %s", r->path, strerror(errno));
        rc = -1;
    }
    if (r->writer && tape_audio_writer_close(r->writer, err, errlen) != 0)
        rc = -1;
    free(r->path);
    memset(r, 0, sizeof *r);
    return rc;
}
