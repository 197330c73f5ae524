/* echo_board -- a test fixture: the telnet server (telnet_server.h) bridged to a serial line
 * with a loopback plug, i.e. a byte link with a 16-byte transmit FIFO that sends at BAUD (11
 * bits per byte, like the Superboard's ACIA with two stop bits) and hands each byte back once
 * it has been "transmitted". It lets the server's flow control and protocol be tested with real
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

#define FIFO 16

typedef struct loop_line {
    double byte_time;      /* seconds per byte */
    uint8_t tx[FIFO];      /* bytes queued in the transmitter */
    double done[FIFO];     /* when each of them has been sent */
    size_t tx_len;
    uint8_t rx[8192];      /* bytes back through the plug, not yet read */
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
    double now = now_s();
    size_t sent = 0;
    while (sent < l->tx_len && l->done[sent] <= now) {
        if (l->rx_len < sizeof l->rx)
            l->rx[l->rx_len++] = l->tx[sent];
        else
            l->dropped++;
        sent++;
    }
    memmove(l->tx, l->tx + sent, l->tx_len - sent);
    memmove(l->done, l->done + sent, (l->tx_len - sent) * sizeof l->done[0]);
    l->tx_len -= sent;
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
    return FIFO - l->tx_len;
}

static size_t line_write(void *ctx, const uint8_t *buf, size_t n)
{
    loop_line *l = ctx;
    size_t room = line_write_space(l), k;
    for (k = 0; k < n && k < room; k++) {
        double start = l->tx_len ? l->done[l->tx_len - 1] : now_s();
        l->tx[l->tx_len] = buf[k];
        l->done[l->tx_len++] = start + l->byte_time;
    }
    return k;
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
    for (int i = 1; i < argc; i += 2) {    /* options come in pairs: --name value */
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
    }
    cfg.host = host;
    loop_line line = {.byte_time = 11.0 / (baud ? baud : 300)};
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
