; float.s: the floating-point package.
; Numbers are 32-bit binary floating point: an exponent byte (bias $80; 0 means the number is 0)
; and a 24-bit mantissa 0.1mmm... In memory the mantissa's top bit (always 1) holds the sign.
; The accumulator FAC (FEXP FM1 FM2 FM3, guard byte FM4, sign FSIGN = $00/$80) and the second
; operand ARG (same layout) live in zero page. Every operation leaves FAC normalised and rounded
; to nearest on 24 bits, so a result is the same whether it is stored or used at once.
; Binary operations take the left operand in ARG: fadd/fsub/fmul/fdiv compute ARG op FAC.

; --- normalise FM1..FM4 (shifting left, lowering FEXP), then round to 24 bits
fnorm:  lda     FM1
        beq     fnbyte
        bmi     fround
@bl:    dec     FEXP
        beq     fzero
        asl     FM4
        rol     FM3
        rol     FM2
        rol     FM1
        bpl     @bl
fround: lda     FM4
        bpl     @done
        inc     FM3
        bne     @done
        inc     FM2
        bne     @done
        inc     FM1
        bne     @done
        sec                     ; (all ones rounded up: 1000...)
        ror     FM1
        inc     FEXP
        beq     overflow
@done:  lda     #0
        sta     FM4
        rts
fnbyte: lda     FM2             ; (fnorm) a whole byte at a time first
        sta     FM1
        ora     FM3
        ora     FM4
        beq     fzero
        lda     FM3
        sta     FM2
        lda     FM4
        sta     FM3
        lda     #0
        sta     FM4
        lda     FEXP
        sec
        sbc     #8
        sta     FEXP
        bcc     fzero
        bne     fnorm
fzero:  lda     #0              ; (X changes)
        ldx     #FSIGN-FEXP
@z:     sta     FEXP,x
        dex
        bpl     @z
        rts
overflow:
        ldx     #ERR_OV
        jmp     error

; --- FAC = ARG
movfa:  ldx     #5
@l:     lda     AEXP,x
        sta     FEXP,x
        dex
        bpl     @l
        rts

; --- FAC = packed number at (A = low, Y = high); ARG likewise with movam
movfm:  ldx     #0
        .byte   $2C             ; skip the next two bytes (BIT abs)
movam:  ldx     #AEXP-FEXP
        sta     FPTR
        sty     FPTR+1
movxm:  ldy     #0              ; (FPTR to FAC + X)
        lda     (FPTR),y
        sta     FEXP,x
        iny
        lda     (FPTR),y
        and     #$80
        sta     FSIGN,x
        lda     (FPTR),y
        ora     #$80
        sta     FM1,x
        iny
        lda     (FPTR),y
        sta     FM2,x
        iny
        lda     (FPTR),y
        sta     FM3,x
        lda     #0
        sta     FM4,x
        rts

; --- packed number at (X = low, Y = high) = FAC
movmf:  stx     FPTR
        sty     FPTR+1
movmfp: ldy     #0
        lda     FEXP
        sta     (FPTR),y
        beq     @zero
        iny
        lda     FSIGN
        ora     #$7F
        and     FM1
        sta     (FPTR),y
        iny
        lda     FM2
        sta     (FPTR),y
        iny
        lda     FM3
        sta     (FPTR),y
        rts
@zero:  iny
        sta     (FPTR),y
        iny
        sta     (FPTR),y
        iny
        sta     (FPTR),y
        rts

; --- FAC = -FAC: fnegnz keeps a 0 as it is, fneg flips the sign
fnegnz: lda     FEXP
        beq     fnr
fneg:   lda     FSIGN
        eor     #$80
        sta     FSIGN
fnr:    rts

; --- FAC = ARG - FAC, FAC = ARG + FAC
fsub:   jsr     fneg
fadd:   lda     AEXP
        beq     fnr
        lda     FEXP
        bne     @both
@mv:    beq     movfa           ; (FEXP 0, or from @far: Z set)
@far:   txa                     ; too far apart to matter: the larger
        beq     @mv
        rts
