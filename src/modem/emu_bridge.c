/* emu_bridge.c -- see emu_bridge.h for the model. */
#include "emu_bridge.h"

#include "audio_pa.h"
#include "headless.h"
#include "modem.h"
#include "pacer.h"
#include "shutdown.h"
#include "telnet_server.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define SLICE_CYCLES (MACHINE_CLOCK_HZ / 100) /* 10 ms of emulated time */
#define AUDIO_SERVICE_MS 30 /* under one byte time at 300 baud (36.7 ms): the modem's send
                             * queue never runs dry while the board has more to say */
#define MAX_CALLER_FDS 4
#define LOADFLAG 0x0203 /* bit 7: BASIC's input comes from the ACIA (POKE 515,128) */
#define SAVEFLAG 0x0205 /* non-zero: output is copied to the ACIA (POKE 517,128) */

const char emu_bridge_usage[] =
    "serial port (the ACIA, the board's cassette port) on telnet or on the sound card:\n"
    "--telnet [HOST:]PORT  a telnet server on the emulated serial port, paced at its baud rate\n"
    "                      (HOST defaults to 127.0.0.1); with --headless the board runs at\n"
    "                      real speed until --seconds (default: until interrupted)\n"
    "--cr-nulls N          NULs sent after each CR typed through telnet (default 10)\n"
    "--cassette-audio      the cassette port on the live sound card through the KCS soft-modem\n"
    "                      (the same code as kcs-modem): what the board sends is played at\n"
    "                      300 baud, what is heard is fed to its ACIA; with --headless the\n"
    "                      board runs at real speed until --seconds (default: until interrupted)\n"
    "--audio-device DEV    sound device: index or part of its name (kcs-modem --list-devices)\n"
    "--audio-name NAME     client name where the audio system has one (JACK; default\n"
    "                      superboard-emu): the ports are NAME:in_0 and NAME:out_0\n"
    "--latency SECONDS     audio queued for playback (0.02..5, default 0.25)\n"
    "--telnet-console, --cassette-console (one option)\n"
    "                      the serial port is the console, over telnet or over audio: answers\n"
    "                      the D/C/W/M menu with C and keeps the ROM's LOAD and SAVE flags set\n"
    "                      (as POKE 515,128 and POKE 517,128 would), so BASIC is driven from\n"
    "                      the other end; give no --type\n"
    "In the terminal front end the status line shows the link (telnet client connected or\n"
    "listening; audio on or off with its underruns and overruns).\n";

static size_t m_read(void *ctx, uint8_t *buf, size_t max) { return machine_link_read(ctx, buf, max); }
static size_t m_space(void *ctx) { return machine_link_write_space(ctx); }
static size_t m_write(void *ctx, const uint8_t *buf, size_t n)
{
    return machine_link_write(ctx, buf, n);
}
static const byte_link_ops machine_link_ops = {m_read, m_space, m_write, NULL};

byte_link emu_bridge_link(machine *m) { return (byte_link){&machine_link_ops, m}; }

void emu_bridge_options_init(emu_bridge_options *o)
{
    memset(o, 0, sizeof *o);
    o->cr_nulls = 10;
}

int emu_bridge_option(emu_bridge_options *o, const char *opt, const char *arg, char *err,
                      size_t errlen)
{
    bool with_arg = !strcmp(opt, "--telnet") || !strcmp(opt, "--audio-device") ||
                    !strcmp(opt, "--audio-name") || !strcmp(opt, "--cr-nulls") ||
                    !strcmp(opt, "--latency");
    if (with_arg && !arg) {
        snprintf(err, errlen, "%s needs an argument", opt);
        return -1;
    }
    if (!strcmp(opt, "--telnet")) {
        char why[300];
        if (telnet_parse_address(arg, o->telnet_host, sizeof o->telnet_host, &o->telnet_port,
                                 why, sizeof why) != 0) {
            snprintf(err, errlen, "--telnet: %s", why);
            return -1;
        }
        o->telnet = true;
        return 2;
    }
    if (!strcmp(opt, "--cr-nulls")) {
        char *end;
        long v = strtol(arg, &end, 10);
        if (!*arg || *end || v < 0 || v > 1000) {
            snprintf(err, errlen, "--cr-nulls %s: expected 0..1000", arg);
            return -1;
        }
        o->cr_nulls = (unsigned)v;
        return 2;
    }
    if (!strcmp(opt, "--latency")) {
        char *end;
        double v = strtod(arg, &end);
        if (!*arg || *end || !(v >= 0.02 && v <= 5)) {
            snprintf(err, errlen, "--latency %s: expected 0.02..5 seconds", arg);
            return -1;
        }
        o->audio_latency = v;
        return 2;
    }
    if (!strcmp(opt, "--audio-device")) {
        o->audio_device = arg;
        return 2;
    }
    if (!strcmp(opt, "--audio-name")) {
        o->audio_name = arg;
        return 2;
    }
    if (!strcmp(opt, "--telnet-console") || !strcmp(opt, "--cassette-console")) {
        o->console = true;
        return 1;
    }
    if (!strcmp(opt, "--cassette-audio")) {
        o->cassette_audio = true;
        return 1;
    }
    return 0;
}

