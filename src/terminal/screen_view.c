/* screen_view.c - the board's screen in ncurses (see screen_view.h). */
#include "screen_view.h"

#include <curses.h>
#include <stdio.h>
#include <string.h>
#include <wchar.h>

#include "charset.h"
#include "machine.h"

void screen_view_init(screen_view *v, bool full, bool ascii)
{
    memset(v, 0, sizeof *v);
    v->ascii = ascii;
    v->col0 = full ? 0 : MACHINE_WINDOW_COL0;
    v->cols = full ? MACHINE_SCREEN_COLS : MACHINE_WINDOW_COLS;
    v->row0 = full ? 0 : MACHINE_WINDOW_ROW0;
    v->rows = full ? MACHINE_SCREEN_ROWS : MACHINE_WINDOW_ROWS;
    /* border above and below, status line under everything */
    v->need_rows = v->rows + 3;
    v->need_cols = v->cols + 2;
    screen_view_invalidate(v);
}

void screen_view_invalidate(screen_view *v)
{
    for (int i = 0; i < SCREEN_VIEW_CELLS; i++)
        v->shown[i] = -1;
}

void screen_view_layout(screen_view *v, int term_rows, int term_cols)
{
    erase();
    screen_view_invalidate(v);
    v->too_small = term_rows < v->need_rows || term_cols < v->need_cols;
    if (v->too_small) {
        char msg[160];
        snprintf(msg, sizeof msg, "Terminal too small: %dx%d, need %dx%d", term_cols,
                 term_rows, v->need_cols, v->need_rows);
        int y = term_rows / 2, x = (term_cols - (int)strlen(msg)) / 2;
        mvaddnstr(y < 0 ? 0 : y, x < 0 ? 0 : x, msg, term_cols);
        return;
    }
    /* centred in the rows above the status line */
    v->top = (term_rows - 1 - (v->rows + 2)) / 2 + 1;
    v->left = (term_cols - (v->cols + 2)) / 2 + 1;
    int y0 = v->top - 1, x0 = v->left - 1, y1 = v->top + v->rows, x1 = v->left + v->cols;
    mvaddch(y0, x0, ACS_ULCORNER);
    mvaddch(y0, x1, ACS_URCORNER);
    mvaddch(y1, x0, ACS_LLCORNER);
    mvaddch(y1, x1, ACS_LRCORNER);
    mvhline(y0, x0 + 1, ACS_HLINE, v->cols);
    mvhline(y1, x0 + 1, ACS_HLINE, v->cols);
    mvvline(y0 + 1, x0, ACS_VLINE, v->rows);
    mvvline(y0 + 1, x1, ACS_VLINE, v->rows);
}

static void draw_cell(const screen_view *v, int y, int x, uint8_t code)
{
    wchar_t wc = (wchar_t)charset_unicode(code);
    if (!v->ascii && wcwidth(wc) == 1) {
        wchar_t s[2] = {wc, 0};
        cchar_t cc;
        setcchar(&cc, s, A_NORMAL, 0, NULL);
        mvadd_wch(y, x, &cc);
    } else {
        mvaddch(y, x, (chtype)(unsigned char)charset_ascii(code));
    }
}

int screen_view_draw(screen_view *v, const uint8_t *vram)
{
    if (v->too_small)
        return 0;
    int drawn = 0;
    for (int r = 0; r < v->rows; r++) {
        for (int c = 0; c < v->cols; c++) {
            int i = (v->row0 + r) * MACHINE_SCREEN_COLS + v->col0 + c;
            if (v->shown[i] == vram[i])
                continue;
            v->shown[i] = vram[i];
            draw_cell(v, v->top + r, v->left + c, vram[i]);
            drawn++;
        }
    }
    return drawn;
}
