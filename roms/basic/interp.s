; interp.s: the line editor, the tokeniser, program storage and the statement loop.

; ---------------------------------------------------------------- output
; prtok: print A: a character, or the keyword of a token
prtok:  cmp     #$80
        bcc     outch
        sbc     #$7F            ; (carry set)
        sta     CNT
        ldy     #0
@find:  dec     CNT
        beq     @pr
@sk:    lda     kwtab,y
        iny
        asl
        bcc     @sk
        bcs     @find
@pr:    lda     kwtab,y
        pha
        and     #$7F
        jsr     outch
        iny
        pla
        bpl     @pr
        rts
outqst: lda     #'?'
        .byte   $2C             ; BIT abs: skip the next load
outsp:  lda     #' '
; outch: print A, keeping X and Y; wraps at the terminal width
outch:  cmp     #$20
        bcc     @ctl
        pha
        lda     TPOS
        cmp     TWIDTH
        bcc     @fit
        jsr     crlf
@fit:   inc     TPOS
        pla
@ctl:   jmp     MONOUT
; crdo: a new line unless at its start
crdo:   lda     TPOS
        bne     crlf
        rts
; crlf: CR, the NULs that NULL asked for, LF
crlf:   pha
        txa
        pha
        lda     #13
        jsr     MONOUT
        ldx     NULLS
        beq     @lf
        lda     #0
@nul:   jsr     MONOUT
        dex
        bne     @nul
@lf:    lda     #10
        jsr     MONOUT
        lda     #0
        sta     TPOS
        pla
        tax
        pla
        rts
; msgout: print the message at A (msgs.s: they share one page)
msgout: ldy     #>msgpage
; strout: print the 0-terminated string at A (low) Y (high)
strout: sta     STRP
        sty     STRP+1
        ldy     #0
@l:     lda     (STRP),y
        beq     @r
        jsr     outch
        iny
        bne     @l
@r:     rts

; ---------------------------------------------------------------- errors
; linget: LINNUM = the line number at the current character (0 if none); ?SN above 63999.
; In: the current character in A and the carry, as chrget and chrgot leave them.
; Out: A = the character after it, as chrgot leaves it, but the flags are not.
linget: jsr     dig16
        bcc     snerr
        ldx     PR4
        stx     LINNUM
        ldx     PR3
        stx     LINNUM+1
        rts

omerr:  ldx     #ERR_OM
        .byte   $2C             ; BIT abs: skip the next load
tmerr:  ldx     #ERR_TM
        .byte   $2C
snerr:  ldx     #ERR_SN
error:  lda     #0
        sta     TEMPSP
        sta     OLDTXT+1
        jsr     crdo            ; (crdo and outqst keep X)
        jsr     outqst
        lda     errtab,x
        jsr     outch
        lda     errtab+1,x
        jsr     outch
        lda     #<m_error
        jsr     msgout
        ldx     #$FF
        stx     STKSAV
inline: ldx     CURLIN+1
        inx
        beq     ready
        lda     #<m_in
        jsr     msgout
        lda     CURLIN
        ldx     CURLIN+1
        jsr     linprt
; ready: OK, then read and obey lines
ready:  ldx     STKSAV
        txs
        jsr     crdo
        lda     #<m_ok
        jsr     msgout
        jsr     crlf
main:   lda     #$FF            ; (the stack is as ready left it)
        sta     CURLIN+1
        lda     #0
        sta     TEMPSP
        jsr     inlin
        jsr     txtbuf
        jsr     chrget
        bcs     @direct
        jsr     linget
        jsr     crunch
        jsr     editln
        bne     main            ; (always: editln ends in clearc, Z clear from DATPTR's
                                ; high byte)
@direct:
        jsr     crunch
        jsr     txtbuf
        jmp     exec
; txtbuf: TXTPTR = BUF-1, to read the input line with chrget
txtbuf: lda     #<(BUF-1)
        sta     TXTPTR
        lda     #0
        sta     TXTPTR+1
        rts

; linprt: print the unsigned number A (low) X (high) without a leading space
linprt: sta     PR4
        stx     PR3
        jsr     givuns
        jsr     fout            ; (Y = >FBUF)
        .assert >(FBUF+1) = >FBUF, error, "FBUF+1 must share FBUF's page"
        lda     #<(FBUF+1)
        jmp     strout

