/*
 * disasm6502.h - NMOS 6502 disassembler for every opcode (documented, undocumented, JAM).
 *
 * Syntax: conventional MOS syntax with hex numbers: `LDA ($12),Y`, `STA $1234,X`, `ASL A`,
 * `BNE $C012` (branch targets resolved), `LDA #$0F`. Undocumented opcodes use the names
 * SLO RLA SRE RRA SAX LAX DCP ISC ANC ALR ARR SBX ANE LXA SHA SHX SHY TAS LAS NOP JAM.
 *
 * Example
 *   uint8_t b[3] = {0xBD, 0x00, 0x20};
 *   char text[32];
 *   int len = disasm6502(0xC000, b, text, sizeof text);   // len 3, "LDA $2000,X"
 */
#ifndef DISASM6502_H
#define DISASM6502_H

#include <stddef.h>
#include <stdint.h>

typedef enum {
    DISASM6502_IMP, /* implied */
    DISASM6502_ACC, /* accumulator: ASL A */
    DISASM6502_IMM,
    DISASM6502_ZP,
    DISASM6502_ZPX,
    DISASM6502_ZPY,
    DISASM6502_IZX, /* (zp,X) */
    DISASM6502_IZY, /* (zp),Y */
    DISASM6502_ABS,
    DISASM6502_ABX,
    DISASM6502_ABY,
    DISASM6502_IND, /* JMP (abs) */
    DISASM6502_REL  /* branches */
} disasm6502_mode;

/* Mnemonic ("LDA", "JAM", ...), addressing mode and length in bytes (1-3) of an opcode. */
const char *disasm6502_mnemonic(uint8_t opcode);
disasm6502_mode disasm6502_addr_mode(uint8_t opcode);
int disasm6502_length(uint8_t opcode);
/* Whether the opcode is one of the 151 documented ones. */
int disasm6502_documented(uint8_t opcode);

/* Disassemble the instruction whose bytes (opcode first; as many as its length) are at `pc`.
 * Writes a NUL-terminated text into out (truncated to outlen; 24 bytes always suffice) and
 * returns the instruction length. */
int disasm6502(uint16_t pc, const uint8_t *bytes, char *out, size_t outlen);

#endif
