/*
 * test_arithmetic.c - every ADC and SBC #imm case (binary and NMOS decimal mode, invalid BCD
 * included: all A, operands and carries) on the core against the table written by the
 * independent Python model (gen_tests.py --arithmetic-table).
 * Usage: test_arithmetic TABLE_FILE
 */
#include "cpu6502.h"

#include <stdio.h>
#include <stdlib.h>

#define CASES (2 * 2 * 2 * 256 * 256)

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: test_arithmetic TABLE_FILE\n");
        return 2;
    }
    static uint8_t table[CASES * 2];
    FILE *f = fopen(argv[1], "rb");
    if (!f || fread(table, 1, sizeof table, f) != sizeof table) {
        fprintf(stderr, "test_arithmetic: %s: cannot read %d bytes\n", argv[1], CASES * 2);
        if (f)
            fclose(f);
        return 2;
    }
    fclose(f);

    static uint8_t ram[0x10000];
    cpu6502 *c = malloc(sizeof *c);
    if (!c)
        return 2;
    cpu6502_init(c);
    cpu6502_map_ram(c, 0, 0x10000, ram);
    unsigned failures = 0, k = 0;
    const uint8_t opcodes[2] = {0x69, 0xE9};
    for (int o = 0; o < 2; o++)
        for (int decimal = 0; decimal < 2; decimal++)
            for (int carry = 0; carry < 2; carry++)
                for (int a = 0; a < 256; a++)
                    for (int m = 0; m < 256; m++, k++) {
                        ram[0x0200] = opcodes[o];
                        ram[0x0201] = (uint8_t)m;
                        cpu6502_regs r = {0x0200, (uint8_t)a, 0, 0, 0xFD, (uint8_t)(0x20 | decimal * 8 | carry)};
                        cpu6502_set_regs(c, &r);
                        unsigned n = cpu6502_step(c);
                        cpu6502_get_regs(c, &r);
                        uint8_t want_a = table[2 * k], want_p = table[2 * k + 1];
                        if (n != 2 || r.a != want_a || (r.p & 0xC3) != want_p) {
                            if (failures++ < 10)
                                printf("FAIL %s D=%d C=%d A=%02X M=%02X: A=%02X P&C3=%02X want A=%02X P&C3=%02X\n",
                                       o ? "SBC" : "ADC", decimal, carry, a, m, r.a, r.p & 0xC3, want_a, want_p);
                        }
                    }
    free(c);
    printf("%u cases, %u failed\n", k, failures);
    return failures ? 1 : 0;
}
