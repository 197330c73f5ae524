/*
 * rom.h - the BASIC (8 KB at $A000) and monitor (2 KB at $F800) ROM images: loading them from
 * files with clear errors, recognising genuine dumps by SHA-1, or taking the built-in ones.
 *
 * Model: a rom_image holds the bytes and a name for the status line: "genuine ..." when the
 * SHA-1 is one of the known dumps (MAME's osi driver lists them: the BASIC as four 2 KB
 * chips, each checked), "built-in" for ours, "file NAME (not a known dump)" otherwise.
 *
 * --rom-dir usual names (the first that exists wins):
 *   BASIC:   basic.rom, basic.bin (8 KB), or the four 2 KB chips basus01.u9 basus02.u10
 *            basus03.u11 basus04.u12, or basic1.rom .. basic4.rom
 *   monitor: syn600.rom, monde01.u13, synmon.rom, monitor.rom, monitor.bin (2 KB)
 *
 * Functions: rom_load_file, rom_load_dir, rom_builtin, rom_identify.
 *
 * Example
 *   rom_image basic;
 *   char err[256];
 *   if (rom_load_file(&basic, ROM_BASIC, "basic.rom", err, sizeof err) != 0) puts(err);
 *   printf("%s\n", basic.name);          // "genuine OSI BASIC 1.0 rev 3.2"
 */
#ifndef SUPERBOARD_ROM_H
#define SUPERBOARD_ROM_H

#include <stddef.h>
#include <stdint.h>

#include "sha1.h"

typedef enum { ROM_BASIC, ROM_MONITOR } rom_kind;

#define ROM_BASIC_SIZE 8192u
#define ROM_MONITOR_SIZE 2048u
#define ROM_BASIC_BASE 0xA000u
#define ROM_MONITOR_BASE 0xF800u

typedef struct rom_image {
    rom_kind kind;
    uint8_t data[ROM_BASIC_SIZE];
    size_t size;
    uint8_t sha1[SHA1_DIGEST_SIZE];
    char name[96];
} rom_image;

static inline size_t rom_size(rom_kind k) { return k == ROM_BASIC ? ROM_BASIC_SIZE : ROM_MONITOR_SIZE; }
static inline const char *rom_kind_name(rom_kind k) { return k == ROM_BASIC ? "BASIC" : "monitor"; }

/* Loads an image of exactly the right size. 0, or -1 with "FILE: ..." in err. */
int rom_load_file(rom_image *r, rom_kind kind, const char *path, char *err, size_t errlen);
/* Loads the image from `dir` by the usual names. 0, or -1 (none found, or a bad file). */
int rom_load_dir(rom_image *r, rom_kind kind, const char *dir, char *err, size_t errlen);
/* Our own image, built into the program. */
void rom_builtin(rom_image *r, rom_kind kind);
/* The name of a genuine dump with these bytes, or NULL. */
const char *rom_identify(rom_kind kind, const uint8_t *data, size_t size);

#endif
