/* keyboard.c - the $DF00 matrix and the typing queue (see keyboard.h for the model). */
#include "keyboard.h"

#include <stdlib.h>
#include <string.h>

/* The matrix, rows 1-7, columns b7..b0 (0 = no key). Row 5 b4 is LINE FEED, b3 RETURN;
 * row 6 b2 is RUB OUT. */
enum { K_LF = 0x0A, K_CR = 0x0D, K_RUBOUT = 0x7F };
static const uint8_t matrix[8][8] = {
    {0},
    {'Q', 'A', 'Z', ' ', '/', ';', 'P', 0},
    {'X', 'C', 'V', 'B', 'N', 'M', ',', 0},
    {'S', 'D', 'F', 'G', 'H', 'J', 'K', 0},
    {'W', 'E', 'R', 'T', 'Y', 'U', 'I', 0},
    {'.', 'L', 'O', K_LF, K_CR, 0, 0, 0},
    {'8', '9', '0', ':', '-', K_RUBOUT, 0, 0},
    {'1', '2', '3', '4', '5', '6', '7', 0},
};

/* The plain key that types `c`, as row and bit; -1 when none. */
static int find_key(uint8_t c, keyboard_chord *k)
{
    for (int row = 1; row < 8; row++)
        for (int col = 0; col < 8; col++)
            if (matrix[row][col] && matrix[row][col] == c) {
                k->row = (uint8_t)row;
                k->bit = (uint8_t)(0x80 >> col);
                return 0;
            }
    return -1;
}

/* SHIFT on 1-9 : ; P subtracts $10; on , - . / K L M N O it adds $10. */
static int unshifted_of(uint8_t c)
{
    if ((c >= '!' && c <= ')') || c == '*' || c == '+' || c == '@')
        return c + 0x10;
    if ((c >= '<' && c <= '?') || (c >= '[' && c <= '_'))
        return c - 0x10;
    return -1;
}

int keyboard_map_char(uint8_t c, bool shift_lock, keyboard_chord *out)
{
    keyboard_chord k = {0, 0, 0, -1};
    if (c == 0x1B) {
        k.row = 0;
        k.bit = KEY_ESC;
        *out = k;
        return 0;
    }
    if (c == '\n')
        c = K_CR;
    if (c == 0x08)
        c = K_RUBOUT;
    if (c >= 'a' && c <= 'z') {
        if (find_key((uint8_t)(c - 32), &k) != 0)
            return -1;
        k.lock = shift_lock ? -1 : 0;
        *out = k;
        return 0;
    }
    if (c >= 'A' && c <= 'Z') {
        if (find_key(c, &k) != 0)
            return -1;
        if (!shift_lock)
            k.mods = KEY_LEFT_SHIFT;
        *out = k;
        return 0;
    }
    if (find_key(c, &k) == 0) {
        k.lock = 1;
        *out = k;
        return 0;
    }
    if (c >= 1 && c <= 26 && c != K_CR) {
        find_key((uint8_t)(c + 0x40), &k);
        k.mods = KEY_CTRL;
        k.lock = 1;
        *out = k;
        return 0;
    }
    int base = unshifted_of(c);
    if (base >= 0 && find_key((uint8_t)base, &k) == 0) {
        k.mods = KEY_LEFT_SHIFT;
        k.lock = 1;
        *out = k;
        return 0;
    }
    return -1;
}

int keyboard_init(keyboard *kb)
{
    memset(kb, 0, sizeof *kb);
    kb->latch = 0xFF;
    kb->shift_lock = true;
    kb->queue = malloc(KEYBOARD_QUEUE_SIZE);
    return kb->queue ? 0 : -1;
}

void keyboard_free(keyboard *kb)
{
    free(kb->queue);
    kb->queue = NULL;
}

void keyboard_write(keyboard *kb, uint8_t value) { kb->latch = value; }

