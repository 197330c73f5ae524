/* debugger.c - the 6502 debugger overlay (see debugger.h). */
#include "debugger.h"

#include <ctype.h>
#include <curses.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "charset.h"
#include "disasm6502.h"

void debugger_init(debugger *d)
{
    memset(d, 0, sizeof *d);
    d->run_to = -1;
}

/* A hex number of at most `max`; -1 when the word is not one. */
static long parse_hex(const char *w, long max)
{
    if (!w || !*w)
        return -1;
    if (*w == '$')
        w++;
    char *end;
    errno = 0;
    long v = strtol(w, &end, 16);
    if (errno || end == w || *end || v < 0 || v > max)
        return -1;
    return v;
}

static int find_bp(const debugger *d, uint16_t a)
{
    for (int i = 0; i < d->nbp; i++)
        if (d->bp[i] == a)
            return i;
    return -1;
}

static void toggle_bp(debugger *d, cpu6502 *c, uint16_t a)
{
    int i = find_bp(d, a);
    if (i >= 0) {
        d->bp[i] = d->bp[--d->nbp];
        if (d->run_to != a)
            cpu6502_set_breakpoint(c, a, false);
        snprintf(d->msg, sizeof d->msg, "breakpoint at $%04X removed", a);
    } else if (d->nbp == DEBUGGER_MAX_BREAKPOINTS) {
        snprintf(d->msg, sizeof d->msg, "at most %d breakpoints", DEBUGGER_MAX_BREAKPOINTS);
    } else {
        d->bp[d->nbp++] = a;
        cpu6502_set_breakpoint(c, a, true);
        snprintf(d->msg, sizeof d->msg, "breakpoint at $%04X", a);
    }
}

static int set_register(cpu6502 *c, const char *name, const char *val)
{
    cpu6502_regs r;
    cpu6502_get_regs(c, &r);
    bool pc = name && !strcasecmp(name, "pc");
    long v = parse_hex(val, pc ? 0xFFFF : 0xFF);
    if (!name || v < 0)
        return -1;
    if (pc)
        r.pc = (uint16_t)v;
    else if (!strcasecmp(name, "a"))
        r.a = (uint8_t)v;
    else if (!strcasecmp(name, "x"))
        r.x = (uint8_t)v;
    else if (!strcasecmp(name, "y"))
        r.y = (uint8_t)v;
    else if (!strcasecmp(name, "s"))
        r.s = (uint8_t)v;
    else if (!strcasecmp(name, "p"))
        r.p = (uint8_t)v;
    else
        return -1;
    cpu6502_set_regs(c, &r);
    return 0;
}

static void load_file(debugger *d, cpu6502 *c, const char *path, long addr)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(d->msg, sizeof d->msg, "%s: %s", path, strerror(errno));
        return;
    }
    long a = addr;
    int ch;
    while (a <= 0xFFFF && (ch = getc(f)) != EOF)
        cpu6502_poke(c, (uint16_t)a++, (uint8_t)ch);
    bool more = a > 0xFFFF && getc(f) != EOF;
    fclose(f);
    /* the outcome first: a long path is cut off at the right edge of the overlay */
    snprintf(d->msg, sizeof d->msg, "%ld bytes loaded at $%04lX%s from %s", a - addr, addr,
             more ? " (cut at $FFFF)" : "", path);
}

static void save_file(debugger *d, const cpu6502 *c, const char *path, long from, long to)
{
    FILE *f = fopen(path, "wb");
    if (!f) {
        snprintf(d->msg, sizeof d->msg, "%s: %s", path, strerror(errno));
        return;
    }
    for (long a = from; a <= to; a++)
        putc(cpu6502_peek(c, (uint16_t)a), f);
    if (fclose(f) != 0)
        snprintf(d->msg, sizeof d->msg, "%s: %s", path, strerror(errno));
    else
        snprintf(d->msg, sizeof d->msg, "$%04lX-$%04lX saved (%ld bytes) to %s", from, to,
                 to - from + 1, path);
}

static void step(debugger *d, machine *m, long n)
{
    for (long i = 0; i < n; i++)
        if (machine_run(m, 1) == 0)
            break;
    cpu6502_regs r;
    cpu6502_get_regs(machine_cpu(m), &r);
    snprintf(d->msg, sizeof d->msg, "%ld step%s, PC=$%04X%s", n, n == 1 ? "" : "s", r.pc,
             cpu6502_jammed(machine_cpu(m)) ? " (CPU jammed)" : "");
}

