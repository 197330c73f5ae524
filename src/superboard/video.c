/* video.c - video RAM as text (video.h). */
#include "video.h"

#include <string.h>

#include "charset.h"

size_t video_render(const uint8_t *vram, int col0, int cols, int row0, int rows, bool utf8,
                    char *out, size_t outlen)
{
    size_t n = 0;
    if (outlen == 0)
        return 0;
    for (int row = row0; row < row0 + rows; row++) {
        const uint8_t *line = vram + row * VIDEO_COLS + col0;
        int len = cols;
        while (len > 0 && line[len - 1] == ' ')
            len--;
        for (int c = 0; c < len; c++) {
            char glyph[4];
            size_t g = 1;
            if (utf8)
                g = charset_utf8(line[c], glyph);
            else
                glyph[0] = charset_ascii(line[c]);
            if (n + g + 1 >= outlen)
                goto full;
            memcpy(out + n, glyph, g);
            n += g;
        }
        if (n + 2 > outlen)
            goto full;
        out[n++] = '\n';
    }
full:
    out[n] = 0;
    return n;
}

static bool cell_matches(uint8_t cell, uint8_t c)
{
    return cell == c || (c >= 'A' && c <= 'Z' && cell == (c | 0x80));
}

bool video_contains(const uint8_t *vram, const char *text)
{
    size_t len = strlen(text);
    if (len == 0)
        return true;
    if (len > VIDEO_COLS)
        return false;
    for (int row = 0; row < VIDEO_ROWS; row++) {
        const uint8_t *line = vram + row * VIDEO_COLS;
        for (size_t start = 0; start + len <= VIDEO_COLS; start++) {
            size_t i = 0;
            while (i < len && cell_matches(line[start + i], (uint8_t)text[i]))
                i++;
            if (i == len)
                return true;
        }
    }
    return false;
}
