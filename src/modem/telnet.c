/* telnet.c -- see telnet.h for the model. */
#include "telnet.h"

#include <string.h>

#define CR 13
#define LF 10
#define CTRL_C 3

void telnet_init(telnet *t)
{
    memset(t, 0, sizeof *t); /* TS_DATA, every option TQ_NO */
}

size_t telnet_start(telnet *t, uint8_t *out)
{
    static const uint8_t offers[TELNET_START_LEN] = {
        TELNET_IAC, TELNET_WILL, TELNET_OPT_ECHO, TELNET_IAC, TELNET_WILL, TELNET_OPT_SGA,
    };
    t->us[TELNET_OPT_ECHO] = TQ_WANTYES;
    t->us[TELNET_OPT_SGA] = TQ_WANTYES;
    memcpy(out, offers, sizeof offers);
    return sizeof offers;
}

static bool we_support(uint8_t opt) { return opt == TELNET_OPT_ECHO || opt == TELNET_OPT_SGA; }
static bool we_accept_his(uint8_t opt) { return opt == TELNET_OPT_SGA; }

/* One RFC 1143 transition. `q` is the state of the option on the side the verb is about;
 * `enable` says whether the verb asks for the option on (WILL/DO) or off (WONT/DONT);
 * `agree` says whether we would accept enabling. Returns the verb to answer with, or 0. */
static uint8_t negotiate(telnet_q *q, bool enable, bool agree, uint8_t yes, uint8_t no)
{
    switch (*q) {
    case TQ_NO:
        if (!enable)
            return 0; /* already off: never acknowledge a state in force */
        if (agree) {
            *q = TQ_YES;
            return yes;
        }
        return no;
    case TQ_YES:
        if (enable)
            return 0;
        *q = TQ_NO;
        return no;
    case TQ_WANTNO:  /* our request to disable: either answer leaves it off (RFC 1143) */
    case TQ_WANTYES: /* our offer: accepted or refused, no reply either way */
        *q = enable && *q == TQ_WANTYES ? TQ_YES : TQ_NO;
        return 0;
    }
    return 0;
}

static size_t handle_verb(telnet *t, uint8_t verb, uint8_t opt, uint8_t *reply)
{
    uint8_t answer;
    switch (verb) {
    case TELNET_DO:
    case TELNET_DONT: /* about our side */
        answer = negotiate(&t->us[opt], verb == TELNET_DO, we_support(opt), TELNET_WILL, TELNET_WONT);
        break;
    default: /* WILL / WONT: about the client's side */
        answer = negotiate(&t->him[opt], verb == TELNET_WILL, we_accept_his(opt), TELNET_DO,
                           TELNET_DONT);
        break;
    }
    if (!answer)
        return 0;
    reply[0] = TELNET_IAC;
    reply[1] = answer;
    reply[2] = opt;
    return 3;
}

/* A command byte after IAC (outside a verb). Returns the new state; may emit data or a reply. */
static int handle_command(uint8_t cmd, telnet *t, uint8_t *data, size_t *dl, uint8_t *reply,
                          size_t *rl)
{
    static const char ayt[] = "[yes]\r\n";
    switch (cmd) {
    case TELNET_IAC:
        data[(*dl)++] = TELNET_IAC;
        return TS_DATA;
    case TELNET_WILL:
    case TELNET_WONT:
    case TELNET_DO:
    case TELNET_DONT:
        t->verb = cmd;
        return TS_VERB;
    case TELNET_SB:
        return TS_SB;
    case TELNET_IP:
        data[(*dl)++] = CTRL_C;
        return TS_DATA;
    case TELNET_AYT:
        memcpy(reply + *rl, ayt, sizeof ayt - 1);
        *rl += sizeof ayt - 1;
        return TS_DATA;
    default: /* NOP, DM, BRK, AO, EC, EL, GA, SE outside SB, unknown codes */
        return TS_DATA;
    }
}

void telnet_receive(telnet *t, const uint8_t *in, size_t n, uint8_t *data, size_t *data_len,
                    uint8_t *reply, size_t *reply_len)
{
    size_t dl = 0, rl = 0;
    for (size_t i = 0; i < n; i++) {
        uint8_t b = in[i];
        switch (t->state) {
        case TS_CR:
            t->state = TS_DATA;
            if (b == LF || b == 0)
                break; /* the second half of the client's end of line */
            /* A lone CR followed by something else: that byte is ordinary input. */
            /* fall through */
        case TS_DATA:
            if (b == TELNET_IAC) {
                t->state = TS_IAC;
            } else if (b == CR) {
                data[dl++] = CR;
                t->state = TS_CR;
            } else {
                data[dl++] = b == LF ? CR : b; /* nc and friends end lines with a lone LF */
            }
            break;
        case TS_IAC:
            t->state = handle_command(b, t, data, &dl, reply, &rl);
            break;
        case TS_VERB:
            rl += handle_verb(t, t->verb, b, reply + rl);
            t->state = TS_DATA;
            break;
        case TS_SB:
            if (b == TELNET_IAC)
                t->state = TS_SB_IAC;
            break;
        case TS_SB_IAC:
            if (b == TELNET_SE)
                t->state = TS_DATA;
            else if (b == TELNET_IAC)
                t->state = TS_SB; /* an escaped 255 inside the block */
            else
                t->state = handle_command(b, t, data, &dl, reply, &rl); /* block was cut short */
            break;
        }
    }
    *data_len = dl;
    *reply_len = rl;
}

size_t telnet_send(telnet *t, const uint8_t *in, size_t n, uint8_t *out)
{
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        uint8_t b = in[i];
        if (t->sent_cr && b == LF) {
            t->sent_cr = false; /* the board's own LF: already sent with the CR */
            continue;
        }
        if (b != 0) /* the board's padding NULs after CR do not end the CR LF pair */
            t->sent_cr = false;
        if (b == CR) {
            out[o++] = CR;
            out[o++] = LF;
            t->sent_cr = true;
        } else if (b == TELNET_IAC) {
            out[o++] = TELNET_IAC;
            out[o++] = TELNET_IAC;
        } else {
            out[o++] = b;
        }
    }
    return o;
}

bool telnet_us_enabled(const telnet *t, uint8_t opt) { return t->us[opt] == TQ_YES; }
bool telnet_him_enabled(const telnet *t, uint8_t opt) { return t->him[opt] == TQ_YES; }
