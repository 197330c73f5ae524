/* main.c - superboard-emu: the Superboard II emulator. With --headless the scripted front end
 * (headless.h); without it the interactive terminal front end (src/terminal). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "emu_bridge.h"
#include "headless.h"
#include "machine.h"
#include "shutdown.h"
#include "terminal.h"

static const char usage_text[] =
    "usage: superboard-emu [--headless] [ROM options] [--ram KB] [--tape-in FILE] [--tape-out FILE]\n"
    "                      [--load-state FILE] [--save-state FILE]\n"
    "                      [--seconds S] [--screen] [--full] [--ascii] [--status] ACTION...\n"
    "                      [--telnet [HOST:]PORT | --cassette-audio] [--telnet-console]\n"
    "ROM options: --basic-rom FILE (8 KB)  --monitor-rom FILE (2 KB)  --rom-dir DIR\n"
    "             (default: the built-in ROMs)\n"
    "--ram KB     4, 8 (default), 20, 32 or 40\n"
    "--tape-in    a KCS audio file (.wav .flac .aiff .au .ogg .caf) or raw bytes (any other)\n"
    "--tape-out   record what the ACIA sends: KCS audio or raw bytes, by extension\n"
    "headless actions, run in order:\n"
    "  --type TEXT   type TEXT (escapes \\r \\n \\t \\e \\\\ \\xHH); waits until every key was read\n"
    "  --until TEXT  run until TEXT is on the screen\n"
    "  --wait S      run S emulated seconds\n"
    "  --tape-wait   play the tape and run until it has played to its end\n"
    "--seconds S  bound on the whole headless run in emulated seconds (default 60);\n"
    "             an action not done by then: exit status 3\n"
    "--screen     print the visible screen at exit (columns 5-28 of rows 2-27; --full: 32 x 32),\n"
    "             UTF-8 (--ascii: ASCII fallback); --status prints ROMs, RAM and tapes\n";

static int usage_error(const char *fmt, const char *arg)
{
    fputs("superboard-emu: ", stderr);
    fprintf(stderr, fmt, arg);
    fputs(" (see superboard-emu --help)\n", stderr);
    return 2;
}

static int parse_seconds(const char *s, double *out)
{
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    if (errno || end == s || *end || !(v >= 0) || v > 1e6)
        return -1;
    *out = v;
    return 0;
}

int main(int argc, char **argv)
{
    machine_config cfg;
    machine_config_init(&cfg);
    headless_options ho = {.seconds = 60};
    headless_action *actions = calloc((size_t)argc, sizeof *actions);
    const char *load_state = NULL, *save_state = NULL;
    bool headless = false;
    emu_bridge_options bridge; /* --telnet, --telnet-console, --cassette-audio (src/modem) */
    emu_bridge_options_init(&bridge);
    bool seconds_given = false;
    char bridge_err[300];
    if (!actions) {
        fprintf(stderr, "superboard-emu: out of memory\n");
        return 1;
    }
    for (int i = 1; i < argc; i++) {
        const char *opt = argv[i];
        const char *arg = i + 1 < argc ? argv[i + 1] : NULL;
        bool takes_arg = true;
        int used;
        if (!strcmp(opt, "-h") || !strcmp(opt, "--help")) {
            fputs(usage_text, stdout);
            fputs(emu_bridge_usage, stdout);
            free(actions);
            return 0;
        } else if (!strcmp(opt, "--headless")) {
            headless = true, takes_arg = false;
        } else if (!strcmp(opt, "--screen")) {
            ho.screen = true, takes_arg = false;
        } else if (!strcmp(opt, "--full")) {
            ho.full = true, takes_arg = false;
        } else if (!strcmp(opt, "--ascii")) {
            ho.ascii = true, takes_arg = false;
        } else if (!strcmp(opt, "--status")) {
            ho.status = true, takes_arg = false;
        } else if (!strcmp(opt, "--tape-wait")) {
            actions[ho.nactions++] = (headless_action){HEADLESS_TAPE_WAIT, NULL, 0};
            takes_arg = false;
        } else if (!arg && (!strcmp(opt, "--basic-rom") || !strcmp(opt, "--monitor-rom") ||
                            !strcmp(opt, "--rom-dir") || !strcmp(opt, "--ram") ||
                            !strcmp(opt, "--tape-in") || !strcmp(opt, "--tape-out") ||
                            !strcmp(opt, "--seconds") || !strcmp(opt, "--type") ||
                            !strcmp(opt, "--until") || !strcmp(opt, "--wait") ||
                            !strcmp(opt, "--load-state") || !strcmp(opt, "--save-state"))) {
            free(actions);
            return usage_error("%s needs an argument", opt);
        } else if (!strcmp(opt, "--basic-rom")) {
            cfg.basic_rom_path = arg;
        } else if (!strcmp(opt, "--monitor-rom")) {
            cfg.monitor_rom_path = arg;
        } else if (!strcmp(opt, "--rom-dir")) {
            cfg.rom_dir = arg;
        } else if (!strcmp(opt, "--ram")) {
            char *end;
            long kb = strtol(arg, &end, 10);
            if (*end || (kb != 4 && kb != 8 && kb != 20 && kb != 32 && kb != 40)) {
                free(actions);
                return usage_error("--ram %s: the board takes 4, 8, 20, 32 or 40 (KB)", arg);
            }
            cfg.ram_kb = (unsigned)kb;
        } else if (!strcmp(opt, "--tape-in")) {
            cfg.tape_in_path = arg;
        } else if (!strcmp(opt, "--tape-out")) {
            cfg.tape_out_path = arg;
        } else if (!strcmp(opt, "--load-state")) {
            load_state = arg;
        } else if (!strcmp(opt, "--save-state")) {
            save_state = arg;
        } else if (!strcmp(opt, "--seconds")) {
            if (parse_seconds(arg, &ho.seconds) != 0 || ho.seconds <= 0) {
                free(actions);
                return usage_error("--seconds %s: expected a positive number of seconds", arg);
            }
            seconds_given = true;
        } else if (!strcmp(opt, "--wait")) {
            double s;
            if (parse_seconds(arg, &s) != 0) {
                free(actions);
                return usage_error("--wait %s: expected a number of seconds", arg);
            }
            actions[ho.nactions++] = (headless_action){HEADLESS_WAIT, NULL, s};
        } else if (!strcmp(opt, "--type")) {
            actions[ho.nactions++] = (headless_action){HEADLESS_TYPE, arg, 0};
        } else if (!strcmp(opt, "--until")) {
            actions[ho.nactions++] = (headless_action){HEADLESS_UNTIL, arg, 0};
        } else if ((used = emu_bridge_option(&bridge, opt, arg, bridge_err,
                                             sizeof bridge_err)) != 0) {
            if (used < 0) {
                free(actions);
                return usage_error("%s", bridge_err);
            }
            takes_arg = used == 2;
        } else {
            free(actions);
            return usage_error("unknown option %s", opt);
        }
        if (takes_arg)
            i++;
    }
    if (emu_bridge_options_check(&bridge, bridge_err, sizeof bridge_err) != 0) {
        free(actions);
        return usage_error("%s", bridge_err);
    }
    if (!headless && ho.nactions > 0) {
        free(actions);
        return usage_error("%s: actions need --headless", "--type/--until/--wait/--tape-wait");
    }

    shutdown_install();
    char err[512];
    machine *m = machine_new(&cfg, err, sizeof err);
    if (!m) {
        fprintf(stderr, "superboard-emu: %s\n", err);
        free(actions);
        return 1;
    }
    int status;
    if (load_state && machine_load_state(m, load_state, err, sizeof err) != 0) {
        fprintf(stderr, "superboard-emu: %s\n", err);
        status = 1;
    } else if (headless) {
        ho.actions = actions;
        status = emu_bridge_wanted(&bridge) ? emu_bridge_headless(m, &ho, &bridge, seconds_given)
                                            : headless_run(m, &ho);
    } else {
        terminal_options to; /* the interactive front end (src/terminal) */
        terminal_options_init(&to);
        to.full = ho.full;
        to.ascii = ho.ascii;
        /* The bridge is opened before the terminal takes the screen, so that its errors are
         * read; its connection log would garble the screen: the status line shows the link. */
        if (emu_bridge_wanted(&bridge) &&
            !(to.bridge = emu_bridge_open(m, &bridge, NULL, err, sizeof err))) {
            fprintf(stderr, "superboard-emu: %s\n", err);
            status = 1;
        } else {
            status = terminal_run(m, &to);
            emu_bridge_close(to.bridge);
        }
    }
    if (save_state && status != 1 && machine_save_state(m, save_state, err, sizeof err) != 0) {
        fprintf(stderr, "superboard-emu: %s\n", err);
        status = 1;
    }
    machine_free(m);
    free(actions);
    return status;
}