int emu_bridge_options_check(const emu_bridge_options *o, char *err, size_t errlen)
{
    if (o->telnet && o->cassette_audio) {
        snprintf(err, errlen, "--telnet and --cassette-audio both want the serial port; "
                              "choose one");
        return -1;
    }
    if (!emu_bridge_wanted(o) && o->console) {
        snprintf(err, errlen, "--telnet-console needs --telnet or --cassette-audio");
        return -1;
    }
    if (!o->cassette_audio && (o->audio_device || o->audio_name || o->audio_latency > 0)) {
        snprintf(err, errlen, "--audio-device, --audio-name and --latency need --cassette-audio");
        return -1;
    }
    return 0;
}

bool emu_bridge_wanted(const emu_bridge_options *o) { return o->telnet || o->cassette_audio; }

void emu_bridge_console_flags(machine *m)
{
    cpu6502 *c = machine_cpu(m);
    if (!(cpu6502_peek(c, LOADFLAG) & 0x80))
        cpu6502_poke(c, LOADFLAG, 0x80);
    if (cpu6502_peek(c, SAVEFLAG) == 0)
        cpu6502_poke(c, SAVEFLAG, 0x80);
}

/* ---- an open bridge: the ACIA link and its peer (a telnet server or the audio modem) ---- */

struct emu_bridge {
    machine *m;
    bool console, menu_answered;
    byte_link board;         /* the ACIA's host side */
    FILE *log;
    telnet_server *srv;      /* --telnet */
    char where[300];         /* HOST:PORT it listens on */
    modem *modem;            /* --cassette-audio */
    byte_link audio;         /* the modem's link */
};

emu_bridge *emu_bridge_open(machine *m, const emu_bridge_options *o, FILE *log, char *err,
                            size_t errlen)
{
    if (emu_bridge_options_check(o, err, errlen) != 0)
        return NULL;
    emu_bridge *b = calloc(1, sizeof *b);
    if (!b) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    b->m = m;
    b->console = o->console;
    b->board = emu_bridge_link(m);
    b->log = log;
    machine_link_enable(m, true);
    if (o->telnet) {
        telnet_server_config cfg = telnet_server_defaults();
        cfg.host = o->telnet_host;
        cfg.port = o->telnet_port;
        cfg.cr_nulls = o->cr_nulls;
        cfg.log = log;
        char why[400];
        b->srv = telnet_server_open(&cfg, &b->board, why, sizeof why);
        if (!b->srv) {
            snprintf(err, errlen, "--telnet: %s", why);
            emu_bridge_close(b);
            return NULL;
        }
        snprintf(b->where, sizeof b->where, "%s:%u", o->telnet_host, telnet_server_port(b->srv));
        if (log)
            fprintf(log, "superboard-emu: telnet %s\n", b->where);
    } else {
        audio_pa_config ac = {.device = o->audio_device,
                              .client_name = o->audio_name ? o->audio_name : "superboard-emu",
                              .latency = o->audio_latency};
        char why[400];
        audio_backend *a = audio_pa_open(&ac, why, sizeof why);
        double rate = a ? a->rate : 0;
        if (a) {
            b->modem = modem_open(&(modem_config){.baud = 300}, a, why, sizeof why);
        }
        if (!b->modem || modem_start(b->modem) != 0) {
            snprintf(err, errlen, "--cassette-audio: %s",
                     b->modem ? "cannot start the modem thread" : why);
            emu_bridge_close(b);
            return NULL;
        }
        b->audio = modem_link(b->modem);
        if (log)
            fprintf(log, "superboard-emu: cassette audio: 300 baud on %.0f Hz (%s)\n", rate,
                    ac.client_name);
    }
    return b;
}

/* The console needs BASIC running: the monitor's D/C/W/M menu reads the keyboard itself (not
 * the input vector), so the console answers it once with C, a cold start. The flags are kept
 * set from the first slice on (the reset clears them), so BASIC's first question, MEMORY
 * SIZE?, already goes to the serial port and its answer comes from there. */
void emu_bridge_before_slice(emu_bridge *b)
{
    if (!b || !b->console)
        return;
    emu_bridge_console_flags(b->m);
    if (!b->menu_answered && machine_screen_contains(b->m, "D/C/W/M")) {
        machine_type_text(b->m, "C", 1);
        b->menu_answered = true;
    }
}