@both:  ldy     #0              ; the smaller operand (X: 0 FAC, 6 ARG) moves right
        sty     AM4             ; until the exponents agree; the larger's is FAC's
        sty     FM4
        ldx     #AEXP-FEXP
        sec
        sbc     AEXP
        bcs     @ge
        ldx     #0              ; FAC the smaller: it takes ARG's exponent
        eor     #$FF            ; (carry clear) AEXP - FEXP
        adc     #1
        ldy     AEXP
        sty     FEXP
@ge:    cmp     #32
        bcs     @far
        tay
@bytes: cpy     #8              ; whole bytes first
        bcc     @bits
        lda     FM3,x
        sta     FM4,x
        lda     FM2,x
        sta     FM3,x
        lda     FM1,x
        sta     FM2,x
        lda     #0
        sta     FM1,x
        tya
        sbc     #8              ; (carry set)
        tay
        bcs     @bytes
@bl:    lsr     FM1,x
        ror     FM2,x
        ror     FM3,x
        ror     FM4,x
@bits:  dey
        bpl     @bl
@aligned:
        lda     FSIGN
        eor     ASIGN
        bmi     @sub
        clc
        ldx     #3
@add:   lda     FM1,x
        adc     AM1,x
        sta     FM1,x
        dex
        bpl     @add
        bcc     @norm
        ror     FM1
        ror     FM2
        ror     FM3
        ror     FM4
        inc     FEXP
        bne     @norm
        jmp     overflow
@sub:   sec
        ldx     #3
@sbl:   lda     FM1,x
        sbc     AM1,x
        sta     FM1,x
        dex
        bpl     @sbl
        bcs     @norm
        ldx     #3              ; the mantissa's two's complement
        sec
@ng:    lda     #0
        sbc     FM1,x
        sta     FM1,x
        dex
        bpl     @ng
        jsr     fneg
@norm:  jmp     fnorm

; --- FAC = ARG * FAC
fmul:   lda     FEXP
        bne     @nz
        rts
@nz:    lda     AEXP
        beq     fzeroj
        lda     FSIGN
        eor     ASIGN
        sta     FSIGN
        lda     FEXP            ; the exponent less one (see mfix): FEXP + AEXP - $81,
        clc                     ; 0 or less: 0, above 255: overflow
        adc     AEXP
        bcs     @big
        cmp     #$82
        bcc     fzeroj
        sbc     #$81
        bcs     @set            ; (always)
@big:   cmp     #$81            ; sum A + 256: A + $7F must stay below 256
        bcs     fovf
        adc     #$7F
@set:   sta     FEXP
        lda     #0              ; the product's top 32 bits in PR1..PR4 (those below
        ldx     #3              ; never reach the rounding)
@cp:    sta     PR1,x
        dex
        bpl     @cp
        ldy     #3              ; a byte of the multiplier (FAC) at a time, the lowest
@byte:  lda     FM1-1,y         ; first: a zero one shifts the product by 8 at once
        bne     @bits
        ldx     #2
@bs:    lda     PR1,x
        sta     PR2,x
        dex
        bpl     @bs
        lda     #0
        sta     PR1
        beq     @next
@bits:  sta     PR5
        ldx     #8
@bit:   lsr     PR5
        bcc     @sh
        clc
        lda     PR3
        adc     AM3
        sta     PR3
        lda     PR2
        adc     AM2
        sta     PR2
        lda     PR1
        adc     AM1
        sta     PR1
@sh:    ror     PR1
        ror     PR2
        ror     PR3
        ror     PR4
        dex
        bne     @bit
@next:  dey
        bne     @byte
        beq     mfix

; --- FAC = ARG / FAC
dzerr:  ldx     #ERR_DZ
        .byte   $2C             ; BIT abs: skip the next load
fovf:   ldx     #ERR_OV
        jmp     error
fzeroj: jmp     fzero
qbits:  .byte   8, 8, 8, 2      ; fdiv: the quotient bits of PR1..PR4
fdiv:   lda     FEXP
        beq     dzerr
        lda     AEXP
        beq     fzeroj
        lda     FSIGN
        eor     ASIGN
        sta     FSIGN
        lda     AEXP            ; the exponent less one (see mfix): AEXP - FEXP + $80,
        sec                     ; 0 or less: 0, above 255: overflow
        sbc     FEXP
        bcs     @pos
        cmp     #$81            ; negative difference A - 256: A - $80 must be 1 or more
        bcc     fzeroj
        bcs     @set
