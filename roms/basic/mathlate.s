; mathlate.s: ABS, COS and ATN (in their own file so that they can sit after the cold start
; in the ROM).
f_abs:  asl     FSIGN           ; $80 or 0 becomes 0
        rts
; ---------------------------------------------------------------- COS (see SIN in math.s)
f_cos:  jsr     fvm
        .byte   V_ST+T1, V_MUL+KI(c_invpi), V_INT, V_ADD+KI(c_half), V_ST+T2, V_END
        jmp     sincom
; ---------------------------------------------------------------- ATN
f_atn:  lda     FSIGN
        pha
        asl     FSIGN           ; |x|
        lda     FEXP
        cmp     #$81            ; |x| >= 1: pi/2 - ATN(1/x)
        php
        bcc     @ser
        jsr     fvm
        .byte   V_DIV+KI(c_one), V_END
@ser:   jsr     fvm
        .byte   V_ST+T1, V_MUL+T1, V_ST+T3, V_CNT+9, V_POLY+KI(p_atn), V_MUL+T1, V_END
        plp
        bcc     @sgn
        jsr     fvm
        .byte   V_SUB+KI(c_halfpi), V_END
@sgn:   pla
        eor     FSIGN
        sta     FSIGN
        rts
; relbits: frmprec's bits of > = < (here for room before the cold start)
relbits: .byte  1, 2, 4