; ---------------------------------------------------------------- line input
; inlin: read a line into BUF ("_" rubs out, "@" cancels); X = length, BUF ends with 0
inlin:  ldx     #0
@get:   jsr     MONIN
        and     #$7F
        cmp     #13
        beq     @done
        cmp     #'@'
        beq     @cancel
        cmp     #'_'
        beq     @rub
        cmp     #' '
        bcc     @get
        cmp     #$7F
        beq     @get
        cpx     #BUFMAX
        bcs     @get
        sta     BUF,x
        jsr     outch           ; (keeps X)
        inx
        bne     @get            ; (always)
@rub:   cpx     #0
        beq     @get
        jsr     outch
        dex
        bpl     @get            ; (always)
@cancel:
        jsr     outch
        jsr     crlf
        bne     inlin           ; (always: crlf gives back A, the "@")
@done:  lda     #0
        sta     BUF,x
        jmp     crlf

; ---------------------------------------------------------------- tokeniser
; crunch: tokenise BUF in place, from the current character (TXTPTR) to the end, into BUF
; from offset 0. Keywords are matched as typed (no spaces inside), strings are kept, and
; nothing after REM or (up to ':') after DATA is tokenised. X = length including the 0.
crunch: ldx     TXTPTR          ; X: the source (its zero-page address); Y: the destination
        .assert BUF >= 1 && BUF + BUFMAX < 256, error, "crunch reads BUF in zero page"
        ldy     #0
        sty     QFLAG
        beq     @next
@copy:  inx
@store: sta     BUF,y
        iny
@next:  lda     0,x
        beq     @end
        bit     QFLAG
        bvs     @copy           ; after REM: copy everything
        cmp     #'"'
        bne     @noq
@str:   sta     BUF,y           ; copy a string literal
        inx
        iny
        lda     0,x
        beq     @end
        cmp     #'"'
        bne     @str
        beq     @copy
@noq:   bit     QFLAG
        bpl     @kw
        cmp     #':'            ; in DATA until ':'
        bne     @copy
        asl     QFLAG           ; ($80: 0)
        bcs     @copy           ; (always)
@kw:    cmp     #'?'
        bne     @notq
        lda     #TK_PRINT
        bne     @copy
@notq:  cmp     #'*'
        bcc     @copy
        cmp     #'0'
        bcc     @match
        cmp     #'<'
        bcc     @copy           ; digits : ;
@match: sty     CNT
        stx     PR7
        ldy     #0              ; Y: the place in kwtab (under 256 bytes)
        lda     #TK_END
        sta     PR6
@kwl:   ldx     PR7
@cmp:   lda     kwtab,y
        beq     @nomatch        ; end of the table
        eor     0,x
        beq     @same
        cmp     #$80
        beq     @found          ; the keyword's last character matched
@skip:  lda     kwtab,y         ; mismatch: go to the next keyword
        iny
        asl
        bcc     @skip
        inc     PR6
        bne     @kwl
@same:  inx
        iny
        bne     @cmp
@end:   sta     BUF,y
        iny
        tya
        tax
        rts
@found: inx
        lda     PR6
        ldy     #$40            ; after REM: all, after DATA: up to ':'
        cmp     #TK_REM
        beq     @q
        ldy     #$80
        cmp     #TK_DATA
        bne     @tok
@q:     sty     QFLAG
@tok:   ldy     CNT
        jmp     @store
@nomatch:
        ldx     PR7
        ldy     CNT
        lda     0,x
        jmp     @copy

; ---------------------------------------------------------------- program editing
; fndlin: find line LINNUM from the start; TMP0 = the line, or the first one after it.
; Carry set when found.
fndlin: lda     TXTTAB
        ldx     TXTTAB+1
fndlnc: sta     TMP0
        stx     TMP0+1
@l:     ldy     #1
        lda     (TMP0),y
        beq     @no
        ldy     #3
        lda     (TMP0),y
        cmp     LINNUM+1
        bcc     @next
        bne     @no
        dey
        lda     (TMP0),y
        cmp     LINNUM
        bcc     @next
        bne     @no
        rts                     ; carry is set
@next:  jsr     nxline
        bne     @l              ; (always)
@no:    clc
        rts
; nxline: TMP0 = the line after it; flags from the link's high byte, never 0 (a line may
; start at a page boundary)
nxline: ldy     #0
        lda     (TMP0),y
        tax
        iny
        lda     (TMP0),y
        stx     TMP0
        sta     TMP0+1
        rts