@pos:   bmi     fovf
@set:   eor     #$80
        sta     FEXP
        ldx     #$FC            ; 26 quotient bits, 8 8 8 2 into PR1..PR4 (X = $FC..$FF:
        clc                     ; PR5-4..PR5-1); the first is 1 for a quotient of 1 or
@byte:  ldy     qbits-$FC,x     ; more, the 26th rounds. The remainder's 25th bit
@dl:    bcs     @sub            ; (carry): above the divisor
        lda     AM1             ; else compare first, subtract only when it fits
        cmp     FM1
        bne     @ne
        lda     AM2
        cmp     FM2
        bne     @ne
        lda     AM3
        cmp     FM3
@ne:    bcc     @nosub
@sub:   lda     AM3             ; (carry set)
        sbc     FM3
        sta     AM3
        lda     AM2
        sbc     FM2
        sta     AM2
        lda     AM1
        sbc     FM1
        sta     AM1
        sec                     ; (a quotient bit of 1)
@nosub: rol     PR5,x
        asl     AM3
        rol     AM2
        rol     AM1
        dey
        bne     @dl
        inx
        bne     @byte
        ror     PR4             ; the last two bits to the top (a third below them,
        ror     PR4             ; the remainder's, is never looked at)
        ror     PR4
; mfix: FAC = the product or quotient in PR1..PR4 with FEXP one less than its exponent
; (so that the largest exponent fits a byte): its top bit set counts one more, else it
; moves up a bit
mfix:   lda     PR1
        bpl     @up
        inc     FEXP
        beq     fovf
        bne     @cp
@up:    jsr     dblpr
@cp:    ldx     #3
@c:     lda     PR1,x
        sta     FM1,x
        dex
        bpl     @c
        jmp     fnorm

; --- compare ARG with FAC: A = 1 (ARG > FAC), 0 (equal), $FF (ARG < FAC); flags from A
fcmp:   lda     AEXP
        ora     FEXP
        beq     @eq             ; both 0
        lda     ASIGN
        eor     FSIGN
        bmi     @sgn            ; the signs differ (0 counts as positive)
@same:  ldx     #0
@cl:    lda     AEXP,x
        cmp     FEXP,x
        bne     @diff
        inx
        cpx     #4
        bne     @cl
@eq:    lda     #0
        rts
@diff:  ror                     ; carry (ARG bigger in magnitude) into bit 7
@sgn:   eor     ASIGN
        bmi     @gt
@lt:    lda     #$FF
        rts
@gt:    lda     #1
        rts

; --- FAC = signed 16-bit integer A (high), Y (low)
givayf: sta     PR3
        sty     PR4
        and     #$80
        beq     givuns
        lda     #0
        sec
        sbc     PR4
        sta     PR4
        lda     #0
        sbc     PR3
        sta     PR3
        lda     #$80
        .byte   $2C
; givuns: FAC = unsigned 16-bit PR3 (high) PR4 (low), normalised here (16 bits need no
; rounding): a shift of 12 cycles a bit instead of fnorm's 30
givuns: lda     #0
        sta     FSIGN
        ldy     #0
        sty     FM3
        sty     FM4
        ldx     #$90
        lda     PR3
        bne     @n
        ldx     #$88            ; a high byte of 0: the low one moves up at once
        lda     PR4
        sty     PR4
        bne     @n8
        tax                     ; 0: FEXP = 0
        beq     @d
@n8:    bmi     @d
@l8:    dex                     ; (8 bits only: A alone)
        asl
        bpl     @l8
        bmi     @d
@n:     bmi     @d
@l:     dex
        asl     PR4
        rol
        bpl     @l
@d:     sta     FM1
        lda     PR4
        sta     FM2
        stx     FEXP
        rts
; FAC = unsigned byte in Y
givuby: lda     #0
        beq     givayf

; --- INTR = |trunc(FAC)|, at most 65535 (else ?FC); N flag and A = FSIGN
qint:   lda     #0
        sta     INTR
        sta     INTR+1
        ldx     FEXP
        cpx     #$81
        bcc     @done           ; below 1: 0
        cpx     #$91
        bcs     fcerr
        lda     FM1             ; A: the high byte, Y: the low one
        ldy     FM2
        cpx     #$89
        bcs     @w
        tay                     ; below 256: FM1 alone, 8 places nearer
        txa
        adc     #8              ; (carry clear)
        tax
        lda     #0
@w:     sty     INTR
@l:     cpx     #$90            ; shift until the exponent is 16
        beq     @d
        lsr
        ror     INTR
        inx
        bne     @l
@d:     sta     INTR+1
@done:  lda     FSIGN
        rts
fcerr:  ldx     #ERR_FC
        jmp     error

; --- INTR = FAC as a signed 16-bit integer (-32768..32767, else ?FC), truncated toward 0
ayint:  jsr     qint
        bpl     @pos
        lda     INTR+1
        bpl     negint
        cmp     #$80
        bne     fcerr
        lda     INTR
        bne     fcerr
        rts
@pos:   lda     INTR+1
        bmi     fcerr
        rts
; --- INTR = FAC as an address: 0..65535, or -65535..-1 taken modulo 65536
getadr: jsr     qint
        bpl     negdone
negint: lda     #0
        sec
        sbc     INTR
        sta     INTR
        lda     #0
        sbc     INTR+1
        sta     INTR+1
negdone:
        rts
; --- X = FAC as a byte 0..255 (else ?FC)
getbyt: jsr     qint
        lda     INTR+1
        bne     fcerr
        ldx     INTR
        beq     @r              ; (-0.5 is 0)
        lda     FSIGN
        bmi     fcerr
@r:     rts

; --- FAC = INT(FAC): the largest integer not above it
fint:   lda     #$98            ; the bits below the point: at most 25 (all of them)
        sec
        sbc     FEXP
        beq     @ret
        bcc     @ret
        cmp     #25
        bcc     @n
        lda     #25
@n:     tax
        lda     #0
        sta     CNT
@s:     lsr     FM1
        ror     FM2
        ror     FM3
        bcc     @nl
        inc     CNT
@nl:    dex
        bne     @s
        lda     FSIGN
        bpl     @done
        lda     CNT
        beq     @done
        inc     FM3
        bne     @done
        inc     FM2
        bne     @done
        inc     FM1
@done:  lda     #$98
        sta     FEXP
        lda     #0
        sta     FM4
        jmp     fnorm
@ret:   rts

; --- FAC = FAC * 10, FAC = FAC / 10
mul10:  jsr     fvm
        .byte   V_MUL+KI(c_ten), V_END
        rts
div10:  jsr     fvm
        .byte   V_ST+T1, V_LD+KI(c_ten), V_DIV+T1, V_END
        rts

; --- FAC = the number at TXTPTR (current character first, read with chrget), sign allowed
; finu: the same without a sign (a number in an expression: a sign there is an operator),
; the current character in A and the carry as chrgot leaves them
fin:    jsr     getsgn          ; (X = A = the sign)
        jsr     chrgot
        .byte   $2C             ; BIT abs: skip the next load
finu:   ldx     #0
        stx     PR7             ; PR1..PR4 mantissa, PR5 exponent, PR6 point seen, PR7 sign
        ldy     #0
        sty     PR1
        sty     PR2
        sty     PR5
        sty     PR6
        jsr     dig16            ; the digits while they fit 16 bits (most numbers)
@digit: bcs     @nodig
        and     #$0F
        ldx     PR1
        cpx     #$08
        bcs     @full
        pha                     ; PR1..PR4 = PR1..PR4 * 10 + A
        jsr     dblpr
        ldx     #3
@sv:    lda     PR1,x
        sta     AM1,x
        dex
        bpl     @sv
        jsr     dblpr
        jsr     dblpr
        clc
        ldx     #3
@ad:    lda     PR1,x
        adc     AM1,x
        sta     PR1,x
        dex
        bpl     @ad
        pla
        clc
        adc     PR4
        sta     PR4
        bcc     @ic
        inc     PR3
        bne     @ic
        inc     PR2
        bne     @ic
        inc     PR1
@ic:    bit     PR6
        bpl     @next
        dec     PR5             ; (to below 0: a digit after the point is kept only while
        bne     @next           ; none before it was dropped)
@full:  bit     PR6
        bmi     @next
        inc     PR5
@next:  jsr     chrget
        jmp     @digit
@nodig: cmp     #'.'
        bne     @note
        bit     PR6
        bmi     @end
        dec     PR6
        bne     @next
@note:  cmp     #'E'
        bne     @end
        jsr     chrget          ; the exponent: a sign, digits
        jsr     getsgn
        sta     SCLDIR
        lda     #0
        sta     CNT
        jsr     chrgot
@edig:  bcs     @eend
        and     #$0F
        sta     SCLCNT
        lda     CNT
        cmp     #10
        bcs     @ebig
        asl
        asl
        adc     CNT
        asl
        adc     SCLCNT
        .byte   $2C
@ebig:  lda     #100            ; stays too big for any number
        sta     CNT
        jsr     chrget
        jmp     @edig
@eend:  lda     SCLDIR          ; PR5 + or - CNT ($FF: CNT EOR $FF + 1)
        asl
        lda     CNT
        eor     SCLDIR
        adc     PR5
        bvc     @eok
        lda     #$80            ; hopeless exponent: clamp (the scale overflows or vanishes)
        bit     SCLDIR
        bmi     @eok
        lda     #$7F
@eok:   sta     PR5
@end:   lda     PR1             ; a whole number below 65536: givuns
        ora     PR2
        ora     PR5
        beq     @int
        ldx     #3
@cp:    lda     PR1,x
        sta     FM1,x
        dex
        bpl     @cp
        lda     #$A0
        sta     FEXP
        lda     #0
        sta     FSIGN
        jsr     fnorm
        lda     PR5             ; times ten to the exponent, one factor at a time
        sta     SCLCNT
@sc:    lda     SCLCNT
        beq     @sign
        bmi     @dv
        jsr     mul10
        dec     SCLCNT
        bpl     @sc             ; (always)
@dv:    jsr     div10
        inc     SCLCNT
        jmp     @sc
@int:   jsr     givuns
@sign:
        lda     FEXP
        beq     @ret
        lda     PR7
        and     #$80
        sta     FSIGN
@ret:   rts

; getsgn: skip a + or - sign; A = $FF after a minus, else 0; C clear when a digit follows
getsgn: jsr     chrgot
        ldx     #$FF
        cmp     #'-'
        beq     @skip
        cmp     #TK_MINUS
        beq     @skip
        inx
        cmp     #'+'
        beq     @skip
        cmp     #TK_PLUS
        bne     @got
@skip:  jsr     chrget
@got:   txa
        rts

; dig16: PR3/PR4 (high, low) = the decimal digits from the current character on, while
; the value stays below 64000. Carry set: A = the character after them; carry clear: A = a
; digit (0-9) that would take the value to 64000 or more, not taken.
dig16:  ldy     #0              ; (the current character in A, the carry as chrgot
        sty     PR3             ; leaves them)
        sty     PR4
        bcs     @r              ; not a digit
