/* test_support.c - SHA-1 (FIPS 180 test vectors), the charset tables against the team's TSV,
 * video rendering and text search, ROM files of the wrong size. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "charset.h"
#include "check.h"
#include "rom.h"
#include "sha1.h"
#include "video.h"

static void hash_is(const void *data, size_t len, const char *want)
{
    uint8_t d[SHA1_DIGEST_SIZE];
    char hex[41];
    sha1(data, len, d);
    sha1_hex(d, hex);
    CHECK(strcmp(hex, want) == 0, "sha1 of %zu bytes: %s, want %s", len, hex, want);
}

static void test_sha1(void)
{
    hash_is("", 0, "da39a3ee5e6b4b0d3255bfef95601890afd80709");
    hash_is("abc", 3, "a9993e364706816aba3e25717850c26c9cd0d89d");
    const char *two = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
    hash_is(two, strlen(two), "84983e441c3bd26ebaae4aa1f95129e5e54670f1");
    char *million = malloc(1000000);
    memset(million, 'a', 1000000);
    hash_is(million, 1000000, "34aa973cd4c4daa4f61eeb2bdbad27316534016f");
    free(million);
    /* Lengths around the padding boundary (55, 56, 64 bytes), against coreutils' sha1sum. */
    hash_is("0123456789012345678901234567890123456789012345678901234", 55,
            "9f3a4ce7f66b1b74c34da2c5d732c39f81e0f8df");
    char zeros[65];
    memset(zeros, '0', 64);
    zeros[64] = 0;
    hash_is(zeros, 64, "0114498021cb8c4f1519f96bdf58dd806f3adb63");
}

static void test_charset(const char *tsv)
{
    char buf[4];
    CHECK(charset_utf8('A', buf) == 1 && buf[0] == 'A', "ASCII A");
    CHECK(charset_utf8(0xA1, buf) == 3 && memcmp(buf, "\xE2\x96\x88", 3) == 0, "full block");
    CHECK(charset_ascii(0xA1) == '#', "full block fallback");
    for (int c = 0; c < 256; c++)
        CHECK(charset_ascii((uint8_t)c) >= 0x20 && charset_ascii((uint8_t)c) < 0x7F,
              "fallback of %02X printable", c);
    FILE *f = fopen(tsv, "r");
    if (!f) {
        printf("note: %s absent, charset table not compared with the TSV\n", tsv);
        return;
    }
    char line[256];
    int rows = 0;
    while (fgets(line, sizeof line, f)) {
        unsigned code, point;
        if (line[0] == '#' || sscanf(line, "%x\tU+%x", &code, &point) != 2)
            continue;
        rows++;
        CHECK(code < 256 && charset_unicode((uint8_t)code) == point, "code %02X: U+%04X in TSV",
              code, point);
    }
    fclose(f);
    CHECK(rows == 256, "TSV rows %d", rows);
}

static void test_video(void)
{
    uint8_t vram[VIDEO_SIZE];
    memset(vram, ' ', sizeof vram);
    memcpy(vram + 27 * 32 + 5, "OK", 2);
    vram[27 * 32 + 7] = 0x5F;                    /* the cursor */
    vram[2 * 32 + 5] = 0xA1;
    memcpy(vram + 10 * 32 + 5, "?S", 2);
    vram[10 * 32 + 7] = 'N' | 0x80;              /* genuine BASIC's error message */
    char text[VIDEO_TEXT_MAX];
    size_t n = video_render(vram, 5, 24, 2, 26, true, text, sizeof text);
    CHECK(n == strlen(text), "length");
    CHECK(strncmp(text, "\xE2\x96\x88\n", 4) == 0, "first row of the window: full block");
    CHECK(strstr(text, "\nOK_\n") != NULL, "row 27 trimmed, got [%s]", text);
    int lines = 0;
    for (size_t i = 0; i < n; i++)
        lines += text[i] == '\n';
    CHECK(lines == 26, "26 rows, got %d", lines);
    video_render(vram, 0, 32, 0, 32, false, text, sizeof text);
    CHECK(strstr(text, "     #\n") != NULL, "ASCII full screen");
    CHECK(video_contains(vram, "OK_"), "finds OK");
    CHECK(video_contains(vram, "?SN"), "finds ?SN with bit 7 on N");
    CHECK(!video_contains(vram, "OKAY"), "not OKAY");
    char small[8];
    video_render(vram, 5, 24, 2, 26, true, small, sizeof small);
    CHECK(strlen(small) < sizeof small, "truncated safely");
}

static void test_rom_files(const char *dir)
{
    char path[512], err[512];
    rom_image r;
    snprintf(path, sizeof path, "%s/short.rom", dir);
    FILE *f = fopen(path, "wb");
    fwrite("abc", 1, 3, f);
    fclose(f);
    CHECK(rom_load_file(&r, ROM_BASIC, path, err, sizeof err) != 0, "3-byte BASIC refused");
    CHECK(strstr(err, path) && strstr(err, "8192"), "message names the file and size: %s", err);
    CHECK(rom_load_file(&r, ROM_MONITOR, "/nonexistent/x.rom", err, sizeof err) != 0 &&
              strstr(err, "/nonexistent/x.rom"), "missing file: %s", err);
    snprintf(path, sizeof path, "%s/mon.rom", dir);
    f = fopen(path, "wb");
    for (int i = 0; i < 2048; i++)
        fputc(i & 0xFF, f);
    fclose(f);
    CHECK(rom_load_file(&r, ROM_MONITOR, path, err, sizeof err) == 0, "2 KB monitor: %s", err);
    CHECK(strstr(r.name, "not a known dump") != NULL, "unknown dump named: %s", r.name);
    CHECK(rom_load_dir(&r, ROM_MONITOR, dir, err, sizeof err) != 0, "no usual names");
    char renamed[512];
    snprintf(renamed, sizeof renamed, "%s/syn600.rom", dir);
    rename(path, renamed);
    CHECK(rom_load_dir(&r, ROM_MONITOR, dir, err, sizeof err) == 0, "syn600.rom found: %s", err);
    CHECK(rom_load_file(&r, ROM_BASIC, renamed, err, sizeof err) != 0, "2 KB as BASIC refused");
    unlink(renamed);
    snprintf(path, sizeof path, "%s/short.rom", dir);
    unlink(path);
    rom_builtin(&r, ROM_MONITOR);
    CHECK(strcmp(r.name, "built-in") == 0, "built-in name %s", r.name);
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: test_support CHARSET_TSV TMPDIR\n");
        return 2;
    }
    test_sha1();
    test_charset(argv[1]);
    test_video();
    test_rom_files(argv[2]);
    return check_report("test_support");
}
