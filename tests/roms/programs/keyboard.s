; The keyboard routine ($FD00): blocks until a key, returns it in A and keeps X and Y.
; Reads keys until RETURN, echoing each one, then prints KEEPS X Y, or X Y CHANGED if any
; call changed X or Y. Returns to the monitor.
        .include "common.inc"
        .segment "CODE"
next_key:
        ldx     #$5A
        ldy     #$A5
        jsr     KEYBOARD
        cpx     #$5A
        bne     changed
        cpy     #$A5
        bne     changed
        cmp     #$0D
        beq     all_kept
        jsr     MON_OUTPUT
        jmp     next_key
all_kept:
        print   good_msg
        rts
changed:
        print   bad_msg
        rts
good_msg:
        .byte   13, 10, "KEEPS X Y", 13, 10, 0
bad_msg:
        .byte   13, 10, "X Y CHANGED", 13, 10, 0
