/*
 * sha1.h - SHA-1 (FIPS 180-4), used only to recognise genuine ROM dumps by their hash.
 *
 * Functions: sha1 (one buffer), sha1_hex (40 lower-case hex digits + NUL).
 *
 * Example
 *   uint8_t d[SHA1_DIGEST_SIZE];
 *   sha1("abc", 3, d);
 *   char hex[41];
 *   sha1_hex(d, hex);                 // "a9993e364706816aba3e25717850c26c9cd0d89d"
 */
#ifndef SUPERBOARD_SHA1_H
#define SUPERBOARD_SHA1_H

#include <stddef.h>
#include <stdint.h>

#define SHA1_DIGEST_SIZE 20

void sha1(const void *data, size_t len, uint8_t digest[SHA1_DIGEST_SIZE]);
void sha1_hex(const uint8_t digest[SHA1_DIGEST_SIZE], char hex[41]);

#endif
