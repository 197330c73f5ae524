/* Unit tests of the telnet state machine (telnet.h), byte by byte, including sequences split
 * at every position and broken ones. */
#include "telnet.h"

#include <stdio.h>
#include <string.h>

static int failures;

#define CHECK(cond, ...)                                                                        \
    do {                                                                                        \
        if (!(cond)) {                                                                          \
            failures++;                                                                         \
            fprintf(stderr, "%s:%d: ", __FILE__, __LINE__);                                     \
            fprintf(stderr, __VA_ARGS__);                                                       \
            fputc('\n', stderr);                                                                \
        }                                                                                       \
    } while (0)

typedef struct {
    uint8_t data[4096];
    size_t dlen;
    uint8_t reply[4096];
    size_t rlen;
} result;

/* Feeds `in` split into pieces of `step` bytes (0: all at once) and gathers the outputs. */
static result feed(telnet *t, const uint8_t *in, size_t n, size_t step)
{
    result r = {.dlen = 0};
    if (step == 0)
        step = n ? n : 1;
    for (size_t i = 0; i < n; i += step) {
        size_t k = n - i < step ? n - i : step;
        size_t dl, rl;
        uint8_t d[64], rep[TELNET_REPLY_BOUND(64)];
        telnet_receive(t, in + i, k, d, &dl, rep, &rl);
        CHECK(dl <= k, "data longer than input");
        CHECK(rl <= TELNET_REPLY_BOUND(k), "reply longer than bound");
        memcpy(r.data + r.dlen, d, dl);
        r.dlen += dl;
        memcpy(r.reply + r.rlen, rep, rl);
        r.rlen += rl;
    }
    return r;
}

static void dump(const char *what, const uint8_t *p, size_t n)
{
    fprintf(stderr, "  %s:", what);
    for (size_t i = 0; i < n; i++)
        fprintf(stderr, " %u", p[i]);
    fputc('\n', stderr);
}

/* Checks one input against expected data and reply, fed whole and in every split size. */
static void expect(const char *name, const uint8_t *in, size_t n, const uint8_t *data, size_t dn,
                   const uint8_t *reply, size_t rn, int started)
{
    for (size_t step = 0; step <= (n > 8 ? 8 : n); step++) {
        telnet t;
        telnet_init(&t);
        if (started) {
            uint8_t offers[TELNET_START_LEN];
            telnet_start(&t, offers);
        }
        result r = feed(&t, in, n, step);
        if (r.dlen != dn || memcmp(r.data, data, dn) != 0 || r.rlen != rn ||
            memcmp(r.reply, reply, rn) != 0) {
            CHECK(0, "%s (split %zu): wrong output", name, step);
            dump("data", r.data, r.dlen);
            dump("want", data, dn);
            dump("reply", r.reply, r.rlen);
            dump("want", reply, rn);
            return;
        }
    }
}

#define B(...) ((const uint8_t[]){__VA_ARGS__}), sizeof((const uint8_t[]){__VA_ARGS__})
#define NONE ((const uint8_t *)""), 0
enum { IAC = 255, WILL = 251, WONT = 252, DO = 253, DONT = 254, SB = 250, SE = 240, NOP = 241 };

