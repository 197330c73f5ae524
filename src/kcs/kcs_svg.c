/* kcs_svg.c - SVG pictures of a tape (kcs_svg.h). */
#include "kcs_svg.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#define W 1200
#define LEFT 80
#define RIGHT 30
#define PLOT_W (W - LEFT - RIGHT)

static const char style[] =
    "<style>text{font-family:DejaVu Sans,Arial,sans-serif;font-size:12px;fill:#222}"
    ".title{font-size:16px;font-weight:bold}.axis{stroke:#444;stroke-width:1}"
    ".grid{stroke:#ddd;stroke-width:1}.err{stroke:#d62728;stroke-width:1.5}"
    ".lbl{font-size:11px}</style>\n";

/* A tick step of 1, 2 or 5 times a power of ten giving about `n` ticks over `span`. */
static double nice_step(double span, int n)
{
    double raw = span / n, p = pow(10, floor(log10(raw))), f = raw / p;
    return (f < 1.5 ? 1 : f < 3.5 ? 2 : f < 7.5 ? 5 : 10) * p;
}

typedef struct { double t0, t1, v0, v1; int top, height; } frame;

static double fx(const frame *f, double t) { return LEFT + (t - f->t0) / (f->t1 - f->t0) * PLOT_W; }
static double fy(const frame *f, double v) { return f->top + f->height - (v - f->v0) / (f->v1 - f->v0) * f->height; }

/* Axes, grid and labels of one panel. */
static void axes(FILE *o, const frame *f, const char *xlabel, const char *ylabel)
{
    fprintf(o, "<rect x='%d' y='%d' width='%d' height='%d' fill='#fafafa' stroke='#888'/>\n", LEFT, f->top, PLOT_W, f->height);
    double s = nice_step(f->t1 - f->t0, 10);
    for (double t = ceil(f->t0 / s) * s; t <= f->t1 + 1e-9; t += s) {
        double x = fx(f, t);
        fprintf(o, "<line class='grid' x1='%.1f' y1='%d' x2='%.1f' y2='%d'/>", x, f->top, x, f->top + f->height);
        fprintf(o, "<text x='%.1f' y='%d' text-anchor='middle'>%g</text>\n", x, f->top + f->height + 15, fabs(t) < 1e-12 ? 0 : t);
    }
    s = nice_step(f->v1 - f->v0, 5);
    for (double v = ceil(f->v0 / s) * s; v <= f->v1 + 1e-9; v += s) {
        double y = fy(f, v);
        fprintf(o, "<line class='grid' x1='%d' y1='%.1f' x2='%d' y2='%.1f'/>", LEFT, y, LEFT + PLOT_W, y);
        fprintf(o, "<text x='%d' y='%.1f' text-anchor='end'>%g</text>\n", LEFT - 6, y + 4, fabs(v) < 1e-12 ? 0 : v);
    }
    if (xlabel)
        fprintf(o, "<text x='%d' y='%d' text-anchor='middle'>%s</text>\n", LEFT + PLOT_W / 2, f->top + f->height + 32, xlabel);
    fprintf(o, "<text transform='translate(%d,%d) rotate(-90)' text-anchor='middle'>%s</text>\n", 22,
            f->top + f->height / 2, ylabel);
}

static void legend(FILE *o, int x, int y, const char *const *names, const char *const *colors, int n)
{
    for (int i = 0; i < n; i++, x += 150) {
        fprintf(o, "<rect x='%d' y='%d' width='14' height='10' fill='%s'/>", x, y - 9, colors[i]);
        fprintf(o, "<text x='%d' y='%d'>%s</text>\n", x + 19, y, names[i]);
    }
}

static void escape(FILE *o, const char *s)
{
    for (; *s; s++) {
        if (*s == '<') fputs("&lt;", o);
        else if (*s == '>') fputs("&gt;", o);
        else if (*s == '&') fputs("&amp;", o);
        else if (*s == '\'') fputs("&apos;", o);
        else fputc(*s, o);
    }
}

