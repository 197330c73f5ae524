/* test_acia.c - the 6850: 300-baud timing of 11-bit frames in CPU cycles, TDRE, RDRF,
 * overrun, master reset, the input-polling signal. */
#include <string.h>

#include "acia.h"
#include "check.h"

/* A test line: bytes offered from given ticks; what was sent, with cycles. */
typedef struct line {
    const uint8_t *in;
    size_t in_len, in_pos;
    uint64_t in_from;        /* tick the first byte may start */
    uint8_t out[16];
    uint64_t out_cycle[16];
    size_t out_len;
    int polls;
} line;

static int next(void *ctx, uint64_t earliest, uint64_t *start)
{
    line *l = ctx;
    if (l->in_pos >= l->in_len)
        return -1;
    *start = earliest > l->in_from ? earliest : l->in_from;
    return l->in[l->in_pos++];
}

static void sent(void *ctx, uint8_t b, uint64_t cycle)
{
    line *l = ctx;
    l->out_cycle[l->out_len] = cycle;
    l->out[l->out_len++] = b;
}

static void polled(void *ctx) { ((line *)ctx)->polls++; }

/* One 11-bit frame at 300 baud: 11 * 3276.8 = 36044.8 cycles. */
#define FRAME_TICKS (11u * 16u * 1024u)

static void setup(acia *a, line *l)
{
    acia_init(a, (acia_port){next, sent, polled, l});
    acia_write(a, 0, 0x03, 0);
    acia_write(a, 0, 0x11, 0);
}

static void test_transmit(void)
{
    line l = {0};
    acia a;
    acia_init(&a, (acia_port){next, sent, polled, &l});
    CHECK(acia_read(&a, 0, 0) == 0x00, "power-on: held in reset, status 0");
    acia_write(&a, 0, 0x03, 0);
    CHECK(acia_read(&a, 0, 1) == 0x00, "master reset: status 0");
    acia_write(&a, 0, 0x11, 2);
    CHECK(acia_read(&a, 0, 3) == ACIA_TDRE, "idle status $02, got %02X", acia_read(&a, 0, 3));
    CHECK(acia_frame_bits(&a) == 11, "8N2 is 11 bits");
    CHECK(acia_bit_ticks(&a) * 300 == 983040ull * ACIA_TICKS_PER_CYCLE, "300 baud");
    uint64_t t0 = 1000;
    acia_write(&a, 1, 'A', t0);
    CHECK(!(acia_read(&a, 0, t0 + 1) & ACIA_TDRE), "TDRE clear while sending");
    uint64_t end = (t0 * 5 + FRAME_TICKS + 4) / 5;   /* first cycle the frame is over */
    CHECK(!(acia_read(&a, 0, end - 1) & ACIA_TDRE), "TDRE still clear at cycle %llu",
          (unsigned long long)(end - 1));
    CHECK(l.out_len == 0, "not sent before the frame ends");
    CHECK(acia_read(&a, 0, end) & ACIA_TDRE, "TDRE set again after 11 bit times");
    CHECK(l.out_len == 1 && l.out[0] == 'A', "byte sent");
    /* 8N1 at /16 is 10 bits; /64 is 75 baud. */
    acia_write(&a, 0, 0x15, end);
    CHECK(acia_frame_bits(&a) == 10, "8N1 is 10 bits");
    acia_write(&a, 0, 0x12, end);
    CHECK(acia_bit_ticks(&a) == 64 * 1024, "divide by 64");
}

static void test_receive(void)
{
    static const uint8_t bytes[] = {0x41, 0x42, 0x43, 0x44};
    line l = {.in = bytes, .in_len = 4, .in_from = 5000 * 5};
    acia a;
    setup(&a, &l);
    uint64_t first_end = (5000 * 5 + FRAME_TICKS + 4) / 5;
    CHECK(!(acia_read(&a, 0, first_end - 1) & ACIA_RDRF), "RDRF clear before the frame ends");
    CHECK(acia_read(&a, 0, first_end) & ACIA_RDRF, "RDRF set when the byte is in");
    CHECK(acia_read(&a, 1, first_end) == 0x41, "data");
    CHECK(!(acia_read(&a, 0, first_end) & ACIA_RDRF), "reading data clears RDRF");
    /* Let two more frames pass without reading: the second is lost and OVRN is set. */
    uint64_t third_end = (5000 * 5 + 3 * FRAME_TICKS + 4) / 5;
    uint8_t st = acia_read(&a, 0, third_end);
    CHECK((st & (ACIA_RDRF | ACIA_OVRN)) == (ACIA_RDRF | ACIA_OVRN), "overrun status %02X", st);
    CHECK(acia_read(&a, 1, third_end) == 0x42, "the unread byte is kept, the next one lost");
    CHECK(!(acia_read(&a, 0, third_end) & ACIA_OVRN), "reading data clears OVRN");
    uint64_t fourth_end = (5000 * 5 + 4 * FRAME_TICKS + 4) / 5;
    CHECK(acia_read(&a, 1, fourth_end) == 0x44, "the line keeps its pace");
    /* Master reset drops RDRF. */
    static const uint8_t more[] = {0x55};
    l.in = more, l.in_len = 1, l.in_pos = 0, l.in_from = (uint64_t)fourth_end * 5;
    uint64_t t = fourth_end + 40000;
    CHECK(acia_read(&a, 0, t) & ACIA_RDRF, "byte in");
    acia_write(&a, 0, 0x03, t);
    CHECK(acia_read(&a, 0, t) == 0, "master reset clears the status");
}

static void test_polling(void)
{
    line l = {0};
    acia a;
    setup(&a, &l);
    for (unsigned i = 0; i < ACIA_POLLS_FOR_INPUT - 1; i++)
        acia_read(&a, 0, 100 + i);
    CHECK(l.polls == 0, "a few status reads are not yet a wait for input");
    acia_read(&a, 0, 200);
    CHECK(l.polls == 1, "polling for input is reported");
    for (int i = 0; i < 100; i++)
        acia_read(&a, 0, 300 + (uint64_t)i);
    CHECK(l.polls == 1, "reported once per wait");
    /* A program sending bytes reads the status while TDRE is clear: not input polling. */
    line l2 = {0};
    setup(&a, &l2);
    uint64_t t = 1000;
    for (int n = 0; n < 4; n++) {
        acia_write(&a, 1, (uint8_t)n, t);
        while (!(acia_read(&a, 0, t) & ACIA_TDRE))
            t += 50;
    }
    CHECK(l2.polls == 0, "output waits are not input polls");
    CHECK(l2.out_len == 4, "four bytes sent");
    CHECK(l2.out_cycle[3] - l2.out_cycle[0] >= 3 * 36044, "one frame each");
}

int main(void)
{
    test_transmit();
    test_receive();
    test_polling();
    return check_report("test_acia");
}