static void test_start(void)
{
    telnet t;
    telnet_init(&t);
    uint8_t out[TELNET_START_LEN];
    size_t n = telnet_start(&t, out);
    const uint8_t want[] = {IAC, WILL, 1, IAC, WILL, 3};
    CHECK(n == sizeof want && memcmp(out, want, n) == 0, "opening offers");
    CHECK(!telnet_us_enabled(&t, 1), "ECHO not on before the client agrees");
    uint8_t d[8], r[64];
    size_t dl, rl;
    telnet_receive(&t, B(IAC, DO, 1, IAC, DO, 3), d, &dl, r, &rl);
    CHECK(dl == 0 && rl == 0, "accepting our offers needs no reply (got %zu bytes)", rl);
    CHECK(telnet_us_enabled(&t, 1) && telnet_us_enabled(&t, 3), "ECHO and SGA on");
    /* Repeated DO for a state in force: never acknowledged. */
    telnet_receive(&t, B(IAC, DO, 1, IAC, DO, 1), d, &dl, r, &rl);
    CHECK(rl == 0, "no reply to a DO already in force");
    /* The client turns ECHO off (line mode): must be accepted, once. */
    telnet_receive(&t, B(IAC, DONT, 1), d, &dl, r, &rl);
    CHECK(rl == 3 && r[0] == IAC && r[1] == WONT && r[2] == 1, "DONT ECHO answered WONT");
    CHECK(!telnet_us_enabled(&t, 1), "ECHO off");
    telnet_receive(&t, B(IAC, DONT, 1), d, &dl, r, &rl);
    CHECK(rl == 0, "a second DONT is not answered");
    /* And back on: we agree again. */
    telnet_receive(&t, B(IAC, DO, 1), d, &dl, r, &rl);
    CHECK(rl == 3 && r[1] == WILL && r[2] == 1 && telnet_us_enabled(&t, 1), "DO ECHO again");
}

static void test_refusals(void)
{
    /* The client offers terminal type (24) and window size (31): refused with DONT. */
    expect("refuse WILL", B(IAC, WILL, 24, IAC, WILL, 31), NONE,
           B(IAC, DONT, 24, IAC, DONT, 31), 1);
    /* The client asks us for binary (0) and linemode (34): WONT. */
    expect("refuse DO", B(IAC, DO, 0, IAC, DO, 34), NONE, B(IAC, WONT, 0, IAC, WONT, 34), 1);
    /* Disabling an option that is off: no reply (loops start here otherwise). */
    expect("WONT when off", B(IAC, WONT, 24, IAC, DONT, 0), NONE, NONE, 1);
    /* The client offers SGA from its side: accepted, once. */
    expect("accept WILL SGA", B(IAC, WILL, 3, IAC, WILL, 3), NONE, B(IAC, DO, 3), 1);
    /* Client refuses our offers: no reply, options stay off. */
    expect("DONT to our WILL", B(IAC, DONT, 1, IAC, DONT, 3), NONE, NONE, 1);
    /* Without having offered, a DO ECHO is accepted with WILL. */
    expect("unsolicited DO ECHO", B(IAC, DO, 1), NONE, B(IAC, WILL, 1), 0);
}

static void test_data(void)
{
    expect("plain", B('P', 'R', 'I', 'N', 'T'), B('P', 'R', 'I', 'N', 'T'), NONE, 1);
    expect("IAC IAC", B('A', IAC, IAC, 'B'), B('A', 255, 'B'), NONE, 1);
    expect("CR NUL", B('A', 13, 0, 'B'), B('A', 13, 'B'), NONE, 1);
    expect("CR LF", B('A', 13, 10, 'B'), B('A', 13, 'B'), NONE, 1);
    expect("lone LF", B('A', 10, 'B', 10), B('A', 13, 'B', 13), NONE, 1);
    expect("lone CR", B('A', 13, 'B'), B('A', 13, 'B'), NONE, 1);
    expect("CR CR LF", B(13, 13, 10), B(13, 13), NONE, 1);
    expect("CR LF LF", B(13, 10, 10), B(13, 13), NONE, 1);
    expect("CR then IAC IAC", B(13, IAC, IAC), B(13, 255), NONE, 1);
    expect("CR then command", B(13, IAC, DO, 1, 10), B(13, 13), NONE, 1);
    expect("NUL passes", B('A', 0, 'B'), B('A', 0, 'B'), NONE, 1);
    expect("IP is Ctrl-C", B(IAC, 244, 'X'), B(3, 'X'), NONE, 1);
    expect("AYT", B(IAC, 246), NONE, B('[', 'y', 'e', 's', ']', 13, 10), 1);
    expect("ignored commands", B(IAC, 241, IAC, 242, IAC, 243, IAC, 245, IAC, 247, IAC, 248,
                                 IAC, 249, IAC, SE, 'Z'),
           B('Z'), NONE, 1);
    expect("unknown command code", B(IAC, 7, 'Q'), B('Q'), NONE, 1);
}

