/* builtin_roms.h: the toolkit's own original ROM images, built into the programs.
 *
 * builtin_monitor_rom is our SYNMON-compatible monitor (2 KB, mapped at $F800-$FFFF);
 * builtin_basic_rom is our BASIC image (8 KB, mapped at $A000-$BFFF), whose last page
 * $BF00-$BFFF holds the I/O code (screen driver at $BF2D) the monitor also uses.
 * Both arrays are generated at build time from roms/monitor.bin and roms/basic.bin
 * (assembled from roms/monitor, roms/basic and roms/io with cc65 when it is installed,
 * else the committed images). CMake library target: builtin_roms.
 *
 * Example:
 *     #include "builtin_roms.h"
 *     memcpy(mem + 0xF800, builtin_monitor_rom, sizeof builtin_monitor_rom);
 *     memcpy(mem + 0xA000, builtin_basic_rom, sizeof builtin_basic_rom);
 */
#ifndef BUILTIN_ROMS_H
#define BUILTIN_ROMS_H

#define BUILTIN_MONITOR_ROM_BASE 0xF800u
#define BUILTIN_BASIC_ROM_BASE 0xA000u

extern const unsigned char builtin_monitor_rom[2048];
extern const unsigned char builtin_basic_rom[8192];

#endif