static FILE *open_svg(const char *path, int height, const char *title, char *err, size_t errlen)
{
    FILE *o = fopen(path, "w");
    if (!o) {
        snprintf(err, errlen, "%s: %s", path, strerror(errno));
        return NULL;
    }
    fprintf(o, "<?xml version='1.0' encoding='UTF-8'?>\n<svg xmlns='http://www.w3.org/2000/svg' width='%d' height='%d' "
               "viewBox='0 0 %d %d'>\n<title>", W, height, W, height);
    escape(o, title);
    fprintf(o, "</title>\n%s<rect width='100%%' height='100%%' fill='white'/>\n", style);
    return o;
}

static int close_svg(FILE *o, const char *path, char *err, size_t errlen)
{
    fputs("</svg>\n", o);
    if (ferror(o) | fclose(o)) {
        snprintf(err, errlen, "%s: write error", path);
        return -1;
    }
    return 0;
}

/* Silence, carrier or data, for the block starting at time t. */
enum { SILENCE, CARRIER, DATA };
static int region(const kcs_analysis *a, size_t block, size_t *next_byte)
{
    double t = block * KCS_ANALYSIS_BLOCK_SECONDS, byte_len = 11.0 / a->baud;
    while (*next_byte < a->nbytes && a->bytes[*next_byte].time + byte_len < t)
        (*next_byte)++;
    if (*next_byte < a->nbytes && a->bytes[*next_byte].time < t + KCS_ANALYSIS_BLOCK_SECONDS)
        return DATA;
    return a->level_dbfs[block] < -60 ? SILENCE : CARRIER;
}

