/* state.c - saving and restoring the whole machine (machine_save_state / machine_load_state).
 *
 * File format (little-endian): "SBIISTATE" + version byte, then the fields in the order of
 * state_fields(): RAM size and contents, video RAM, the ROMs' SHA-1s, emulated time, CPU
 * registers, keyboard latch and SHIFT LOCK, the ACIA's registers and line timing, the tape
 * player's position. One function walks the fields for both directions, so the two cannot
 * drift apart. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "machine_impl.h"

static const char state_magic[10] = {'S', 'B', 'I', 'I', 'S', 'T', 'A', 'T', 'E', 1};

/* A cursor over a state image: writing appends, reading consumes (and notes truncation). */
typedef struct state_io {
    bool writing;
    uint8_t *buf;
    size_t len, cap, pos;
    bool short_read;
} state_io;

static void io_bytes(state_io *io, void *data, size_t n)
{
    if (io->writing) {
        if (io->len + n > io->cap) {
            size_t cap = io->cap ? io->cap : 65536;
            while (cap < io->len + n)
                cap *= 2;
            uint8_t *bigger = realloc(io->buf, cap);
            if (!bigger) {
                io->short_read = true;   /* reported as out of memory by the caller */
                return;
            }
            io->buf = bigger;
            io->cap = cap;
        }
        memcpy(io->buf + io->len, data, n);
        io->len += n;
        return;
    }
    if (io->pos + n > io->len) {
        io->short_read = true;
        memset(data, 0, n);
        return;
    }
    memcpy(data, io->buf + io->pos, n);
    io->pos += n;
}

static void io_u64(state_io *io, uint64_t *v)
{
    uint8_t b[8];
    for (int i = 0; i < 8; i++)
        b[i] = (uint8_t)(*v >> (8 * i));
    io_bytes(io, b, 8);
    if (!io->writing) {
        *v = 0;
        for (int i = 0; i < 8; i++)
            *v |= (uint64_t)b[i] << (8 * i);
    }
}

static void io_u8(state_io *io, uint8_t *v) { io_bytes(io, v, 1); }

static void io_bool(state_io *io, bool *v)
{
    uint8_t b = *v;
    io_u8(io, &b);
    *v = b != 0;
}

static void io_size(state_io *io, size_t *v)
{
    uint64_t x = *v;
    io_u64(io, &x);
    *v = (size_t)x;
}

/* The state after the header, as fields of `s` (a machine-shaped scratch copy on load, so a
 * bad file leaves the real machine untouched). */
typedef struct state_image {
    uint64_t ram_kb;
    uint8_t ram[RAM_MAX_KB * 1024];
    uint8_t video[VIDEO_SIZE];
    uint8_t basic_sha1[SHA1_DIGEST_SIZE], monitor_sha1[SHA1_DIGEST_SIZE];
    uint64_t time;
    cpu6502_regs regs;
    uint8_t latch;
    bool shift_lock;
    acia acia;
    size_t tape_position;
    bool tape_playing;
    uint64_t tape_play_since;
} state_image;

static void state_fields(state_io *io, state_image *s)
{
    io_u64(io, &s->ram_kb);
    io_bytes(io, s->ram, s->ram_kb <= RAM_MAX_KB ? s->ram_kb * 1024 : 0);
    io_bytes(io, s->video, sizeof s->video);
    io_bytes(io, s->basic_sha1, sizeof s->basic_sha1);
    io_bytes(io, s->monitor_sha1, sizeof s->monitor_sha1);
    io_u64(io, &s->time);
    uint64_t pc = s->regs.pc;
    io_u64(io, &pc);
    s->regs.pc = (uint16_t)pc;
    io_u8(io, &s->regs.a);
    io_u8(io, &s->regs.x);
    io_u8(io, &s->regs.y);
    io_u8(io, &s->regs.s);
    io_u8(io, &s->regs.p);
    io_u8(io, &s->latch);
    io_bool(io, &s->shift_lock);
    acia *a = &s->acia;
    io_u8(io, &a->control);
    io_bool(io, &a->held);
    io_bool(io, &a->rdrf);
    io_bool(io, &a->ovrn);
    io_u8(io, &a->rdr);
    io_bool(io, &a->tx_busy);
    io_u8(io, &a->tdr);
    io_u64(io, &a->tx_end);
    io_bool(io, &a->rx_busy);
    io_u8(io, &a->rx_byte);
    io_u64(io, &a->rx_end);
    io_u64(io, &a->line_free);
    uint64_t polls = a->polls;
    io_u64(io, &polls);
    a->polls = (unsigned)polls;
    io_size(io, &s->tape_position);
    io_bool(io, &s->tape_playing);
    io_u64(io, &s->tape_play_since);
}

