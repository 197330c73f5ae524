; math.s: ^, SQR, RND, LOG, EXP, SIN, COS, TAN, ATN.
; LOG uses ln(x) = 2 atanh((f-c)/(f+c)) + (e-1/2) ln 2 with x = f * 2^e and c = sqrt(1/2);
; EXP splits x*log2(e) into an integer (the exponent) and a fraction (a series);
; SIN reduces to a quarter turn and uses an odd series in turns; ATN reduces to |x| <= tan(pi/8).

; stft: packed FAC into the zero-page temporary X; ldarg: ARG = the temporary A
stft:   ldy     #0
        jmp     movmf
ldarg:  ldy     #0
        jmp     movam
ldfac:  ldy     #0
        jmp     movfm
.ifdef MATHFNS
; poly: FAC = P(FT3) with the coefficient table at A/Y (count, then the highest first)
poly:   sta     STRP
        sty     STRP+1
        ldy     #0
        lda     (STRP),y
        sta     SCLCNT
        jsr     @next
        jsr     movfm
@l:     lda     #FT3
        jsr     ldarg
        jsr     fmul
        jsr     @next
        jsr     movam
        jsr     fadd
        dec     SCLCNT
        bne     @l
        rts
@next:  lda     STRP            ; A/Y = the next coefficient
        clc
        adc     #1
        sta     STRP
        bcc     @n
        inc     STRP+1
@n:     ldy     STRP+1
        pha
        clc
        adc     #3
        sta     STRP
        bcc     @n2
        inc     STRP+1
@n2:    pla
        rts

.endif
; FAC = ARG ^ FAC
fpow:   lda     FEXP
        bne     @nz
        lda     #<c_one
        ldy     #>c_one
        jmp     movfm
@nz:    lda     AEXP
        bne     @base
        lda     FSIGN
        bpl     @zero
        ldx     #ERR_DZ
        jmp     error
@zero:  jmp     fzero
@base:  ldx     #FT1            ; FT1 = the exponent, FT2 = the base
        jsr     stft
        jsr     movfa
        ldx     #FT2
        jsr     stft
        lda     #FT1            ; a whole exponent below 256: multiply
        jsr     ldfac
        jsr     fint
        lda     #FT1
        jsr     ldarg
        jsr     fcmp
        bne     @real
        lda     FEXP
        cmp     #$89
        bcs     @real
        lda     FSIGN
        pha
        lda     #0
        sta     FSIGN
        jsr     qint
        lda     INTR
        sta     PR7
        lda     #<c_one
        ldy     #>c_one
        jsr     movfm
@sq:    lsr     PR7             ; square and multiply
        bcc     @nomul
        lda     #FT2
        jsr     ldarg
        jsr     fmul
@nomul: lda     PR7
        beq     @done
        ldx     #FT3
        jsr     stft
        lda     #FT2
        jsr     ldfac
        jsr     movaf
        jsr     fmul
        ldx     #FT2
        jsr     stft
        lda     #FT3
        jsr     ldfac
        jmp     @sq
@done:  pla
        bpl     @r
        lda     #<c_one
        ldy     #>c_one
        jsr     movam
        jmp     fdiv
@r:     rts
@real:  lda     FT2+1
        bpl     @pos
        jmp     fcerr
.ifdef MATHFNS
@pos:   lda     #FT1            ; exp(y * log(x))
        jsr     ldfac
        jsr     pushf
        lda     #FT2
        jsr     ldfac
        jsr     f_log
        jsr     popa
        jsr     fmul
        jmp     f_exp
.else
@pos:   jmp     fcerr
.endif
; SQR by Newton's method from a guess with half the exponent
f_sqr:  lda     FEXP
        beq     @r
        lda     FSIGN
        bpl     @ok
        jmp     fcerr
@ok:    ldx     #FT1
        jsr     stft
        lda     FEXP
        sec
        sbc     #$80
        cmp     #$80
        ror
        clc
        adc     #$80
        sta     FEXP
        lda     #5
        sta     PR7
@l:     ldx     #FT2
        jsr     stft
        lda     #FT1
        jsr     ldarg
        jsr     fdiv
        lda     #FT2
        jsr     ldarg
        jsr     fadd
        dec     FEXP
        dec     PR7
        bne     @l
@r:     rts

.ifdef MATHFNS
f_log:  lda     FSIGN
        bmi     @fc
        lda     FEXP
        bne     @ok
