/*
 * sst.c - SingleStepTests runner (see sst.h).
 */
#include "sst.h"

#include "cpu6502.h"
#include "json_min.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define MAX_BUS 64

typedef struct {
    uint16_t addr;
    uint8_t value;
    bool write;
} bus_cycle;

/* The flat RAM of one test and, with --bus, the log of its accesses. */
typedef struct {
    uint8_t ram[0x10000];
    bus_cycle log[MAX_BUS];
    unsigned nlog;
} test_machine;

static void log_access(test_machine *t, uint16_t addr, uint8_t v, bool write)
{
    if (t->nlog < MAX_BUS)
        t->log[t->nlog] = (bus_cycle){addr, v, write};
    t->nlog++;
}

static uint8_t logged_read(void *ctx, uint16_t addr)
{
    test_machine *t = ctx;
    log_access(t, addr, t->ram[addr], false);
    return t->ram[addr];
}

static void logged_write(void *ctx, uint16_t addr, uint8_t v)
{
    test_machine *t = ctx;
    log_access(t, addr, v, true);
    t->ram[addr] = v;
}

static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "cpu6502-run: %s: %s\n", path, strerror(errno));
        return NULL;
    }
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap);
    size_t got;
    while (buf && (got = fread(buf + n, 1, cap - n, f)) > 0) {
        n += got;
        if (n == cap) {
            char *nb = realloc(buf, cap *= 2);
            if (!nb)
                free(buf);
            buf = nb;
        }
    }
    bool bad = ferror(f);
    fclose(f);
    if (!buf || bad) {
        fprintf(stderr, "cpu6502-run: %s: %s\n", path, bad ? "read error" : "out of memory");
        free(buf);
        return NULL;
    }
    *len = n;
    return buf;
}

/* An integer member in [0, max]; -1 when missing or out of range. */
static long get_int(const json_value *obj, const char *key, long max)
{
    const json_value *v = json_get(obj, key);
    if (!v || v->type != JSON_NUMBER || v->number < 0 || v->number > max || v->number != (long)v->number)
        return -1;
    return (long)v->number;
}

static bool is_pair(const json_value *e, size_t n)
{
    if (e->type != JSON_ARRAY || e->count < n)
        return false;
    for (size_t k = 0; k < 2; k++)
        if (e->items[k].type != JSON_NUMBER || e->items[k].number < 0 ||
            e->items[k].number > (k ? 0xFF : 0xFFFF))
            return false;
    return true;
}

typedef struct {
    long pc, s, a, x, y, p;
    const json_value *ram;
} test_state;

static const char *read_state(const json_value *obj, test_state *st)
{
    if (!obj || obj->type != JSON_OBJECT)
        return "missing state object";
    st->pc = get_int(obj, "pc", 0xFFFF);
    st->s = get_int(obj, "s", 0xFF);
    st->a = get_int(obj, "a", 0xFF);
    st->x = get_int(obj, "x", 0xFF);
    st->y = get_int(obj, "y", 0xFF);
    st->p = get_int(obj, "p", 0xFF);
    if (st->pc < 0 || st->s < 0 || st->a < 0 || st->x < 0 || st->y < 0 || st->p < 0)
        return "pc/s/a/x/y/p missing or out of range";
    st->ram = json_get(obj, "ram");
    if (!st->ram || st->ram->type != JSON_ARRAY)
        return "missing \"ram\" array";
    for (size_t k = 0; k < st->ram->count; k++)
        if (!is_pair(&st->ram->items[k], 2))
            return "\"ram\" entries must be [address, byte]";
    return NULL;
}

/* Checks a test's shape; returns an error text or NULL. */
static const char *validate(const json_value *t, test_state *ini, test_state *fin)
{
    const char *e;
    if (t->type != JSON_OBJECT)
        return "test is not an object";
    if ((e = read_state(json_get(t, "initial"), ini)) || (e = read_state(json_get(t, "final"), fin)))
        return e;
    const json_value *cyc = json_get(t, "cycles");
    if (!cyc || cyc->type != JSON_ARRAY)
        return "missing \"cycles\" array";
    for (size_t k = 0; k < cyc->count; k++) {
        const json_value *c = &cyc->items[k];
        if (!is_pair(c, 3) || c->items[2].type != JSON_STRING ||
            (strcmp(c->items[2].string, "read") != 0 && strcmp(c->items[2].string, "write") != 0))
            return "\"cycles\" entries must be [address, byte, \"read\"|\"write\"]";
    }
    return NULL;
}

