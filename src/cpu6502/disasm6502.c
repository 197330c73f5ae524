/*
 * disasm6502.c - opcode table (mnemonic, addressing mode) and text formatting.
 */
#include "disasm6502.h"

#include <stdio.h>
#include <string.h>

/* One row per high nibble; each entry is "MNE" followed by a mode letter code. */
#define I DISASM6502_IMP
#define A DISASM6502_ACC
#define M DISASM6502_IMM
#define Z DISASM6502_ZP
#define ZX DISASM6502_ZPX
#define ZY DISASM6502_ZPY
#define IX DISASM6502_IZX
#define IY DISASM6502_IZY
#define B DISASM6502_ABS
#define BX DISASM6502_ABX
#define BY DISASM6502_ABY
#define N DISASM6502_IND
#define R DISASM6502_REL

static const char names[256][4] = {
    "BRK","ORA","JAM","SLO","NOP","ORA","ASL","SLO","PHP","ORA","ASL","ANC","NOP","ORA","ASL","SLO",
    "BPL","ORA","JAM","SLO","NOP","ORA","ASL","SLO","CLC","ORA","NOP","SLO","NOP","ORA","ASL","SLO",
    "JSR","AND","JAM","RLA","BIT","AND","ROL","RLA","PLP","AND","ROL","ANC","BIT","AND","ROL","RLA",
    "BMI","AND","JAM","RLA","NOP","AND","ROL","RLA","SEC","AND","NOP","RLA","NOP","AND","ROL","RLA",
    "RTI","EOR","JAM","SRE","NOP","EOR","LSR","SRE","PHA","EOR","LSR","ALR","JMP","EOR","LSR","SRE",
    "BVC","EOR","JAM","SRE","NOP","EOR","LSR","SRE","CLI","EOR","NOP","SRE","NOP","EOR","LSR","SRE",
    "RTS","ADC","JAM","RRA","NOP","ADC","ROR","RRA","PLA","ADC","ROR","ARR","JMP","ADC","ROR","RRA",
    "BVS","ADC","JAM","RRA","NOP","ADC","ROR","RRA","SEI","ADC","NOP","RRA","NOP","ADC","ROR","RRA",
    "NOP","STA","NOP","SAX","STY","STA","STX","SAX","DEY","NOP","TXA","ANE","STY","STA","STX","SAX",
    "BCC","STA","JAM","SHA","STY","STA","STX","SAX","TYA","STA","TXS","TAS","SHY","STA","SHX","SHA",
    "LDY","LDA","LDX","LAX","LDY","LDA","LDX","LAX","TAY","LDA","TAX","LXA","LDY","LDA","LDX","LAX",
    "BCS","LDA","JAM","LAX","LDY","LDA","LDX","LAX","CLV","LDA","TSX","LAS","LDY","LDA","LDX","LAX",
    "CPY","CMP","NOP","DCP","CPY","CMP","DEC","DCP","INY","CMP","DEX","SBX","CPY","CMP","DEC","DCP",
    "BNE","CMP","JAM","DCP","NOP","CMP","DEC","DCP","CLD","CMP","NOP","DCP","NOP","CMP","DEC","DCP",
    "CPX","SBC","NOP","ISC","CPX","SBC","INC","ISC","INX","SBC","NOP","SBC","CPX","SBC","INC","ISC",
    "BEQ","SBC","JAM","ISC","NOP","SBC","INC","ISC","SED","SBC","NOP","ISC","NOP","SBC","INC","ISC",
};