@fc:    jmp     fcerr
@ok:    sec
        sbc     #$80
        pha                     ; e
        lda     #$80
        sta     FEXP
        ldx     #FT1            ; f
        jsr     stft
        lda     #<c_sqrhalf
        ldy     #>c_sqrhalf
        jsr     movam
        jsr     fadd
        ldx     #FT2            ; f + c
        jsr     stft
        lda     #FT1
        jsr     ldarg
        lda     #<c_sqrhalf
        ldy     #>c_sqrhalf
        jsr     movfm
        jsr     fsub            ; f - c
        jsr     movaf
        lda     #FT2
        jsr     ldfac
        jsr     fdiv            ; t
        ldx     #FT1
        jsr     stft
        jsr     movaf
        jsr     fmul
        ldx     #FT3            ; t^2
        jsr     stft
        lda     #<p_log
        ldy     #>p_log
        jsr     poly
        lda     #FT1
        jsr     ldarg
        jsr     fmul
        ldx     #FT1
        jsr     stft
        pla                     ; + (e - 1/2) ln 2
        tay
        lda     #0
        cpy     #$80
        bcc     @p
        lda     #$FF
@p:     jsr     givayf
        lda     #<c_mhalf
        ldy     #>c_mhalf
        jsr     movam
        jsr     fadd
        lda     #<c_ln2
        ldy     #>c_ln2
        jsr     movam
        jsr     fmul
        lda     #FT1
        jsr     ldarg
        jmp     fadd

f_exp:  lda     #<c_log2e
        ldy     #>c_log2e
        jsr     movam
        jsr     fmul
        ldx     #FT1            ; y
        jsr     stft
        jsr     fint
        lda     FEXP            ; |n| >= 256: overflow or 0
        cmp     #$89
        bcc     @small
        lda     FSIGN
        bmi     @zero
@ovf:   jmp     overflow
@zero:  jmp     fzero
@small: ldx     #FT2
        jsr     stft
        jsr     ayint
        lda     INTR
        pha
        lda     #FT1
        jsr     ldarg
        lda     #FT2
        jsr     ldfac
        jsr     fsub            ; f = y - n in [0, 1)
        lda     #<c_ln2
        ldy     #>c_ln2
        jsr     movam
        jsr     fmul
        ldx     #FT3
        jsr     stft
        lda     #<p_exp
        ldy     #>p_exp
        jsr     poly
        pla                     ; scale by 2^n
        ldx     INTR+1
        bmi     @neg
        clc
        adc     FEXP
        bcs     @ovf
        sta     FEXP
        rts
@neg:   clc
        adc     FEXP
        bcc     @zero
        beq     @zero
        sta     FEXP
        rts

f_cos:  lda     #<c_halfpi
        ldy     #>c_halfpi
        jsr     movam
        jsr     fadd
f_sin:  lda     #<c_inv2pi
        ldy     #>c_inv2pi
        jsr     movam
        jsr     fmul
        ldx     #FT1
        jsr     stft
        jsr     fint
        lda     #FT1
        jsr     ldarg
        jsr     fsub            ; u = turns - INT(turns), in [0, 1)
        lda     #<c_q3
        ldy     #>c_q3
        jsr     movam
        jsr     fcmp            ; 0.75 < u: u - 1
        bpl     @lo
        lda     #<c_one
        ldy     #>c_one
        jsr     movam
        jsr     fsub
        lda     FSIGN
        eor     #$80
        sta     FSIGN
        jmp     @ser
@lo:    lda     #<c_q1
        ldy     #>c_q1
        jsr     movam
        jsr     fcmp            ; 0.25 < u: 1/2 - u
        bpl     @ser
        lda     #<c_half
        ldy     #>c_half
        jsr     movam
        jsr     fsub
@ser:   ldx     #FT1
        jsr     stft
        jsr     movaf
        jsr     fmul
        ldx     #FT3
        jsr     stft
        lda     #<p_sin
        ldy     #>p_sin
        jsr     poly
        lda     #FT1
        jsr     ldarg
        jmp     fmul

f_tan:  jsr     pushf
        jsr     f_sin
        jsr     popa
        jsr     pushf
        jsr     movfa
        jsr     f_cos
        jsr     popa
        jmp     fdiv

f_atn:  lda     FSIGN
        pha
        lda     #0
        sta     FSIGN
        sta     PR7
        lda     #<c_one         ; |x| > 1: use 1/x
        ldy     #>c_one
        jsr     movam
        jsr     fcmp
        bpl     @le1
        jsr     fdiv
        lda     #$80
        sta     PR7