int kcs_svg_report(const kcs_analysis *a, const char *path, const char *title, char *err, size_t errlen)
{
    int height = 620;
    FILE *o = open_svg(path, height, title, err, errlen);
    if (!o)
        return -1;
    double seconds = (double)a->samples / a->rate;
    if (seconds <= 0)
        seconds = 1;
    size_t good = 0, errors = 0;
    double speed_sum = 0, smin = 1e9, smax = -1e9;
    for (size_t i = 0; i < a->nbytes; i++) {
        double baud = a->bytes[i].speed * a->baud;
        if (a->bytes[i].framing_error) {
            errors++;
        } else {
            good++;
            speed_sum += baud;
        }
        smin = fmin(smin, baud);
        smax = fmax(smax, baud);
    }
    fprintf(o, "<text class='title' x='%d' y='24'>Tape report: ", LEFT);
    escape(o, title);
    fprintf(o, "</text>\n<text x='%d' y='44'>%.1f s of audio, %zu bytes, %zu framing errors, mean speed %.1f baud "
               "(%+.1f%% of %d)</text>\n", LEFT, seconds, good, errors, good ? speed_sum / good : 0.0,
            good ? 100 * (speed_sum / good / a->baud - 1) : 0.0, a->baud);

    /* the level, with the regions as a strip under it */
    frame lv = {0, seconds, -80, 0, 70, 220};
    axes(o, &lv, NULL, "level (dBFS)");
    size_t next_byte = 0;
    static const char *const region_color[] = {"#c7c7c7", "#9ecae1", "#74c476"};
    int strip_y = lv.top + lv.height + 22;
    for (size_t b = 0; b < a->blocks; b++) {
        int kind = region(a, b, &next_byte);
        double x0 = fx(&lv, b * KCS_ANALYSIS_BLOCK_SECONDS), x1 = fx(&lv, (b + 1) * KCS_ANALYSIS_BLOCK_SECONDS);
        fprintf(o, "<rect x='%.2f' y='%d' width='%.2f' height='12' fill='%s'/>", x0, strip_y, fmax(x1 - x0, 0.3),
                region_color[kind]);
    }
    fputs("\n<polyline fill='none' stroke='#1f77b4' stroke-width='1' points='", o);
    size_t step = a->blocks / (2 * PLOT_W) + 1;     /* the loudest block of each step */
    for (size_t b = 0; b < a->blocks; b += step) {
        float m = -200;
        for (size_t k = b; k < b + step && k < a->blocks; k++)
            m = fmaxf(m, a->level_dbfs[k]);
        fprintf(o, "%.1f,%.1f ", fx(&lv, b * KCS_ANALYSIS_BLOCK_SECONDS), fy(&lv, fmax(m, lv.v0)));
    }
    fputs("'/>\n", o);

    /* the speed of every byte */
    double lo = fmin(smin, a->baud * 0.97), hi = fmax(smax, a->baud * 1.03);
    if (a->nbytes == 0)
        lo = a->baud * 0.9, hi = a->baud * 1.1;
    frame sp = {0, seconds, floor(lo - 1), ceil(hi + 1), strip_y + 40, 200};
    axes(o, &sp, "time (s)", "speed (baud)");
    fprintf(o, "<line x1='%d' y1='%.1f' x2='%d' y2='%.1f' stroke='#555' stroke-dasharray='6,4'/>\n", LEFT, fy(&sp, a->baud),
            LEFT + PLOT_W, fy(&sp, a->baud));
    fputs("<g fill='#2ca02c'>", o);
    for (size_t i = 0; i < a->nbytes; i++)
        if (!a->bytes[i].framing_error)
            fprintf(o, "<circle cx='%.1f' cy='%.1f' r='1.5'/>", fx(&sp, a->bytes[i].time), fy(&sp, a->bytes[i].speed * a->baud));
    fputs("</g>\n", o);

    /* every framing error, across both panels */
    fputs("<g class='errors'>", o);
    for (size_t i = 0; i < a->nbytes; i++)
        if (a->bytes[i].framing_error) {
            double x = fx(&lv, a->bytes[i].time);
            fprintf(o, "<line class='err' x1='%.1f' y1='%d' x2='%.1f' y2='%d'><title>framing error at %.3f s</title></line>",
                    x, lv.top, x, sp.top + sp.height, a->bytes[i].time);
        }
    fputs("</g>\n", o);
    static const char *const names[] = {"signal level", "data", "carrier", "silence", "speed of a byte", "framing error"};
    static const char *const colors[] = {"#1f77b4", "#74c476", "#9ecae1", "#c7c7c7", "#2ca02c", "#d62728"};
    legend(o, LEFT, height - 12, names, colors, 6);
    return close_svg(o, path, err, errlen);
}

