/* keys.c - host key -> front end action (see keys.h). */
#include "keys.h"

#include <curses.h>
#include <ctype.h>

const keys_binding keys_table[] = {
    {KEYS_HELP, 1, 'h', "this help"},
    {KEYS_BREAK, 2, 'b', "BREAK: reset the 6502"},
    {KEYS_SHIFT_LOCK, 0, 'k', "SHIFT LOCK up/down"},
    {KEYS_REPEAT, 0, 'r', "REPEAT: the last key again"},
    {KEYS_TAPE_INSERT, 3, 'i', "insert a tape (file)"},
    {KEYS_TAPE_EJECT, 4, 'j', "eject the tape"},
    {KEYS_TAPE_REWIND, 5, 'w', "rewind the tape"},
    {KEYS_TAPE_PLAY, 6, 'p', "play / stop the tape"},
    {KEYS_RECORD, 7, 'o', "start / stop recording (file)"},
    {KEYS_WARP, 8, 'f', "warp (full speed) on/off"},
    {KEYS_SAVE_STATE, 9, 's', "save the machine state (file)"},
    {KEYS_LOAD_STATE, 10, 'l', "load a machine state (file)"},
    {KEYS_DEBUGGER, 11, 'd', "debugger"},
    {KEYS_QUIT, 12, 'q', "quit"},
};
const int keys_table_len = (int)(sizeof keys_table / sizeof keys_table[0]);

keys_action keys_translate(keys *k, int key, char *ch)
{
    if (key == KEY_RESIZE)
        return KEYS_RESIZE;
    if (k->prefix) {
        k->prefix = false;
        if (key == KEYS_PREFIX) {
            *ch = (char)KEYS_PREFIX;
            return KEYS_TYPE;
        }
        for (int i = 0; i < keys_table_len; i++)
            if (key >= 0 && key < 256 && keys_table[i].chord == tolower(key))
                return keys_table[i].action;
        return KEYS_NONE;
    }
    if (key == KEYS_PREFIX) {
        k->prefix = true;
        return KEYS_NONE;
    }
    for (int i = 0; i < keys_table_len; i++)
        if (keys_table[i].fkey && key == KEY_F(keys_table[i].fkey))
            return keys_table[i].action;
    switch (key) {
    case KEY_BACKSPACE:
    case KEY_DC:
        *ch = 127; /* RUB OUT */
        return KEYS_TYPE;
    case KEY_ENTER:
        *ch = '\r';
        return KEYS_TYPE;
    default:
        break;
    }
    if (key >= 0 && key < 128) {
        *ch = (char)key;
        return KEYS_TYPE;
    }
    return KEYS_NONE;
}
