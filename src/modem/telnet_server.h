/* telnet_server.h -- a poll()-based telnet server that bridges one client to a byte link.
 *
 * Purpose: `telnet localhost 15000` reaches a board (the real one through the audio modem, or
 * the emulated one through its ACIA). One client at a time; anyone else who connects meanwhile
 * gets a polite one-line message and is closed.
 *
 * Model: the server owns a listening socket and at most one client socket, all non-blocking.
 * Client bytes go through the telnet state machine (telnet.h) into a bounded queue for the
 * board, with `cr_nulls` NULs added after each CR so a slow BASIC keeps up. The client socket
 * is read only while that queue has room, and the queue drains no faster than the link's
 * write_space allows (i.e. at the board's baud rate), so a fast paste is held back by TCP flow
 * control and nothing is dropped. Board output is encoded (CR LF, doubled IAC) into a bounded
 * output buffer; the link is read only while that buffer has room. While nobody is connected,
 * board output is discarded; bytes already queued for the board are still delivered after a
 * client leaves (they were typed). Memory is allocated once at open; fds are the listener and
 * one client, so nothing grows with the number of connections.
 *
 * Integration: the server does not own time. A host event loop either calls
 * telnet_server_step(s, timeout) (poll + work), or adds telnet_server_pollfds() to its own
 * poll() set and calls telnet_server_handle() after it. The link's wake_fd, if any, is polled
 * too; links without one (the emulator's ACIA) are pumped whenever the host calls in.
 *
 * Functions:
 *   telnet_parse_address("[HOST:]PORT", host, hostlen, &port)   default host 127.0.0.1
 *   telnet_server_open(&cfg, &link, err, errlen)  -> server or NULL (err says why)
 *   telnet_server_port(s)                          the bound port (useful with port 0)
 *   telnet_server_step(s, timeout_ms)              poll() at most timeout_ms (-1: no limit) and serve
 *   telnet_server_pollfds / telnet_server_handle / telnet_server_timeout   for a host's own poll()
 *   telnet_server_stats(s)                         counters
 *   telnet_server_close(s)
 *
 * Example:
 *     telnet_server_config cfg = telnet_server_defaults();
 *     cfg.port = 15000;
 *     telnet_server *s = telnet_server_open(&cfg, &link, err, sizeof err);
 *     while (running) telnet_server_step(s, 1000);
 *     telnet_server_close(s);
 */
#ifndef MODEM_TELNET_SERVER_H
#define MODEM_TELNET_SERVER_H

#include "byte_link.h"

#include <poll.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

typedef struct telnet_server_config {
    const char *host;         /* numeric address or name to bind; "127.0.0.1" by default */
    unsigned port;            /* 0 = any free port (see telnet_server_port) */
    unsigned cr_nulls;        /* NULs sent to the board after each CR (default 10) */
    size_t queue_limit;       /* bytes waiting for the board, before the socket is left unread */
    const char *banner;       /* sent to each client after the negotiation offers; NULL: none */
    const char *busy_message; /* sent to clients turned away; NULL: a default */
    FILE *log;                /* one line per connection event; NULL: silent */
} telnet_server_config;

typedef struct telnet_server_stats {
    unsigned long accepted;       /* clients bridged */
    unsigned long turned_away;    /* clients told the board is busy */
    unsigned long long to_board;  /* bytes delivered to the link (NUL padding included) */
    unsigned long long to_client; /* bytes written to client sockets */
    bool connected;               /* a client is bridged now */
} telnet_server_stats;

typedef struct telnet_server telnet_server;

telnet_server_config telnet_server_defaults(void);
/* Returns 0, or -1 with a message in err for a malformed spec or a port outside 0..65535. */
int telnet_parse_address(const char *spec, char *host, size_t hostlen, unsigned *port,
                         char *err, size_t errlen);

telnet_server *telnet_server_open(const telnet_server_config *cfg, const byte_link *link,
                                  char *err, size_t errlen);
unsigned telnet_server_port(const telnet_server *s);
int telnet_server_step(telnet_server *s, int timeout_ms);

#define TELNET_SERVER_MAX_POLLFDS 3
size_t telnet_server_pollfds(telnet_server *s, struct pollfd *fds);
void telnet_server_handle(telnet_server *s, const struct pollfd *fds, size_t n);
/* The longest a host may sleep before calling in again: -1 when only fds matter, a few ms
 * while bytes wait for a link that has no wake-up fd or that must drain. */
int telnet_server_timeout(const telnet_server *s);

telnet_server_stats telnet_server_stats_get(const telnet_server *s);
void telnet_server_close(telnet_server *s);

#endif
