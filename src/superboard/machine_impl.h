/*
 * machine_impl.h - the inside of `struct machine`, shared by machine.c (the board) and
 * state.c (state files). Front ends use machine.h only.
 */
#ifndef SUPERBOARD_MACHINE_IMPL_H
#define SUPERBOARD_MACHINE_IMPL_H

#include "acia.h"
#include "keyboard.h"
#include "machine.h"
#include "rom.h"
#include "tape.h"
#include "video.h"

#define LINK_OUT_SIZE 65536u
#define LINK_IN_SIZE 16u      /* bytes accepted ahead of the 300-baud line */
#define RAM_MAX_KB 40u

typedef struct link_byte {
    uint8_t byte;
    uint64_t tick;            /* ACIA tick it was handed to the machine */
} link_byte;

struct machine {
    cpu6502 cpu;
    uint8_t ram[RAM_MAX_KB * 1024];
    uint8_t video[VIDEO_SIZE];
    unsigned ram_kb;
    rom_image basic, monitor;
    keyboard kb;
    acia acia;
    tape_player player;
    tape_recorder recorder;
    bool autoplay;
    /* Emulated time = CPU cycles + offset (modulo 2^64), so a loaded state keeps its time
     * without touching the CPU's counter. Advanced by hand while the CPU is jammed. */
    uint64_t time_offset;
    bool link_on;
    uint8_t link_out[LINK_OUT_SIZE];
    size_t out_head, out_count;
    link_byte link_in[LINK_IN_SIZE];
    size_t in_head, in_count;
};

static inline uint64_t machine_now(const machine *m)
{
    return cpu6502_cycles(&m->cpu) + m->time_offset;
}

/* Maps `kb` KB of RAM at $0000 (4, 8, 20, 32 or 40). 0, or -1 with a message. */
int machine_map_ram(machine *m, unsigned kb, char *err, size_t errlen);

#endif
