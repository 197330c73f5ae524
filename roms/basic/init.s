; init.s: the cold start at $BD11 (the monitor's C) and the warm start ($0000, the monitor's W).
cold:   cld
        ldx     #$FF
        txs
        stx     STKSAV
        ldx     #chrget_end - chrget_rom - 1
@cg:    lda     chrget_rom,x
        sta     CHRGET,x
        dex
        bpl     @cg
        ldx     #zpinit_end - zpinit - 1 ; the warm start and USR jumps, NULL, column, width
@zi:    lda     zpinit,x
        sta     WARMJMP,x
        dex
        bpl     @zi
        ldx     #3
@rs:    lda     rndseed,x
        sta     RNDV,x
        dex
        bpl     @rs
        lda     #0
        sta     TEMPSP
        sta     PROGSTART-1
        lda     #<PROGSTART
        sta     TXTTAB
        lda     #>PROGSTART
        sta     TXTTAB+1
        ; the top of memory: the first page from PROGSTART on that does not keep what is written
        lda     #0
        sta     TMP0
        ldx     #>PROGSTART+1
@pg:    stx     TMP0+1
        ldy     #0
        lda     #$55
        sta     (TMP0),y
        cmp     (TMP0),y
        bne     @top
        asl
        sta     (TMP0),y
        cmp     (TMP0),y
        bne     @top
        inx
        cpx     #$A0
        bcc     @pg
@top:   stx     MEMSIZ+1
        lda     #0
        sta     MEMSIZ
@askm:  lda     #<m_mem
        ldy     #>m_mem
        jsr     askln
        beq     @width
        bcs     @askm
        jsr     linget
        lda     LINNUM+1        ; accept only what the test found
        cmp     MEMSIZ+1
        bcs     @width
        sta     MEMSIZ+1
        lda     LINNUM
        sta     MEMSIZ
@width: lda     #<m_width
        ldy     #>m_width
        jsr     askln
        beq     @zones
        bcs     @width
        jsr     linget
        lda     LINNUM+1
        bne     @width
        lda     LINNUM
        cmp     #16
        bcc     @width
        sta     TWIDTH
@zones: jsr     crlf            ; the greeting, then NEW
        lda     MEMSIZ
        sec
        sbc     #<PROGSTART
        tay
        lda     MEMSIZ+1
        sbc     #>PROGSTART
        tax
        jsr     outsp
        tya
        jsr     linprt
        lda     #<m_free
        ldy     #>m_free
        jsr     strout
        jmp     scrtch
warm:   ldx     #$FF
        txs
        stx     STKSAV
        jmp     ready
; askln: print the question at A/Y, read a line; Z: empty; C: not a number
askln:  jsr     strout
        jsr     outqst
        jsr     outsp
        jsr     inlin
        jsr     txtbuf
        jsr     chrget
        beq     @r
        php
        pla
        and     #$FD            ; clear Z, keep the digit test in C
        pha
        plp
@r:     rts
; the text reader; copied to CHRGET in zero page (TXTPTR is its LDA operand)
chrget_rom:
        inc     TXTPTR
        bne     @g
        inc     TXTPTR+1
@g:     lda     $FFFF
        cmp     #':'
        bcs     @r
        cmp     #' '
        beq     chrget_rom
        sec
        sbc     #'0'
        sec
        sbc     #$D0
@r:     rts
chrget_end:
zpinit: .byte   $4C, <warm, >warm, 0, 0, 0, 0, 0, 0, 0, $4C, <fcerr, >fcerr, 0, 0, 72
zpinit_end:
        .assert zpinit_end - zpinit = TWIDTH + 1, error, "zero page layout changed"
m_mem:  .byte   "MEMORY SIZE", 0
m_width: .byte  "TERMINAL WIDTH", 0
m_free: .byte   " BYTES FREE", 13, 10, 13, 10, "SUPERBOARD BASIC 1.0", 0