debugger_result debugger_command(debugger *d, machine *m, const char *line)
{
    char buf[sizeof d->line];
    snprintf(buf, sizeof buf, "%s", line);
    char *w[20];
    int n = 0;
    for (char *t = strtok(buf, " \t"); t && n < 20; t = strtok(NULL, " \t"))
        w[n++] = t;
    cpu6502 *c = machine_cpu(m);
    d->msg[0] = 0;
    if (n == 0) {
        step(d, m, 1);
        return DEBUGGER_STAY;
    }
    char cmd = (char)tolower((unsigned char)w[0][0]);
    if (w[0][1] != 0)
        cmd = '?';
    long a = n > 1 ? parse_hex(w[1], 0xFFFF) : -1;
    switch (cmd) {
    case 's': {
        long cnt = n > 1 ? parse_hex(w[1], 0xFFFF) : 1;
        if (cnt < 1)
            break;
        step(d, m, cnt);
        return DEBUGGER_STAY;
    }
    case 'g':
    case 'x':
        if (n > 1) {
            if (a < 0 || cmd == 'x')
                break;
            set_register(c, "pc", w[1]);
        }
        return DEBUGGER_RESUME;
    case 't':
        if (a < 0)
            break;
        d->run_to = (int)a;
        cpu6502_set_breakpoint(c, (uint16_t)a, true);
        return DEBUGGER_RESUME;
    case 'b':
        if (n == 1) {
            for (int i = 0; i < d->nbp; i++)
                cpu6502_set_breakpoint(c, d->bp[i], false);
            d->nbp = 0;
            snprintf(d->msg, sizeof d->msg, "all breakpoints cleared");
            return DEBUGGER_STAY;
        }
        if (a < 0)
            break;
        toggle_bp(d, c, (uint16_t)a);
        return DEBUGGER_STAY;
    case 'm':
        if (a < 0)
            break;
        d->mem_addr = (uint16_t)a;
        return DEBUGGER_STAY;
    case 'e': {
        if (a < 0 || n < 3)
            break;
        int i;
        for (i = 2; i < n; i++)
            if (parse_hex(w[i], 0xFF) < 0)
                break;
        if (i < n)
            break;
        for (i = 2; i < n; i++)
            cpu6502_poke(c, (uint16_t)(a + i - 2), (uint8_t)parse_hex(w[i], 0xFF));
        d->mem_addr = (uint16_t)a;
        snprintf(d->msg, sizeof d->msg, "%d byte%s stored at $%04lX", n - 2, n == 3 ? "" : "s", a);
        return DEBUGGER_STAY;
    }
    case 'r':
        if (n != 3 || set_register(c, w[1], w[2]) != 0)
            break;
        return DEBUGGER_STAY;
    case 'l': {
        long at = n == 3 ? parse_hex(w[2], 0xFFFF) : -1;
        if (at < 0)
            break;
        load_file(d, c, w[1], at);
        d->mem_addr = (uint16_t)at;
        return DEBUGGER_STAY;
    }
    case 'w': {
        long from = n == 4 ? parse_hex(w[2], 0xFFFF) : -1;
        long to = n == 4 ? parse_hex(w[3], 0xFFFF) : -1;
        if (from < 0 || to < from)
            break;
        save_file(d, c, w[1], from, to);
        return DEBUGGER_STAY;
    }
    default:
        break;
    }
    snprintf(d->msg, sizeof d->msg, "? %s  (s [N], g [ADDR], t ADDR, b [ADDR], m ADDR, "
             "e ADDR BB.., r REG VAL, l FILE ADDR, w FILE FROM TO, x)", line);
    return DEBUGGER_STAY;
}

debugger_result debugger_key(debugger *d, machine *m, int key)
{
    if (key == '\r' || key == '\n' || key == KEY_ENTER) {
        char line[sizeof d->line];
        memcpy(line, d->line, sizeof line);
        d->len = 0;
        d->line[0] = 0;
        return debugger_command(d, m, line);
    }
    if (key == 27)
        return DEBUGGER_RESUME;
    if ((key == KEY_BACKSPACE || key == 127 || key == 8) && d->len > 0)
        d->line[--d->len] = 0;
    else if (key >= 32 && key < 127 && d->len < (int)sizeof d->line - 1) {
        d->line[d->len++] = (char)key;
        d->line[d->len] = 0;
    }
    return DEBUGGER_STAY;
}

