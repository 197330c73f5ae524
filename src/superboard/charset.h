/*
 * charset.h - the OSI 600 character generator as text: code -> Unicode / ASCII fallback.
 *
 * Model: the video RAM holds character generator codes (0-255). Codes $20-$7E are mostly
 * ASCII; the rest are graphics (lines, blocks, triangles, sprites). Each code has a proposed
 * Unicode character (from ../shared/reference/osi-charset-unicode.tsv; the table in
 * charset_table.c is generated from it by gen_charset.py and committed) and a printable
 * ASCII character for terminals without a font for the Symbols for Legacy Computing block.
 *
 * Functions: charset_unicode, charset_ascii, charset_utf8 (encode a code as UTF-8).
 *
 * Example
 *   char buf[5];
 *   size_t n = charset_utf8(0xA1, buf);      // "█" (U+2588), n = 3
 *   char c = charset_ascii(0xA1);            // '#'
 */
#ifndef SUPERBOARD_CHARSET_H
#define SUPERBOARD_CHARSET_H

#include <stddef.h>
#include <stdint.h>

extern const uint32_t charset_unicode_table[256];
extern const char charset_ascii_table[256];

static inline uint32_t charset_unicode(uint8_t code) { return charset_unicode_table[code]; }
static inline char charset_ascii(uint8_t code) { return charset_ascii_table[code]; }

/* Writes the UTF-8 form of the glyph's character (1-4 bytes, no NUL); returns its length. */
size_t charset_utf8(uint8_t code, char out[4]);

#endif