static const unsigned char modes[256] = {
    I,IX,I,IX,Z,Z,Z,Z,I,M,A,M,B,B,B,B,     R,IY,I,IY,ZX,ZX,ZX,ZX,I,BY,I,BY,BX,BX,BX,BX,
    B,IX,I,IX,Z,Z,Z,Z,I,M,A,M,B,B,B,B,     R,IY,I,IY,ZX,ZX,ZX,ZX,I,BY,I,BY,BX,BX,BX,BX,
    I,IX,I,IX,Z,Z,Z,Z,I,M,A,M,B,B,B,B,     R,IY,I,IY,ZX,ZX,ZX,ZX,I,BY,I,BY,BX,BX,BX,BX,
    I,IX,I,IX,Z,Z,Z,Z,I,M,A,M,N,B,B,B,     R,IY,I,IY,ZX,ZX,ZX,ZX,I,BY,I,BY,BX,BX,BX,BX,
    M,IX,M,IX,Z,Z,Z,Z,I,M,I,M,B,B,B,B,     R,IY,I,IY,ZX,ZX,ZY,ZY,I,BY,I,BY,BX,BX,BY,BY,
    M,IX,M,IX,Z,Z,Z,Z,I,M,I,M,B,B,B,B,     R,IY,I,IY,ZX,ZX,ZY,ZY,I,BY,I,BY,BX,BX,BY,BY,
    M,IX,M,IX,Z,Z,Z,Z,I,M,I,M,B,B,B,B,     R,IY,I,IY,ZX,ZX,ZX,ZX,I,BY,I,BY,BX,BX,BX,BX,
    M,IX,M,IX,Z,Z,Z,Z,I,M,I,M,B,B,B,B,     R,IY,I,IY,ZX,ZX,ZX,ZX,I,BY,I,BY,BX,BX,BX,BX,
};

const char *disasm6502_mnemonic(uint8_t opcode) { return names[opcode]; }

disasm6502_mode disasm6502_addr_mode(uint8_t opcode) { return (disasm6502_mode)modes[opcode]; }

int disasm6502_length(uint8_t opcode)
{
    switch (modes[opcode]) {
    case I: case A: return 1;
    case B: case BX: case BY: case N: return 3;
    default: return 2;
    }
}

int disasm6502_documented(uint8_t opcode)
{
    static const char documented[] =
        "ADC AND ASL BCC BCS BEQ BIT BMI BNE BPL BRK BVC BVS CLC CLD CLI CLV CMP CPX CPY DEC DEX "
        "DEY EOR INC INX INY JMP JSR LDA LDX LDY LSR NOP ORA PHA PHP PLA PLP ROL ROR RTI RTS SBC "
        "SEC SED SEI STA STX STY TAX TAY TSX TXA TXS TYA";
    if (opcode == 0xEB)
        return 0; /* the undocumented copy of SBC #imm */
    if (strcmp(names[opcode], "NOP") == 0)
        return opcode == 0xEA;
    return strstr(documented, names[opcode]) != NULL;
}

int disasm6502(uint16_t pc, const uint8_t *bytes, char *out, size_t outlen)
{
    uint8_t op = bytes[0];
    int len = disasm6502_length(op);
    unsigned b1 = len > 1 ? bytes[1] : 0;
    unsigned w = len > 2 ? b1 | (unsigned)bytes[2] << 8 : b1;
    const char *mn = names[op];
    switch (modes[op]) {
    case I:  snprintf(out, outlen, "%s", mn); break;
    case A:  snprintf(out, outlen, "%s A", mn); break;
    case M:  snprintf(out, outlen, "%s #$%02X", mn, b1); break;
    case Z:  snprintf(out, outlen, "%s $%02X", mn, b1); break;
    case ZX: snprintf(out, outlen, "%s $%02X,X", mn, b1); break;
    case ZY: snprintf(out, outlen, "%s $%02X,Y", mn, b1); break;
    case IX: snprintf(out, outlen, "%s ($%02X,X)", mn, b1); break;
    case IY: snprintf(out, outlen, "%s ($%02X),Y", mn, b1); break;
    case B:  snprintf(out, outlen, "%s $%04X", mn, w); break;
    case BX: snprintf(out, outlen, "%s $%04X,X", mn, w); break;
    case BY: snprintf(out, outlen, "%s $%04X,Y", mn, w); break;
    case N:  snprintf(out, outlen, "%s ($%04X)", mn, w); break;
    default: snprintf(out, outlen, "%s $%04X", mn, (unsigned)(uint16_t)(pc + 2 + (int8_t)b1)); break;
    }
    return len;
}
