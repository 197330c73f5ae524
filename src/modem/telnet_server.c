/* telnet_server.c -- see telnet_server.h for the model. */
#define _GNU_SOURCE /* accept4 */
#include "telnet_server.h"

#include "telnet.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define CR 13
#define READ_CHUNK 64          /* client bytes decoded at a time */
#define OUT_CAP 8192           /* encoded bytes waiting for the client socket */
#define CLIENT_RCVBUF 4096     /* keep the kernel's share of a paste small: pushback is prompt */
#define DRAIN_POLL_MS 10       /* while bytes wait for a link that frees room without an fd */
#define ACCEPT_PAUSE_MS 100     /* after EMFILE: stop accepting for a while instead of spinning */
#define LINGER_MS 2000          /* after a client half-closes: wait this long for the board's answer */

struct telnet_server {
    telnet_server_config cfg;
    byte_link link;
    int listen_fd;
    int client_fd;
    bool client_eof;   /* the client has sent all it will (e.g. `echo RUN | nc`) */
    int64_t quiet_since; /* ms: last bytes to or from the board, for the linger after EOF */
    unsigned port;
    telnet proto;
    uint8_t *to_board; /* queue_limit + room for one chunk's expansion */
    size_t tb_cap, tb_len;
    uint8_t to_client[OUT_CAP];
    size_t tc_start, tc_len;
    int64_t accept_resume; /* ms */
    telnet_server_stats stats;
};

static int64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void logf_(const telnet_server *s, const char *fmt, ...)
{
    if (!s->cfg.log)
        return;
    va_list ap;
    va_start(ap, fmt);
    vfprintf(s->cfg.log, fmt, ap);
    va_end(ap);
    fflush(s->cfg.log);
}

telnet_server_config telnet_server_defaults(void)
{
    telnet_server_config c = {
        .host = "127.0.0.1",
        .port = 15000,
        .cr_nulls = 10,
        .queue_limit = 256,
        .banner = NULL,
        .busy_message = NULL,
        .log = NULL,
    };
    return c;
}

int telnet_parse_address(const char *spec, char *host, size_t hostlen, unsigned *port,
                         char *err, size_t errlen)
{
    const char *port_str = spec;
    const char *h = NULL;
    size_t hl = 0;
    if (spec[0] == '[') { /* [v6-address]:port */
        const char *close = strchr(spec, ']');
        if (!close || close[1] != ':') {
            snprintf(err, errlen, "bad address '%s': expected [HOST]:PORT", spec);
            return -1;
        }
        h = spec + 1;
        hl = (size_t)(close - h);
        port_str = close + 2;
    } else {
        const char *colon = strrchr(spec, ':');
        if (colon && strchr(spec, ':') != colon) {
            snprintf(err, errlen, "bad address '%s': write IPv6 hosts as [HOST]:PORT", spec);
            return -1;
        }
        if (colon) {
            h = spec;
            hl = (size_t)(colon - spec);
            port_str = colon + 1;
        }
    }
    char *end;
    errno = 0;
    unsigned long p = strtoul(port_str, &end, 10);
    if (!*port_str || *end || errno || p > 65535 || port_str[0] == '-' || port_str[0] == '+') {
        snprintf(err, errlen, "bad port '%s' in '%s': expected 0..65535", port_str, spec);
        return -1;
    }
    if (h && hl == 0) {
        snprintf(err, errlen, "bad address '%s': empty host", spec);
        return -1;
    }
    if (!h) {
        h = "127.0.0.1";
        hl = strlen(h);
    }
    if (hl + 1 > hostlen) {
        snprintf(err, errlen, "bad address '%s': host name too long", spec);
        return -1;
    }
    memcpy(host, h, hl);
    host[hl] = '\0';
    *port = (unsigned)p;
    return 0;
}