@le1:   lda     #<c_tpi8        ; > tan(pi/8): (x-1)/(x+1), plus pi/4
        ldy     #>c_tpi8
        jsr     movam
        jsr     fcmp
        bpl     @ser
        ldx     #FT1
        jsr     stft
        lda     #<c_one
        ldy     #>c_one
        jsr     movam
        jsr     fadd
        ldx     #FT2
        jsr     stft
        lda     #FT1
        jsr     ldarg
        lda     #<c_one
        ldy     #>c_one
        jsr     movfm
        jsr     fsub
        jsr     movaf
        lda     #FT2
        jsr     ldfac
        jsr     fdiv
        inc     PR7
@ser:   ldx     #FT1
        jsr     stft
        jsr     movaf
        jsr     fmul
        ldx     #FT3
        jsr     stft
        lda     PR7
        pha
        lda     #<p_atn
        ldy     #>p_atn
        jsr     poly
        lda     #FT1
        jsr     ldarg
        jsr     fmul
        pla
        sta     PR7
        lsr
        bcc     @nq
        lda     #<c_qpi
        ldy     #>c_qpi
        jsr     movam
        jsr     fadd
@nq:    lda     PR7
        bpl     @sgn
        lda     #<c_halfpi
        ldy     #>c_halfpi
        jsr     movam
        jsr     fsub
@sgn:   pla
        eor     FSIGN
        sta     FSIGN
        rts

.else
f_log = fcerr
f_exp = fcerr
f_cos = fcerr
f_sin = fcerr
f_tan = fcerr
f_atn = fcerr
.endif
.ifdef MATHFNS
c_sqrhalf:
        .byte   $80, $35, $04, $F3   ; math.sqrt(0.5)
c_mhalf:
        .byte   $80, $80, $00, $00   ; -0.5
c_ln2:
        .byte   $80, $31, $72, $18   ; math.log(2)
c_log2e:
        .byte   $81, $38, $AA, $3B   ; 1/math.log(2)
c_halfpi:
        .byte   $81, $49, $0F, $DB   ; math.pi/2
c_qpi:
        .byte   $80, $49, $0F, $DB   ; math.pi/4
c_inv2pi:
        .byte   $7E, $22, $F9, $83   ; 1/(2*math.pi)
c_q1:
        .byte   $7F, $00, $00, $00   ; 0.25
c_q3:
        .byte   $80, $40, $00, $00   ; 0.75
c_tpi8:
        .byte   $7F, $54, $13, $CD   ; math.tan(math.pi/8)
p_log:  .byte 4
        .byte   $7E, $63, $8E, $39   ; 2/9
        .byte   $7F, $12, $49, $25   ; 2/7
        .byte   $7F, $4C, $CC, $CD   ; 2/5
        .byte   $80, $2A, $AA, $AB   ; 2/3
        .byte   $82, $00, $00, $00   ; 2
p_exp:  .byte 8
        .byte   $71, $50, $0D, $01   ; 1/40320
        .byte   $74, $50, $0D, $01   ; 1/5040
        .byte   $77, $36, $0B, $61   ; 1/720
        .byte   $7A, $08, $88, $89   ; 1/120
        .byte   $7C, $2A, $AA, $AB   ; 1/24
        .byte   $7E, $2A, $AA, $AB   ; 1/6
        .byte   $80, $00, $00, $00   ; 1/2
        .byte   $81, $00, $00, $00   ; 1
        .byte   $81, $00, $00, $00   ; 1
p_sin:  .byte 6
        .byte   $82, $74, $7A, $1A   ; (2*math.pi)**13/6227020800
        .byte   $84, $F1, $83, $A8   ; -(2*math.pi)**11/39916800
        .byte   $86, $28, $3C, $1A   ; (2*math.pi)**9/362880
        .byte   $87, $99, $69, $66   ; -(2*math.pi)**7/5040
        .byte   $87, $23, $35, $E3   ; (2*math.pi)**5/120
        .byte   $86, $A5, $5D, $E7   ; -(2*math.pi)**3/6
        .byte   $83, $49, $0F, $DB   ; 2*math.pi
p_atn:  .byte 7
        .byte   $7D, $88, $88, $89   ; -1/15
        .byte   $7D, $1D, $89, $D9   ; 1/13
        .byte   $7D, $BA, $2E, $8C   ; -1/11
        .byte   $7D, $63, $8E, $39   ; 1/9
        .byte   $7E, $92, $49, $25   ; -1/7
        .byte   $7E, $4C, $CC, $CD   ; 1/5
        .byte   $7F, $AA, $AA, $AB   ; -1/3
        .byte   $81, $00, $00, $00   ; 1

.endif