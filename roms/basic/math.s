; math.s: ^, SQR, LOG, EXP, SIN, COS, TAN, ATN, and the float code interpreter they are
; written in.
; LOG: x = f * 2^e with f in [0.707, 1.414): ln x = 2 atanh(t) + e ln 2, t = (f-1)/(f+1).
; EXP: n = INT(x/ln 2 + 1/2), r = x - n ln 2 (ln 2 in two parts, so r is exact), e^r * 2^n.
; SIN/COS: x = k pi + r, |r| <= pi/2, k = INT(x/pi + 1/2) for SIN, INT(x/pi) + 1/2 for
; COS; r = (x - k PIH) - k PIL with PIH of 12 bits (k PIH is exact); then an odd polynomial
; of r, negated when INT(k + 1/2) is odd. ATN: |x| > 1 uses pi/2 - ATN(1/x),
; then an odd polynomial on [0, 1]. The polynomials are near-minimax fits computed by
; tools/polyfit.py (interpolation at Chebyshev nodes); their errors are well below the
; 24-bit rounding.

; ---------------------------------------------------------------- the float code interpreter
; jsr fvm, then bytes of float code (the opcodes are in basic.s)
fvm:    pla
        sta     VMP
        pla
        sta     VMP+1
vmloop: jsr     vmbyte
        beq     @end
        jsr     @op
        jmp     vmloop
@end:   lda     VMP+1           ; V_END: return after it
        pha
        lda     VMP
        pha
        rts
@op:    cmp     #V_LD
        bcs     @mem
        cmp     #V_CNT
        bcc     @misc
        sbc     #V_CNT          ; (carry set)
        sta     SCLCNT
        rts
@misc:  jmp     fint            ; V_INT
@mem:   pha
        and     #$1F
        asl
        asl
        cmp     #12
        bcs     @con
        adc     #FT1            ; Y = 0
        bcc     @p              ; (always)
@con:   adc     #<(vmcon-13)    ; carry set
        ldy     #>(vmcon-13)
        bcc     @p
        iny
@p:     sta     FPTR
        sty     FPTR+1
        pla
        lsr
        lsr
        lsr
        lsr
        and     #$0E            ; the kind times 2
        tay
        ldx     #0
        cpy     #4
        bcc     @ld
        beq     @st
        cpy     #14
        beq     vpoly
        lda     optab-5,y       ; fadd fsub fmul fdiv, after ARG = M
        pha
        lda     optab-6,y
        pha
        ldx     #AEXP-FEXP
@ld:    jmp     movxm
@st:    jmp     movmfp
; vmbyte: A = the next byte of float code (flags from it), Y = 0
vmbyte: inc     VMP
        bne     @r
        inc     VMP+1
@r:     ldy     #0
        lda     (VMP),y
        rts
; vpoly: FAC = P(FT3), the coefficients from FPTR on, SCLCNT of them after the first
vpoly:  jsr     movxm           ; (X = 0)
@l:     lda     FPTR
        clc
        adc     #4
        sta     TMP2
        lda     FPTR+1
        adc     #0
        sta     TMP2+1
        lda     #FT3
        ldy     #0
        jsr     movam
        jsr     fmul
        lda     TMP2
        ldy     TMP2+1
        jsr     movam
        jsr     fadd
        dec     SCLCNT
        bne     @l
        rts


; ---------------------------------------------------------------- ^
; FAC = ARG ^ FAC: whole exponents below 256 by squaring and multiplying (exact where
; the powers are), others as EXP(y * LOG(x))
fpow:   jsr     fvm             ; FT1 = the exponent, FT2 = the base
        .byte   V_ST+T1, V_END
        jsr     movfa
        jsr     fvm             ; a whole exponent below 256?
        .byte   V_ST+T2, V_LD+T1, V_INT, V_SUB+T1, V_END
        lda     FEXP
        bne     @real
        jsr     fvm
        .byte   V_LD+T1, V_END
        lda     FEXP
        cmp     #$89
        bcs     @real
        lda     FSIGN
        pha
        jsr     qint            ; INTR = |y|
        lda     INTR
        sta     PR7
        jsr     fvm
        .byte   V_LD+KI(c_one), V_END
@sq:    lsr     PR7             ; square and multiply
        bcc     @nomul
        jsr     fvm
        .byte   V_MUL+T2, V_END