int emu_bridge_poll(emu_bridge *b, struct pollfd *fds, size_t nfds, int timeout_ms)
{
    struct pollfd all[MAX_CALLER_FDS + TELNET_SERVER_MAX_POLLFDS];
    if (nfds > MAX_CALLER_FDS)
        nfds = MAX_CALLER_FDS;
    if (nfds)
        memcpy(all, fds, nfds * sizeof *fds);
    size_t n = nfds;
    int need = -1; /* the longest the bridge may wait (-1: only its fds matter) */
    if (b && b->srv) {
        n += telnet_server_pollfds(b->srv, all + nfds);
        need = telnet_server_timeout(b->srv);
    } else if (b && b->modem) {
        byte_link_bridge(&b->board, &b->audio); /* what the last slice sent, without delay */
        all[n++] = (struct pollfd){.fd = byte_link_wake_fd(&b->audio), .events = POLLIN};
        need = AUDIO_SERVICE_MS;
    }
    if (need >= 0 && (timeout_ms < 0 || need < timeout_ms))
        timeout_ms = need;
    for (size_t i = 0; i < n; i++)
        all[i].revents = 0;
    int rc = poll(all, n, timeout_ms);
    int saved = errno;
    if (rc <= 0)
        for (size_t i = 0; i < n; i++)
            all[i].revents = 0;
    for (size_t i = 0; i < nfds; i++)
        fds[i].revents = all[i].revents;
    if (b && b->srv)
        telnet_server_handle(b->srv, all + nfds, n - nfds);
    else if (b && b->modem)
        byte_link_bridge(&b->board, &b->audio);
    errno = saved;
    return rc;
}

void emu_bridge_describe(const emu_bridge *b, char *out, size_t len)
{
    if (!b) {
        snprintf(out, len, "%s", "");
    } else if (b->srv) {
        telnet_server_stats ts = telnet_server_stats_get(b->srv);
        snprintf(out, len, "telnet %s %s", b->where, ts.connected ? "client connected" : "listening");
    } else {
        modem_stats st = modem_get_stats(b->modem);
        snprintf(out, len, "audio %s, underruns %lu, overruns %lu",
                 st.audio_running ? "on" : "off", st.audio.underruns, st.audio.overruns);
    }
}

void emu_bridge_close(emu_bridge *b)
{
    if (!b)
        return;
    if (b->modem && b->log) {
        modem_stats st = modem_get_stats(b->modem);
        fprintf(b->log,
                "superboard-emu: cassette audio: from the board %llu B, to the board %llu B, "
                "framing errors %llu, dropped %llu; audio underruns %lu, overruns %lu\n",
                st.bytes_out, st.bytes_in, st.framing_errors, st.rx_dropped, st.audio.underruns,
                st.audio.overruns);
    }
    telnet_server_close(b->srv);
    modem_close(b->modem);
    machine_link_enable(b->m, false);
    free(b);
}

/* ---- the headless loop ---------------------------------------------------------------------- */

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

int emu_bridge_run(machine *m, const emu_bridge_options *o, double seconds)
{
    char err[512];
    emu_bridge *b = emu_bridge_open(m, o, stderr, err, sizeof err);
    if (!b) {
        fprintf(stderr, "superboard-emu: %s\n", err);
        return 1;
    }
    pacer p;
    pacer_start(&p, MACHINE_CLOCK_HZ, machine_cycles(m));
    double end = seconds > 0 ? now_s() + seconds : 0;
    int status = 0;
    while (!shutdown_requested() && (end == 0 || now_s() < end)) {
        emu_bridge_before_slice(b);
        if (machine_run(m, SLICE_CYCLES) == 0) {
            fprintf(stderr, "superboard-emu: the CPU has jammed\n");
            status = 1;
            break;
        }
        /* Serve the bridge while waiting for the next slice to be due. */
        do {
            if (emu_bridge_poll(b, NULL, 0, pacer_ms_until(&p, machine_cycles(m))) < 0 &&
                errno != EINTR) {
                fprintf(stderr, "superboard-emu: poll: %s\n", strerror(errno));
                status = 1;
            }
        } while (!status && pacer_ns_until(&p, machine_cycles(m)) > 0 && !shutdown_requested());
        if (status)
            break;
    }
    if (shutdown_requested())
        status = 128 + shutdown_requested();
    emu_bridge_close(b);
    return status;
}

int emu_bridge_headless(machine *m, const struct headless_options *ho,
                        const emu_bridge_options *o, bool seconds_given)
{
    headless_options quiet = *ho;
    quiet.screen = quiet.status = false;
    int status = ho->nactions ? headless_run(m, &quiet) : 0;
    if (status == 0)
        status = emu_bridge_run(m, o, seconds_given ? ho->seconds : 0);
    /* No actions and no time left: headless_run only prints what --screen / --status ask. */
    headless_options report = *ho;
    report.nactions = 0;
    report.seconds = 0;
    if (ho->screen || ho->status)
        headless_run(m, &report);
    return status;
}