static int open_listener(const char *host, unsigned port, unsigned *bound, char *err, size_t errlen)
{
    struct addrinfo hints = {0}, *res = NULL;
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = AI_PASSIVE;
    char portbuf[16];
    snprintf(portbuf, sizeof portbuf, "%u", port);
    int rc = getaddrinfo(host, portbuf, &hints, &res);
    if (rc != 0) {
        snprintf(err, errlen, "cannot resolve '%s': %s", host, gai_strerror(rc));
        return -1;
    }
    int fd = -1, last_errno = 0;
    for (struct addrinfo *ai = res; ai; ai = ai->ai_next) {
        fd = socket(ai->ai_family, ai->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC, ai->ai_protocol);
        if (fd < 0) {
            last_errno = errno;
            continue;
        }
        int one = 1, rcv = CLIENT_RCVBUF;
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
        /* Set before listen() so accepted sockets inherit it with a matching TCP window. */
        setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &rcv, sizeof rcv);
        if (bind(fd, ai->ai_addr, ai->ai_addrlen) == 0 && listen(fd, 128) == 0)
            break;
        last_errno = errno;
        close(fd);
        fd = -1;
    }
    freeaddrinfo(res);
    if (fd < 0) {
        snprintf(err, errlen, "cannot listen on %s:%u: %s", host, port, strerror(last_errno));
        return -1;
    }
    struct sockaddr_storage ss;
    socklen_t len = sizeof ss;
    getsockname(fd, (struct sockaddr *)&ss, &len);
    *bound = ntohs(ss.ss_family == AF_INET6 ? ((struct sockaddr_in6 *)&ss)->sin6_port
                                            : ((struct sockaddr_in *)&ss)->sin_port);
    return fd;
}

telnet_server *telnet_server_open(const telnet_server_config *cfg, const byte_link *link,
                                  char *err, size_t errlen)
{
    if (cfg->cr_nulls > 1000 || cfg->queue_limit == 0 || cfg->queue_limit > (1u << 20)) {
        snprintf(err, errlen, "telnet server: cr_nulls must be 0..1000 and queue 1..1048576 bytes");
        return NULL;
    }
    telnet_server *s = calloc(1, sizeof *s);
    if (!s) {
        snprintf(err, errlen, "telnet server: out of memory");
        return NULL;
    }
    s->cfg = *cfg;
    s->link = *link;
    s->client_fd = -1;
    /* One chunk of client bytes can expand by the NULs after every CR in it. */
    s->tb_cap = cfg->queue_limit + (size_t)READ_CHUNK * (1 + cfg->cr_nulls);
    s->to_board = malloc(s->tb_cap);
    s->listen_fd = s->to_board ? open_listener(cfg->host, cfg->port, &s->port, err, errlen) : -1;
    if (s->listen_fd < 0) {
        if (!s->to_board)
            snprintf(err, errlen, "telnet server: out of memory");
        free(s->to_board);
        free(s);
        return NULL;
    }
    return s;
}

unsigned telnet_server_port(const telnet_server *s) { return s->port; }

telnet_server_stats telnet_server_stats_get(const telnet_server *s)
{
    telnet_server_stats st = s->stats;
    st.connected = s->client_fd >= 0;
    return st;
}

static void drop_client(telnet_server *s, const char *why)
{
    if (s->client_fd < 0)
        return;
    close(s->client_fd);
    s->client_fd = -1;
    s->tc_start = s->tc_len = 0;
    logf_(s, "telnet: client disconnected (%s)\n", why);
}

static void out_append(telnet_server *s, const void *p, size_t n)
{
    if (s->tc_start + s->tc_len + n > OUT_CAP) { /* compact: callers checked total room */
        memmove(s->to_client, s->to_client + s->tc_start, s->tc_len);
        s->tc_start = 0;
    }
    memcpy(s->to_client + s->tc_start + s->tc_len, p, n);
    s->tc_len += n;
}

static size_t out_room(const telnet_server *s) { return OUT_CAP - s->tc_len; }

static void flush_client(telnet_server *s)
{
    while (s->client_fd >= 0 && s->tc_len > 0) {
        ssize_t w = send(s->client_fd, s->to_client + s->tc_start, s->tc_len,
                         MSG_DONTWAIT | MSG_NOSIGNAL);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            if (errno != EAGAIN && errno != EWOULDBLOCK)
                drop_client(s, strerror(errno));
            return;
        }
        s->stats.to_client += (unsigned long long)w;
        s->tc_start += (size_t)w;
        s->tc_len -= (size_t)w;
        if (s->tc_len == 0)
            s->tc_start = 0;
    }
}

static void turn_away(telnet_server *s, int fd)
{
    const char *msg = s->cfg.busy_message
                          ? s->cfg.busy_message
                          : "Sorry, the board is busy: another telnet session is using it. "
                            "Please try again later.\r\n";
    ssize_t w = send(fd, msg, strlen(msg), MSG_DONTWAIT | MSG_NOSIGNAL);
    (void)w; /* best effort: the client is being closed either way */
    /* Half-close first so the message is delivered rather than reset by unread input. */
    shutdown(fd, SHUT_WR);
    close(fd);
    s->stats.turned_away++;
    logf_(s, "telnet: turned a client away (busy)\n");
}

static bool accept_paused(const telnet_server *s) { return now_ms() < s->accept_resume; }

