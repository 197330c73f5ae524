/* emu_bridge.c -- see emu_bridge.h for the model. */
#include "emu_bridge.h"

#include "headless.h"
#include "pacer.h"
#include "shutdown.h"
#include "telnet_server.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define SLICE_CYCLES (MACHINE_CLOCK_HZ / 100) /* 10 ms of emulated time */
#define LOADFLAG 0x0203 /* bit 7: BASIC's input comes from the ACIA (POKE 515,128) */
#define SAVEFLAG 0x0205 /* non-zero: output is copied to the ACIA (POKE 517,128) */

const char emu_bridge_usage[] =
    "--telnet [HOST:]PORT  a telnet server on the emulated serial port (ACIA), paced at its\n"
    "                      baud rate (HOST defaults to 127.0.0.1); with --headless the board\n"
    "                      runs at real speed until --seconds (default: until interrupted)\n"
    "--cr-nulls N          NULs sent after each CR typed through telnet (default 10)\n"
    "--telnet-console      the serial port is the console: answers the D/C/W/M menu with C and\n"
    "                      keeps the ROM's LOAD and SAVE flags set (as POKE 515,128 and\n"
    "                      POKE 517,128 would), so BASIC is driven from telnet; give no --type\n"
    "--cassette-audio      the cassette port on the live sound card through the KCS soft-modem\n"
    "                      (--audio-device DEV, --audio-name NAME as for kcs-modem)\n";

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
                    !strcmp(opt, "--audio-name") || !strcmp(opt, "--cr-nulls");
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
    if (!strcmp(opt, "--audio-device")) {
        o->audio_device = arg;
        return 2;
    }
    if (!strcmp(opt, "--audio-name")) {
        o->audio_name = arg;
        return 2;
    }
    if (!strcmp(opt, "--telnet-console")) {
        o->console = true;
        return 1;
    }
    if (!strcmp(opt, "--cassette-audio")) {
        o->cassette_audio = true;
        return 1;
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

/* The console needs BASIC running: the monitor's D/C/W/M menu reads the keyboard itself (not
 * the input vector), so the console answers it once with C, a cold start. The flags are kept
 * set from the first slice on (the reset clears them), so BASIC's first question, MEMORY
 * SIZE?, already goes to the serial port and its answer comes from there. */
static void console_step(machine *m, bool *menu_answered)
{
    emu_bridge_console_flags(m);
    if (!*menu_answered && machine_screen_contains(m, "D/C/W/M")) {
        machine_type_text(m, "C", 1);
        *menu_answered = true;
    }
}

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

int emu_bridge_run(machine *m, const emu_bridge_options *o, double seconds)
{
    char err[512];
    if (o->telnet && o->cassette_audio) {
        fprintf(stderr, "superboard-emu: --telnet and --cassette-audio both want the serial "
                        "port; choose one\n");
        return 2;
    }
    telnet_server *srv = NULL;
    byte_link board = emu_bridge_link(m);
    machine_link_enable(m, true);
    if (o->telnet) {
        telnet_server_config cfg = telnet_server_defaults();
        cfg.host = o->telnet_host;
        cfg.port = o->telnet_port;
        cfg.cr_nulls = o->cr_nulls;
        cfg.log = stderr;
        srv = telnet_server_open(&cfg, &board, err, sizeof err);
        if (!srv) {
            fprintf(stderr, "superboard-emu: --telnet: %s\n", err);
            return 1;
        }
        fprintf(stderr, "superboard-emu: telnet %s:%u\n", o->telnet_host, telnet_server_port(srv));
    } else {
        fprintf(stderr, "superboard-emu: --cassette-audio is not available yet (libkcs pending)\n");
        return 1;
    }

    pacer p;
    pacer_start(&p, MACHINE_CLOCK_HZ, machine_cycles(m));
    double end = seconds > 0 ? now_s() + seconds : 0;
    int status = 0;
    bool menu_answered = false;
    while (!shutdown_requested() && (end == 0 || now_s() < end)) {
        if (o->console)
            console_step(m, &menu_answered);
        if (machine_run(m, SLICE_CYCLES) == 0) {
            fprintf(stderr, "superboard-emu: the CPU has jammed\n");
            status = 1;
            break;
        }
        if (srv) {
            /* Serve sockets while waiting for the next slice to be due. */
            do {
                int wait = pacer_ms_until(&p, machine_cycles(m));
                if (telnet_server_step(srv, wait) != 0 && errno != EINTR) {
                    fprintf(stderr, "superboard-emu: poll: %s\n", strerror(errno));
                    status = 1;
                    break;
                }
            } while (pacer_ns_until(&p, machine_cycles(m)) > 0 && !shutdown_requested());
        }
        if (status)
            break;
    }
    if (shutdown_requested())
        status = 128 + shutdown_requested();
    telnet_server_close(srv);
    machine_link_enable(m, false);
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