@nomul: lda     PR7
        beq     @done
        jsr     fvm
        .byte   V_ST+T3, V_LD+T2, V_MUL+T2, V_ST+T2, V_LD+T3, V_END
        jmp     @sq
@done:  pla
        bpl     @r
@inv:   jsr     fvm             ; (0 ^ negative: ?/0)
        .byte   V_DIV+KI(c_one), V_END
@r:     rts
@real:  lda     FT2+1
        bmi     logfc
   lda     FT2             ; 0 ^ y: 0, or ?/0 for y < 0
        bne     @log
        jsr     fzero
        lda     FT1+1
        bmi     @inv
        rts
@log:   jsr     fvm
        .byte   V_LD+T1, V_END
        jsr     pushf
        jsr     fvm
        .byte   V_LD+T2, V_END
        jsr     f_log
        jsr     popa
        jsr     fmul
        ; (on into EXP)

; ---------------------------------------------------------------- EXP
f_exp:  jsr     fvm
        .byte   V_ST+T1, V_MUL+KI(c_log2e), V_ADD+KI(c_half), V_INT, V_ST+T2, V_END
        lda     FEXP            ; |n| >= 256: overflow or 0
        cmp     #$89
        bcc     @small
        lda     FSIGN
        bmi     mzero
@ovf:   jmp     overflow
@small: jsr     ayint           ; INTR = n (kept by the float code)
        jsr     fvm
        .byte   V_LD+T2, V_MUL+KI(c_ln2h), V_SUB+T1, V_ST+T1
        .byte   V_LD+T2, V_MUL+KI(c_ln2l), V_SUB+T1, V_ST+T3
        .byte   V_CNT+6, V_POLY+KI(p_exp), V_END
        lda     INTR            ; scale by 2^n
        ldx     INTR+1
        bmi     @neg
        clc
        adc     FEXP
        bcs     @ovf
        sta     FEXP
        rts
@neg:   clc
        adc     FEXP
        bcc     mzero
        beq     mzero
        sta     FEXP
        rts
mzero:  jmp     fzero

; ---------------------------------------------------------------- LOG
f_log:  lda     FSIGN
        bmi     logfc
        lda     FEXP
        bne     logok