@l:     and     #$0F
        ldx     PR3
        cpx     #25             ; 6400 or more: a digit more passes 63999
        bcs     @big
        tay                     ; (the digit)
        txa
        ora     PR4
        beq     @add            ; (v = 0: the first digit)
        lda     PR4             ; (v * 4 + v) * 2 + the digit (X: v's high byte)
        asl
        rol     PR3
        asl
        rol     PR3
        adc     PR4             ; (carry clear)
        sta     PR4
        txa
        adc     PR3
        asl     PR4
        rol
        sta     PR3
@add:   tya
        adc     PR4             ; (carry clear)
        sta     PR4
        bcc     @n
        inc     PR3
@n:     jsr     chrget
        bcc     @l
@r:     rts
@big:   clc
        rts

; dblpr: PR1..PR4 = PR1..PR4 * 2
dblpr:  asl     PR4
        rol     PR3
        rol     PR2
        rol     PR1
        rts

; --- FBUF = FAC in PRINT form: sign or space, then up to 6 significant digits; A/Y -> FBUF,
; CNT = its length
fout:   lda     #' '
        ldx     FSIGN
        bpl     @sp
        lda     #'-'
@sp:    sta     FBUF
        ldy     #1              ; output index
        lda     FEXP
        bne     @nz
        lda     #'0'
        jsr     @put
        jmp     @fin
@nz:    lda     #0
        sta     FSIGN
        sta     DEC10
@adj:   lda     #<c_999999h
        ldy     #>c_999999h
        jsr     movam
        jsr     fcmp            ; ARG (999999.5) vs FAC
        beq     @big
        bpl     @nbig
@big:   jsr     div10
        dec     DEC10
        bne     @adj            ; (always: DEC10 moves one way from 0, a few dozen steps)
@nbig:  lda     #<c_99999
        ldy     #>c_99999
        jsr     movam
        jsr     fcmp
        bmi     @ok
        beq     @ok
        jsr     mul10
        inc     DEC10
        bne     @adj            ; (always)
@ok:    jsr     fvm
        .byte   V_ADD+KI(c_half), V_END
        lda     #$98
        sec
        sbc     FEXP
        tax
        beq     @int
@is:    lsr     FM1
        ror     FM2
        ror     FM3
        dex
        bne     @is
@int:   ldx     #5              ; six digits into FBUF+8..FBUF+13, the last first:
@dig:   lda     #0              ; the remainders of dividing by ten
        ldy     #24
@bit:   asl     FM3
        rol     FM2
        rol     FM1
        rol
        cmp     #10
        bcc     @n
        sbc     #10
        inc     FM3
@n:     dey
        bne     @bit
        ora     #'0'
        sta     FBUF+8,x
        dex
        bpl     @dig
        ; number of significant digits (trailing zeros dropped) into CNT
        ldx     #6
@tz:    lda     FBUF+7,x
        cmp     #'0'
        bne     @tzd
        dex
        bne     @tz
@tzd:   stx     CNT
        ; P (digits before the point, SCLCNT) = 6 - DEC10 in fixed notation
        ; (0 <= DEC10 <= 7, so -2 <= E <= 5), 1 in E notation; N (PR7) = max(CNT, P)
        ldy     #1              ; output index
        ldx     #1
        lda     DEC10
        cmp     #8
        bcs     @p
        eor     #$FF
        adc     #7              ; carry is clear
        tax
@p:     stx     SCLCNT
        lda     CNT
        sta     PR7
        txa
        bmi     @lead
        beq     @lead
        cpx     CNT
        bcc     @digs
        stx     PR7
        bcs     @digs
@lead:  lda     #'.'            ; ".", then a 0 when P = -1
        jsr     @put
        txa
        beq     @lzd
        lda     #'0'
        jsr     @put
@lzd:   ldx     #$FF            ; (no point among the digits)
        stx     SCLCNT
@digs:  ldx     #0
@dl:    cpx     SCLCNT
        bne     @nd
        lda     #'.'
        jsr     @put
@nd:    lda     FBUF+8,x
        jsr     @put
        inx
        cpx     PR7
        bcc     @dl
        lda     DEC10
        cmp     #8
        bcc     @fin
        lda     #'E'
        jsr     @put
        ldx     #'+'
        lda     #5
        sec
        sbc     DEC10           ; E
        bpl     @ep
        ldx     #'-'
        eor     #$FF
        adc     #1
@ep:    pha
        txa
        jsr     @put
        pla
        ldx     #'0'-1
        sec
@e10:   inx
        sbc     #10
        bcs     @e10
        adc     #'0'+10
        pha
        txa
        jsr     @put
        pla
        jsr     @put
@fin:   lda     #0
        sta     FBUF,y
        sty     CNT             ; (its length)
@ret:   lda     #<FBUF
        ldy     #>FBUF
        rts
@put:   sta     FBUF,y
        iny
        rts