int machine_save_state(machine *m, const char *path, char *err, size_t errlen)
{
    acia_sync(&m->acia, machine_now(m));
    state_image *s = calloc(1, sizeof *s);
    state_io io = {.writing = true};
    if (!s) {
        snprintf(err, errlen, "%s: out of memory", path);
        return -1;
    }
    s->ram_kb = m->ram_kb;
    memcpy(s->ram, m->ram, sizeof s->ram);
    memcpy(s->video, m->video, sizeof s->video);
    memcpy(s->basic_sha1, m->basic.sha1, SHA1_DIGEST_SIZE);
    memcpy(s->monitor_sha1, m->monitor.sha1, SHA1_DIGEST_SIZE);
    s->time = machine_now(m);
    cpu6502_get_regs(&m->cpu, &s->regs);
    s->latch = m->kb.latch;
    s->shift_lock = m->kb.shift_lock;
    s->acia = m->acia;
    s->tape_position = m->player.position;
    s->tape_playing = m->player.playing;
    s->tape_play_since = m->player.play_since;
    io_bytes(&io, (void *)state_magic, sizeof state_magic);
    state_fields(&io, s);
    free(s);
    int rc = -1;
    FILE *f = NULL;
    if (io.short_read)
        snprintf(err, errlen, "%s: out of memory", path);
    else if (!(f = fopen(path, "wb")))
        snprintf(err, errlen, "%s: cannot create state file: %s", path, strerror(errno));
    else if (fwrite(io.buf, 1, io.len, f) != io.len || fclose(f) != 0)
        snprintf(err, errlen, "%s: error writing state file: %s", path, strerror(errno));
    else
        rc = 0;
    if (rc != 0 && f)
        fclose(f);
    free(io.buf);
    return rc;
}

static int read_file(const char *path, state_io *io, char *err, size_t errlen)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(err, errlen, "%s: cannot open state file: %s", path, strerror(errno));
        return -1;
    }
    size_t cap = sizeof(state_image) + 4096;
    io->buf = malloc(cap);
    io->len = io->buf ? fread(io->buf, 1, cap, f) : 0;
    bool failed = !io->buf || ferror(f);
    fclose(f);
    if (failed) {
        snprintf(err, errlen, "%s: cannot read state file", path);
        return -1;
    }
    return 0;
}

int machine_load_state(machine *m, const char *path, char *err, size_t errlen)
{
    state_io io = {.writing = false};
    state_image *s = calloc(1, sizeof *s);
    int rc = -1;
    if (!s) {
        snprintf(err, errlen, "%s: out of memory", path);
        return -1;
    }
    if (read_file(path, &io, err, errlen) != 0)
        goto out;
    char magic[sizeof state_magic];
    io_bytes(&io, magic, sizeof magic);
    if (io.short_read || memcmp(magic, state_magic, sizeof magic) != 0) {
        snprintf(err, errlen, "%s: not a superboard-emu state file (or another version)", path);
        goto out;
    }
    state_fields(&io, s);
    if (io.short_read || io.pos != io.len) {
        snprintf(err, errlen, "%s: state file is truncated or damaged", path);
        goto out;
    }
    if (memcmp(s->basic_sha1, m->basic.sha1, SHA1_DIGEST_SIZE) != 0 ||
        memcmp(s->monitor_sha1, m->monitor.sha1, SHA1_DIGEST_SIZE) != 0) {
        snprintf(err, errlen, "%s: the state was saved with other ROMs (BASIC: %s, monitor: %s "
                 "here)", path, m->basic.name, m->monitor.name);
        goto out;
    }
    if (machine_map_ram(m, (unsigned)s->ram_kb, err, errlen) != 0)
        goto out;
    memcpy(m->ram, s->ram, sizeof m->ram);
    memcpy(m->video, s->video, sizeof m->video);
    m->time_offset = s->time - cpu6502_cycles(&m->cpu);
    cpu6502_set_regs(&m->cpu, &s->regs);
    keyboard_clear(&m->kb);
    m->kb.latch = s->latch;
    m->kb.shift_lock = s->shift_lock;
    acia_port port = m->acia.port;
    m->acia = s->acia;
    m->acia.port = port;
    if (m->player.path && s->tape_position <= m->player.length) {
        m->player.position = s->tape_position;
        m->player.playing = s->tape_playing;
        m->player.play_since = s->tape_play_since;
    }
    rc = 0;
out:
    free(io.buf);
    free(s);
    return rc;
}