logfc:  jmp     fcerr           ; (also fpow's)
logok:  ldx     #$80            ; f in [0.707, 1.414)
        ldy     FM1
        cpy     #$B5
        bcs     @hi
        inx
@hi:    stx     FEXP
        sec
        sbc     FEXP
        pha                     ; e
        jsr     fvm
        .byte   V_ST+T1, V_LD+KI(c_one), V_SUB+T1, V_ST+T2
        .byte   V_LD+T1, V_ADD+KI(c_one), V_DIV+T2
        .byte   V_ST+T1, V_MUL+T1, V_ST+T3, V_CNT+3, V_POLY+KI(p_log), V_MUL+T1, V_ST+T1, V_END
        pla
        tay
        and     #$80
        beq     @p
        lda     #$FF
@p:     jsr     givayf
        jsr     fvm
        .byte   V_MUL+KI(c_ln2), V_ADD+T1, V_END
        rts

; ---------------------------------------------------------------- SIN COS TAN
f_sin:  jsr     fvm
        .byte   V_ST+T1, V_MUL+KI(c_invpi), V_ADD+KI(c_half), V_INT, V_ST+T2, V_END
sincom: lda     FEXP            ; |k| of 2^22 or more: x has no digits left below pi: 0
        cmp     #$97
        bcs     mzero
        jsr     fvm             ; m = INT(k + 1/2): FAC is not 0 when m is odd
        .byte   V_ADD+KI(c_half), V_INT, V_MUL+KI(c_half), V_ST+T3, V_INT, V_SUB+T3, V_END
        lda     FEXP
        pha
        jsr     fvm
        .byte   V_LD+T2, V_MUL+KI(c_pih), V_SUB+T1, V_ST+T1
        .byte   V_LD+T2, V_MUL+KI(c_pil), V_SUB+T1
        .byte   V_ST+T1, V_MUL+T1, V_ST+T3, V_CNT+4, V_POLY+KI(p_sin), V_MUL+T1, V_END
        pla
        beq     @r
        jmp     fnegnz
@r:     rts

f_tan:  jsr     pushf
        jsr     f_sin
        jsr     popa
        jsr     pushf
        jsr     movfa
        jsr     f_cos
        jsr     popa
        jmp     fdiv

; ---------------------------------------------------------------- SQR
; by Newton's method from a guess with half the exponent
f_sqr:  lda     FEXP
        beq     @r
        lda     FSIGN
        bpl     @ok
        jmp     fcerr
@ok:    jsr     fvm
        .byte   V_ST+T1, V_END
        lda     FEXP            ; $80 + e becomes about $80 + e/2
        lsr
        adc     #$40
        sta     FEXP
        lda     #5
        sta     PR7
@l:     jsr     fvm
        .byte   V_ST+T2, V_DIV+T1, V_ADD+T2, V_END
        dec     FEXP
        dec     PR7
        bne     @l
@r:     rts

; ---------------------------------------------------------------- constants
; (tools/fconst.py); the float code reaches these by their order (KI)
c_99999: .byte  $91, $43, $4F, $FA   ; 99999.95
c_999999h:
        .byte   $94, $74, $23, $F8   ; 999999.5
vmcon:
c_ten:  .byte   $84, $20, $00, $00   ; 10
c_one:  .byte   $81, $00, $00, $00   ; 1
zero4   = c_one + 1     ; (a 0 exponent, a positive sign: the value of a variable never
                        ; set, numeric or string)
c_half: .byte   $80, $00, $00, $00   ; 0.5
c_ln2:  .byte   $80, $31, $72, $18   ; math.log(2)
c_ln2h: .byte   $80, $31, $72, $00   ; round(math.log(2)*65536)/65536
c_ln2l: .byte   $6D, $3F, $BE, $8E   ; math.log(2)-round(math.log(2)*65536)/65536
c_log2e: .byte  $81, $38, $AA, $3B   ; 1/math.log(2)
c_invpi: .byte  $7F, $22, $F9, $83   ; 1/math.pi
c_pih:  .byte   $82, $49, $10, $00   ; round(math.pi*2048)/2048
c_pil:  .byte   $70, $95, $77, $7A   ; math.pi-round(math.pi*2048)/2048
c_halfpi:
        .byte   $81, $49, $0F, $DB   ; math.pi/2

; the polynomials (tools/polyfit.py), in the order that keeps their first coefficients
; within reach of the float code
p_log:
        .byte   $7F, $19, $39, $37   ; 0.2992646439
        .byte   $7F, $4C, $AB, $BC   ; 0.3997477424
        .byte   $80, $2A, $AA, $C4   ; 0.6666681601
        .byte   $82, $00, $00, $00   ; 1.999999999
p_sin:
        .byte   $6E, $2E, $D0, $32   ; 2.604920701e-06
        .byte   $74, $CF, $B6, $36   ; -0.0001980893659
        .byte   $7A, $08, $87, $57   ; 0.008333049101
        .byte   $7E, $AA, $AA, $A5   ; -0.166666579
        .byte   $81, $00, $00, $00   ; 0.9999999957
p_exp:
        .byte   $77, $36, $BA, $B3   ; 0.001394113863
        .byte   $7A, $09, $37, $ED   ; 0.00837515057
        .byte   $7C, $2A, $AA, $56   ; 0.04166635253
        .byte   $7E, $2A, $AA, $02   ; 0.1666641522
        .byte   $80, $00, $00, $00   ; 0.5000000047
        .byte   $81, $00, $00, $00   ; 1.000000038
        .byte   $81, $00, $00, $00   ; 1
p_atn:
        .byte   $77, $DE, $F9, $CC   ; -0.001701170068
        .byte   $7A, $2B, $D4, $64   ; 0.01048764927
        .byte   $7B, $F8, $A4, $79   ; -0.03035186482
        .byte   $7C, $69, $D6, $BD   ; 0.05708955597
        .byte   $7D, $AB, $00, $9B   ; -0.08349724971
        .byte   $7D, $5F, $E4, $F4   ; 0.109323415
        .byte   $7E, $92, $05, $C7   ; -0.1426001608
        .byte   $7E, $4C, $C7, $C1   ; 0.1999807528
        .byte   $7F, $AA, $AA, $98   ; -0.3333327629
        .byte   $81, $00, $00, $00   ; 0.9999999972
        .assert KI(p_atn) < 32, error, "too many float code constants"