static void accept_clients(telnet_server *s)
{
    for (;;) {
        struct sockaddr_storage ss;
        socklen_t len = sizeof ss;
        int fd = accept4(s->listen_fd, (struct sockaddr *)&ss, &len, SOCK_NONBLOCK | SOCK_CLOEXEC);
        if (fd < 0) {
            if (errno == EINTR || errno == ECONNABORTED)
                continue;
            if (errno == EMFILE || errno == ENFILE || errno == ENOBUFS || errno == ENOMEM) {
                s->accept_resume = now_ms() + ACCEPT_PAUSE_MS;
                logf_(s, "telnet: cannot accept: %s\n", strerror(errno));
            }
            return; /* EAGAIN: no more pending */
        }
        if (s->client_fd >= 0 && s->client_eof) {
            /* The current client half-closed: if our NOP probe has been reset, it is gone. */
            flush_client(s);
            struct pollfd p = {.fd = s->client_fd, .events = 0};
            if (s->client_fd >= 0 && poll(&p, 1, 0) == 1 && (p.revents & (POLLHUP | POLLERR)))
                drop_client(s, "closed by client");
        }
        if (s->client_fd >= 0) {
            turn_away(s, fd);
            continue;
        }
        s->client_fd = fd;
        s->client_eof = false;
        s->stats.accepted++;
        telnet_init(&s->proto);
        uint8_t offers[TELNET_START_LEN];
        out_append(s, offers, telnet_start(&s->proto, offers));
        if (s->cfg.banner) {
            size_t n = strlen(s->cfg.banner);
            out_append(s, s->cfg.banner, n < out_room(s) ? n : out_room(s));
        }
        char addr[INET6_ADDRSTRLEN] = "?";
        if (ss.ss_family == AF_INET)
            inet_ntop(AF_INET, &((struct sockaddr_in *)&ss)->sin_addr, addr, sizeof addr);
        else if (ss.ss_family == AF_INET6)
            inet_ntop(AF_INET6, &((struct sockaddr_in6 *)&ss)->sin6_addr, addr, sizeof addr);
        logf_(s, "telnet: client %s connected\n", addr);
    }
}

/* How many client bytes may be read now: their keystrokes (with NUL padding) must fit the
 * board queue and their negotiation replies the output buffer. 0 leaves the socket unread,
 * which is the flow control. */
static size_t client_read_allowance(const telnet_server *s)
{
    if (s->tb_len >= s->cfg.queue_limit || s->client_eof)
        return 0;
    size_t n = (s->tb_cap - s->tb_len) / (1 + s->cfg.cr_nulls);
    size_t by_out = out_room(s) / 7; /* TELNET_REPLY_BOUND per byte */
    if (n > by_out)
        n = by_out;
    return n > READ_CHUNK ? READ_CHUNK : n;
}

static void read_client(telnet_server *s)
{
    size_t allow = client_read_allowance(s);
    if (allow == 0 || s->client_fd < 0)
        return;
    uint8_t in[READ_CHUNK];
    ssize_t r = recv(s->client_fd, in, allow, MSG_DONTWAIT);
    if (r == 0) {
        /* Maybe only half-closed (`echo RUN | nc`): stay to deliver the board's answer. A
         * NOP probes the other half: a client that is really gone answers with a reset, which
         * poll() reports at once, so the board is free again within a round trip. */
        static const uint8_t nop[2] = {TELNET_IAC, TELNET_NOP};
        s->client_eof = true;
        s->quiet_since = now_ms();
        if (out_room(s) >= sizeof nop)
            out_append(s, nop, sizeof nop);
        return;
    }
    if (r < 0) {
        if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)
            drop_client(s, strerror(errno));
        return;
    }
    uint8_t data[READ_CHUNK], reply[TELNET_REPLY_BOUND(READ_CHUNK)];
    size_t dl, rl;
    telnet_receive(&s->proto, in, (size_t)r, data, &dl, reply, &rl);
    out_append(s, reply, rl);
    for (size_t i = 0; i < dl; i++) {
        s->to_board[s->tb_len++] = data[i];
        if (data[i] == CR) {
            memset(s->to_board + s->tb_len, 0, s->cfg.cr_nulls);
            s->tb_len += s->cfg.cr_nulls;
        }
    }
}

