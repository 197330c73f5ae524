/* status_line.c - the status line text (see status_line.h). */
#include "status_line.h"

#include <stdio.h>
#include <string.h>

/* The file name without its folders: the status line is short. */
static const char *base_name(const char *path)
{
    const char *s = strrchr(path, '/');
    return s ? s + 1 : path;
}

void status_line_format(char *out, size_t len, const machine_status *st,
                        const machine_tape_status *tape, bool warp, double mhz,
                        const char *link)
{
    char in[128], rec[128];
    if (!tape->in_path)
        snprintf(in, sizeof in, "no tape");
    else
        snprintf(in, sizeof in, "tape %s %.0f/%.0fs %s", base_name(tape->in_path),
                 tape->position_seconds, tape->length_seconds,
                 tape->playing ? "PLAY" : tape->at_end ? "end" : "stop");
    if (!tape->out_path)
        snprintf(rec, sizeof rec, "not recording");
    else
        snprintf(rec, sizeof rec, "REC %s %llu bytes", base_name(tape->out_path),
                 (unsigned long long)tape->recorded_bytes);
    const char *monitor = st->monitor_rom, *basic = st->basic_rom;
    char roms[256];
    if (!strcmp(monitor, basic))
        snprintf(roms, sizeof roms, "ROMs %s", monitor);
    else
        snprintf(roms, sizeof roms, "monitor %s, BASIC %s", monitor, basic);
    snprintf(out, len, "%s %.3f MHz | %s%s%s | %s | %s | %uK | %s", warp ? "WARP" : "real", mhz,
             link ? link : "", link && *link ? " | " : "", in, rec,
             st->shift_lock ? "SHIFT LOCK" : "shift lock up", st->ram_kb, roms);
}
