/* kcs-modem -- a telnet port on a real Superboard, through its cassette port and a sound card.
 *
 * One PortAudio duplex stream (audio_pa.h) carries the KCS modem (modem.h); the telnet server
 * (telnet_server.h) bridges one client at a time to it. The main thread is an event loop
 * (poll() over the sockets and the modem's wake-up fd); the modem has its own engine thread
 * and the audio callback only moves samples. Status (bytes, underruns, overruns, framing
 * errors) goes to stderr whenever it changes, at most once a second, and at exit. */
#include "audio_pa.h"
#include "modem.h"
#include "telnet_server.h"

#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static volatile sig_atomic_t stop_requested;
static void on_signal(int sig) { (void)sig; stop_requested = 1; }

static void usage(FILE *f)
{
    fprintf(f,
            "usage: kcs-modem [--listen [HOST:]PORT] [options]\n"
            "A KCS soft-modem on the sound card with a telnet bridge: `telnet localhost 15000`\n"
            "reaches a Superboard whose cassette in/out are cabled to the sound card (on the\n"
            "board: POKE 517,128 and POKE 515,128 route its I/O through the cassette port).\n"
            "\n"
            "  --listen [HOST:]PORT    telnet address (default 127.0.0.1:15000; HOST 0.0.0.0 to\n"
            "                          accept other machines)\n"
            "  --audio-device DEV      device index or part of its name (see --list-devices)\n"
            "  --list-devices          list the audio devices and exit\n"
            "  --audio-name NAME       client name where the audio system has one (JACK);\n"
            "                          default kcs-modem\n"
            "  --baud N                300 (default), 600 or 1200\n"
            "  --rate HZ               sample rate (default: the device's)\n"
            "  --latency SECONDS       audio queued for playback (default 0.25)\n"
            "  --cr-nulls N            NULs sent after each CR so BASIC keeps up (default 10)\n"
            "  --seconds S             stop after S seconds (default: run until interrupted)\n"
            "  -q, --quiet             no connection log or status lines\n"
            "  -h, --help              this text\n");
}

static int parse_number(const char *opt, const char *v, double lo, double hi, double *out)
{
    char *end;
    errno = 0;
    double d = strtod(v, &end);
    if (!*v || *end || errno || d < lo || d > hi) {
        fprintf(stderr, "kcs-modem: %s: '%s' is not a number in %g..%g\n", opt, v, lo, hi);
        return -1;
    }
    *out = d;
    return 0;
}

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

static void print_status(FILE *f, const modem_stats *st, const telnet_server_stats *ts)
{
    fprintf(f,
            "kcs-modem: %s; from board %llu B, to board %llu B, framing errors %llu, "
            "dropped %llu; audio underruns %lu, overruns %lu\n",
            ts->connected ? "client connected" : "no client", st->bytes_in, st->bytes_out,
            st->framing_errors, st->rx_dropped, st->audio.underruns, st->audio.overruns);
}