; editln: store the tokenised line in BUF (X bytes) as line LINNUM (delete it when empty)
editln: stx     CNT
        jsr     fndlin
        bcc     @nodel
        ; delete: move [next line, VARTAB) down onto it; VARTAB = this + what moved
        ldy     #1
        lda     (TMP0),y
        sta     MV_SRC+1
        dey
        lda     (TMP0),y
        sta     MV_SRC
        lda     TMP0
        sta     MV_DST
        lda     TMP0+1
        sta     MV_DST+1
        jsr     mvlen
        lda     TMP0
        clc
        adc     MV_LEN
        sta     VARTAB
        lda     TMP0+1
        adc     MV_LEN+1
        sta     VARTAB+1
        jsr     memmove
@nodel: lda     BUF
        beq     @done
        ; insert CNT+4 bytes at TMP0
        lda     CNT
        clc
        adc     #4
        sta     CNT
        adc     VARTAB
        sta     TMP1
        lda     VARTAB+1
        adc     #0
        sta     TMP1+1
        cmp     MEMSIZ+1        ; new VARTAB must stay below the top of memory
        bcc     @room
        jmp     omerr
@room:  lda     TMP0
        sta     MV_SRC
        clc
        adc     CNT
        sta     MV_DST
        lda     TMP0+1
        sta     MV_SRC+1
        adc     #0
        sta     MV_DST+1
        jsr     mvlen
        jsr     memmove
        lda     TMP1
        sta     VARTAB
        lda     TMP1+1
        sta     VARTAB+1
        .assert BUF = LINNUM + 2, error, "editln copies the line number and BUF together"
        ldy     #1              ; the link (any non-zero value; relink fixes it), then
        lda     #$FF            ; the line number and the tokens, which follow it in
@cp:    sta     (TMP0),y        ; zero page (LINNUM, BUF)
        iny
        lda     LINNUM-2,y
        cpy     CNT
        bcc     @cp
@done:  jsr     relink
        jmp     clearc
; mvlen: MV_LEN = VARTAB - MV_SRC
mvlen:  ldx     #VARTAB
; mvlenx: MV_LEN = the word at zero page X - MV_SRC
mvlenx: lda     0,x
        sec
        sbc     MV_SRC
        sta     MV_LEN
        lda     1,x
        sbc     MV_SRC+1
        sta     MV_LEN+1
        rts

; relink: rebuild the line links
relink: lda     TXTTAB
        sta     TMP0
        lda     TXTTAB+1
        sta     TMP0+1
@l:     ldy     #1
        lda     (TMP0),y
        beq     @r
        ldy     #4
@s:     lda     (TMP0),y
        beq     @z
        iny
        bne     @s
@z:     iny
        tya
        clc
        adc     TMP0
        tax
        lda     TMP0+1
        adc     #0
        ldy     #1
        sta     (TMP0),y
        txa
        dey
        sta     (TMP0),y
        jsr     nxline
        bne     @l              ; (always)
@r:     rts

; memmove: copy MV_LEN bytes from MV_SRC to MV_DST (overlap allowed)
memmove:
        lda     MV_DST          ; a destination above the source (or the same): from
        cmp     MV_SRC          ; the end down
        lda     MV_DST+1
        sbc     MV_SRC+1
        bcs     @back
        ldy     #0
        ldx     MV_LEN+1
        beq     @flast
@fpg:   lda     (MV_SRC),y
        sta     (MV_DST),y
        iny
        bne     @fpg
        inc     MV_SRC+1
        inc     MV_DST+1
        dex
        bne     @fpg
@flast: ldx     MV_LEN
        beq     @r
@fb:    lda     (MV_SRC),y
        sta     (MV_DST),y
        iny
        dex
        bne     @fb
@r:     rts
@back:  lda     MV_SRC+1        ; the last (partial) page first, then whole pages
        clc
        adc     MV_LEN+1
        sta     MV_SRC+1
        lda     MV_DST+1
        adc     MV_LEN+1        ; (carry clear: no move wraps past $FFFF)
        sta     MV_DST+1
        ldy     MV_LEN
        ldx     MV_LEN+1
        inx
        tya
        beq     @next
@bp:    dey                     ; (Y = 0: a whole page)
        lda     (MV_SRC),y
        sta     (MV_DST),y
        tya
        bne     @bp
@next:  dex
        beq     @r
        dec     MV_SRC+1
        dec     MV_DST+1
        bne     @bp             ; (always: the program is above page 0)

