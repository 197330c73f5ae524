/* machine.c - the Superboard II: memory map, devices, time, state files (machine.h). */
#include "machine.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "machine_impl.h"

uint64_t machine_cycles(const machine *m) { return machine_now(m); }

void machine_config_init(machine_config *cfg)
{
    memset(cfg, 0, sizeof *cfg);
    cfg->ram_kb = 8;
}

/* ---- Bus handlers ---- */

static uint8_t kb_read(void *ctx, uint16_t addr)
{
    (void)addr;
    machine *m = ctx;
    return keyboard_read(&m->kb, machine_now(m));
}

static void kb_write(void *ctx, uint16_t addr, uint8_t value)
{
    (void)addr;
    keyboard_write(&((machine *)ctx)->kb, value);
}

static uint8_t acia_bus_read(void *ctx, uint16_t addr)
{
    machine *m = ctx;
    return acia_read(&m->acia, addr & 1, machine_now(m));
}

static void acia_bus_write(void *ctx, uint16_t addr, uint8_t value)
{
    machine *m = ctx;
    acia_write(&m->acia, addr & 1, value, machine_now(m));
}

/* ---- The ACIA's serial lines ---- */

static int line_next(void *ctx, uint64_t earliest, uint64_t *start)
{
    machine *m = ctx;
    int b = tape_player_next(&m->player, earliest, start);
    if (b >= 0 || m->player.playing)
        return b;
    /* The host link waits until the program has read the last byte before it sends the next,
     * like a typist who waits for the echo: a busy program (BASIC printing a line end and its
     * NULs) loses nothing that comes from telnet. A tape, like the real one, does not wait. */
    if (m->in_count == 0 || m->acia.rdrf)
        return -1;
    link_byte lb = m->link_in[m->in_head];
    m->in_head = (m->in_head + 1) % LINK_IN_SIZE;
    m->in_count--;
    *start = earliest > lb.tick ? earliest : lb.tick;
    return lb.byte;
}

static void line_sent(void *ctx, uint8_t byte, uint64_t cycle)
{
    machine *m = ctx;
    if (m->recorder.path) {
        char err[256];
        if (tape_recorder_put(&m->recorder, byte, cycle, MACHINE_CLOCK_HZ, err, sizeof err) != 0) {
            fprintf(stderr, "superboard: %s (recording stopped)\n", err);
            tape_recorder_close(&m->recorder, NULL, 0);
        }
    }
    if (m->link_on) {
        if (m->out_count == LINK_OUT_SIZE) {  /* nobody reads: drop the oldest */
            m->out_head = (m->out_head + 1) % LINK_OUT_SIZE;
            m->out_count--;
        }
        m->link_out[(m->out_head + m->out_count) % LINK_OUT_SIZE] = byte;
        m->out_count++;
    }
}

static void line_polled(void *ctx)
{
    machine *m = ctx;
    if (m->autoplay)
        tape_player_play(&m->player, machine_now(m) * ACIA_TICKS_PER_CYCLE);
}

/* ---- Building the board ---- */

int machine_map_ram(machine *m, unsigned kb, char *err, size_t errlen)
{
    if (kb != 4 && kb != 8 && kb != 20 && kb != 32 && kb != 40) {
        snprintf(err, errlen, "RAM size %u KB: the board takes 4, 8, 20, 32 or 40 KB", kb);
        return -1;
    }
    cpu6502_unmap(&m->cpu, 0, RAM_MAX_KB * 1024);
    cpu6502_map_ram(&m->cpu, 0, kb * 1024, m->ram);
    m->ram_kb = kb;
    return 0;
}

static int load_rom(rom_image *r, rom_kind kind, const char *path, const char *dir,
                    char *err, size_t errlen)
{
    if (path)
        return rom_load_file(r, kind, path, err, errlen);
    if (dir)
        return rom_load_dir(r, kind, dir, err, errlen);
    rom_builtin(r, kind);
    return 0;
}

