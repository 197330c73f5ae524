; A sim65 test image for the BASIC ROM: the BASIC image at $A000 plus a tiny stand-in for the
; monitor's jump points that reads stdin and writes stdout through sim65's paravirtual calls
; (read at $FFF6, write at $FFF7, exit at $FFF9). This runs the interpreter at full host speed
; without the emulator, for quick interpreter tests; the real-machine tests use superboard-emu.
        .setcpu "6502"
SP      = $FC                   ; cc65 C-stack pointer that sim65 pops parameters from
CSTACK  = $EF00
PV_READ = $FFF6
PV_WRITE = $FFF7
PV_EXIT = $FFF9
        .segment "HEADER"
        .byte   "sim65", 2, 0, SP
        .word   $A000, init
        .segment "IMAGE"
img:
        .incbin "basic_image.bin"
        .res    $F000 - $A000 - $2800, 0
init:   ldx     #$FF
        txs
        jmp     $A000
; one paravirtual call on fd (in Y) with the byte at cbuf; returns A/X = count done
pvcall: sta     jsr_op+1
        lda     #<(CSTACK - 4)
        sta     SP
        lda     #>(CSTACK - 4)
        sta     SP+1
        lda     #<cbuf
        sta     CSTACK - 4
        lda     #>cbuf
        sta     CSTACK - 3
        sty     CSTACK - 2
        lda     #0
        sta     CSTACK - 1
        lda     #1
        ldx     #0
jsr_op: jmp     PV_READ         ; patched: the hook returns to our caller
input:  stx     savex
        sty     savey
        ldy     #0
        lda     #<PV_READ
        jsr     pvcall
        cmp     #1
        bne     eof
        ldx     savex
        ldy     savey
        lda     cbuf
        cmp     #10             ; a host newline is the RETURN key
        bne     @r
        lda     #13
@r:     rts
eof:    lda     #0
        jmp     PV_EXIT
output: sta     cbuf
        sta     savea
        stx     savex
        sty     savey
        ldy     #1
        lda     #<PV_WRITE
        jsr     pvcall
        lda     savea
        ldx     savex
        ldy     savey
        rts
ctrlc:  lda     #0
        rts
cbuf:   .byte   0
savea:  .byte   0
savex:  .byte   0
savey:  .byte   0
        .res    $FFEB - $A000 - (* - img), 0
        jmp     input
        jmp     output
        jmp     ctrlc
