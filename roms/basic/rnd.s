; rnd.s: RND (in its own file so that it can sit after the cold start in the ROM).
; RND: a 32-bit maximal-length LFSR (x^32 + x^22 + x^2 + x + 1) stepped 32 times a call;
; RND(0) repeats the last number, RND(negative) reseeds from the argument
f_rnd:  lda     FEXP
        beq     @make
        lda     FSIGN
        bpl     @step
        ldx     #3
@seed:  lda     FEXP,x
        eor     rndseed,x
        sta     RNDV,x
        dex
        bpl     @seed
        lda     RNDV
        ora     #1
        sta     RNDV
@step:  ldx     #32
@l:     asl     RNDV
        rol     RNDV+1
        rol     RNDV+2
        rol     RNDV+3
        bcc     @n
        lda     RNDV
        eor     #$07
        sta     RNDV
        lda     RNDV+2
        eor     #$40
        sta     RNDV+2
@n:     dex
        bne     @l
@make:  ldx     #3
@m:     lda     RNDV,x
        sta     FM1,x
        dex
        bpl     @m
        lda     #$80
        sta     FEXP
        stx     FSIGN           ; X = $FF: clear the sign below
        inc     FSIGN
        jmp     fnorm

