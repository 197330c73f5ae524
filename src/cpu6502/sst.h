/*
 * sst.h - runs single-instruction tests in the SingleStepTests JSON format on the core.
 *
 * Format: an array of tests, each {"name", "initial", "final", "cycles"}; initial/final hold
 * pc s a x y p and "ram": [[addr, value], ...]; "cycles" lists every bus cycle in order as
 * [addr, value, "read"|"write"]. Each test runs one instruction (cpu6502_step) in 64 KiB of
 * flat RAM and compares PC, S, A, X, Y, P (bits 4 and 5 are not compared: they are not
 * flip-flops in the chip), every final RAM byte and the number of cycles; with `bus`, every
 * access in order (the RAM is then mapped as a device so dummy accesses are seen too).
 *
 * Example
 *   sst_stats st = {0};
 *   if (sst_run_file("a9.json", true, &st, stdout, 5) < 0) ...   // bad file: message printed
 *   printf("%lu passed, %lu failed\n", st.passed, st.failed);
 */
#ifndef SST_H
#define SST_H

#include <stdbool.h>
#include <stdio.h>

typedef struct {
    unsigned long passed, failed;
} sst_stats;

/* Runs every test of one file, adds to st, prints "FILE: N passed, M failed" and the first
 * `max_report` failures to out. Returns 0, or -1 (message on stderr) when the file cannot be
 * read or is not a valid test file. */
int sst_run_file(const char *path, bool bus, sst_stats *st, FILE *out, unsigned max_report);

#endif