/* Moves bytes between the queues and the link, both ways, as far as each side allows. */
static void pump_link(telnet_server *s)
{
    if (s->tb_len > 0) {
        size_t room = byte_link_write_space(&s->link);
        size_t n = room < s->tb_len ? room : s->tb_len;
        if (n > 0) {
            n = byte_link_write(&s->link, s->to_board, n);
            memmove(s->to_board, s->to_board + n, s->tb_len - n);
            s->tb_len -= n;
            s->stats.to_board += n;
            s->quiet_since = now_ms();
        }
    }
    uint8_t buf[256], enc[TELNET_SEND_BOUND(256)];
    for (;;) {
        size_t want = sizeof buf;
        if (s->client_fd >= 0) {
            size_t room = out_room(s) / 2;
            if (room < want)
                want = room;
        }
        if (want == 0)
            break; /* the client is slow: leave the board's output in the link */
        size_t n = byte_link_read(&s->link, buf, want);
        if (n == 0)
            break;
        s->quiet_since = now_ms();
        if (s->client_fd >= 0)
            out_append(s, enc, telnet_send(&s->proto, buf, n, enc));
    }
}

/* A half-closed client is let go once its input is delivered and the board has been quiet. */
static int linger_left_ms(const telnet_server *s)
{
    if (s->client_fd < 0 || !s->client_eof)
        return -1;
    if (s->tb_len > 0 || s->tc_len > 0)
        return LINGER_MS;
    int64_t left = s->quiet_since + LINGER_MS - now_ms();
    return left > 0 ? (int)left : 0;
}

size_t telnet_server_pollfds(telnet_server *s, struct pollfd *fds)
{
    size_t n = 0;
    if (!accept_paused(s))
        fds[n++] = (struct pollfd){.fd = s->listen_fd, .events = POLLIN};
    if (s->client_fd >= 0) {
        short ev = 0;
        if (client_read_allowance(s) > 0)
            ev |= POLLIN;
        if (s->tc_len > 0)
            ev |= POLLOUT;
        fds[n++] = (struct pollfd){.fd = s->client_fd, .events = ev};
    }
    /* Poll the link only while its output has somewhere to go, or the fd would stay readable. */
    int wfd = byte_link_wake_fd(&s->link);
    if (wfd >= 0 && (s->client_fd < 0 || out_room(s) / 2 > 0))
        fds[n++] = (struct pollfd){.fd = wfd, .events = POLLIN};
    return n;
}

void telnet_server_handle(telnet_server *s, const struct pollfd *fds, size_t n)
{
    /* The client first: a client that just left must be gone before a newcomer is judged. */
    for (size_t i = 0; i < n; i++) {
        if (fds[i].fd == s->client_fd && s->client_fd >= 0 && fds[i].revents) {
            if (fds[i].revents & POLLOUT)
                flush_client(s);
            if (fds[i].revents & (POLLIN | POLLHUP | POLLERR))
                read_client(s);
            if ((fds[i].revents & (POLLHUP | POLLERR)) && !(fds[i].revents & POLLIN))
                drop_client(s, "connection lost");
        }
    }
    for (size_t i = 0; i < n; i++)
        if (fds[i].fd == s->listen_fd && (fds[i].revents & POLLIN))
            accept_clients(s);
    /* Keep going while there is progress: a drained queue lets more of the client in. */
    for (int round = 0; round < 8; round++) {
        size_t before_tb = s->tb_len, before_tc = s->tc_len;
        pump_link(s);
        read_client(s); /* room may have opened: the socket is read only up to it */
        flush_client(s);
        if (s->tb_len == before_tb && s->tc_len == before_tc)
            break;
    }
    if (linger_left_ms(s) == 0)
        drop_client(s, "closed by client");
}

int telnet_server_timeout(const telnet_server *s)
{
    if (s->tb_len > 0 || byte_link_wake_fd(&s->link) < 0 || accept_paused(s))
        return DRAIN_POLL_MS;
    return linger_left_ms(s);
}

int telnet_server_step(telnet_server *s, int timeout_ms)
{
    struct pollfd fds[TELNET_SERVER_MAX_POLLFDS];
    size_t n = telnet_server_pollfds(s, fds);
    int t = telnet_server_timeout(s);
    if (t < 0 || (timeout_ms >= 0 && timeout_ms < t))
        t = timeout_ms;
    int rc = poll(fds, n, t);
    if (rc < 0 && errno != EINTR)
        return -1;
    if (rc <= 0)
        for (size_t i = 0; i < n; i++)
            fds[i].revents = 0;
    telnet_server_handle(s, fds, n);
    return 0;
}

void telnet_server_close(telnet_server *s)
{
    if (!s)
        return;
    drop_client(s, "server closing");
    close(s->listen_fd);
    free(s->to_board);
    free(s);
}
