/* telnet.h -- the telnet protocol (RFC 854, 857, 858, 1143) as a pure state machine.
 *
 * Purpose: turn the bytes a telnet client sends into the keystrokes a Superboard should see,
 * produce the negotiation replies, and turn the board's output into valid NVT bytes. No
 * sockets, no allocation, no time: bytes in, bytes out, so every corner is unit-testable.
 *
 * Model (server side of a character-mode session):
 * - telnet_start() offers WILL ECHO and WILL SUPPRESS-GO-AHEAD (the board echoes what it gets;
 *   no line buffering in the client). Options are tracked with RFC 1143's "Q method" states
 *   per side (us / him), so a request for a state already in force is never acknowledged and
 *   negotiation cannot loop. We accept DO ECHO, DO SGA and WILL SGA; any other option is
 *   refused (WONT to DO, DONT to WILL). Disabling is always accepted.
 * - IAC IAC is the data byte 255; SB ... IAC SE is skipped (an IAC followed by anything but
 *   IAC or SE inside SB ends the block and is taken as a command, so a truncated block cannot
 *   swallow the session). IP becomes Ctrl-C (BASIC's break key); AYT is answered "[yes]";
 *   other commands (NOP, DM, BRK, AO, EC, EL, GA, unknown codes) are ignored.
 * - End of line from the client: CR NUL, CR LF and a lone CR or LF each give one CR (RETURN).
 * - To the client: each CR goes out as CR LF (a LF that follows it from the board is then
 *   dropped, so the board's own CR LF does not double-space) and data byte 255 is doubled.
 * All state survives between calls: a sequence may be split across reads at any byte.
 *
 * Functions:
 *   telnet_init(t)                          reset to the state of a fresh connection
 *   telnet_start(t, out)                    writes the opening offers (TELNET_START_LEN bytes)
 *   telnet_receive(t, in, n, data, &dlen, reply, &rlen)
 *       client bytes -> keystrokes `data` (at most n bytes) and replies for the client
 *       (at most TELNET_REPLY_BOUND(n) bytes)
 *   telnet_send(t, in, n, out)              board bytes -> client bytes (<= TELNET_SEND_BOUND(n))
 *   telnet_us_enabled / telnet_him_enabled  negotiated state of an option
 *
 * Example:
 *     telnet t; uint8_t out[TELNET_START_LEN];
 *     telnet_init(&t);
 *     send_to_client(out, telnet_start(&t, out));
 *     // on input:  telnet_receive(&t, buf, n, keys, &nkeys, reply, &nreply);
 *     // on board output: send_to_client(enc, telnet_send(&t, bytes, n, enc));
 */
#ifndef MODEM_TELNET_H
#define MODEM_TELNET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum {
    TELNET_SE = 240,
    TELNET_NOP = 241,
    TELNET_DM = 242,
    TELNET_BRK = 243,
    TELNET_IP = 244,
    TELNET_AO = 245,
    TELNET_AYT = 246,
    TELNET_EC = 247,
    TELNET_EL = 248,
    TELNET_GA = 249,
    TELNET_SB = 250,
    TELNET_WILL = 251,
    TELNET_WONT = 252,
    TELNET_DO = 253,
    TELNET_DONT = 254,
    TELNET_IAC = 255,
};

enum { TELNET_OPT_ECHO = 1, TELNET_OPT_SGA = 3 };

#define TELNET_START_LEN 6
#define TELNET_REPLY_BOUND(n) (7 * (size_t)(n))
#define TELNET_SEND_BOUND(n) (2 * (size_t)(n))

/* RFC 1143 option states. */
typedef enum { TQ_NO, TQ_YES, TQ_WANTNO, TQ_WANTYES } telnet_q;

typedef struct telnet {
    enum {
        TS_DATA,  /* ordinary data */
        TS_CR,    /* after a CR from the client: swallow one LF or NUL */
        TS_IAC,   /* after IAC */
        TS_VERB,  /* after IAC WILL/WONT/DO/DONT, waiting for the option */
        TS_SB,    /* inside a subnegotiation */
        TS_SB_IAC /* IAC inside a subnegotiation */
    } state;
    uint8_t verb;        /* the pending WILL/WONT/DO/DONT */
    bool sent_cr;        /* our last byte to the client was the CR of a CR LF */
    telnet_q us[256];    /* options on our side (we WILL) */
    telnet_q him[256];   /* options on the client's side (he WILL) */
} telnet;

void telnet_init(telnet *t);
size_t telnet_start(telnet *t, uint8_t *out);
void telnet_receive(telnet *t, const uint8_t *in, size_t n, uint8_t *data, size_t *data_len,
                    uint8_t *reply, size_t *reply_len);
size_t telnet_send(telnet *t, const uint8_t *in, size_t n, uint8_t *out);
bool telnet_us_enabled(const telnet *t, uint8_t opt);
bool telnet_him_enabled(const telnet *t, uint8_t opt);

#endif
