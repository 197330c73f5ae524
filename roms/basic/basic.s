; Superboard BASIC: an original 8K BASIC for the Ohio Scientific Superboard II.
;
; Build contract with the roms/ build (owned by the MONITOR engineer):
;   * this file is the entry file; it uses ONE segment, "BASIC", which the ld65 config must
;     place at $A000 with size $1F00 (fill = yes, fillval = $FF is fine). The code pads itself
;     so that the cold start lands at $BD11. The I/O page $BF00-$BFFF is not ours.
;   * zero page, page 2 and RAM are used through fixed addresses (no ZEROPAGE/BSS segments).
;
; Monitor jump points used (and nothing else of the monitor):
;   $FFEB input  -> A = character (blocks)
;   $FFEE output <- A = character (all registers kept)
;   $FFF1 CTRL-C check: returns; A = 3 when CTRL-C was pressed (BASIC then breaks)
;   $FFF4 LOAD (sets $0203 = $FF), $FFF7 SAVE (sets $0205 = 1)
        .setcpu "6502"
        .segment "BASIC"
MONIN   = $FFEB
MONOUT  = $FFEE
basic_start:
        .res    $1D11 - (* - basic_start), $FF
cold:   ldx     #0
@l:     lda     msg,x
        beq     @h
        jsr     MONOUT
        inx
        bne     @l
@h:     jmp     @h
msg:    .byte   "SUPERBOARD BASIC", 13, 10, 0
