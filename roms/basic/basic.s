; Superboard BASIC: an original 8K BASIC for the Ohio Scientific Superboard II,
; compatible with the dialect of the machine's BASIC 1.0 rev 3.2 (see README "BASIC").
;
; Build contract with the roms/ build (owned by the MONITOR engineer):
;   * this file is the entry file; it uses ONE segment, "BASIC", which the ld65 config must
;     place at $A000 with size $1F00 (fill = yes). The code pads itself so that the cold
;     start lands at $BD11. The I/O page $BF00-$BFFF is not ours.
;   * zero page, page 2 and RAM are used through fixed addresses (zp.inc), no other segments.
;   * RAM used: zero page, the stack page, and the program from $0240 up ($0200-$0222 are the
;     monitor's and are left alone).
;
; Monitor jump points used (and nothing else of the monitor):
;   $FFEB input  -> A = character (blocks)
;   $FFEE output <- A = character (registers kept)
;   $FFF1 CTRL-C check: returns; A = 3 when CTRL-C was pressed (BASIC then breaks)
;   $FFF4 LOAD (sets $0203 = $FF), $FFF7 SAVE (sets $0205 = 1)
;
; The model: a program is a chain of lines [link][line number][tokens...][0], ended by a zero
; link. Simple variables (6 bytes: 2 name, 4 value) follow the program, arrays follow them,
; strings grow down from the top of memory. FOR and GOSUB frames live on the 6502 stack.
; A string value is a 3-byte descriptor (length, address); expressions pass descriptor
; addresses, and new strings get a temporary descriptor (TEMPST) until they are stored.
        .setcpu "6502"
        .include "zp.inc"

MONIN   = $FFEB
MONOUT  = $FFEE
MONCTC  = $FFF1
MONLOAD = $FFF4
MONSAVE = $FFF7

; error codes: offsets into errtab
ERR_NF  = 0
ERR_SN  = 2
ERR_RG  = 4
ERR_OD  = 6
ERR_FC  = 8
ERR_OV  = 10
ERR_OM  = 12
ERR_UL  = 14
ERR_BS  = 16
ERR_DD  = 18
ERR_DZ  = 20
ERR_ID  = 22
ERR_TM  = 24
ERR_OS  = 26
ERR_LS  = 28
ERR_ST  = 30
ERR_CN  = 32
ERR_UF  = 34

; tokens
TK_END  = $80
TK_FOR  = $81
TK_NEXT = $82
TK_DATA = $83
TK_INPUT = $84
TK_DIM  = $85
TK_READ = $86
TK_LET  = $87
TK_GOTO = $88
TK_RUN  = $89
TK_IF   = $8A
TK_RESTORE = $8B
TK_GOSUB = $8C
TK_RETURN = $8D
TK_REM  = $8E
TK_STOP = $8F
TK_ON   = $90
TK_NULL = $91
TK_WAIT = $92
TK_LOAD = $93
TK_SAVE = $94
TK_DEF  = $95
TK_POKE = $96
TK_PRINT = $97
TK_CONT = $98
TK_LIST = $99
TK_CLEAR = $9A
TK_NEW  = $9B
TK_TAB  = $9C
TK_TO   = $9D
TK_FN   = $9E
TK_SPC  = $9F
TK_THEN = $A0
TK_NOT  = $A1
TK_STEP = $A2
TK_PLUS = $A3
TK_MINUS = $A4
TK_MUL  = $A5
TK_DIV  = $A6
TK_POW  = $A7
TK_AND  = $A8
TK_OR   = $A9
TK_GT   = $AA
TK_EQ   = $AB
TK_LT   = $AC
TK_SGN  = $AD
TK_LEN  = $BC
TK_STR  = $BD
TK_LEFT = $C1
TK_MID  = $C3
TK_LAST = $C3

; The float code of math.s (fvm), used by math.s and float.s:
; jsr fvm, then bytes of float code, ended by V_END; the code after them runs next.
; An operation with a memory operand is one byte: its kind in the top three bits and the
; operand in the low five: 0..2 the zero-page temporaries FT1..FT3, 3.. the constants
; of vmcon (4 bytes each) in order.
V_END   = $00
V_INT   = $01           ; FAC = INT(FAC)
V_CNT   = $10           ; $10 + n: the next V_POLY has n + 1 coefficients
V_LD    = $20           ; FAC = M
V_ST    = $40           ; M = FAC (temporaries only)
V_ADD   = $60           ; FAC = M + FAC
V_SUB   = $80           ; FAC = M - FAC
V_MUL   = $A0           ; FAC = M * FAC
V_DIV   = $C0           ; FAC = M / FAC
V_POLY  = $E0           ; FAC = the polynomial of FT3 whose coefficients (highest power
                        ; first) start at M
T1      = 0
T2      = 1
T3      = 2
.define KI(c) ((c - vmcon) / 4 + 3)
VMP     = STRP          ; the code pointer


; Build variants: the ROM image (no symbols defined); -D SIM_IMAGE, the sim65 test image of
; tests/basic (the same code without the ROM's fixed layout, an entry JMP at its start).
        .segment "BASIC"
basic_start:
.ifdef SIM_IMAGE
        jmp     cold            ; the sim65 test image enters here (no size limit)
        .include "msgs.s"       ; (here its messages share a page)
.endif
        .include "float.s"
        .include "interp.s"
        .include "expr.s"
        .include "strings.s"
        .include "math.s"
        .include "tables.s"
.ifndef SIM_IMAGE
        .assert (* - basic_start) <= $1D11, error, "BASIC code runs into the cold start"
        .res    $1D11 - (* - basic_start), $FF
.endif
        .include "init.s"
        .include "rnd.s"
        .include "mathlate.s"
.ifndef SIM_IMAGE
        .include "msgs.s"       ; (last: its messages share the last page)
        .assert (* - basic_start) <= $1F00, error, "BASIC does not fit below $BF00"
.endif
