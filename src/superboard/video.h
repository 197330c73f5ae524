/*
 * video.h - the 1 KB video RAM at $D000 as text: rendering a window of it, finding text on it.
 *
 * Model: 32 rows of 32 character-generator codes, row-major (the CPU writes it directly as
 * RAM; this module only reads it). A window is a rectangle of it; each row is rendered with
 * trailing spaces trimmed and ends in '\n', each glyph as its Unicode character (UTF-8) or its
 * ASCII fallback (charset.h).
 *
 * Functions: video_render, video_contains.
 *
 * Example
 *   char text[VIDEO_TEXT_MAX];
 *   video_render(vram, 5, 24, 2, 26, true, text, sizeof text);   // the TV's visible window
 *   if (video_contains(vram, "OK")) ...
 */
#ifndef SUPERBOARD_VIDEO_H
#define SUPERBOARD_VIDEO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define VIDEO_COLS 32
#define VIDEO_ROWS 32
#define VIDEO_SIZE 1024
#define VIDEO_TEXT_MAX (VIDEO_COLS * VIDEO_ROWS * 4 + VIDEO_ROWS + 1)

/* Returns the length written (always NUL-terminated, truncated at whole glyphs). */
size_t video_render(const uint8_t *vram, int col0, int cols, int row0, int rows, bool utf8,
                    char *out, size_t outlen);
/* True when the ASCII `text` is on one row of the screen. A letter also matches its code
 * with bit 7 set (genuine BASIC stores error messages that way). Empty text: true. */
bool video_contains(const uint8_t *vram, const char *text);

#endif
