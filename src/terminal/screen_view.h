/*
 * screen_view.h - draws the board's video RAM into an ncurses screen, inside a border.
 *
 * Model
 *   The view is a window into the 32 x 32 video RAM (columns 5-28 of rows 2-27, or all of
 *   it), one terminal cell per character cell, framed by a border and centred in the space
 *   above the status line. It remembers what each cell shows, so a redraw touches only the
 *   cells whose code changed. A glyph is the Unicode character of the charset table, or its
 *   ASCII fallback when asked for or when the terminal would not give it exactly one column
 *   (emoji sprites are two columns wide). After a resize the layout is recomputed and
 *   everything is drawn again; a terminal too small for the frame gets a message instead.
 *
 * Functions
 *   screen_view_init    window and glyph choice
 *   screen_view_layout  place the frame for a terminal of rows x cols (after a resize);
 *                       draws the border or the too-small message, marks all cells stale
 *   screen_view_draw    draw the cells that changed since the last call; returns how many
 *   screen_view_invalidate  forget what is shown (after an overlay covered it)
 *
 * Example
 *   screen_view v;
 *   screen_view_init(&v, false, false);
 *   screen_view_layout(&v, LINES, COLS);
 *   screen_view_draw(&v, machine_video_ram(m));
 *   refresh();
 */
#ifndef TERMINAL_SCREEN_VIEW_H
#define TERMINAL_SCREEN_VIEW_H

#include <stdbool.h>
#include <stdint.h>

#define SCREEN_VIEW_CELLS 1024

typedef struct screen_view {
    bool ascii;
    int col0, row0, cols, rows; /* the part of video RAM shown */
    int top, left;              /* terminal position of the first cell */
    bool too_small;
    int need_rows, need_cols;   /* terminal size the frame and status line need */
    int16_t shown[SCREEN_VIEW_CELLS]; /* code drawn in each cell, -1: not drawn */
} screen_view;

void screen_view_init(screen_view *v, bool full, bool ascii);
void screen_view_layout(screen_view *v, int term_rows, int term_cols);
int screen_view_draw(screen_view *v, const uint8_t *vram);
void screen_view_invalidate(screen_view *v);

#endif
