/* terminal.c - the interactive front end's loop: input, pacing, drawing (see terminal.h). */
#include "terminal.h"

#include <curses.h>
#include <langinfo.h>
#include <locale.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "debugger.h"
#include "keys.h"
#include "pacer.h"
#include "screen_view.h"
#include "shutdown.h"
#include "status_line.h"

#define SLICE_CYCLES (MACHINE_CLOCK_HZ / 60) /* one video frame */
#define WARP_BURST_NS 20000000LL             /* host time spent emulating between looks at the keys */
#define SPEED_WINDOW_NS 500000000LL
#define MESSAGE_NS 3000000000LL

typedef enum { MODE_RUN, MODE_HELP, MODE_PROMPT, MODE_DEBUG } term_mode;

typedef struct term {
    machine *m;
    emu_bridge *bridge;       /* NULL: no serial bridge */
    SCREEN *scr;
    screen_view view;
    keys keys;
    debugger dbg;
    term_mode mode;
    keys_action prompt_for;   /* what the file name typed in MODE_PROMPT is for */
    char prompt[256];
    int plen;
    bool warp, quit;
    char last_typed;          /* for REPEAT */
    int held;                 /* a key the full typing queue refused, -1: none */
    char message[512];        /* shown on the status line for a while */
    int64_t message_until;
    char status_shown[512];
    pacer pacer;
    uint64_t speed_cycles;
    int64_t speed_at;
    double mhz;
} term;

void terminal_options_init(terminal_options *o)
{
    memset(o, 0, sizeof *o);
}

static int64_t now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static void say(term *t, const char *text)
{
    snprintf(t->message, sizeof t->message, "%s", text);
    t->message_until = now_ns() + MESSAGE_NS;
    t->status_shown[0] = 0;
}

/* The whole picture again: after a resize or when an overlay closes. */
static void relayout(term *t)
{
    screen_view_layout(&t->view, LINES, COLS);
    if (!t->view.too_small)
        mvaddstr(t->view.top + t->view.rows, t->view.left + 1, " F1 or ^E h: help ");
    t->status_shown[0] = 0;
}

static void draw_status(term *t)
{
    char text[512];
    if (t->mode == MODE_PROMPT) {
        static const char *const what[] = {
            [KEYS_TAPE_INSERT] = "Insert tape (audio or raw file)",
            [KEYS_RECORD] = "Record to (audio by extension, else raw)",
            [KEYS_SAVE_STATE] = "Save state to",
            [KEYS_LOAD_STATE] = "Load state from",
        };
        snprintf(text, sizeof text, "%s: %s", what[t->prompt_for], t->prompt);
    } else if (t->message_until > now_ns()) {
        snprintf(text, sizeof text, "%s", t->message);
    } else {
        machine_status st;
        machine_tape_status tape;
        machine_get_status(t->m, &st);
        machine_get_tape_status(t->m, &tape);
        char link[128];
        emu_bridge_describe(t->bridge, link, sizeof link);
        status_line_format(text, sizeof text, &st, &tape, t->warp, t->mhz, link);
    }
    if (!strcmp(text, t->status_shown))
        return;
    snprintf(t->status_shown, sizeof t->status_shown, "%s", text);
    move(LINES - 1, 0);
    clrtoeol();
    attron(A_REVERSE);
    mvaddnstr(LINES - 1, 0, text, COLS);
    attroff(A_REVERSE);
}

static void draw_help(void)
{
    int w = 52, h = keys_table_len + 8;
    int y = (LINES - h) / 2 > 0 ? (LINES - h) / 2 : 0, x = (COLS - w) / 2 > 0 ? (COLS - w) / 2 : 0;
    for (int i = 0; i < h; i++)
        mvhline(y + i, x, ' ', w);
    attron(A_BOLD);
    mvaddstr(y, x + 2, "superboard-emu keys");
    attroff(A_BOLD);
    int r = y + 2;
    for (int i = 0; i < keys_table_len; i++, r++) {
        const keys_binding *b = &keys_table[i];
        char fk[8] = "";
        if (b->fkey)
            snprintf(fk, sizeof fk, "F%d", b->fkey);
        mvprintw(r, x + 2, "%-4s ^E %c  %s", fk, b->chord, b->what);
    }
    mvaddstr(r++, x + 2, "Backspace, Delete    RUB OUT");
    mvaddstr(r++, x + 2, "CTRL-C               CTRL-C on the board (break)");
    mvaddstr(r++, x + 2, "^E ^E                types CTRL-E");
    mvaddstr(r + 1, x + 2, "any key closes this help");
}

static void type_byte(term *t, char ch)
{
    if (machine_type_text(t->m, &ch, 1) == 0) {
        t->held = (unsigned char)ch; /* the queue is full: retry before reading more keys */
        return;
    }
    t->last_typed = ch;
}