int kcs_svg_plot(const kcs_analysis *a, const char *path, const char *title, char *err, size_t errlen)
{
    int height = 560;
    FILE *o = open_svg(path, height, title, err, errlen);
    if (!o)
        return -1;
    double t0 = a->win_start, t1 = a->win_end;
    fprintf(o, "<text class='title' x='%d' y='24'>Decoder view: ", LEFT);
    escape(o, title);
    fprintf(o, ", %.3f s to %.3f s</text>\n", t0, t1);

    double peak = 0.05;
    for (size_t i = 0; i < a->wave_n; i++)
        peak = fmax(peak, fabs(a->wave[i]));
    frame wf = {t0, t1, -peak * 1.1, peak * 1.1, 50, 260};
    axes(o, &wf, NULL, "amplitude (full scale)");
    fputs("<polyline fill='none' stroke='#1f77b4' stroke-width='0.8' points='", o);
    size_t step = a->wave_n / (4 * PLOT_W) + 1;    /* min and max of each step keep the envelope */
    for (size_t i = 0; i < a->wave_n; i += step) {
        float lo = a->wave[i], hi = a->wave[i];
        for (size_t k = i; k < i + step && k < a->wave_n; k++)
            lo = fminf(lo, a->wave[k]), hi = fmaxf(hi, a->wave[k]);
        double x = fx(&wf, a->wave_t0 + (double)i / a->rate);
        fprintf(o, "%.2f,%.1f %.2f,%.1f ", x, fy(&wf, lo), x, fy(&wf, hi));
    }
    fputs("'/>\n", o);

    /* the bit cells: count and decision; the lane under the waveform */
    frame lane = {t0, t1, 0, 1, wf.top + wf.height + 30, 90};
    fprintf(o, "<text x='%d' y='%d' text-anchor='end' class='lbl'>half cycles</text>", LEFT - 6, lane.top + 30);
    fprintf(o, "<text x='%d' y='%d' text-anchor='end' class='lbl'>bit</text>\n", LEFT - 6, lane.top + 60);
    for (size_t i = 0; i < a->nbits; i++) {
        const kcs_bit_record *b = &a->bits[i];
        double x0 = fmax(fx(&lane, b->start), LEFT), x1 = fmin(fx(&lane, b->end), LEFT + PLOT_W);
        if (x1 <= x0)
            continue;
        const char *fill = b->index == 0 ? "#fdd0a2" : b->index == 9 ? (b->bit ? "#c7e9c0" : "#fcbba1")
                                                                  : b->bit ? "#deebf7" : "#efedf5";
        fprintf(o, "<rect x='%.1f' y='%d' width='%.1f' height='70' fill='%s' stroke='#999'/>", x0, lane.top + 10, x1 - x0, fill);
        fprintf(o, "<text x='%.1f' y='%d' text-anchor='middle' class='lbl'>%d</text>", (x0 + x1) / 2, lane.top + 30,
                b->sign_changes);
        fprintf(o, "<text x='%.1f' y='%d' text-anchor='middle'>%s</text>\n", (x0 + x1) / 2, lane.top + 60,
                b->index == 0 ? "S" : b->index == 9 ? (b->bit ? "P" : "!") : b->bit ? "1" : "0");
    }
    /* byte boundaries with the decoded characters, framing errors in red */
    double byte_len = 11.0 / a->baud;
    for (size_t i = 0; i < a->nbytes; i++) {
        const kcs_byte_record *b = &a->bytes[i];
        if (b->time + byte_len < t0 || b->time > t1)
            continue;
        double x = fx(&wf, b->time);
        if (x >= LEFT && x <= LEFT + PLOT_W)
            fprintf(o, "<line x1='%.1f' y1='%d' x2='%.1f' y2='%d' stroke='%s' stroke-width='%s'/>", x, wf.top, x,
                    lane.top + lane.height, b->framing_error ? "#d62728" : "#555", b->framing_error ? "2" : "1");
        double cx = fx(&wf, b->time + byte_len / 2);
        if (cx < LEFT || cx > LEFT + PLOT_W)
            continue;
        char label[16];
        if (b->byte >= 0x21 && b->byte < 0x7F && b->byte != '<' && b->byte != '>' && b->byte != '&' && b->byte != '\'')
            snprintf(label, sizeof label, "%c", b->byte);
        else
            snprintf(label, sizeof label, "%02X", b->byte);
        fprintf(o, "<text x='%.1f' y='%d' text-anchor='middle' style='font-family:monospace;font-size:14px;fill:%s'>%s%s</text>\n",
                cx, lane.top + lane.height + 22, b->framing_error ? "#d62728" : "#222", label,
                b->framing_error ? " (framing error)" : "");
    }
    fprintf(o, "<text x='%d' y='%d' text-anchor='middle'>time (s)</text>\n", LEFT + PLOT_W / 2, lane.top + lane.height + 48);
    static const char *const names[] = {"waveform", "start bit", "1 bit", "0 bit", "stop bit", "framing error"};
    static const char *const colors[] = {"#1f77b4", "#fdd0a2", "#deebf7", "#efedf5", "#c7e9c0", "#d62728"};
    legend(o, LEFT, height - 12, names, colors, 6);
    return close_svg(o, path, err, errlen);
}
