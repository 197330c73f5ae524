/* echo_board -- a test fixture: the telnet server (telnet_server.h) bridged to a serial line
 * with a loopback plug, i.e. a byte link that takes one byte at a time at BAUD (11 bits per
 * byte, like the Superboard's ACIA with two stop bits) and hands each byte back once it has
 * been "transmitted". It lets the server's flow control and protocol be tested with real
 * sockets and real clients at a real, slow line rate.
 *
 * usage: echo_board [--listen [HOST:]PORT] [--baud N] [--cr-nulls N] [--queue N]
 * Prints "port N" on stdout once listening; runs until SIGTERM, SIGINT or stdin closes. */
#include "telnet_server.h"

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

typedef struct loop_line {
    double byte_time;   /* seconds per byte */
    double busy_until;  /* when the byte in the transmitter is done */
    int in_flight;      /* -1, or the byte being transmitted */
    uint8_t rx[8192];   /* bytes back through the plug, not yet read */
    size_t rx_len;
    unsigned long dropped;
} loop_line;

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

static void line_update(loop_line *l)
{
    if (l->in_flight >= 0 && now_s() >= l->busy_until) {
        if (l->rx_len < sizeof l->rx)
            l->rx[l->rx_len++] = (uint8_t)l->in_flight;
        else
            l->dropped++;
        l->in_flight = -1;
    }
}

static size_t line_read(void *ctx, uint8_t *buf, size_t max)
{
    loop_line *l = ctx;
    line_update(l);
    size_t n = l->rx_len < max ? l->rx_len : max;
    memcpy(buf, l->rx, n);
    memmove(l->rx, l->rx + n, l->rx_len - n);
    l->rx_len -= n;
    return n;
}

static size_t line_write_space(void *ctx)
{
    loop_line *l = ctx;
    line_update(l);
    return l->in_flight < 0 ? 1 : 0;
}

static size_t line_write(void *ctx, const uint8_t *buf, size_t n)
{
    loop_line *l = ctx;
    if (n == 0 || line_write_space(l) == 0)
        return 0;
    l->in_flight = buf[0];
    l->busy_until = now_s() + l->byte_time;
    return 1;
}

static const byte_link_ops line_ops = {line_read, line_write_space, line_write, NULL};

static volatile sig_atomic_t stop;
static void on_signal(int sig) { (void)sig; stop = 1; }

int main(int argc, char **argv)
{
    telnet_server_config cfg = telnet_server_defaults();
    char host[256] = "127.0.0.1", err[256];
    unsigned baud = 300;
    cfg.port = 0;
    cfg.log = stderr;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (!v) {
            fprintf(stderr, "echo_board: %s needs a value\n", a);
            return 2;
        }
        if (!strcmp(a, "--listen")) {
            if (telnet_parse_address(v, host, sizeof host, &cfg.port, err, sizeof err) != 0) {
                fprintf(stderr, "echo_board: %s\n", err);
                return 2;
            }
        } else if (!strcmp(a, "--baud"))
            baud = (unsigned)atoi(v);
        else if (!strcmp(a, "--cr-nulls"))
            cfg.cr_nulls = (unsigned)atoi(v);
        else if (!strcmp(a, "--queue"))
            cfg.queue_limit = (size_t)atoi(v);
        else {
            fprintf(stderr, "echo_board: unknown option %s\n", a);
            return 2;
        }
        i++;
    }
    cfg.host = host;
    loop_line line = {.byte_time = 11.0 / (baud ? baud : 300), .in_flight = -1};
    byte_link link = {&line_ops, &line};
    telnet_server *s = telnet_server_open(&cfg, &link, err, sizeof err);
    if (!s) {
        fprintf(stderr, "echo_board: %s\n", err);
        return 1;
    }
    signal(SIGTERM, on_signal);
    signal(SIGINT, on_signal);
    printf("port %u\n", telnet_server_port(s));
    fflush(stdout);
    while (!stop) {
        struct pollfd fds[TELNET_SERVER_MAX_POLLFDS + 1];
        size_t n = telnet_server_pollfds(s, fds);
        fds[n] = (struct pollfd){.fd = 0, .events = POLLIN};
        int t = telnet_server_timeout(s);
        if (poll(fds, n + 1, t) < 0 && errno != EINTR)
            break;
        if (fds[n].revents) {
            char c;
            if (read(0, &c, 1) <= 0)
                break;
        }
        telnet_server_handle(s, fds, n);
    }
    telnet_server_stats st = telnet_server_stats_get(s);
    fprintf(stderr, "echo_board: accepted %lu, turned away %lu, dropped %lu\n", st.accepted,
            st.turned_away, line.dropped);
    telnet_server_close(s);
    return 0;
}