static void start_prompt(term *t, keys_action what)
{
    t->mode = MODE_PROMPT;
    t->prompt_for = what;
    t->plen = 0;
    t->prompt[0] = 0;
}

static void finish_prompt(term *t)
{
    char err[512] = "";
    int rc = 0;
    const char *path = t->prompt;
    t->mode = MODE_RUN;
    if (!*path) {
        say(t, "cancelled");
        return;
    }
    switch (t->prompt_for) {
    case KEYS_TAPE_INSERT:
        rc = machine_tape_insert(t->m, path, err, sizeof err);
        break;
    case KEYS_RECORD:
        rc = machine_tape_record(t->m, path, err, sizeof err);
        break;
    case KEYS_SAVE_STATE:
        rc = machine_save_state(t->m, path, err, sizeof err);
        break;
    case KEYS_LOAD_STATE:
        rc = machine_load_state(t->m, path, err, sizeof err);
        pacer_start(&t->pacer, MACHINE_CLOCK_HZ, machine_cycles(t->m));
        break;
    default:
        break;
    }
    if (rc != 0)
        say(t, err);
    else {
        char msg[300];
        snprintf(msg, sizeof msg, "done: %s", path);
        say(t, msg);
    }
}

static void prompt_key(term *t, int key)
{
    if (key == '\r' || key == '\n' || key == KEY_ENTER)
        finish_prompt(t);
    else if (key == 27) {
        t->mode = MODE_RUN;
        say(t, "cancelled");
    } else if ((key == KEY_BACKSPACE || key == 127 || key == 8) && t->plen > 0)
        t->prompt[--t->plen] = 0;
    else if (key >= 32 && key < 256 && key != 127 && t->plen < (int)sizeof t->prompt - 1) {
        t->prompt[t->plen++] = (char)key;
        t->prompt[t->plen] = 0;
    }
    t->status_shown[0] = 0;
}

static void open_debugger(term *t)
{
    t->mode = MODE_DEBUG;
    debugger_draw(&t->dbg, t->m, LINES, COLS);
}

static void close_overlay(term *t)
{
    t->mode = MODE_RUN;
    relayout(t);
    pacer_start(&t->pacer, MACHINE_CLOCK_HZ, machine_cycles(t->m));
}

static void do_action(term *t, keys_action a, char ch)
{
    machine_tape_status tape;
    char err[512];
    switch (a) {
    case KEYS_NONE:
        break;
    case KEYS_TYPE:
        type_byte(t, ch);
        break;
    case KEYS_RESIZE:
        relayout(t);
        break;
    case KEYS_HELP:
        t->mode = MODE_HELP;
        draw_help();
        break;
    case KEYS_BREAK:
        machine_reset(t->m);
        say(t, "BREAK: reset");
        break;
    case KEYS_SHIFT_LOCK:
        machine_set_shift_lock(t->m, !machine_shift_lock(t->m));
        break;
    case KEYS_REPEAT:
        if (t->last_typed)
            type_byte(t, t->last_typed);
        break;
    case KEYS_TAPE_EJECT:
        machine_tape_eject(t->m);
        say(t, "tape ejected");
        break;
    case KEYS_TAPE_REWIND:
        machine_tape_rewind(t->m);
        say(t, "tape rewound");
        break;
    case KEYS_TAPE_PLAY:
        machine_get_tape_status(t->m, &tape);
        if (tape.playing)
            machine_tape_stop(t->m);
        else if (tape.in_path)
            machine_tape_play(t->m);
        else
            say(t, "no tape in the player (F3 inserts one)");
        break;
    case KEYS_RECORD:
        machine_get_tape_status(t->m, &tape);
        if (!tape.out_path) {
            start_prompt(t, a);
        } else if (machine_tape_record_stop(t->m, err, sizeof err) != 0) {
            say(t, err);
        } else {
            say(t, "recording finished");
        }
        break;
    case KEYS_TAPE_INSERT:
    case KEYS_SAVE_STATE:
    case KEYS_LOAD_STATE:
        start_prompt(t, a);
        break;
    case KEYS_WARP:
        t->warp = !t->warp;
        pacer_start(&t->pacer, MACHINE_CLOCK_HZ, machine_cycles(t->m));
        break;
    case KEYS_DEBUGGER:
        open_debugger(t);
        break;
    case KEYS_QUIT:
        t->quit = true;
        break;
    }
    t->status_shown[0] = 0;
}

