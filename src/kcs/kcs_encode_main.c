/* kcs-encode: a file (or stdin) to Kansas City Standard audio. See usage(). */
#include "cli.h"
#include "kcs.h"
#include "kcs_audio.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char prog[] = "kcs-encode";

static void usage(FILE *f)
{
    fprintf(f,
            "usage: kcs-encode [options] INPUT OUTPUT\n"
            "Encode INPUT (a file, or - for stdin) as KCS audio in OUTPUT (its type follows the\n"
            "extension: .wav .flac .aiff .ogg .au .caf ...; - writes a WAV to stdout).\n"
            "  --text            text mode: LF or CR LF becomes CR + NULs (default for .bas, .txt)\n"
            "  --binary          send the bytes untouched (default for other inputs)\n"
            "  --rate HZ         sample rate, 8000..192000 (44100)\n"
            "  --bits N          8, 16 or 24 (16)\n"
            "  --baud N          300, 600 or 1200 (300)\n"
            "  --stop-bits N     1 or 2 (2, as the OSI writes)\n"
            "  --leader S        seconds of carrier before the data (5)\n"
            "  --trailer S       seconds of carrier after the data (2)\n"
            "  --nulls N         NULs after each CR in text mode (10)\n"
            "  --wave sine|square  (sine)\n"
            "  --volume V        peak level, 0 < V <= 1 (0.7)\n");
}

/* Writes samples in blocks through one buffer; returns 0 or -1 (error printed). */
typedef struct {
    kcs_encoder enc;
    kcs_audio_out *out;
    float buf[KCS_MAX_BYTE_SAMPLES];
} writer;

static int emit(writer *w, size_t n)
{
    char err[320];
    if (kcs_audio_write(w->out, w->buf, n, err, sizeof err)) {
        fprintf(stderr, "%s: %s\n", prog, err);
        return -1;
    }
    return 0;
}

static int carrier(writer *w, double seconds)
{
    size_t left = kcs_encoder_seconds(&w->enc, seconds);
    while (left) {
        size_t n = left < KCS_MAX_BYTE_SAMPLES ? left : KCS_MAX_BYTE_SAMPLES;
        kcs_encoder_carrier(&w->enc, w->buf, n);
        if (emit(w, n))
            return -1;
        left -= n;
    }
    return 0;
}

int main(int argc, char **argv)
{
    kcs_encode_params ep;
    kcs_encode_params_default(&ep);
    int text = -1, bits = 16, nulls = 10;
    double leader = 5, trailer = 2;
    enum { O_TEXT = 256, O_BINARY, O_RATE, O_BITS, O_BAUD, O_STOP, O_LEADER, O_TRAILER, O_NULLS, O_WAVE, O_VOLUME };
    static const struct option opts[] = {
        {"text", no_argument, 0, O_TEXT},       {"binary", no_argument, 0, O_BINARY},
        {"rate", required_argument, 0, O_RATE}, {"bits", required_argument, 0, O_BITS},
        {"baud", required_argument, 0, O_BAUD}, {"stop-bits", required_argument, 0, O_STOP},
        {"leader", required_argument, 0, O_LEADER}, {"trailer", required_argument, 0, O_TRAILER},
        {"nulls", required_argument, 0, O_NULLS}, {"wave", required_argument, 0, O_WAVE},
        {"volume", required_argument, 0, O_VOLUME}, {"help", no_argument, 0, 'h'},
        {0, 0, 0, 0}};
    int c, bad = 0;
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        switch (c) {
        case O_TEXT: text = 1; break;
        case O_BINARY: text = 0; break;
        case O_RATE: bad |= cli_int(prog, "--rate", optarg, KCS_MIN_RATE, KCS_MAX_RATE, &ep.rate); break;
        case O_BITS:
            bad |= cli_int(prog, "--bits", optarg, 8, 24, &bits);
            if (!bad && bits != 8 && bits != 16 && bits != 24) {
                fprintf(stderr, "%s: --bits: must be 8, 16 or 24\n", prog);
                bad = -1;
            }
            break;
        case O_BAUD:
            bad |= cli_int(prog, "--baud", optarg, 300, 1200, &ep.baud);
            if (!bad && ep.baud != 300 && ep.baud != 600 && ep.baud != 1200) {
                fprintf(stderr, "%s: --baud: must be 300, 600 or 1200\n", prog);
                bad = -1;
            }
            break;
        case O_STOP: bad |= cli_int(prog, "--stop-bits", optarg, 1, 2, &ep.stop_bits); break;
        case O_LEADER: bad |= cli_double(prog, "--leader", optarg, 0, 3600, &leader); break;
        case O_TRAILER: bad |= cli_double(prog, "--trailer", optarg, 0, 3600, &trailer); break;
        case O_NULLS: bad |= cli_int(prog, "--nulls", optarg, 0, 255, &nulls); break;
        case O_WAVE:
            if (strcmp(optarg, "sine") == 0)
                ep.wave = KCS_WAVE_SINE;
            else if (strcmp(optarg, "square") == 0)
                ep.wave = KCS_WAVE_SQUARE;
            else {
                fprintf(stderr, "%s: --wave: '%s' is not sine or square\n", prog, optarg);
                bad = -1;
            }
            break;
        case O_VOLUME: bad |= cli_double(prog, "--volume", optarg, 1e-6, 1, &ep.volume); break;
        case 'h': usage(stdout); return 0;
        default: usage(stderr); return 2;
        }
        if (bad)
            return 2;
    }
    if (argc - optind != 2) {
        fprintf(stderr, "%s: need INPUT and OUTPUT (see --help)\n", prog);
        return 2;
    }
    const char *in_path = argv[optind], *out_path = argv[optind + 1];
    if (text < 0)
        text = cli_has_ext(in_path, ".bas") || cli_has_ext(in_path, ".txt");

    uint8_t *data;
    size_t len;
    if (cli_read_all(prog, in_path, &data, &len))
        return 1;
    if (text) {
        uint8_t *tape = malloc(kcs_text_encoded_max(len, nulls));
        if (!tape) {
            fprintf(stderr, "%s: %s: out of memory\n", prog, in_path);
            free(data);
            return 1;
        }
        int after_cr = 0;
        len = kcs_text_encode(data, len, tape, nulls, &after_cr);
        free(data);
        data = tape;
    }

    writer *w = malloc(sizeof *w);      /* the buffer holds a byte's samples: 28 KB */
    char err[320];
    if (!w) {
        fprintf(stderr, "%s: out of memory\n", prog);
        free(data);
        return 1;
    }
    kcs_encoder_init(&w->enc, &ep);
    w->out = kcs_audio_create(out_path, ep.rate, bits, err, sizeof err);
    if (!w->out) {
        fprintf(stderr, "%s: %s\n", prog, err);
        free(data);
        free(w);
        return 1;
    }
    int rc = carrier(w, leader);
    for (size_t i = 0; rc == 0 && i < len; i++)
        rc = emit(w, kcs_encoder_byte(&w->enc, data[i], w->buf));
    if (rc == 0)
        rc = carrier(w, trailer);
    free(data);
    if (kcs_audio_finish(w->out, err, sizeof err)) {
        fprintf(stderr, "%s: %s\n", prog, err);
        rc = -1;
    }
    free(w);
    return rc ? 1 : 0;
}
