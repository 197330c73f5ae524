/* modem_file -- a test fixture: the modem (modem.h) on the file audio backend (audio_file.h).
 *
 * usage: modem_file [--in IN.wav] [--out OUT.wav] [--send TEXT | --send-file FILE]
 *                   [--seconds S] [--baud N] [--rate HZ]
 * Plays TEXT (C escapes \r, \n and \0 allowed) or FILE's bytes through the modem into OUT.wav,
 * after the lead-in carrier, while decoding IN.wav (or S seconds of silence); writes the decoded
 * bytes to stdout and the modem's counters to stderr. The same modem code as the live path,
 * minus the clock. Exit status 0 when every byte was encoded before the input ended and no
 * decoded byte was dropped, 3 otherwise, 1 for a file error, 2 for a usage error. */
#include "audio_file.h"
#include "modem.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static size_t unescape(const char *s, uint8_t *out)
{
    size_t n = 0;
    for (; *s; s++) {
        if (*s == '\\' && s[1]) {
            s++;
            out[n++] = *s == 'r' ? '\r' : *s == 'n' ? '\n' : *s == '0' ? 0 : (uint8_t)*s;
        } else {
            out[n++] = (uint8_t)*s;
        }
    }
    return n;
}

int main(int argc, char **argv)
{
    audio_file_config acfg = {.seconds = 0};
    modem_config mcfg = {.baud = 300};
    const char *send = "", *send_file = NULL;
    for (int i = 1; i + 1 < argc; i += 2) {
        const char *a = argv[i], *v = argv[i + 1];
        if (!strcmp(a, "--in"))
            acfg.input = v;
        else if (!strcmp(a, "--out"))
            acfg.output = v;
        else if (!strcmp(a, "--send"))
            send = v;
        else if (!strcmp(a, "--send-file"))
            send_file = v;
        else if (!strcmp(a, "--seconds"))
            acfg.seconds = atof(v);
        else if (!strcmp(a, "--baud"))
            mcfg.baud = (unsigned)atoi(v);
        else if (!strcmp(a, "--rate"))
            acfg.rate = atof(v);
        else {
            fprintf(stderr, "modem_file: unknown option %s\n", a);
            return 2;
        }
    }
    if (argc % 2 == 0) {
        fprintf(stderr, "modem_file: %s needs a value\n", argv[argc - 1]);
        return 2;
    }
    char err[512];
    audio_backend *a = audio_file_open(&acfg, err, sizeof err);
    if (!a) {
        fprintf(stderr, "modem_file: %s\n", err);
        return 1;
    }
    modem *m = modem_open(&mcfg, a, err, sizeof err);
    if (!m) {
        fprintf(stderr, "modem_file: %s\n", err);
        return 1;
    }
    uint8_t *text, buf[256];
    size_t len, sent = 0;
    if (send_file) {
        FILE *f = fopen(send_file, "rb");
        if (!f) {
            fprintf(stderr, "modem_file: cannot open %s\n", send_file);
            modem_close(m);
            return 1;
        }
        fseek(f, 0, SEEK_END);
        long size = ftell(f);
        rewind(f);
        text = malloc(size > 0 ? (size_t)size : 1);
        len = text ? fread(text, 1, (size_t)(size > 0 ? size : 0), f) : 0;
        fclose(f);
    } else {
        text = malloc(strlen(send) + 1);
        len = text ? unescape(send, text) : 0;
    }
    if (!text) {
        fprintf(stderr, "modem_file: out of memory\n");
        modem_close(m);
        return 1;
    }
    byte_link link = modem_link(m);
    /* The file backend hands out one block per round (audio_file.h), so each modem_pump
     * decodes one block and tops the output up to stay `latency` ahead of it: queue what the
     * send ring takes, pump, collect the decoded bytes, until the input has ended. */
    while (!audio_finished(a)) {
        sent += byte_link_write(&link, text + sent, len - sent);
        modem_pump(m);
        size_t n;
        while ((n = byte_link_read(&link, buf, sizeof buf)) > 0)
            fwrite(buf, 1, n, stdout);
    }
    modem_stats st = modem_get_stats(m);
    fprintf(stderr,
            "modem_file: queued %zu of %zu, encoded %llu, decoded %llu, framing errors %llu, "
            "dropped %llu\n",
            sent, len, st.bytes_out, st.bytes_in, st.framing_errors, st.rx_dropped);
    free(text);
    modem_close(m);
    return st.bytes_out == len && st.rx_dropped == 0 ? 0 : 3;
}
