/* rom_rig.c - our ROMs on the 6502 core with a key matrix and video RAM (see rom_rig.h). */
#include "rom_rig.h"

#include <stdlib.h>
#include <string.h>

#include "builtin_roms.h"

#define RETURN_ADDR 0x0300 /* rig_call's subroutines return here: a JMP to itself */

static uint8_t kbd_read(void *ctx, uint16_t addr)
{
    rig_keyboard *k = ctx;
    uint8_t down = 0;
    (void)addr;
    for (int row = 0; row < 8; row++) {
        if (!(k->latch & (1u << row))) {
            down |= k->rows[row];
        }
    }
    if (down && k->release_after_reads > 0 && --k->release_after_reads == 0) {
        memset(k->rows, 0, sizeof k->rows);
    }
    return (uint8_t)~down;
}

static void kbd_write(void *ctx, uint16_t addr, uint8_t value)
{
    (void)addr;
    ((rig_keyboard *)ctx)->latch = value;
}

static uint8_t acia_read(void *ctx, uint16_t addr)
{
    rig_acia *a = ctx;
    if (addr == 0xF000) {
        return (uint8_t)(0x02 | (a->rx_pos < a->rx_len ? 0x01 : 0x00));
    }
    return a->rx_pos < a->rx_len ? a->rx[a->rx_pos++] : 0;
}

static void acia_write(void *ctx, uint16_t addr, uint8_t value)
{
    rig_acia *a = ctx;
    if (addr == 0xF000) {
        if (a->control_len < sizeof a->control) {
            a->control[a->control_len++] = value;
        }
    } else if (a->tx_len < sizeof a->tx) {
        a->tx[a->tx_len++] = value;
    }
}

rig *rig_new(void)
{
    rig *r = calloc(1, sizeof *r);
    if (!r) {
        return NULL;
    }
    cpu6502_init(&r->cpu);
    cpu6502_map_ram(&r->cpu, 0x0000, sizeof r->ram, r->ram);
    cpu6502_map_ram(&r->cpu, 0xD000, sizeof r->video, r->video);
    cpu6502_map_rom(&r->cpu, 0xA000, sizeof builtin_basic_rom, builtin_basic_rom);
    cpu6502_map_rom(&r->cpu, 0xF800, sizeof builtin_monitor_rom, builtin_monitor_rom);
    cpu6502_map_device(&r->cpu, 0xDF00, 1, kbd_read, kbd_write, &r->kbd);
    cpu6502_map_device(&r->cpu, 0xF000, 2, acia_read, acia_write, &r->acia);
    r->ram[RETURN_ADDR] = 0x4C; /* JMP RETURN_ADDR */
    r->ram[RETURN_ADDR + 1] = RETURN_ADDR & 0xFF;
    r->ram[RETURN_ADDR + 2] = RETURN_ADDR >> 8;
    cpu6502_set_breakpoint(&r->cpu, RETURN_ADDR, true);
    return r;
}

void rig_free(rig *r) { free(r); }

void rig_press(rig *r, int row, int bit) { r->kbd.rows[row] |= (uint8_t)(1u << bit); }

void rig_release_all(rig *r) { memset(r->kbd.rows, 0, sizeof r->kbd.rows); }

void rig_receive(rig *r, const void *bytes, unsigned n)
{
    rig_acia *a = &r->acia;
    if (n > sizeof a->rx - a->rx_len) {
        n = (unsigned)(sizeof a->rx - a->rx_len);
    }
    memcpy(a->rx + a->rx_len, bytes, n);
    a->rx_len += n;
}

bool rig_call(rig *r, uint16_t addr, uint8_t a, uint8_t x, uint8_t y, double seconds, rig_result *res)
{
    cpu6502_regs regs;
    cpu6502_get_regs(&r->cpu, &regs);
    regs.s = 0x28; /* the monitor's stack, with the return address a JSR would push */
    r->ram[0x0100 + regs.s] = (RETURN_ADDR - 1) >> 8;
    r->ram[0x0100 + regs.s - 1] = (RETURN_ADDR - 1) & 0xFF;
    regs.s -= 2;
    regs.pc = addr;
    regs.a = a;
    regs.x = x;
    regs.y = y;
    cpu6502_set_regs(&r->cpu, &regs);
    uint64_t start = cpu6502_cycles(&r->cpu), budget = (uint64_t)(seconds * RIG_CPU_HZ);
    while (cpu6502_cycles(&r->cpu) - start < budget) {
        cpu6502_run(&r->cpu, 2000);
        cpu6502_get_regs(&r->cpu, &regs);
        if (regs.pc == RETURN_ADDR) {
            res->a = regs.a;
            res->x = regs.x;
            res->y = regs.y;
            res->cycles = cpu6502_cycles(&r->cpu) - start;
            return true;
        }
    }
    res->cycles = budget;
    return false;
}
