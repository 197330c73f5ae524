/* shutdown.c - SIGINT/SIGTERM recorded for a clean stop (shutdown.h). */
#include "shutdown.h"

#include <signal.h>
#include <string.h>

static volatile sig_atomic_t requested_signal;

static void on_signal(int sig) { requested_signal = sig; }

void shutdown_install(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
}

int shutdown_requested(void) { return requested_signal; }
