/*
 * shutdown.h - SIGINT/SIGTERM as a request to stop cleanly (so recordings are finished).
 *
 * Model: the handler only records the signal; the front end's loop checks
 * shutdown_requested() between slices, leaves the loop and frees the machine, which
 * finishes the tape being recorded. The recorded signal is the one piece of process-wide
 * state in the machine's code: a signal handler can reach nothing else.
 *
 * Functions: shutdown_install, shutdown_requested (the signal number, 0 for none).
 *
 * Example
 *   shutdown_install();
 *   while (!shutdown_requested()) machine_run(m, 10000);
 *   machine_free(m);
 */
#ifndef SUPERBOARD_SHUTDOWN_H
#define SUPERBOARD_SHUTDOWN_H

void shutdown_install(void);
int shutdown_requested(void);

#endif
