/*
 * kcs_svg.h - pictures of a tape as SVG files, from a kcs_analysis:
 *   kcs_svg_report: the whole recording at a glance: signal level along the tape with its
 *     silence, carrier and data regions, the measured speed (baud) of every byte, and every
 *     framing error marked;
 *   kcs_svg_plot: a time window: the waveform with the decoder's view over it: bit cells with
 *     their sign-change counts and decisions, byte boundaries with the decoded characters, and
 *     framing errors.
 * Both have labelled axes with units and a legend. 0, or -1 with a message naming the file.
 */
#ifndef KCS_SVG_H
#define KCS_SVG_H

#include <stddef.h>

#include "kcs_analysis.h"

int kcs_svg_report(const kcs_analysis *a, const char *path, const char *title, char *err, size_t errlen);
int kcs_svg_plot(const kcs_analysis *a, const char *path, const char *title, char *err, size_t errlen);

#endif