/* Runs one test; writes what differed into why (empty when it passed). */
static void run_test(cpu6502 *c, test_machine *tm, bool bus, const test_state *ini,
                     const test_state *fin, const json_value *cycles, char *why, size_t whylen)
{
    size_t used = 0;
    why[0] = '\0';
#define DIFF(...) do { if (used < whylen) used += (size_t)snprintf(why + used, whylen - used, __VA_ARGS__); } while (0)

    memset(tm->ram, 0, sizeof tm->ram);
    tm->nlog = 0;
    cpu6502_init(c);
    if (bus)
        cpu6502_map_device(c, 0, 0x10000, logged_read, logged_write, tm);
    else
        cpu6502_map_ram(c, 0, 0x10000, tm->ram);
    for (size_t k = 0; k < ini->ram->count; k++)
        tm->ram[(uint16_t)ini->ram->items[k].items[0].number] = (uint8_t)ini->ram->items[k].items[1].number;
    cpu6502_regs r = {(uint16_t)ini->pc, (uint8_t)ini->a, (uint8_t)ini->x, (uint8_t)ini->y,
                      (uint8_t)ini->s, (uint8_t)ini->p};
    cpu6502_set_regs(c, &r);
    unsigned ncyc = cpu6502_step(c);
    cpu6502_get_regs(c, &r);

    if (r.pc != fin->pc) DIFF(" pc=%04X want %04lX", r.pc, fin->pc);
    if (r.s != fin->s) DIFF(" s=%02X want %02lX", r.s, fin->s);
    if (r.a != fin->a) DIFF(" a=%02X want %02lX", r.a, fin->a);
    if (r.x != fin->x) DIFF(" x=%02X want %02lX", r.x, fin->x);
    if (r.y != fin->y) DIFF(" y=%02X want %02lX", r.y, fin->y);
    if ((r.p | 0x30) != (fin->p | 0x30)) DIFF(" p=%02X want %02lX", r.p, fin->p);
    for (size_t k = 0; k < fin->ram->count; k++) {
        uint16_t addr = (uint16_t)fin->ram->items[k].items[0].number;
        uint8_t want = (uint8_t)fin->ram->items[k].items[1].number;
        if (tm->ram[addr] != want)
            DIFF(" ram[%04X]=%02X want %02X", addr, tm->ram[addr], want);
    }
    if (ncyc != cycles->count)
        DIFF(" cycles=%u want %zu", ncyc, cycles->count);
    if (bus) {
        for (size_t k = 0; k < cycles->count && k < tm->nlog && k < MAX_BUS; k++) {
            const json_value *w = cycles->items[k].items;
            bool wwrite = w[2].string[0] == 'w';
            const bus_cycle *g = &tm->log[k];
            if (g->addr != (uint16_t)w[0].number || g->value != (uint8_t)w[1].number || g->write != wwrite) {
                DIFF(" bus cycle %zu: %s %04X=%02X want %s %04X=%02X", k, g->write ? "write" : "read",
                     g->addr, g->value, wwrite ? "write" : "read", (unsigned)w[0].number, (unsigned)w[1].number);
                break;
            }
        }
    }
#undef DIFF
}

int sst_run_file(const char *path, bool bus, sst_stats *st, FILE *out, unsigned max_report)
{
    size_t len;
    char *text = read_file(path, &len);
    if (!text)
        return -1;
    char err[160];
    json_value *root = json_parse(text, len, err, sizeof err);
    free(text);
    if (!root) {
        fprintf(stderr, "cpu6502-run: %s: %s\n", path, err);
        return -1;
    }
    int rc = 0;
    cpu6502 *c = malloc(sizeof *c);
    test_machine *tm = malloc(sizeof *tm);
    if (!c || !tm) {
        fprintf(stderr, "cpu6502-run: %s: out of memory\n", path);
        rc = -1;
    } else if (root->type != JSON_ARRAY) {
        fprintf(stderr, "cpu6502-run: %s: not a test file: the top level must be an array of tests\n", path);
        rc = -1;
    }
    unsigned long passed = 0, failed = 0;
    for (size_t k = 0; rc == 0 && k < root->count; k++) {
        const json_value *t = &root->items[k];
        test_state ini, fin;
        const char *e = validate(t, &ini, &fin);
        if (e) {
            fprintf(stderr, "cpu6502-run: %s: test %zu: %s\n", path, k, e);
            rc = -1;
            break;
        }
        char why[512];
        run_test(c, tm, bus, &ini, &fin, json_get(t, "cycles"), why, sizeof why);
        if (why[0] == '\0') {
            passed++;
        } else {
            if (failed < max_report) {
                const json_value *name = json_get(t, "name");
                fprintf(out, "  FAIL %s:%s\n", name && name->type == JSON_STRING ? name->string : "?", why);
            }
            failed++;
        }
    }
    if (rc == 0) {
        fprintf(out, "%s: %lu passed, %lu failed\n", path, passed, failed);
        st->passed += passed;
        st->failed += failed;
    }
    free(c);
    free(tm);
    json_free(root);
    return rc;
}
