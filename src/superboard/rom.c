/* rom.c - ROM image files, the usual names in a ROM folder, known genuine dumps. */
#include "rom.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "builtin_roms.h"

/* SHA-1 of genuine dumps (facts from MAME's osi driver). The BASIC is four 2 KB chips. */
static const char *const basic_chip_sha1[4] = {
    "b41bf24b4470b6e969d32fe48d604637276f846e", /* basus01 $A000 */
    "1397f0dc170c16c8e0c7d02e63099e986e86385b", /* basus02 $A800 */
    "f5e8ee93a5e0656657d0cc60ef44e8a24b8b0a80", /* basus03 $B000 */
    "71f210163e4268cba2dd78a97c4d8f5dcebf980e", /* basus04 $B800 */
};
/* The widely shared $B000 chip with the garbage-collection fix. */
static const char basic3_fixed_sha1[] = "11407eb24d1ba7afb889b7677c987e8be1a61aab";

static const struct {
    const char *sha1;
    const char *name;
} monitor_dumps[] = {
    {"4a0241c4015b94c436d0f0f58b3dd9d5207cd847", "genuine SYNMON (syn600, Superboard II / C1P)"},
    {"5426ae14522ef485b6089472011db0ae1d192630", "genuine C2/C4 SYNMON"},
    {"74f0934014fdf83d33c8d3579e562b53c0683270", "genuine MONUK02 (UK101)"},
    {"2bbbcd0ca18103fd68afcf64a7483653b925d83e", "genuine MONUK02 32x32 (UK101)"},
};

static void hex_of(const uint8_t *data, size_t len, char hex[41])
{
    uint8_t d[SHA1_DIGEST_SIZE];
    sha1(data, len, d);
    sha1_hex(d, hex);
}

const char *rom_identify(rom_kind kind, const uint8_t *data, size_t size)
{
    char hex[41];
    if (kind == ROM_MONITOR) {
        if (size != ROM_MONITOR_SIZE)
            return NULL;
        hex_of(data, size, hex);
        for (size_t i = 0; i < sizeof monitor_dumps / sizeof monitor_dumps[0]; i++)
            if (strcmp(hex, monitor_dumps[i].sha1) == 0)
                return monitor_dumps[i].name;
        return NULL;
    }
    if (size != ROM_BASIC_SIZE)
        return NULL;
    bool fixed = false;
    for (int chip = 0; chip < 4; chip++) {
        hex_of(data + 2048 * chip, 2048, hex);
        if (chip == 2 && strcmp(hex, basic3_fixed_sha1) == 0)
            fixed = true;
        else if (strcmp(hex, basic_chip_sha1[chip]) != 0)
            return NULL;
    }
    return fixed ? "genuine OSI BASIC 1.0 rev 3.2 (garbage-collection fix)"
                 : "genuine OSI BASIC 1.0 rev 3.2";
}

static void rom_finish(rom_image *r, const char *fallback_name)
{
    sha1(r->data, r->size, r->sha1);
    const char *genuine = rom_identify(r->kind, r->data, r->size);
    snprintf(r->name, sizeof r->name, "%s", genuine ? genuine : fallback_name);
}

/* Reads exactly `want` bytes of `path` into buf: the file must have that size. */
static int read_exact(const char *path, uint8_t *buf, size_t want, const char *what,
                      char *err, size_t errlen)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(err, errlen, "%s: cannot open %s ROM: %s", path, what, strerror(errno));
        return -1;
    }
    size_t got = fread(buf, 1, want, f);
    int extra = fgetc(f);
    bool bad_read = ferror(f);
    fclose(f);
    if (bad_read) {
        snprintf(err, errlen, "%s: error reading %s ROM", path, what);
        return -1;
    }
    if (got != want || extra != EOF) {
        snprintf(err, errlen, "%s: a %s ROM image must be exactly %zu bytes, this file is %s",
                 path, what, want, extra != EOF ? "larger" : "smaller");
        return -1;
    }
    return 0;
}

static const char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

int rom_load_file(rom_image *r, rom_kind kind, const char *path, char *err, size_t errlen)
{
    memset(r, 0, sizeof *r);
    r->kind = kind;
    r->size = rom_size(kind);
    if (read_exact(path, r->data, r->size, rom_kind_name(kind), err, errlen) != 0)
        return -1;
    char name[96];
    snprintf(name, sizeof name, "file %.60s (not a known dump)", base_name(path));
    rom_finish(r, name);
    return 0;
}

static bool exists(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (f)
        fclose(f);
    return f != NULL;
}

int rom_load_dir(rom_image *r, rom_kind kind, const char *dir, char *err, size_t errlen)
{
    static const char *const basic_whole[] = {"basic.rom", "basic.bin"};
    static const char *const basic_chips[2][4] = {
        {"basus01.u9", "basus02.u10", "basus03.u11", "basus04.u12"},
        {"basic1.rom", "basic2.rom", "basic3.rom", "basic4.rom"},
    };
    static const char *const monitor_names[] = {"syn600.rom", "monde01.u13", "synmon.rom",
                                                "monitor.rom", "monitor.bin"};
    char path[4096];
    if (kind == ROM_MONITOR) {
        for (size_t i = 0; i < sizeof monitor_names / sizeof monitor_names[0]; i++) {
            snprintf(path, sizeof path, "%s/%s", dir, monitor_names[i]);
            if (exists(path))
                return rom_load_file(r, kind, path, err, errlen);
        }
        snprintf(err, errlen, "%s: no monitor ROM (syn600.rom, monde01.u13, synmon.rom, "
                 "monitor.rom or monitor.bin)", dir);
        return -1;
    }
    for (size_t i = 0; i < 2; i++) {
        snprintf(path, sizeof path, "%s/%s", dir, basic_whole[i]);
        if (exists(path))
            return rom_load_file(r, kind, path, err, errlen);
    }
    for (size_t set = 0; set < 2; set++) {
        snprintf(path, sizeof path, "%s/%s", dir, basic_chips[set][0]);
        if (!exists(path))
            continue;
        memset(r, 0, sizeof *r);
        r->kind = kind;
        r->size = ROM_BASIC_SIZE;
        for (int chip = 0; chip < 4; chip++) {
            snprintf(path, sizeof path, "%s/%s", dir, basic_chips[set][chip]);
            if (read_exact(path, r->data + 2048 * chip, 2048, "BASIC chip", err, errlen) != 0)
                return -1;
        }
        char name[96];
        snprintf(name, sizeof name, "files %.40s.. (not a known dump)", basic_chips[set][0]);
        rom_finish(r, name);
        return 0;
    }
    snprintf(err, errlen, "%s: no BASIC ROM (basic.rom, basic.bin, basus01.u9..basus04.u12 "
             "or basic1.rom..basic4.rom)", dir);
    return -1;
}

void rom_builtin(rom_image *r, rom_kind kind)
{
    memset(r, 0, sizeof *r);
    r->kind = kind;
    r->size = rom_size(kind);
    memcpy(r->data, kind == ROM_BASIC ? builtin_basic_rom : builtin_monitor_rom, r->size);
    rom_finish(r, "built-in");
}
