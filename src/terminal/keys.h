/*
 * keys.h - the host keys of the terminal front end: what each one does.
 *
 * Model
 *   Plain characters are typed on the board (through the machine's typing queue, the same
 *   mapping as headless --type). The board's own keys a PC lacks and the emulator's
 *   commands sit on function keys and, for terminals without them, on two-key chords:
 *   CTRL-E then a letter (CTRL-E is not a key the Superboard's ROMs use; CTRL-E twice types
 *   it). CTRL-C is typed on the board as CTRL-C (BASIC's break), never a host signal.
 *   The table `keys_table` drives both the translation and the help overlay.
 *
 * Functions
 *   keys_translate  one ncurses key code -> an action (and the byte to type for KEYS_TYPE);
 *                   keeps the CTRL-E prefix state in `keys`
 *
 * Example
 *   keys k = {0};
 *   char ch;
 *   keys_action a = keys_translate(&k, getch(), &ch);
 *   if (a == KEYS_TYPE) machine_type_text(m, &ch, 1);
 */
#ifndef TERMINAL_KEYS_H
#define TERMINAL_KEYS_H

#include <stdbool.h>

typedef enum keys_action {
    KEYS_NONE,        /* nothing (or the CTRL-E prefix was pressed) */
    KEYS_TYPE,        /* type the byte */
    KEYS_HELP,
    KEYS_BREAK,       /* the BREAK key: reset the CPU */
    KEYS_SHIFT_LOCK,  /* toggle SHIFT LOCK */
    KEYS_REPEAT,      /* the REPEAT key: the last typed key again */
    KEYS_TAPE_INSERT,
    KEYS_TAPE_EJECT,
    KEYS_TAPE_REWIND,
    KEYS_TAPE_PLAY,   /* play / stop */
    KEYS_RECORD,      /* start / stop recording */
    KEYS_WARP,
    KEYS_SAVE_STATE,
    KEYS_LOAD_STATE,
    KEYS_DEBUGGER,
    KEYS_QUIT,
    KEYS_RESIZE
} keys_action;

typedef struct keys_binding {
    keys_action action;
    int fkey;            /* function key number, 0: none */
    char chord;          /* letter after CTRL-E, 0: none */
    const char *what;
} keys_binding;

extern const keys_binding keys_table[];
extern const int keys_table_len;

typedef struct keys {
    bool prefix;         /* CTRL-E was the last key */
} keys;

#define KEYS_PREFIX 5    /* CTRL-E */

keys_action keys_translate(keys *k, int key, char *ch);

#endif
