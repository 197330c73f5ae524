/* byte_link.c -- see byte_link.h. */
#include "byte_link.h"

static size_t move_one_way(const byte_link *from, const byte_link *to)
{
    uint8_t buf[256];
    size_t total = 0;
    for (;;) {
        size_t room = byte_link_write_space(to);
        if (room > sizeof buf)
            room = sizeof buf;
        if (room == 0)
            break;
        size_t n = byte_link_read(from, buf, room);
        if (n == 0)
            break;
        total += byte_link_write(to, buf, n); /* n <= write_space: all of it is taken */
    }
    return total;
}

size_t byte_link_bridge(const byte_link *a, const byte_link *b)
{
    return move_one_way(a, b) + move_one_way(b, a);
}
