; The CTRL-C check ($FFF1): returns A = 0 until CTRL-C is held, then A = 3; X and Y kept.
        .include "common.inc"
        .segment "CODE"
        print   ready_msg
        ldx     #$33
        ldy     #$CC
poll:
        jsr     MON_CTRLC
        cmp     #3
        bne     poll
        cpx     #$33
        bne     changed
        cpy     #$CC
        bne     changed
        print   got_msg
        rts
changed:
        print   bad_msg
        rts
ready_msg:
        .byte   "WAITING", 13, 10, 0
got_msg:
        .byte   "GOT CTRL-C", 13, 10, 0
bad_msg:
        .byte   "X Y CHANGED", 13, 10, 0