int main(int argc, char **argv)
{
    static const struct option opts[] = {
        {"listen", required_argument, NULL, 'l'},  {"audio-device", required_argument, NULL, 'd'},
        {"list-devices", no_argument, NULL, 'L'},  {"audio-name", required_argument, NULL, 'n'},
        {"baud", required_argument, NULL, 'b'},    {"rate", required_argument, NULL, 'r'},
        {"latency", required_argument, NULL, 't'}, {"cr-nulls", required_argument, NULL, 'c'},
        {"seconds", required_argument, NULL, 's'}, {"quiet", no_argument, NULL, 'q'},
        {"help", no_argument, NULL, 'h'},          {NULL, 0, NULL, 0},
    };
    telnet_server_config tcfg = telnet_server_defaults();
    audio_pa_config acfg = {.client_name = "kcs-modem"};
    modem_config mcfg = {.baud = 300};
    char host[256] = "127.0.0.1", err[512];
    double v, seconds = 0;
    bool list = false, quiet = false;
    int c;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "qh", opts, NULL)) != -1) {
        switch (c) {
        case 'l':
            if (telnet_parse_address(optarg, host, sizeof host, &tcfg.port, err, sizeof err)) {
                fprintf(stderr, "kcs-modem: --listen: %s\n", err);
                return 2;
            }
            break;
        case 'd': acfg.device = optarg; break;
        case 'L': list = true; break;
        case 'n': acfg.client_name = optarg; break;
        case 'b':
            if (parse_number("--baud", optarg, 1, 100000, &v))
                return 2;
            if (v != 300 && v != 600 && v != 1200) {
                fprintf(stderr, "kcs-modem: --baud: %s is not 300, 600 or 1200\n", optarg);
                return 2;
            }
            mcfg.baud = (unsigned)v;
            break;
        case 'r':
            if (parse_number("--rate", optarg, 8000, 192000, &acfg.rate))
                return 2;
            break;
        case 't':
            if (parse_number("--latency", optarg, 0.02, 5, &acfg.latency))
                return 2;
            break;
        case 'c':
            if (parse_number("--cr-nulls", optarg, 0, 1000, &v))
                return 2;
            tcfg.cr_nulls = (unsigned)v;
            break;
        case 's':
            if (parse_number("--seconds", optarg, 0, 1e9, &seconds))
                return 2;
            break;
        case 'q': quiet = true; break;
        case 'h': usage(stdout); return 0;
        default:
            fprintf(stderr, "kcs-modem: unknown or incomplete option '%s' (try --help)\n",
                    argv[optind - 1]);
            return 2;
        }
    }
    if (optind < argc) {
        fprintf(stderr, "kcs-modem: unexpected argument '%s' (try --help)\n", argv[optind]);
        return 2;
    }
    if (list) {
        if (audio_pa_list_devices(stdout, err, sizeof err)) {
            fprintf(stderr, "kcs-modem: %s\n", err);
            return 1;
        }
        return 0;
    }

    tcfg.host = host;
    tcfg.log = quiet ? NULL : stderr;
    tcfg.banner = "kcs-modem: connected to the board through the audio modem.\r\n";
    audio_backend *audio = audio_pa_open(&acfg, err, sizeof err);
    if (!audio) {
        fprintf(stderr, "kcs-modem: %s\n", err);
        return 1;
    }
    double rate = audio->rate;
    modem *m = modem_open(&mcfg, audio, err, sizeof err);
    if (!m) {
        fprintf(stderr, "kcs-modem: %s\n", err);
        return 1;
    }
    byte_link link = modem_link(m);
    telnet_server *srv = telnet_server_open(&tcfg, &link, err, sizeof err);
    if (!srv || modem_start(m) != 0) {
        fprintf(stderr, "kcs-modem: %s\n", srv ? "cannot start the modem thread" : err);
        telnet_server_close(srv);
        modem_close(m);
        return 1;
    }
    struct sigaction sa = {.sa_handler = on_signal}; /* no SA_RESTART: poll() returns EINTR */
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    signal(SIGPIPE, SIG_IGN);
    if (!quiet)
        fprintf(stderr, "kcs-modem: %u baud on %.0f Hz audio; telnet %s:%u\n", mcfg.baud, rate,
                host, telnet_server_port(srv));

    double start = now_s(), last_status = start;
    modem_stats shown = {0};
    int rc = 0;
    while (!stop_requested) {
        double now = now_s();
        if (seconds > 0 && now - start >= seconds)
            break;
        if (telnet_server_step(srv, 500) != 0) {
            fprintf(stderr, "kcs-modem: poll: %s\n", strerror(errno));
            rc = 1;
            break;
        }
        modem_stats st = modem_get_stats(m);
        if (!quiet && now_s() - last_status >= 1.0 &&
            (st.audio.underruns != shown.audio.underruns ||
             st.audio.overruns != shown.audio.overruns ||
             st.framing_errors != shown.framing_errors || st.rx_dropped != shown.rx_dropped)) {
            telnet_server_stats ts = telnet_server_stats_get(srv);
            print_status(stderr, &st, &ts);
            shown = st;
            last_status = now_s();
        }
    }
    modem_stats st = modem_get_stats(m);
    telnet_server_stats ts = telnet_server_stats_get(srv);
    if (!quiet)
        print_status(stderr, &st, &ts);
    telnet_server_close(srv);
    modem_close(m);
    return rc;
}
