; expr.s: expression evaluation by precedence (OR < AND < NOT < relations < + - < * / <
; unary minus < ^), variables and arrays, and the dispatch of functions.
; Results are in FAC; VALTYP says number ($00) or string ($FF, FM2/FM3 = descriptor).

; parexp: "(" expression ")"; parnum, parstr: of a number, of a string
parnum: jsr     parexp
        jmp     chknum
parstr: jsr     parexp
        jmp     chkstr
parexp: jsr     chkopn
        jsr     frmevl
        jmp     chkcls
frmnum: jsr     frmevl
chknum: bit     VALTYP
        bmi     tmj
        rts
chkstr: bit     VALTYP
        bmi     tmr
tmj:    jmp     tmerr
tmr:    rts

; PUSH_FAC: push FAC packed (the sign in the mantissa's top bit; for strings the descriptor),
; four bytes; used by pushf and, in line, by the expression evaluator
.macro  PUSH_FAC
        lda     FM3
        pha
        lda     FM2
        pha
        lda     FSIGN
        ora     #$7F
        and     FM1
        pha
        lda     FEXP
        pha
.endmacro

; pushf: push FAC (packed; for strings the descriptor) under the caller's return address
pushf:  pla
        sta     RET
        pla
        sta     RET+1
        PUSH_FAC
retpsh: lda     RET+1
        pha
        lda     RET
        pha
        rts
; popa: pull what pushf pushed into ARG
popa:   pla
        sta     RET
        pla
        sta     RET+1
        pla
        sta     AEXP
        pla
        tax
        and     #$80
        sta     ASIGN
        txa
        ora     #$80
        sta     AM1
        pla
        sta     AM2
        pla
        sta     AM3
        lda     #0
        sta     AM4
        beq     retpsh

; frmevl: evaluate an expression; frmprec: only while the operators bind tighter than A.
; Precedence: OR 1, AND 2, NOT 3, relations 4, + - 5, * / 6, unary minus 7, ^ 8
; (all left-associative). The left operand waits on the stack under its operator.
frmevl: lda     #0
frmprec:
        pha
        tsx
        cpx     #STKMIN-1
        bcs     @ok
        jmp     omerr
@ok:    jsr     primary
        .byte   $2C             ; BIT abs: skip @done
@done:  pla
        rts
@loop:  jsr     chrgot
        sec
        sbc     #TK_PLUS
        bcc     @done
        cmp     #TK_LT-TK_PLUS+1
        bcs     @done
        tay
        lda     prectab,y
        tsx
        cmp     $0101,x
        bcc     @done
        beq     @done
        cpy     #TK_GT-TK_PLUS
        bcc     @single
        lda     #0              ; relations: gather > = < into bits of RELOP
        sta     RELOP
        jsr     chrgot
@rl:    sec
        sbc     #TK_GT
        bcc     @rd
        cmp     #3
        bcs     @rd
        tax
        lda     RELOP
        ora     relbits,x
        sta     RELOP
        jsr     chrget
        bcs     @rl             ; (a digit is no relation)
@rd:    lda     RELOP
        ora     #$80
        pha
        lda     #4
        bne     @right
@single:
        tya
        pha
        jsr     chrget          ; (keeps Y)
        lda     prectab,y
@right: tay
        lda     VALTYP
        pha
        PUSH_FAC                ; (pushf, here without its return address to keep)
        tya
        jsr     frmprec
        jsr     popa
        pla
        cmp     VALTYP
        bne     @tm
        pla
        bmi     @rel
        bit     VALTYP
        bpl     @num
        tax
        bne     @tm
        jsr     concat
        bmi     @loop           ; (always: concat leaves VALTYP's $FF in A)
@num:   asl
        tay
        lda     #>(@loop-1)
        pha
        lda     #<(@loop-1)
        pha
        lda     optab+1,y
        pha
        lda     optab,y
        pha
        rts
@rel:   and     #7
        sta     RELOP
        bit     VALTYP
        bmi     @srel
        jsr     fcmp
        bvc     @cmp            ; (always: V is VALTYP's bit 6, 0, and fcmp keeps it)
@srel:  jsr     strcmp
@cmp:   tax
        inx
        lda     cmpbits,x
        and     RELOP
        beq     @f
        lda     #$FF
@f:     tay
        ldx     #0
        stx     VALTYP
        jsr     givayf
        jmp     @loop
@tm:    jmp     tmerr
prectab: .byte  5, 5, 6, 6, 8, 2, 1, 4, 4, 4
cmpbits: .byte  4, 2, 1
optab:  .word   fadd-1, fsub-1, fmul-1, fdiv-1, fpow-1, op_and-1, op_or-1
op_and: jsr     andor
        lda     INTR
        and     PR5
        tay
        lda     INTR+1
        and     PR6
        jmp     givayf
op_or:  jsr     andor
        lda     INTR
        ora     PR5
        tay
        lda     INTR+1
        ora     PR6
        jmp     givayf
; andor: PR5/PR6 = FAC as an integer, INTR = ARG as an integer
andor:  jsr     ayint
        lda     INTR
        sta     PR5
        lda     INTR+1
        sta     PR6
        jsr     movfa
        jmp     ayint

; primary: a number, string, variable, function, (expression), or a unary - + NOT
primary:
        lda     #0
        sta     VALTYP
        jsr     chrgot
        bcs     @nnum
@fin:   jmp     finu
@nnum:  cmp     #'Z'+1          ; a letter: a variable, straight away
        bcs     @nlet
        cmp     #'A'
        bcs     @var
@nlet:  cmp     #'.'
        beq     @fin
        cmp     #TK_MINUS
        beq     @neg
        cmp     #TK_PLUS
        beq     @plus
        cmp     #TK_NOT
        beq     @not
        cmp     #'"'
        bne     @nstr
        jmp     strlit
@nstr:  cmp     #'('
        beq     @paren
        cmp     #TK_FN
        bne     @nfn
        jmp     fncall
@nfn:   cmp     #TK_SGN
        bcs     @func
@var:   jsr     ptrget
        lda     VARPNT
        ldy     VARPNT+1
        bit     VALTYP
        bmi     @strv
        jmp     movfm
@strv:  sta     FM2
        sty     FM3
        rts
@neg:   jsr     @plus
        jsr     chknum
        jmp     fnegnz
@plus:  lda     #7
@un:    pha                     ; a unary operator's operand, with precedence A
        jsr     chrget
        pla
        jmp     frmprec
@not:   lda     #3
        jsr     @un
        jsr     chknum
        jsr     ayint
        lda     INTR
        eor     #$FF
        tay
        lda     INTR+1
        eor     #$FF
        jmp     givayf
@paren: jmp     parexp
@func:  cmp     #TK_LAST+1
        bcc     @fok
        jmp     snerr
@fok:   sbc     #TK_SGN-1       ; (carry clear)
        asl
        tay
        lda     functab+1,y
        pha
        lda     functab,y
        pha
        cpy     #(TK_LEN-TK_SGN)*2
        bcc     @numf
        jmp     chrget          ; string functions read their own arguments
@numf:  tya
        pha
        jsr     chrget
        jsr     parexp
        pla
        bit     VALTYP
        bpl     @isnum
        cmp     #(TK_FRE-TK_SGN)*2
        beq     @isnum
        jmp     tmerr
@isnum: lda     #0
        sta     VALTYP
        rts

TK_FRE  = TK_SGN + 4
functab:
        .word   f_sgn-1, fint-1, f_abs-1, USRJMP-1, f_fre-1, f_pos-1, f_sqr-1, f_rnd-1
        .word   f_log-1, f_exp-1, f_cos-1, f_sin-1, f_tan-1, f_atn-1, f_peek-1
        .word   f_len-1, f_str-1, f_val-1, f_asc-1, f_chr-1, f_left-1, f_right-1, f_mid-1

f_sgn:  lda     FEXP            ; 0, or 1 with the sign
        beq     @r
        lda     FSIGN
        pha
        jsr     fvm
        .byte   V_LD+KI(c_one), V_END
        pla
        sta     FSIGN
@r:     rts
f_pos:  ldy     TPOS
        jmp     givuby
f_peek: jsr     getadr
        ldy     #0
        lda     (INTR),y
        tay
        jmp     givuby
f_fre:  jsr     garbag
        lda     FRETOP
        sec
        sbc     STREND
        sta     PR4
        lda     FRETOP+1
        sbc     STREND+1
        sta     PR3
        jmp     givuns

; ---------------------------------------------------------------- variables
; ptrget: find the variable named at the current character (reading: an unknown simple
; variable reads as 0 without being created); ptrgetc creates it. VARPNT -> its value.
; getfor: ptrgetc, and FORPNT = VARPNT
; getnam: VARNAM = the name at the current character, which is in A (a letter, then
; letters and digits of which the first counts); A = the character after it
getnam: cmp     #'Z'+1          ; (letters: A..Z)
        bcs     @sn
        cmp     #'A'
        bcs     @ok
@sn:    jmp     snerr
@ok:    sta     VARNAM
        lda     #0
        sta     VARNAM+1
        sta     VALTYP
        jsr     chrget
        bcc     @two
        cmp     #'Z'+1          ; (isalpha inline: most often a token, or ) , : or the end)
        bcs     @r
        cmp     #'A'
        bcc     @r
@two:   sta     VARNAM+1
@more:  jsr     chrget
        bcc     @more
        cmp     #'Z'+1
        bcs     @r
        cmp     #'A'
        bcs     @more
@r:     rts
getfor: jsr     ptrgetc
        lda     VARPNT
        sta     FORPNT
        lda     VARPNT+1
        sta     FORPNT+1
        rts
; (these take the current character in A, as chrget and chrgot leave it)
ptrgetc:
        ldx     #$40
        .byte   $2C
ptrget: ldx     #0
        stx     SUBFLG
ptrg:   jsr     getnam
ptail:  cmp     #'$'
        bne     @num
        lda     #$FF
        sta     VALTYP
        lda     VARNAM+1
        ora     #$80
        sta     VARNAM+1
        jsr     chrget
@num:   cmp     #'('
        bne     fndvar
        jmp     array
; fndvar: the simple variable VARNAM
fndvar: lda     VARTAB
        sta     TMP1
        lda     VARTAB+1
        sta     TMP1+1
        ldx     #ARYTAB
        jsr     fndnam
        bcc     @none
@found: lda     TMP1
        clc
        adc     #2
        sta     VARPNT
        lda     TMP1+1
        adc     #0
        sta     VARPNT+1
        rts
@none:  bit     SUBFLG
        bvs     @make
        lda     #<zero4
        sta     VARPNT
        lda     #>zero4
        sta     VARPNT+1
        rts
@make:  lda     #6
        ldx     #0
        jsr     room
        lda     ARYTAB
        sta     MV_SRC
        clc
        adc     #6
        sta     MV_DST
        lda     ARYTAB+1
        sta     MV_SRC+1
        adc     #0
        sta     MV_DST+1
        ldx     #STREND
        jsr     mvlenx
        jsr     memmove
        ldx     #0
        jsr     bump6
        ldx     #STREND-ARYTAB
        jsr     bump6
        jsr     putnam
        lda     #0
@z:     iny
        sta     (TMP1),y
        cpy     #5
        bne     @z
        beq     @found
bump6:  lda     ARYTAB,x
        clc
        adc     #6
        sta     ARYTAB,x
        bcc     @r
        inc     ARYTAB+1,x
@r:     rts

; room: make sure A (low) X (high) bytes fit between STREND and FRETOP (collecting
; garbage if needed), else ?OM. TMP2 = STREND + the size.
room:   clc
        adc     STREND
        sta     TMP2
        txa
        adc     STREND+1
        sta     TMP2+1
        bcs     @om
        jsr     @fits
        bcs     @r
        jsr     garbag
        jsr     @fits
        bcs     @r
@om:    jmp     omerr
@fits:  lda     FRETOP          ; carry set when TMP2 < FRETOP
        cmp     TMP2
        lda     FRETOP+1
        sbc     TMP2+1
@r:     rts

; fndnam: look for VARNAM from TMP1 up to the word at zero page X (ARYTAB: simple
; variables, 6 bytes each; STREND: arrays, sized by their header). Carry set: TMP1 = it.
fndnam: lda     TMP1
        cmp     0,x
        bne     @c
        lda     TMP1+1
        cmp     1,x
        beq     @no
@c:     ldy     #0
        lda     (TMP1),y
        cmp     VARNAM
        bne     @nx
        iny
        lda     (TMP1),y
        cmp     VARNAM+1
        bne     @nx
        rts                     ; (carry set: equal)
@nx:    lda     #6
        cpx     #STREND
        bne     @add
        ldy     #2              ; arrays: their size from the header, the high byte
        lda     (TMP1),y        ; added first
        pha
        iny
        lda     (TMP1),y
        clc
        adc     TMP1+1
        sta     TMP1+1
        pla
@add:   clc
        adc     TMP1
        sta     TMP1
        bcc     fndnam
        inc     TMP1+1
        bne     fndnam          ; (always: below the ROM)
@no:    clc
        rts

; ---------------------------------------------------------------- arrays
; array: VARNAM with '(' current: read the subscripts, find or create the array
; (DIM when SUBFLG bit 7), VARPNT -> the element. An array: name (2), size (2),
; number of dimensions, the element count of each (2 each), then the elements.
arybs:  ldx     #ERR_BS
        jmp     error
array:  lda     VARNAM+1        ; VALTYP SUBFLG VARNAM survive the subscripts
        pha
        lda     VARNAM
        pha
        lda     SUBFLG
        pha
        lda     VALTYP
        pha
        ldy     #0
@sub:   tya
        pha
        jsr     chrget
        jsr     frmnum
        jsr     ayint
        pla
        tay
        lda     INTR+1
        bmi     arybs
        pha
        lda     INTR
        pha
        iny
        cpy     #15
        bcs     arybs
        jsr     chrgot
        cmp     #','
        beq     @sub
        sty     DIMCNT
        jsr     chkcls
        lda     DIMCNT
        asl
        tax
@pop:   pla
        sta     DIMBUF-2,x
        pla
        sta     DIMBUF-1,x
        dex
        dex
        bne     @pop
        pla
        sta     VALTYP
        pla
        sta     SUBFLG
        pla
        sta     VARNAM
        pla
        sta     VARNAM+1
        lda     ARYTAB
        sta     TMP1
        lda     ARYTAB+1
        sta     TMP1+1
        ldx     #STREND
        jsr     fndnam
        bcc     @create
        bit     SUBFLG
        bpl     @elem
@dd:    ldx     #ERR_DD
        jmp     error
@create:
        ; size = 4 * the product of the counts + 5 + 2n, zero-filled first
        lda     #4
        sta     PR5
        lda     #0
        sta     PR6
        tax
@cnt:   jsr     getcnt
        jsr     umulpr
        jsr     nxdim
        bcc     @cnt
        txa
        clc
        adc     #5
        adc     PR5
        sta     PR5
        bcc     @sz
        inc     PR6
        bne     @sz
        jmp     omerr
@sz:    ldx     PR6
        jsr     room            ; TMP2 = STREND + the size
        lda     STREND
        sta     TMP1
        lda     STREND+1
        sta     TMP1+1
        ldy     #0
@z:     tya                     ; zeros up to TMP2, the new STREND
        sta     (STREND),y
        inc     STREND
        bne     @z1
        inc     STREND+1
@z1:    lda     STREND
        cmp     TMP2
        bne     @z
        lda     STREND+1
        cmp     TMP2+1
        bne     @z
@hdr:   jsr     putnam
        iny
        lda     PR5
        sta     (TMP1),y
        iny
        lda     PR6
        sta     (TMP1),y
        iny
        lda     DIMCNT
        sta     (TMP1),y
        ldx     #0
@hd:    jsr     getcnt
        iny
        lda     TMP2
        sta     (TMP1),y
        iny
        lda     TMP2+1
        sta     (TMP1),y
        jsr     nxdim
        bcc     @hd
        bit     SUBFLG
        bpl     @elem
        rts
@bs:    jmp     arybs
@elem:  ; TMP1 = the array: check the dimensions, then each subscript
        ldy     #4
        lda     (TMP1),y
        cmp     DIMCNT
        bne     @bs
        lda     #0
        sta     PR5
        sta     PR6
        tax
@dim:   iny
        lda     (TMP1),y
        sta     TMP2
        iny
        lda     (TMP1),y
        sta     TMP2+1
        lda     DIMBUF,x
        cmp     TMP2
        lda     DIMBUF+1,x
        sbc     TMP2+1
        bcs     @bs
        lda     PR5
        ora     PR6
        beq     @add
        jsr     umulpr
@add:   clc
        lda     PR5
        adc     DIMBUF,x
        sta     PR5
        lda     PR6
        adc     DIMBUF+1,x
        sta     PR6
        jsr     nxdim
        bcc     @dim
        asl     PR5             ; VARPNT = TMP1 + Y + 1 + 4 * offset
        rol     PR6
        asl     PR5
        rol     PR6
        tya
        sec
        adc     PR5
        bcc     @nc
        inc     PR6
@nc:    clc
        adc     TMP1
        sta     VARPNT
        lda     PR6
        adc     TMP1+1
        sta     VARPNT+1
        rts

; putnam: the name VARNAM at TMP1 (Y = 1 after)
putnam: ldy     #0
        lda     VARNAM
        sta     (TMP1),y
        iny
        lda     VARNAM+1
        sta     (TMP1),y
        rts
; nxdim: X on to the next dimension; carry clear while X/2 < DIMCNT
nxdim:  inx
        inx
        txa
        lsr
        cmp     DIMCNT
        rts
; getcnt: TMP2 = the element count of dimension X/2 of the array being made
getcnt: lda     #11
        sta     TMP2
        lda     #0
        sta     TMP2+1
        bit     SUBFLG
        bpl     @r
        lda     DIMBUF,x
        clc
        adc     #1
        sta     TMP2
        lda     DIMBUF+1,x
        adc     #0
        sta     TMP2+1
@r:     rts

; umulpr: PR5/PR6 = PR5/PR6 * TMP2 (16 bits; ?OM on overflow); keeps X and Y
umulpr: lda     PR5
        sta     INTR
        lda     PR6
        sta     INTR+1
        lda     #0
        sta     PR5
        sta     PR6
        lda     #16
        sta     CNT
@l:     asl     PR5
        rol     PR6
        bcs     @om
        asl     INTR
        rol     INTR+1
        bcc     @n
        lda     PR5
        clc
        adc     TMP2
        sta     PR5
        lda     PR6
        adc     TMP2+1
        sta     PR6
        bcs     @om
@n:     dec     CNT
        bne     @l
        rts
@om:    jmp     omerr

; ---------------------------------------------------------------- DIM
st_dim: ldx     #$80
        stx     SUBFLG
        jsr     ptrg
        jsr     chrgot
        cmp     #','
        bne     @r
        jsr     chrget
        bcs     st_dim          ; (a letter: the next array; else ?SN after)
@r:     rts

; ---------------------------------------------------------------- DEF FN and FN
; A function is a simple variable named (first letter + $80, second) whose value holds the
; address of its "(" in the DEF statement; FN reads the parameter and the "=" from there.
st_def: jsr     chkrun
        cmp     #TK_FN
        beq     @fn
        jmp     snerr
@fn:    lda     #$40
        jsr     fnvar
        ldy     #0
        lda     TXTPTR
        sta     (VARPNT),y
        iny
        lda     TXTPTR+1
        sta     (VARPNT),y
        jmp     st_data
; fnvar: after FN, VARPNT -> the function's variable (SUBFLG = A)
fnvar:  sta     SUBFLG
        jsr     chrget
        jsr     getnam
        lda     VARNAM
        ora     #$80
        sta     VARNAM
        jmp     fndvar
fncall: lda     #0
        jsr     fnvar
        lda     VARPNT+1        ; not defined: the zero in ROM
        cmp     #$A0
        bcc     @def
        ldx     #ERR_UF
        jmp     error
@def:   ldy     #1              ; the definition, kept across the argument
        lda     (VARPNT),y
        pha
        dey
        lda     (VARPNT),y
        pha
        jsr     parnum
        pla
        tax
        pla
        tay
        lda     TXTPTR+1        ; read the definition: "(" parameter ")" "="
        pha
        lda     TXTPTR
        pha
        stx     TXTPTR
        sty     TXTPTR+1
        jsr     chkopn
        jsr     ptrgetc
        jsr     chknum
        jsr     chkcls
        lda     #TK_EQ
        jsr     synchr
        ldy     #3              ; the parameter's value and address, under the argument
@old:   lda     (VARPNT),y
        pha
        dey
        bpl     @old
        lda     VARPNT
        pha
        lda     VARPNT+1
        pha
        ldx     VARPNT
        ldy     VARPNT+1
        jsr     movmf
        jsr     frmnum
        pla
        sta     FUNSAV+1
        pla
        sta     FUNSAV
        ldy     #0
@rest:  pla
        sta     (FUNSAV),y
        iny
        cpy     #4
        bne     @rest
        pla
        sta     TXTPTR
        pla
        sta     TXTPTR+1
        rts
