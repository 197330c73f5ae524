; Input ($FFEB) and LOAD ($FFF4): with LOAD on, characters come from the ACIA (the rest of
; the tape after this program); SPACE on the keyboard switches back to the keyboard. Echoes
; every line it reads; after the second line prints INPUT DONE and returns to the monitor.
        .include "common.inc"
        .segment "CODE"
        jsr     MON_LOAD
        ldy     #2              ; lines to read (Y must survive the input routine)
@next:  jsr     MON_INPUT
        cmp     #$0D
        beq     @eol
        cmp     #$0A            ; the tape's own line feeds are not echoed
        beq     @next
        cmp     #0
        beq     @next
        jsr     MON_OUTPUT
        jmp     @next
@eol:   lda     #$0D
        jsr     MON_OUTPUT
        lda     #$0A
        jsr     MON_OUTPUT
        dey
        bne     @next
        print   done
        rts
done:   .byte   "INPUT DONE", 13, 10, 0
