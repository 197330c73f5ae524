/* kcs-decode: Kansas City Standard audio to bytes. See usage(). */
#include "cli.h"
#include "kcs.h"
#include "kcs_audio.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char *prog = "kcs-decode";

static void usage(FILE *f)
{
    fprintf(f,
            "usage: kcs-decode [options] INPUT [OUTPUT]\n"
            "Decode KCS audio (any file libsndfile reads, or - for stdin) to bytes on stdout or OUTPUT.\n"
            "  --channel N   use channel N (1 = left); by default the channel with the signal\n"
            "  --baud N      300, 600 or 1200 (300)\n"
            "  --text        drop NULs and turn CR and CR LF into LF (for BASIC listings)\n"
            "  --stats       print a summary on stderr: bytes, framing errors and their times,\n"
            "                measured speed, signal level\n"
            "  --quiet       no progress display\n"
            "Exit status: 0 decoded cleanly, 1 error or no KCS signal, 3 framing errors occurred.\n");
}

typedef struct {
    FILE *out;
    const char *out_name;
    int text;
    kcs_text_decoder td;
    int write_failed;
} sink;

static void on_byte(void *ctx, const kcs_byte_event *ev)
{
    sink *s = ctx;
    if (ev->framing_error)
        return;
    uint8_t c = ev->byte, filtered;
    size_t n = 1;
    if (s->text)
        n = kcs_text_decode(&s->td, &c, 1, &filtered);
    else
        filtered = c;
    if (n && fwrite(&filtered, 1, 1, s->out) != 1)
        s->write_failed = 1;
}

int main(int argc, char **argv)
{
    kcs_decode_params dp;
    kcs_decode_params_default(&dp);
    int channel = 0, text = 0, stats = 0, quiet = 0;
    enum { O_CHANNEL = 256, O_BAUD, O_TEXT, O_STATS, O_QUIET };
    static const struct option opts[] = {
        {"channel", required_argument, 0, O_CHANNEL}, {"baud", required_argument, 0, O_BAUD},
        {"text", no_argument, 0, O_TEXT}, {"stats", no_argument, 0, O_STATS},
        {"quiet", no_argument, 0, O_QUIET}, {"help", no_argument, 0, 'h'}, {0, 0, 0, 0}};
    int c;
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        switch (c) {
        case O_CHANNEL:
            if (cli_int(prog, "--channel", optarg, 1, 64, &channel))
                return 2;
            break;
        case O_BAUD:
            if (cli_int(prog, "--baud", optarg, 300, 1200, &dp.baud))
                return 2;
            if (dp.baud != 300 && dp.baud != 600 && dp.baud != 1200) {
                fprintf(stderr, "%s: --baud: must be 300, 600 or 1200\n", prog);
                return 2;
            }
            break;
        case O_TEXT: text = 1; break;
        case O_STATS: stats = 1; break;
        case O_QUIET: quiet = 1; break;
        case 'h': usage(stdout); return 0;
        default: usage(stderr); return 2;
        }
    }
    if (argc - optind < 1 || argc - optind > 2) {
        fprintf(stderr, "%s: need INPUT and at most one OUTPUT (see --help)\n", prog);
        return 2;
    }
    const char *in_path = argv[optind];
    const char *in_name = strcmp(in_path, "-") == 0 ? "<stdin>" : in_path;
    char err[320];
    kcs_audio_in *in = kcs_audio_open(in_path, channel - 1, err, sizeof err);
    if (!in) {
        fprintf(stderr, "%s: %s\n", prog, err);
        return 1;
    }
    dp.rate = kcs_audio_rate(in);
    const char *bad = kcs_decode_params_check(&dp);
    if (bad) {
        fprintf(stderr, "%s: %s: %s (the file's rate is %d Hz)\n", prog, in_name, bad, dp.rate);
        kcs_audio_close(in);
        return 1;
    }
    sink s = {stdout, "<stdout>", text, {0}, 0};
    if (argc - optind == 2 && strcmp(argv[optind + 1], "-") != 0) {
        s.out_name = argv[optind + 1];
        s.out = fopen(s.out_name, "wb");
        if (!s.out) {
            fprintf(stderr, "%s: %s: %s\n", prog, s.out_name, strerror(errno));
            kcs_audio_close(in);
            return 1;
        }
    }
    static kcs_decoder dec;
    kcs_decoder_init(&dec, &dp, on_byte, &s);
    int64_t total = kcs_audio_frames(in);
    int progress = !quiet && isatty(STDERR_FILENO) && total > 60LL * dp.rate;
    static float buf[16384];
    size_t n, done = 0, next_report = 0;
    while ((n = kcs_audio_read(in, buf, sizeof buf / sizeof buf[0])) > 0) {
        kcs_decoder_push(&dec, buf, n);
        done += n;
        if (progress && done >= next_report) {
            fprintf(stderr, "\r%s: %3d%%", in_name, (int)(100.0 * (double)done / (double)total));
            next_report = done + (size_t)dp.rate * 30;
        }
    }
    if (progress)
        fprintf(stderr, "\r%*s\r", (int)strlen(in_name) + 8, "");
    int rc = 0;
    if (kcs_audio_failed(in, err, sizeof err)) {
        fprintf(stderr, "%s: %s\n", prog, err);
        rc = 1;
    }
    int channels = kcs_audio_channels(in), used = kcs_audio_channel(in) + 1;
    kcs_audio_close(in);
    if (fflush(s.out) || s.write_failed) {
        fprintf(stderr, "%s: %s: write error\n", prog, s.out_name);
        rc = 1;
    }
    if (s.out != stdout)
        fclose(s.out);
    kcs_stats st = kcs_decoder_stats(&dec);
    if (stats) {
        fprintf(stderr, "%s: %llu bytes, %llu framing errors", in_name, (unsigned long long)st.bytes,
                (unsigned long long)st.framing_errors);
        for (uint64_t i = 0; i < st.framing_errors && i < KCS_ERROR_TIMES; i++)
            fprintf(stderr, "%s%.3f s", i ? ", " : " at ", st.error_times[i]);
        if (st.framing_errors > KCS_ERROR_TIMES)
            fprintf(stderr, ", ...");
        fprintf(stderr, "; speed %.1f baud (%+.1f%%); level %.1f dBFS; channel %d of %d; %.1f s of audio\n",
                st.measured_baud, st.bytes ? 100.0 * (st.measured_baud / dp.baud - 1) : 0.0,
                st.level_dbfs, used, channels, st.seconds);
    }
    if (rc)
        return rc;
    if (st.bytes == 0) {
        fprintf(stderr, "%s: %s: no KCS signal found (%.1f s of audio at %d baud)\n", prog, in_name, st.seconds, dp.baud);
        return 1;
    }
    if (st.framing_errors) {
        fprintf(stderr, "%s: %s: %llu framing error%s, first at %.3f s (those bytes were dropped)\n", prog, in_name,
                (unsigned long long)st.framing_errors, st.framing_errors == 1 ? "" : "s", st.error_times[0]);
        return 3;
    }
    return 0;
}