/* The pressed keys of one row as a bit mask (1 = down). */
static uint8_t row_down(const keyboard *kb, int row)
{
    uint8_t down = 0;
    bool pressing = kb->phase == KB_PRESSING;
    bool lock = kb->shift_lock;
    if (pressing && kb->chord.lock >= 0)
        lock = kb->chord.lock == 1;
    if (row == 0) {
        if (lock)
            down |= KEY_SHIFT_LOCK;
        if (pressing)
            down |= kb->chord.mods;
    }
    if (pressing && kb->chord.row == row)
        down |= kb->chord.bit;
    return down;
}

uint8_t keyboard_peek(const keyboard *kb, uint8_t latch)
{
    uint8_t value = 0xFF;
    for (int row = 0; row < 8; row++)
        if (!(latch & (1u << row)))
            value &= (uint8_t)~row_down(kb, row);
    return value;
}

/* Takes the next typeable byte off the queue and presses its keys; idle when none. */
static void next_key(keyboard *kb)
{
    kb->phase = KB_IDLE;
    kb->scans = 0;
    while (kb->count > 0) {
        uint8_t c = kb->queue[kb->head];
        kb->head = (kb->head + 1) % KEYBOARD_QUEUE_SIZE;
        kb->count--;
        bool lf_after_cr = c == '\n' && kb->last_was_cr;
        kb->last_was_cr = c == '\r';
        if (lf_after_cr)
            continue;
        if (keyboard_map_char(c, kb->shift_lock, &kb->chord) == 0) {
            kb->phase = KB_PRESSING;
            return;
        }
    }
}

/* A read starts a new pass over the matrix when it comes KEYBOARD_SCAN_GAP cycles after the
 * previous read, or when it selects rows this pass read KEYBOARD_REREAD_GAP or more cycles
 * ago (a loop scanning without a delay); a quick second look at a row stays in the pass. */
static bool starts_pass(keyboard *kb, uint64_t cycle)
{
    uint8_t l = kb->latch;
    bool fresh = !kb->have_read || cycle - kb->last_read >= KEYBOARD_SCAN_GAP ||
                 (kb->latch_pass[l] == kb->pass && cycle - kb->latch_time[l] >= KEYBOARD_REREAD_GAP);
    kb->have_read = true;
    kb->last_read = cycle;
    if (fresh)
        kb->pass++;
    if (kb->latch_pass[l] != kb->pass) {
        kb->latch_pass[l] = kb->pass;
        kb->latch_time[l] = cycle;
    }
    return fresh;
}

uint8_t keyboard_read(keyboard *kb, uint64_t cycle)
{
    if (starts_pass(kb, cycle)) {
        /* Keys change only between passes, so no pass sees half a chord. */
        if (kb->phase == KB_PRESSING && kb->scans >= KEYBOARD_HOLD_SCANS) {
            kb->phase = KB_RELEASING;
            kb->scans = 0;
        } else if (kb->phase == KB_RELEASING && kb->scans >= KEYBOARD_RELEASE_SCANS) {
            next_key(kb);
        }
    }
    if (kb->phase != KB_IDLE && !(kb->latch & (1u << kb->chord.row)) &&
        kb->counted_pass != kb->pass) {
        kb->counted_pass = kb->pass;
        kb->scans++;
    }
    return keyboard_peek(kb, kb->latch);
}

size_t keyboard_type(keyboard *kb, const char *text, size_t len)
{
    size_t n = 0;
    for (; n < len && kb->count < KEYBOARD_QUEUE_SIZE; n++) {
        kb->queue[(kb->head + kb->count) % KEYBOARD_QUEUE_SIZE] = (uint8_t)text[n];
        kb->count++;
    }
    if (kb->phase == KB_IDLE)
        next_key(kb);
    return n;
}

size_t keyboard_pending(const keyboard *kb)
{
    return kb->count + (kb->phase == KB_PRESSING && kb->scans < KEYBOARD_SEEN_SCANS ? 1 : 0);
}

void keyboard_clear(keyboard *kb)
{
    kb->count = 0;
    kb->phase = KB_IDLE;
    kb->scans = 0;
}
