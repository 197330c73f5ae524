/*
 * cli.h - what kcs-encode and kcs-decode share: reading numbers from options with a clear
 * error, reading a whole input file, and the one-line "program: file: problem" error style.
 *
 * Example
 *   int rate;
 *   if (cli_int("kcs-encode", "--rate", optarg, 8000, 192000, &rate)) return 2;
 */
#ifndef KCS_CLI_H
#define KCS_CLI_H

#include <stddef.h>
#include <stdint.h>

/* Parse a whole decimal number in [min, max]; print an error and return -1 if it is not one. */
int cli_int(const char *prog, const char *option, const char *text, long min, long max, int *out);
int cli_double(const char *prog, const char *option, const char *text, double min, double max, double *out);
/* Reads all of path ("-" = stdin) into *data (malloc'd); -1 with an error printed on failure. */
int cli_read_all(const char *prog, const char *path, uint8_t **data, size_t *len);
/* Does path end in ext (case-insensitive, ext with its dot)? */
int cli_has_ext(const char *path, const char *ext);

#endif