static void test_subnegotiation(void)
{
    expect("SB skipped", B('A', IAC, SB, 24, 0, 'x', 't', 'e', 'r', 'm', IAC, SE, 'B'),
           B('A', 'B'), NONE, 1);
    expect("SB with escaped IAC", B(IAC, SB, 31, 0, IAC, IAC, 0, 24, IAC, SE, 'C'), B('C'), NONE,
           1);
    expect("SB cut by a command", B(IAC, SB, 24, 'j', 'u', 'n', 'k', IAC, DO, 0, 'D'), B('D'),
           B(IAC, WONT, 0), 1);
    expect("SB cut by IAC data command", B(IAC, SB, 24, IAC, 244, 'E'), B(3, 'E'), NONE, 1);
    expect("SE without SB", B(IAC, SE, 'F'), B('F'), NONE, 1);
}

static void test_broken(void)
{
    /* Truncated sequences at the end of the stream leave the machine waiting, harmlessly. */
    telnet t;
    telnet_init(&t);
    result r = feed(&t, B(IAC), 0);
    CHECK(r.dlen == 0 && r.rlen == 0, "lone IAC");
    r = feed(&t, B(WILL), 0);
    CHECK(r.dlen == 0 && r.rlen == 0, "IAC WILL waits for its option");
    r = feed(&t, B(24, 'A'), 0);
    CHECK(r.rlen == 3 && r.reply[1] == DONT && r.dlen == 1 && r.data[0] == 'A',
          "split refusal completes");
    /* 64 KB of pseudo-random garbage: the outputs respect their bounds (checked in feed) and
     * the machine still understands a clean sequence afterwards, once any SB is closed. */
    static uint8_t junk[65536];
    unsigned x = 12345;
    for (size_t i = 0; i < sizeof junk; i++) {
        x = x * 1103515245u + 12345u;
        junk[i] = (uint8_t)(x >> 16);
    }
    for (size_t step = 1; step <= 64; step *= 4) {
        telnet_init(&t);
        for (size_t off = 0; off < sizeof junk; off += 4096)
            (void)feed(&t, junk + off, 4096, step);
        (void)feed(&t, B(IAC, SE, 'o', 'k'), 0); /* leaves any SB, or is data otherwise */
        r = feed(&t, B(IAC, NOP, 'Z'), 0);
        CHECK(r.dlen == 1 && r.data[0] == 'Z', "after garbage (step %zu): clean data flows", step);
    }
}

static void test_send(void)
{
    telnet t;
    telnet_init(&t);
    uint8_t out[64];
    size_t n = telnet_send(&t, B('4', '2', 13, 10, 'O', 'K', 13, 0, 0, 10, 'X', IAC, 13), out);
    const uint8_t want[] = {'4', '2', 13, 10, 'O', 'K', 13, 10, 0, 0, 'X', IAC, IAC, 13, 10};
    CHECK(n == sizeof want && memcmp(out, want, n) == 0, "board output encoding");
    if (n != sizeof want || memcmp(out, want, n) != 0)
        dump("got", out, n);
    /* CR at the end of one chunk, its LF at the start of the next. */
    telnet_init(&t);
    n = telnet_send(&t, B('A', 13), out);
    n += telnet_send(&t, B(10, 'B'), out + n);
    const uint8_t want2[] = {'A', 13, 10, 'B'};
    CHECK(n == sizeof want2 && memcmp(out, want2, n) == 0, "CR LF split across chunks");
    /* A lone LF stays a LF; LF LF after CR keeps the second. */
    telnet_init(&t);
    n = telnet_send(&t, B(10, 13, 10, 10), out);
    const uint8_t want3[] = {10, 13, 10, 10};
    CHECK(n == sizeof want3 && memcmp(out, want3, n) == 0, "LF handling");
    CHECK(TELNET_SEND_BOUND(4) >= n, "send bound");
}

int main(void)
{
    test_start();
    test_refusals();
    test_data();
    test_subnegotiation();
    test_broken();
    test_send();
    if (failures) {
        fprintf(stderr, "test_telnet: %d failure(s)\n", failures);
        return 1;
    }
    printf("test_telnet: all passed\n");
    return 0;
}
