/* kcs-decode: Kansas City Standard audio to bytes, and pictures of the tape. See usage(). */
#include "cli.h"
#include "kcs.h"
#include "kcs_analysis.h"
#include "kcs_audio.h"
#include "kcs_svg.h"

#include <errno.h>
#include <getopt.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char prog[] = "kcs-decode";

static void usage(FILE *f)
{
    fprintf(f,
            "usage: kcs-decode [options] INPUT [OUTPUT]\n"
            "Decode KCS audio (any file libsndfile reads, or - for stdin) to bytes on stdout or OUTPUT.\n"
            "  --channel N          use channel N (1 = left); by default the channel with the signal\n"
            "  --baud N             300, 600 or 1200 (300)\n"
            "  --text               drop NULs and turn CR and CR LF into LF (for BASIC listings)\n"
            "  --stats              print a summary on stderr: bytes, framing errors and their times,\n"
            "                       measured speed, signal level\n"
            "  --report FILE.svg    the whole tape: level, regions, speed of every byte, errors\n"
            "  --plot FILE.svg      the waveform with the decoder's view over a time window\n"
            "  --plot-window S:E    that window in seconds (default: around the first framing\n"
            "                       error, else the first bytes)\n"
            "  --quiet              no progress display\n"
            "  --no-fast-path       every sample through the full decoder (slower, the same bytes;\n"
            "                       by default flawless stretches are read from the zero crossings)\n"
            "Exit status: 0 decoded cleanly, 1 error or no KCS signal, 3 framing errors occurred.\n");
}

typedef struct {
    FILE *out;              /* NULL: decode for the pictures only */
    int text;
    kcs_text_decoder td;
    int write_failed;
    kcs_analysis *analysis; /* NULL when no picture is asked for */
    int live;               /* standard input (perhaps audio being played): each byte goes out
                             * as soon as it is decoded */
} sink;

static void on_byte(void *ctx, const kcs_byte_event *ev)
{
    sink *s = ctx;
    if (s->analysis)
        kcs_analysis_on_byte(s->analysis, ev);
    if (ev->framing_error || !s->out)
        return;
    uint8_t c = ev->byte, filtered = c;
    size_t n = s->text ? kcs_text_decode(&s->td, &c, 1, &filtered) : 1;
    if (n && (fwrite(&filtered, 1, 1, s->out) != 1 || (s->live && fflush(s->out))))
        s->write_failed = 1;
}

typedef struct {
    const char *in_path, *in_name;
    int channel;            /* 1-based, 0 = find it */
    int baud;
    int progress;
    int fast_path;
} pass_options;

/* One pass over the input: decode into s; the statistics into *st. 0, or 1 after an error. */
static int decode_pass(const pass_options *po, sink *s, double win_start, double win_end, kcs_stats *st,
                       int *channels, int *used)
{
    char err[320];
    kcs_audio_in *in = kcs_audio_open(po->in_path, po->channel - 1, err, sizeof err);
    if (!in) {
        fprintf(stderr, "%s: %s\n", prog, err);
        return 1;
    }
    kcs_decode_params dp = {kcs_audio_rate(in), po->baud};
    const char *bad = kcs_decode_params_check(&dp);
    if (bad) {
        fprintf(stderr, "%s: %s: %s (the file's rate is %d Hz)\n", prog, po->in_name, bad, dp.rate);
        kcs_audio_close(in);
        return 1;
    }
    /* the decoder (about 100 KB) and, for the pictures, a buffer of float samples (64 KB) */
    struct pass_state {
        kcs_decoder dec;
        float buf[16384];
    } *ps = malloc(s->analysis ? sizeof *ps : offsetof(struct pass_state, buf));
    if (!ps) {
        fprintf(stderr, "%s: out of memory\n", prog);
        kcs_audio_close(in);
        return 1;
    }
    kcs_decoder *dec = &ps->dec;
    kcs_decoder_init(dec, &dp, on_byte, s);
    kcs_decoder_set_fast_path(dec, po->fast_path);
    if (s->analysis) {
        kcs_analysis_init(s->analysis, dp.rate, dp.baud, win_start, win_end);
        kcs_decoder_set_bit_observer(dec, kcs_analysis_on_bit, s->analysis);
    }
    int64_t total = kcs_audio_frames(in);
    int progress = po->progress && total > 60LL * dp.rate;
    size_t n, done = 0, next_report = 0;
    for (;;) {
        if (s->analysis) {      /* the pictures want the samples too */
            if ((n = kcs_audio_read(in, ps->buf, sizeof ps->buf / sizeof ps->buf[0])) == 0)
                break;
            kcs_analysis_samples(s->analysis, ps->buf, n);
            kcs_decoder_push(dec, ps->buf, n);
        } else if ((n = kcs_audio_push(in, dec)) == 0) {
            break;
        }
        done += n;
        if (progress && done >= next_report) {
            fprintf(stderr, "\r%s: %3d%%", po->in_name, (int)(100.0 * (double)done / (double)total));
            next_report = done + (size_t)dp.rate * 30;
        }
    }
    if (progress)
        fprintf(stderr, "\r%*s\r", (int)strlen(po->in_name) + 8, "");
    int rc = 0;
    if (kcs_audio_failed(in, err, sizeof err)) {
        fprintf(stderr, "%s: %s\n", prog, err);
        rc = 1;
    }
    *channels = kcs_audio_channels(in);
    *used = kcs_audio_channel(in) + 1;
    kcs_audio_close(in);
    *st = kcs_decoder_stats(dec);
    free(ps);
    if (s->analysis && s->analysis->out_of_memory) {
        fprintf(stderr, "%s: %s: out of memory for the pictures\n", prog, po->in_name);
        rc = 1;
    }
    return rc;
}