; clearc: forget all variables, arrays and strings; RESTORE; no CONT
clearc: lda     VARTAB
        sta     ARYTAB
        sta     STREND
        lda     VARTAB+1
        sta     ARYTAB+1
        sta     STREND+1
        lda     MEMSIZ
        sta     FRETOP
        lda     MEMSIZ+1
        sta     FRETOP+1
        lda     #0
        sta     TEMPSP
        sta     OLDTXT+1
restor: lda     TXTTAB
        sec
        sbc     #1
        sta     DATPTR
        lda     TXTTAB+1
        sbc     #0
        sta     DATPTR+1
        rts

; ---------------------------------------------------------------- END STOP CONT BREAK
st_stop:
        clc
        .byte   $24             ; BIT zp: skip the sec
st_end: sec
        jsr     savcont         ; (keeps the carry)
        bcc     brkmsg
        bcs     nsrdy
; savcont: remember where a running program stopped, for CONT
savcont:
        ldx     CURLIN+1
        inx
        beq     @r
        lda     TXTPTR
        sta     OLDTXT
        lda     TXTPTR+1
        sta     OLDTXT+1
        lda     CURLIN
        sta     OLDLIN
        lda     CURLIN+1
        sta     OLDLIN+1
@r:     rts
; chkbrk: CTRL-C breaks the program
chkbrk: jsr     MONCTC
        cmp     #3
        beq     brk_c
        rts
brk_c:  jsr     savcont         ; CTRL-C between statements
brkmsg: jsr     crdo
        lda     #<m_break
        jsr     msgout
        jmp     inline

; ---------------------------------------------------------------- the statement loop
nsprog: lda     #0              ; the end of the program: no CONT
        sta     OLDTXT+1
nsrdy:  jmp     ready
nssn:   jmp     snerr
newstmt:
        tsx
        stx     STKSAV
        lda     #0
        sta     TEMPSP
        jsr     MONCTC          ; (chkbrk)
        cmp     #3
        beq     brk_c
        ldy     #0
        lda     (TXTPTR),y
        beq     @eol
        cmp     #':'
        beq     exec
        bne     nssn
@eol:   ldx     CURLIN+1        ; the end of the line: on to the next one
        inx
        beq     nsrdy
        ldy     #2
        lda     (TXTPTR),y
        beq     nsprog
        iny
        lda     (TXTPTR),y
        sta     CURLIN
        iny
        lda     (TXTPTR),y
        sta     CURLIN+1
        jsr     adv             ; (Y = 4)
exec:   jsr     chrget
        jsr     dostmt
        jmp     newstmt
; dostmt: obey the statement starting with A (the current character)
dostmt: tax
        beq     @r
        cmp     #':'
        beq     @r
        cmp     #TK_END
        bcc     st_let
        cmp     #TK_NEW+1
        bcs     nssn
        asl
        tay
        lda     stmttab+1,y
        pha
        lda     stmttab,y
        pha
        jmp     chrget
@r:     rts
; ---------------------------------------------------------------- LET
st_let2:
st_let: jsr     getfor
        lda     VALTYP
        pha
        lda     #TK_EQ
        jsr     synchr
        jsr     frmevl
        pla
        eor     VALTYP
        beq     assign
        jmp     tmerr
; assign: store the value in FAC into the variable at FORPNT
assign: bit     VALTYP
        bmi     @str
        ldx     FORPNT
        ldy     FORPNT+1
        jmp     movmf
@str:   jmp     strasgn


stmttab:
        .word   st_end-1, st_for-1, st_next-1, st_data-1, st_input-1, st_dim-1
        .word   st_read-1, st_let2-1, st_goto-1, st_run-1, st_if-1, restor-1
        .word   st_gosub-1, st_return-1, st_rem-1, st_stop-1, st_on-1, st_null-1
        .word   st_wait-1, MONLOAD-1, MONSAVE-1, st_def-1, st_poke-1, st_print-1
        .word   st_cont-1, st_list-1, st_clear-1, scrtch-1

st_cont:
        lda     OLDTXT+1
        bne     @ok
        ldx     #ERR_CN
        jmp     error
@ok:    sta     TXTPTR+1
        lda     OLDTXT
        sta     TXTPTR
        lda     OLDLIN
        sta     CURLIN
        lda     OLDLIN+1
        sta     CURLIN+1
        pla
        pla
        jmp     newstmt