machine *machine_new(const machine_config *cfg, char *err, size_t errlen)
{
    machine *m = calloc(1, sizeof *m);
    if (!m || keyboard_init(&m->kb) != 0) {
        free(m);
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    cpu6502_init(&m->cpu);
    m->autoplay = true;
    memset(m->video, ' ', sizeof m->video);
    acia_init(&m->acia, (acia_port){line_next, line_sent, line_polled, m});
    if (machine_map_ram(m, cfg->ram_kb ? cfg->ram_kb : 8, err, errlen) != 0 ||
        load_rom(&m->basic, ROM_BASIC, cfg->basic_rom_path, cfg->rom_dir, err, errlen) != 0 ||
        load_rom(&m->monitor, ROM_MONITOR, cfg->monitor_rom_path, cfg->rom_dir, err, errlen) != 0)
        goto fail;
    cpu6502_map_rom(&m->cpu, ROM_BASIC_BASE, ROM_BASIC_SIZE, m->basic.data);
    cpu6502_map_ram(&m->cpu, 0xD000, VIDEO_SIZE, m->video);
    cpu6502_map_device(&m->cpu, 0xDF00, 1, kb_read, kb_write, m);
    cpu6502_map_device(&m->cpu, 0xF000, 2, acia_bus_read, acia_bus_write, m);
    cpu6502_map_rom(&m->cpu, ROM_MONITOR_BASE, ROM_MONITOR_SIZE, m->monitor.data);
    if (cfg->tape_in_path && machine_tape_insert(m, cfg->tape_in_path, err, errlen) != 0)
        goto fail;
    if (cfg->tape_out_path && machine_tape_record(m, cfg->tape_out_path, err, errlen) != 0)
        goto fail;
    cpu6502_reset(&m->cpu);
    return m;
fail:
    machine_free(m);
    return NULL;
}

void machine_free(machine *m)
{
    if (!m)
        return;
    char err[256];
    if (machine_tape_record_stop(m, err, sizeof err) != 0)
        fprintf(stderr, "superboard: %s\n", err);
    tape_player_eject(&m->player);
    keyboard_free(&m->kb);
    free(m);
}

void machine_reset(machine *m)
{
    keyboard_clear(&m->kb);
    cpu6502_reset(&m->cpu);
}

uint64_t machine_run(machine *m, uint64_t cycles)
{
    uint64_t ran = cpu6502_run(&m->cpu, cycles);
    if (cpu6502_jammed(&m->cpu) && ran < cycles) {
        /* A halted CPU still lets time pass: the tape plays on, the ACIA finishes. */
        m->time_offset += cycles - ran;
        ran = cycles;
    }
    acia_sync(&m->acia, machine_now(m));
    return ran;
}

/* ---- Keyboard ---- */

size_t machine_type_text(machine *m, const char *text, size_t len)
{
    return keyboard_type(&m->kb, text, len);
}
size_t machine_typing_pending(const machine *m) { return keyboard_pending(&m->kb); }
void machine_clear_typing(machine *m) { keyboard_clear(&m->kb); }
void machine_set_shift_lock(machine *m, bool down) { m->kb.shift_lock = down; }
bool machine_shift_lock(const machine *m) { return m->kb.shift_lock; }

/* ---- Screen ---- */

const uint8_t *machine_video_ram(const machine *m) { return m->video; }

size_t machine_render_screen(const machine *m, bool full, bool utf8, char *out, size_t outlen)
{
    if (full)
        return video_render(m->video, 0, VIDEO_COLS, 0, VIDEO_ROWS, utf8, out, outlen);
    return video_render(m->video, MACHINE_WINDOW_COL0, MACHINE_WINDOW_COLS, MACHINE_WINDOW_ROW0,
                        MACHINE_WINDOW_ROWS, utf8, out, outlen);
}

bool machine_screen_contains(const machine *m, const char *text)
{
    return video_contains(m->video, text);
}

/* ---- Cassette deck ---- */

int machine_tape_insert(machine *m, const char *path, char *err, size_t errlen)
{
    return tape_player_insert(&m->player, path, err, errlen);
}
void machine_tape_eject(machine *m) { tape_player_eject(&m->player); }
void machine_tape_play(machine *m)
{
    tape_player_play(&m->player, machine_now(m) * ACIA_TICKS_PER_CYCLE);
}
void machine_tape_stop(machine *m) { tape_player_stop(&m->player); }
void machine_tape_rewind(machine *m) { tape_player_rewind(&m->player); }
void machine_tape_set_autoplay(machine *m, bool on) { m->autoplay = on; }

int machine_tape_record(machine *m, const char *path, char *err, size_t errlen)
{
    if (machine_tape_record_stop(m, err, errlen) != 0)
        return -1;
    return tape_recorder_open(&m->recorder, path, err, errlen);
}

int machine_tape_record_stop(machine *m, char *err, size_t errlen)
{
    if (!m->recorder.path)
        return 0;
    acia_sync(&m->acia, machine_now(m));
    return tape_recorder_close(&m->recorder, err, errlen);
}

void machine_tape_flush(machine *m) { tape_recorder_flush(&m->recorder); }

void machine_get_tape_status(const machine *m, machine_tape_status *st)
{
    memset(st, 0, sizeof *st);
    const tape_player *p = &m->player;
    double byte_seconds = (double)acia_frame_bits(&m->acia) * acia_bit_ticks(&m->acia) /
                          ((double)MACHINE_CLOCK_HZ * ACIA_TICKS_PER_CYCLE);
    st->in_path = p->path;
    st->in_audio = p->audio;
    st->playing = p->playing;
    st->at_end = p->path && p->position >= p->length && !m->acia.rx_busy;
    st->position = p->position;
    st->length = p->length;
    st->position_seconds = p->position * byte_seconds;
    st->length_seconds = p->length * byte_seconds;
    st->out_path = m->recorder.path;
    st->out_audio = m->recorder.audio;
    st->recorded_bytes = m->recorder.bytes;
}

/* ---- ACIA host link ---- */

void machine_link_enable(machine *m, bool on)
{
    m->link_on = on;
    if (!on)
        m->out_count = m->in_count = 0;
}

size_t machine_link_read(machine *m, uint8_t *buf, size_t max)
{
    size_t n = 0;
    while (n < max && m->out_count > 0) {
        buf[n++] = m->link_out[m->out_head];
        m->out_head = (m->out_head + 1) % LINK_OUT_SIZE;
        m->out_count--;
    }
    return n;
}

size_t machine_link_write_space(const machine *m)
{
    return m->link_on ? LINK_IN_SIZE - m->in_count : 0;
}

size_t machine_link_write(machine *m, const uint8_t *buf, size_t n)
{
    size_t done = 0;
    uint64_t tick = machine_now(m) * ACIA_TICKS_PER_CYCLE;
    while (done < n && m->link_on && m->in_count < LINK_IN_SIZE) {
        m->link_in[(m->in_head + m->in_count) % LINK_IN_SIZE] = (link_byte){buf[done++], tick};
        m->in_count++;
    }
    return done;
}

/* ---- Status ---- */

void machine_get_status(const machine *m, machine_status *st)
{
    memset(st, 0, sizeof *st);
    st->ram_kb = m->ram_kb;
    snprintf(st->basic_rom, sizeof st->basic_rom, "%s", m->basic.name);
    snprintf(st->monitor_rom, sizeof st->monitor_rom, "%s", m->monitor.name);
    st->shift_lock = m->kb.shift_lock;
    st->cycles = machine_now(m);
    st->cpu_jammed = cpu6502_jammed(&m->cpu);
}

cpu6502 *machine_cpu(machine *m) { return &m->cpu; }