void debugger_stopped(debugger *d, machine *m)
{
    cpu6502 *c = machine_cpu(m);
    cpu6502_regs r;
    cpu6502_get_regs(c, &r);
    if (d->run_to >= 0) {
        if (find_bp(d, (uint16_t)d->run_to) < 0)
            cpu6502_set_breakpoint(c, (uint16_t)d->run_to, false);
        d->run_to = -1;
    }
    snprintf(d->msg, sizeof d->msg, "stopped at $%04X", r.pc);
}

/* Disassembles one instruction at a into out; returns its length. */
static int disasm_at(const cpu6502 *c, uint16_t a, char *out, size_t len)
{
    uint8_t b[3] = {cpu6502_peek(c, a), cpu6502_peek(c, (uint16_t)(a + 1)),
                    cpu6502_peek(c, (uint16_t)(a + 2))};
    return disasm6502(a, b, out, len);
}

/* A start a few instructions before pc from which decoding lands exactly on pc. */
static uint16_t disasm_start(const cpu6502 *c, uint16_t pc, int before)
{
    for (int back = 3 * before; back > 0; back--) {
        uint16_t a = (uint16_t)(pc - back);
        int count = 0;
        char t[32];
        while (a != pc && (uint16_t)(pc - a) <= (uint16_t)back) {
            a = (uint16_t)(a + disasm_at(c, a, t, sizeof t));
            count++;
        }
        if (a == pc && count <= before)
            return (uint16_t)(pc - back);
    }
    return pc;
}

void debugger_draw(const debugger *d, machine *m, int rows, int cols)
{
    const cpu6502 *c = machine_cpu(m);
    erase();
    if (rows < 24 || cols < 60) {
        mvprintw(0, 0, "Terminal too small for the debugger: need 60x24");
        return;
    }
    cpu6502_regs r;
    cpu6502_get_regs(c, &r);
    static const char flag_names[] = "NV-BDIZC";
    char flags[9];
    for (int i = 0; i < 8; i++)
        flags[i] = (r.p & (0x80 >> i)) ? flag_names[i] : '.';
    flags[8] = 0;
    attron(A_REVERSE);
    mvhline(0, 0, ' ', cols);
    mvprintw(0, 1, "6502 debugger   cycle %llu%s", (unsigned long long)machine_cycles(m),
             cpu6502_jammed(c) ? "   CPU JAMMED" : "");
    attroff(A_REVERSE);
    mvprintw(1, 1, "PC=%04X  A=%02X  X=%02X  Y=%02X  S=%02X  P=%02X %s", r.pc, r.a, r.x, r.y,
             r.s, r.p, flags);
    int dis_rows = rows - 16 < 16 ? rows - 16 : 16;
    uint16_t a = disasm_start(c, r.pc, dis_rows / 3);
    for (int i = 0; i < dis_rows; i++) {
        char text[32], bytes[12] = "";
        int len = disasm_at(c, a, text, sizeof text);
        for (int k = 0; k < len; k++)
            snprintf(bytes + 3 * k, sizeof bytes - 3 * (size_t)k, "%02X ",
                     cpu6502_peek(c, (uint16_t)(a + k)));
        mvprintw(3 + i, 1, "%c%c %04X  %-9s %s", a == r.pc ? '>' : ' ',
                 find_bp(d, a) >= 0 ? '*' : ' ', a, bytes, text);
        a = (uint16_t)(a + len);
    }
    int y = 4 + dis_rows;
    for (int i = 0; i < 8; i++, y++) {
        uint16_t base = (uint16_t)(d->mem_addr + 8 * i);
        char hex[32] = "", asc[9] = "";
        for (int k = 0; k < 8; k++) {
            uint8_t v = cpu6502_peek(c, (uint16_t)(base + k));
            snprintf(hex + 3 * k, sizeof hex - 3 * (size_t)k, "%02X ", v);
            asc[k] = charset_ascii(v);
        }
        mvprintw(y, 1, "%04X  %s %s", base, hex, asc);
    }
    move(y, 1);
    addstr("breakpoints:");
    for (int i = 0; i < d->nbp; i++)
        printw(" %04X", d->bp[i]);
    mvaddnstr(y + 1, 1, d->msg, cols - 2);
    mvaddnstr(rows - 2, 1,
              "s [N] step  g [ADDR] go  t ADDR run to  b [ADDR] break  m ADDR dump  "
              "e ADDR BB.. edit  r REG VAL  l FILE ADDR  w FILE FROM TO  x/ESC close",
              cols - 2);
    mvprintw(rows - 1, 1, "> %s", d->line);
}