static void handle_key(term *t, int key)
{
    if (key == KEY_RESIZE) {
        if (t->mode == MODE_DEBUG)
            debugger_draw(&t->dbg, t->m, LINES, COLS);
        else {
            relayout(t);
            if (t->mode == MODE_HELP)
                draw_help();
        }
        return;
    }
    switch (t->mode) {
    case MODE_HELP:
        close_overlay(t);
        return;
    case MODE_PROMPT:
        prompt_key(t, key);
        return;
    case MODE_DEBUG:
        if (debugger_key(&t->dbg, t->m, key) == DEBUGGER_RESUME)
            close_overlay(t);
        else
            debugger_draw(&t->dbg, t->m, LINES, COLS);
        return;
    case MODE_RUN: {
        char ch = 0;
        keys_action a = keys_translate(&t->keys, key, &ch); /* sets ch: call it first */
        do_action(t, a, ch);
        return;
    }
    }
}

static void read_keys(term *t)
{
    if (t->held >= 0) {
        char ch = (char)t->held;
        if (machine_type_text(t->m, &ch, 1) == 0)
            return;
        t->held = -1;
        t->last_typed = ch;
    }
    int key;
    while (t->held < 0 && !t->quit && (key = getch()) != ERR)
        handle_key(t, key);
}

/* Runs one slice; a breakpoint opens the debugger. */
static void run_slice(term *t)
{
    emu_bridge_before_slice(t->bridge);
    machine_run(t->m, SLICE_CYCLES);
    if (cpu6502_stop_reason(machine_cpu(t->m)) == CPU6502_STOP_BREAKPOINT) {
        debugger_stopped(&t->dbg, t->m);
        open_debugger(t);
    }
}

static void run(term *t)
{
    if (t->mode == MODE_DEBUG)
        return;
    if (t->warp) {
        int64_t until = now_ns() + WARP_BURST_NS;
        while (t->mode != MODE_DEBUG && now_ns() < until)
            run_slice(t);
    } else if (pacer_ns_until(&t->pacer, machine_cycles(t->m)) == 0) {
        run_slice(t);
    } else {
        return; /* the speed is measured right after slices, not between them (a bridge wakes
                 * the loop more often: a window ending between slices would be one short) */
    }
    int64_t now = now_ns();
    if (now - t->speed_at >= SPEED_WINDOW_NS) {
        uint64_t c = machine_cycles(t->m);
        t->mhz = (double)(c - t->speed_cycles) * 1e3 / (double)(now - t->speed_at);
        t->speed_cycles = c;
        t->speed_at = now;
    }
}

/* Sleeps until the next slice is due (an absolute point of the pacer's clock, so no drift
 * accumulates), a key arrives or a signal interrupts, serving the bridge meanwhile (it may
 * shorten the sleep; the loop then simply comes round again). */
static void wait_for_work(term *t)
{
    int64_t ns;
    if (t->mode == MODE_DEBUG)
        ns = 250000000LL;
    else if (t->warp)
        ns = 0;
    else
        ns = pacer_ns_until(&t->pacer, machine_cycles(t->m));
    if (t->held >= 0 && ns > 10000000LL)
        ns = 10000000LL; /* the typing queue was full: look again soon */
    struct pollfd pfd = {.fd = STDIN_FILENO, .events = POLLIN};
    emu_bridge_poll(t->bridge, &pfd, 1, (int)((ns + 999999) / 1000000)); /* rounded up: never early */
}

static bool utf8_locale(void)
{
    const char *cs = nl_langinfo(CODESET);
    return cs && (!strcmp(cs, "UTF-8") || !strcmp(cs, "utf8"));
}

int terminal_run(machine *m, const terminal_options *opts)
{
    if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
        fprintf(stderr, "superboard-emu: the terminal front end needs a terminal on stdin and "
                        "stdout (use --headless for scripts)\n");
        return 2;
    }
    setlocale(LC_ALL, "");
    term t = {.m = m, .bridge = opts->bridge, .held = -1};
    t.scr = newterm(NULL, stdout, stdin);
    if (!t.scr) {
        fprintf(stderr, "superboard-emu: cannot use the terminal (TERM=%s)\n",
                getenv("TERM") ? getenv("TERM") : "unset");
        return 2;
    }
    /* raw: CTRL-C, CTRL-S, CTRL-Z are keys for the board, not for the tty */
    raw();
    noecho();
    nonl();
    keypad(stdscr, TRUE);
    nodelay(stdscr, TRUE);
    set_escdelay(50);
    curs_set(0);
    screen_view_init(&t.view, opts->full, opts->ascii || !utf8_locale());
    debugger_init(&t.dbg);
    relayout(&t);
    pacer_start(&t.pacer, MACHINE_CLOCK_HZ, machine_cycles(m));
    t.speed_cycles = machine_cycles(m);
    t.speed_at = now_ns();
    while (!t.quit && !shutdown_requested()) {
        read_keys(&t);
        run(&t);
        if (t.mode == MODE_RUN || t.mode == MODE_PROMPT) {
            screen_view_draw(&t.view, machine_video_ram(m));
            if (!t.view.too_small)
                draw_status(&t);
        }
        refresh();
        wait_for_work(&t);
    }
    endwin();
    delscreen(t.scr);
    return 0;
}