static int parse_window(const char *text, double *start, double *end)
{
    char *mid, *rest;
    *start = strtod(text, &mid);
    if (mid == text || *mid != ':')
        return -1;
    *end = strtod(mid + 1, &rest);
    return rest == mid + 1 || *rest || !(*start >= 0 && *end > *start && *end - *start <= 600) ? -1 : 0;
}

int main(int argc, char **argv)
{
    pass_options po = {NULL, NULL, 0, 300, 0, 1};
    int text = 0, stats = 0, quiet = 0, have_window = 0;
    const char *report_path = NULL, *plot_path = NULL;
    double win_start = 0, win_end = 0;
    enum { O_CHANNEL = 256, O_BAUD, O_TEXT, O_STATS, O_QUIET, O_REPORT, O_PLOT, O_WINDOW, O_NO_FAST };
    static const struct option opts[] = {
        {"channel", required_argument, 0, O_CHANNEL}, {"baud", required_argument, 0, O_BAUD},
        {"text", no_argument, 0, O_TEXT}, {"stats", no_argument, 0, O_STATS},
        {"quiet", no_argument, 0, O_QUIET}, {"report", required_argument, 0, O_REPORT},
        {"plot", required_argument, 0, O_PLOT}, {"plot-window", required_argument, 0, O_WINDOW},
        {"no-fast-path", no_argument, 0, O_NO_FAST}, {"help", no_argument, 0, 'h'}, {0, 0, 0, 0}};
    int c;
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        switch (c) {
        case O_CHANNEL:
            if (cli_int(prog, "--channel", optarg, 1, 64, &po.channel))
                return 2;
            break;
        case O_BAUD:
            if (cli_int(prog, "--baud", optarg, 300, 1200, &po.baud))
                return 2;
            if (po.baud != 300 && po.baud != 600 && po.baud != 1200) {
                fprintf(stderr, "%s: --baud: must be 300, 600 or 1200\n", prog);
                return 2;
            }
            break;
        case O_TEXT: text = 1; break;
        case O_STATS: stats = 1; break;
        case O_QUIET: quiet = 1; break;
        case O_NO_FAST: po.fast_path = 0; break;
        case O_REPORT: report_path = optarg; break;
        case O_PLOT: plot_path = optarg; break;
        case O_WINDOW:
            if (parse_window(optarg, &win_start, &win_end)) {
                fprintf(stderr, "%s: --plot-window: '%s' is not START:END in seconds (END > START, at most 600 s)\n", prog, optarg);
                return 2;
            }
            have_window = 1;
            break;
        case 'h': usage(stdout); return 0;
        default: usage(stderr); return 2;
        }
    }
    if (argc - optind < 1 || argc - optind > 2) {
        fprintf(stderr, "%s: need INPUT and at most one OUTPUT (see --help)\n", prog);
        return 2;
    }
    po.in_path = argv[optind];
    po.in_name = strcmp(po.in_path, "-") == 0 ? "<stdin>" : po.in_path;
    po.progress = !quiet && isatty(STDERR_FILENO);
    if (plot_path && !have_window && strcmp(po.in_path, "-") == 0) {
        fprintf(stderr, "%s: --plot of standard input needs --plot-window (the default window takes a second pass)\n", prog);
        return 2;
    }
    sink s = {stdout, text, {0}, 0, NULL, strcmp(po.in_path, "-") == 0};
    const char *out_name = "<stdout>";
    if (argc - optind == 2 && strcmp(argv[optind + 1], "-") != 0) {
        out_name = argv[optind + 1];
        s.out = fopen(out_name, "wb");
        if (!s.out) {
            fprintf(stderr, "%s: %s: %s\n", prog, out_name, strerror(errno));
            return 1;
        }
    }
    kcs_analysis analysis;
    memset(&analysis, 0, sizeof analysis);
    if (report_path || plot_path)
        s.analysis = &analysis;
    kcs_stats st;
    int channels = 0, used = 0;
    int rc = decode_pass(&po, &s, win_start, have_window ? win_end : win_start, &st, &channels, &used);
    if (fflush(s.out) || s.write_failed) {
        fprintf(stderr, "%s: %s: write error\n", prog, out_name);
        rc = 1;
    }
    if (s.out != stdout)
        fclose(s.out);
    char err[320];
    if (rc == 0 && report_path && kcs_svg_report(&analysis, report_path, po.in_name, err, sizeof err)) {
        fprintf(stderr, "%s: %s\n", prog, err);
        rc = 1;
    }
    if (rc == 0 && plot_path) {
        if (!have_window) {     /* the problem is known now: look at it in a second pass */
            kcs_analysis_default_window(&analysis, 0.16 * 300 / po.baud, &win_start, &win_end);
            kcs_analysis_free(&analysis);
            sink again = {NULL, 0, {0}, 0, &analysis, 0};
            kcs_stats st2;
            rc = decode_pass(&(pass_options){po.in_path, po.in_name, po.channel, po.baud, 0, 0}, &again, win_start,
                             win_end, &st2, &channels, &used);
        }
        if (rc == 0 && kcs_svg_plot(&analysis, plot_path, po.in_name, err, sizeof err)) {
            fprintf(stderr, "%s: %s\n", prog, err);
            rc = 1;
        }
    }
    kcs_analysis_free(&analysis);
    if (stats) {
        fprintf(stderr, "%s: %llu bytes, %llu framing errors", po.in_name, (unsigned long long)st.bytes,
                (unsigned long long)st.framing_errors);
        for (uint64_t i = 0; i < st.framing_errors && i < KCS_ERROR_TIMES; i++)
            fprintf(stderr, "%s%.3f s", i ? ", " : " at ", st.error_times[i]);
        if (st.framing_errors > KCS_ERROR_TIMES)
            fprintf(stderr, ", ...");
        fprintf(stderr, "; speed %.1f baud (%+.1f%%); level %.1f dBFS; channel %d of %d; %.1f s of audio"
                "; fast path: %llu bytes, %llu hand-backs\n",
                st.measured_baud, st.bytes ? 100.0 * (st.measured_baud / po.baud - 1) : 0.0, st.level_dbfs, used,
                channels, st.seconds, (unsigned long long)st.clean_bytes, (unsigned long long)st.clean_handbacks);
    }
    if (rc)
        return rc;
    if (st.bytes == 0) {
        fprintf(stderr, "%s: %s: no KCS signal found (%.1f s of audio at %d baud)\n", prog, po.in_name, st.seconds, po.baud);
        return 1;
    }
    if (st.framing_errors) {
        fprintf(stderr, "%s: %s: %llu framing error%s, first at %.3f s (those bytes were dropped)\n", prog, po.in_name,
                (unsigned long long)st.framing_errors, st.framing_errors == 1 ? "" : "s", st.error_times[0]);
        return 3;
    }
    return 0;
}