; ---------------------------------------------------------------- NEW CLEAR RUN
scrtch: lda     #0
        tay
        sta     (TXTTAB),y
        iny
        sta     (TXTTAB),y
        lda     TXTTAB
        clc
        adc     #2
        sta     VARTAB
        lda     TXTTAB+1
        adc     #0
        sta     VARTAB+1
        jsr     clearc
        jmp     warm
st_clear:
        jsr     clearc
        ldx     #$FF            ; and forget every FOR and GOSUB
        txs
        jmp     newstmt
st_run: php
        jsr     clearc
        pla
        ldx     #$FF
        txs
        and     #$02            ; Z: nothing after RUN
        beq     @line
        lda     DATPTR          ; (clearc's RESTORE left TXTTAB - 1 there)
        sta     TXTPTR
        lda     DATPTR+1
        sta     TXTPTR+1
        lda     #0
        sta     CURLIN+1
        jmp     newstmt
@line:  jsr     chrgot
        jsr     linget
        jsr     goto_lin
        jmp     newstmt

; ---------------------------------------------------------------- GOTO GOSUB RETURN ON
st_goto:
        jsr     linget
; goto_lin: continue at line LINNUM (?UL if none); a line after the current one is looked
; for from the next line on (in direct mode CURLIN is above every line number)
goto_lin:
        lda     CURLIN
        cmp     LINNUM
        lda     CURLIN+1
        sbc     LINNUM+1
        bcs     @st
        jsr     st_rem          ; TXTPTR -> the end of this line
        ldy     #1
        jsr     adv
        lda     TXTPTR
        ldx     TXTPTR+1
        bne     @go             ; (always)
@st:    lda     TXTTAB
        ldx     TXTTAB+1
@go:    jsr     fndlnc
        bcs     @found
        ldx     #ERR_UL
        jmp     error
@found: lda     TMP0
        sec
        sbc     #1
        sta     TXTPTR
        lda     TMP0+1
        sbc     #0
        sta     TXTPTR+1
        lda     #0
        sta     CURLIN+1
        rts

st_gosub:
        jsr     linget
; gosub2: (from a statement) push a GOSUB frame (text pointer, line, marker); go
gosub2: tsx
        cpx     #STKLOW
        bcs     @ok
        jmp     omerr
@ok:    pla                     ; (our caller was a statement: no return to it)
        pla
        lda     TXTPTR+1
        pha
        lda     TXTPTR
        pha
        lda     CURLIN+1
        pha
        lda     CURLIN
        pha
        lda     #TK_GOSUB
        pha
        jsr     goto_lin
        jmp     newstmt

st_on:  jsr     frmbyt
        stx     ONCNT
        jsr     chrgot
        cmp     #TK_GOSUB
        beq     @ok
        cmp     #TK_GOTO
        beq     @ok
        jmp     snerr
@ok:    pha
        lda     ONCNT
        beq     @skip
@l:     jsr     chrget
        jsr     linget
        dec     ONCNT
        beq     @go
        cmp     #','
        beq     @l
@skip:  pla
        bmi     st_data         ; (always: the token)
@go:    jsr     st_data
        pla
        cmp     #TK_GOSUB
        beq     gosub2
        jmp     goto_lin

st_return:
        pla
        pla
@l:     tsx
        cpx     #$FB
        bcs     @rg
        lda     $0101,x
        cmp     #TK_GOSUB
        beq     @found
        cmp     #TK_FOR
        bne     @rg
        txa
        clc
        adc     #15
        tax
        txs
        bne     @l
@rg:    ldx     #ERR_RG
        jmp     error
@found: pla
        pla
        sta     CURLIN
        pla
        sta     CURLIN+1
        pla
        sta     TXTPTR
        pla
        sta     TXTPTR+1
        jmp     newstmt

; ---------------------------------------------------------------- REM DATA IF
st_rem: ldy     #0
@l:     lda     (TXTPTR),y
        beq     adv
        iny
        bne     @l
; st_data: skip to the end of the statement (':' outside quotes, or the end of the line)
st_data:
        ldy     #0
        sty     QFLAG
@l:     lda     (TXTPTR),y
        beq     adv
        cmp     #'"'
        bne     @nq
        lda     QFLAG
        eor     #$80
        sta     QFLAG
        bne     @n
@nq:    cmp     #':'
        bne     @n
        bit     QFLAG
        bpl     adv
@n:     iny
        bne     @l
; adv: TXTPTR += Y
adv:    tya
        clc
        adc     TXTPTR
        sta     TXTPTR
        bcc     @r
        inc     TXTPTR+1
@r:     rts

st_if:  jsr     frmevl
        jsr     chrgot
        cmp     #TK_GOTO
        beq     @tok
        cmp     #TK_THEN
        beq     @tok
        jmp     snerr
@tok:   pha
        lda     FEXP
        bit     VALTYP
        bpl     @num
        jsr     frestr          ; a string is true when it is not empty
@num:   tax
        pla
        cpx     #0
        beq     st_rem
        cmp     #TK_GOTO
        beq     @stmt
        jsr     chrget
        bcs     @stmt
        jmp     st_goto
@stmt:  jmp     dostmt

; ---------------------------------------------------------------- FOR NEXT
st_for: tsx
        cpx     #STKLOW
        bcs     @room
        jmp     omerr
@room:  jsr     st_let
        jsr     chknum
        pla                     ; our return address: the frame goes here
        pla
        jsr     fndfor          ; drop a loop of the same variable (and all above it)
        bne     @new
        txa
        clc
        adc     #17
        tax
        txs
@new:   lda     #TK_TO          ; the frame, from its bottom: the limit, the step (packed),
        jsr     synchr          ; the text pointer, the line, the variable, TK_FOR
        jsr     frmnum
        jsr     pushf
        jsr     fvm             ; STEP 1 unless given
        .byte   V_LD+KI(c_one), V_END
        jsr     chrgot
        cmp     #TK_STEP
        bne     @nostep
        jsr     chrget
        jsr     frmnum
@nostep:
        jsr     pushf
        lda     TXTPTR+1
        pha
        lda     TXTPTR
        pha
        lda     CURLIN+1
        pha
        lda     CURLIN
        pha
        lda     FORPNT+1
        pha
        lda     FORPNT
        pha
        lda     #TK_FOR
        pha
        jmp     newstmt

; fndfor: find the FOR frame of the variable at FORPNT (the innermost when FORPNT+1 = 0)
; in the caller's stack; Z set when found, its marker at $0103,X
fndfor: tsx
@l:     cpx     #$EF
        bcs     @no
        lda     $0103,x
        cmp     #TK_FOR
        bne     @no
        lda     FORPNT+1
        beq     @yes
        lda     $0104,x
        cmp     FORPNT
        bne     @nx
        lda     $0105,x
        cmp     FORPNT+1
        beq     @yes
@nx:    txa
        clc
        adc     #15
        tax
        bne     @l
@no:    lda     #1
@yes:   rts

st_next:
        pla
        pla
        lda     #0
        sta     FORPNT+1
        jsr     chrgot
        beq     @find
@var:   jsr     getfor
@find:  jsr     fndfor
        beq     @found
        ldx     #ERR_NF
        jmp     error
@found: inx
        inx
        txs
@this:  lda     $0102,x
        sta     VARPNT
        lda     $0103,x
        sta     VARPNT+1
        txa
        clc
        adc     #8
        ldy     #1
        jsr     movam           ; ARG = STEP
        lda     VARPNT
        ldy     VARPNT+1
        jsr     movfm
        jsr     fadd
        ldx     VARPNT
        ldy     VARPNT+1
        jsr     movmf
        tsx
        txa
        clc
        adc     #12
        ldy     #1
        jsr     movam           ; ARG = limit
        jsr     fcmp            ; done when the variable passed the limit in the
        tsx                     ; direction of STEP: A = $FF (limit < variable) with
        cmp     #0              ; STEP >= 0, A = 1 with STEP < 0
        beq     @loop
        eor     $0109,x         ; STEP's sign
        bmi     @done
@loop:  lda     $0104,x
        sta     CURLIN
        lda     $0105,x
        sta     CURLIN+1
        lda     $0106,x
        sta     TXTPTR
        lda     $0107,x
        sta     TXTPTR+1
@nl:    jmp     newstmt
@done:  txa
        clc
        adc     #15
        tax
        txs
        jsr     chrgot
        cmp     #','
        bne     @nl
        jsr     chrget
        bcs     @var            ; (a letter: the next variable; else ?SN after)
        bcc     @nl

; ---------------------------------------------------------------- PRINT
st_print:
@top:   jsr     chrgot
        beq     @crlf
@item:  cmp     #';'
        beq     @semi
        cmp     #','
        beq     @comma
        cmp     #TK_TAB
        beq     @tab
        cmp     #TK_SPC
        beq     @tab
        jsr     frmevl
        bit     VALTYP
        bmi     @str
        jsr     fout
        jsr     strout
        jsr     outsp
        jmp     @top
@str:   jsr     prstr
        beq     @top            ; (always: prstr ends with Z set)
@crlf:  jmp     crlf
@comma: lda     TPOS            ; to the next 14-column zone, or a new line when the
        sec                     ; zone after that would pass the terminal width
@z14:   sbc     #14
        bcs     @z14
        eor     #$FF
        adc     #1
        tax
        adc     TPOS
        adc     #14
        bcs     @nl
        cmp     TWIDTH
        bcc     @sp
        beq     @sp
@nl:    jsr     crlf
        .byte   $2C
@sp:    jsr     spaces
@semi:  jsr     chrget
        bne     @item
@r:     rts
@tab:   pha
        jsr     chrget
        jsr     frmbyt
        jsr     chkcls
        pla
        cmp     #TK_SPC
        beq     @spc
        txa
        sec
        sbc     TPOS
        bcc     @top
        beq     @top
        tax
@spc:   jsr     spaces
        beq     @top            ; (always: spaces ends with Z set)
; spaces: X spaces
spaces: txa
        beq     @r
@l:     jsr     outsp
        dex
        bne     @l
@r:     rts

; ---------------------------------------------------------------- LIST
st_list:
        jsr     linget          ; [first][-[last]]: LINNUM = first, LINEND = last
        cmp     #TK_MINUS
        bne     @one            ; (PR3/PR4 still hold the first)
        jsr     chrget
        jsr     dig16
        bcs     @one
        jmp     snerr
@one:   lda     PR3
        sta     LINEND+1
        lda     PR4
        sta     LINEND
        ora     PR3             ; no last line: to the end
        bne     @go
        dec     LINEND
        dec     LINEND+1
@go:    jsr     fndlin
@line:  ldy     #1
        lda     (TMP0),y
        beq     @r
        ldy     #3              ; past the end of the range?
        lda     LINEND+1
        cmp     (TMP0),y
        bcc     @r
        bne     @show
        dey
        lda     LINEND
        cmp     (TMP0),y
        bcc     @r
@show:  jsr     MONCTC
        cmp     #3
        beq     @r
        ldy     #3
        lda     (TMP0),y
        tax
        dey
        lda     (TMP0),y
        jsr     linprt
        jsr     outsp
        ldy     #4
        sty     PR5
@ch:    ldy     PR5             ; (lines hold no byte above $7F but tokens, even in strings)
        lda     (TMP0),y
        beq     @eol
        inc     PR5
        jsr     prtok
        jmp     @ch
@eol:   jsr     crlf
        jsr     nxline
        bne     @line           ; (always)
@r:     rts
; ---------------------------------------------------------------- POKE WAIT NULL LOAD SAVE
st_poke:
        jsr     adrbyt
        txa
        ldy     #0
        sta     (TMP1),y
        rts
; adrbyt: an address (into TMP1) "," a byte (into X)
adrbyt: jsr     frmnum
        jsr     getadr
        lda     INTR
        pha
        lda     INTR+1
        pha
        jsr     comby
        pla
        sta     TMP1+1
        pla
        sta     TMP1
        rts
; comby: "," and a byte expression into X
comby:  jsr     chkcom
; frmbyt: a byte expression into X
frmbyt: jsr     frmnum
        jmp     getbyt
; WAIT address, mask [, invert]: until (PEEK(address) EOR invert) AND mask is not 0
st_wait:
        jsr     adrbyt
        stx     PR5
        ldx     #0
        jsr     chrgot
        cmp     #','
        bne     @go
        jsr     comby
@go:    stx     PR6
@l:     jsr     chkbrk
        ldy     #0
        lda     (TMP1),y
        eor     PR6
        and     PR5
        beq     @l
        rts
st_null:
        jsr     frmbyt
        stx     NULLS
        rts

; ---------------------------------------------------------------- small helpers
chkcls: lda     #')'
        .byte   $2C
chkopn: lda     #'('
        .byte   $2C
chkcom: lda     #','
synchr: ldy     #0
        cmp     (TXTPTR),y
        bne     @sn
        jmp     chrget
@sn:    jmp     snerr

