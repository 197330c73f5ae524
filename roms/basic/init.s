; init.s: the cold start at $BD11 (the monitor's C) and the warm start ($0000, the monitor's W).
cold:   cld
        ldx     #$FF
        txs
        ldx     #chrget_end - rndseed - 1 ; RND's seed and the text reader; the warm start
@cg:    lda     rndseed,x       ; and USR jumps, NULL, column, width (and bytes after
        sta     RNDV,x          ; them into LINNUM and BUF, unused yet)
        lda     zpinit,x
        sta     WARMJMP,x
        lda     stkinit,x       ; and STKSAV, TXTTAB (with bytes after them, unused yet)
        sta     STKSAV,x
        dex
        bpl     @cg
        lda     #0
        sta     TEMPSP
        sta     PROGSTART-1
        ; the top of memory: the first page from PROGSTART on that does not keep what is written
        ldx     #>PROGSTART+1   ; (TMP0 is 0 from zpinit)
        ldy     #0
@pg:    stx     TMP0+1
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
        sty     MEMSIZ          ; (0)
@askm:  lda     #<m_mem
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
        jsr     msgout
        jmp     scrtch
warm:   ldx     #$FF
        txs
        stx     STKSAV
        jmp     ready
; askln: print the message at A, read a line; Z: empty; C: not a number
askln:  jsr     msgout
        jsr     outqst
        jsr     outsp
        jsr     inlin
        jsr     txtbuf
        jmp     chrget          ; (an answer of ":" counts as empty)
; RND's seed and the text reader, copied to RNDV and CHRGET in zero page (TXTPTR is the
; reader's LDA operand)
rndseed: .byte $5A, $C3, $19, $E7
        .assert CHRGET - RNDV = 4, error, "RNDV must come just before CHRGET"
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
stkinit: .byte  $FF, <PROGSTART, >PROGSTART ; (then any bytes: the next table)
        .assert TXTTAB = STKSAV + 1, error, "zero page layout changed"
        .assert STKSAV + chrget_end - rndseed <= TEMPSP, error, "the cold start's copy passes PR7"
zpinit: .byte   $4C, <warm, >warm, 0, 0, 0, 0, 0, 0, 0, $4C, <fcerr, >fcerr, 0, 0, 72
zpinit_end:
        .assert zpinit_end - zpinit = TWIDTH + 1, error, "zero page layout changed"
        .assert chrget_end - rndseed <= BUF + BUFMAX, error, "the cold start's copy passes BUF"
