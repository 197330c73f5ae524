/* A cc65 program for the osic1p target, loaded through the monitor's L command by the test
 * roms_cc65_program: it prints through cc65's own console code and computes something, so a
 * load that dropped or garbled bytes shows up in the output. */
#include <conio.h>

int main(void)
{
    unsigned sum = 0;
    unsigned i;

    clrscr();
    for (i = 1; i <= 100; ++i) {
        sum += i;
    }
    cputs("HELLO FROM CC65\r\n");
    cprintf("SUM 1..100 = %u\r\n", sum);
    for (;;) {
    }
    return 0;
}
