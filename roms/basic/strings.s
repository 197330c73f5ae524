; strings.s: string values, string space and its garbage collection, string functions,
; INPUT, READ and RESTORE.

; strlit: TXTPTR at '"': the literal as a temporary string; TXTPTR past the closing quote
strlit: lda     TXTPTR
        clc
        adc     #1
        sta     STRP
        lda     TXTPTR+1
        adc     #0
        sta     STRP+1
        ldy     #0
@l:     lda     (STRP),y
        beq     @e
        cmp     #'"'
        beq     @e
        iny
        bne     @l
@e:     sty     CNT
        jsr     adv             ; TXTPTR -> the string's last character (or its quote)
        jsr     chrget          ; the closing quote, or the end of the line
        beq     @z
        jsr     chrget
@z:     lda     CNT
; strmake: a temporary string of A bytes at STRP: kept in place inside the program text,
; copied into string space otherwise. FM2/FM3 -> its descriptor, VALTYP = $FF.
strmake:
        sta     DESC
        lda     STRP
        ldy     STRP+1
        jsr     inprog
        bcs     @copy
@prog:  lda     STRP
        sta     DESC+1
        lda     STRP+1
        sta     DESC+2
        bne     puttemp         ; (always: the program is above page 0)
@copy:  lda     DESC
        jsr     getspa
        ldy     DESC
        jsr     cpstr
        lda     DESC
; newtmp: the A bytes at FRESPC become the newest temporary
newtmp: sta     DESC
        lda     FRESPC
        sta     DESC+1
        lda     FRESPC+1
        sta     DESC+2
; puttemp: DESC becomes the newest temporary; FM2/FM3 -> it
puttemp:
        ldx     TEMPSP
        cpx     #TEMPMAX
        bcc     @ok
        ldx     #ERR_ST
        jmp     error
@ok:    txa
        adc     #TEMPST         ; (carry clear)
        sta     FM2
        ldy     #0
        sty     FM3
@c:     lda     DESC,y
        sta     TEMPST,x
        inx
        iny
        cpy     #3
        bne     @c
        stx     TEMPSP
        lda     #$FF
        sta     VALTYP
        rts

; inprog: carry clear when the address A (low) Y (high) is inside the program text
inprog: cmp     TXTTAB
        pha
        tya
        sbc     TXTTAB+1
        pla
        bcc     @out
        cmp     VARTAB
        tya
        sbc     VARTAB+1
        rts
@out:   sec
        rts

; cpstr: copy Y bytes from STRP to FRESPC
cpstr:  tya
        beq     @r
@cp:    dey
        lda     (STRP),y
        sta     (FRESPC),y
        tya
        bne     @cp
@r:     rts

; getspa: FRESPC = room for A bytes at the bottom of string space (collecting garbage
; once if needed, else ?OS)
getspa: sta     SPLEN
        lda     #0
        sta     GCFLAG
@try:   lda     FRETOP
        sec
        sbc     SPLEN
        tax
        lda     FRETOP+1
        sbc     #0
        tay
        bcc     @full
        cpx     STREND
        sbc     STREND+1
        bcs     @ok
@full:  lda     GCFLAG
        bne     @om
        inc     GCFLAG
        jsr     garbag
        bne     @try            ; (always: garbag ends loading FRETOP's high byte)
@om:    ldx     #ERR_OS         ; out of string space
        jmp     error
@ok:    stx     FRETOP
        sty     FRETOP+1
        stx     FRESPC
        sty     FRESPC+1
        rts

; garbag: compact string space: the live strings (reachable from variables, arrays and
; temporaries) move to the top, highest first; FRETOP rises above the garbage.
garbag: lda     MEMSIZ
        sta     GCTOP
        sta     GCLIM
        lda     MEMSIZ+1
        sta     GCTOP+1
        sta     GCLIM+1
@round: lda     #0
        sta     GCBEST+1
        sta     TMP0+1          ; the temporaries
        ldx     #TEMPST
@tl:    txa
        sec
        sbc     #TEMPST
        cmp     TEMPSP
        bcs     @vars
        stx     TMP0
        jsr     gcchk
        ldx     TMP0
        inx
        inx
        inx
        bne     @tl
@vars:  lda     VARTAB          ; then every entry from VARTAB to STREND: a simple variable
        sta     TMP1            ; (6 bytes, its descriptor at +2) or an array (its size in
        lda     VARTAB+1        ; its header, descriptors after 5 + 2n bytes)
        sta     TMP1+1
@ent:   lda     TMP1
        cmp     STREND
        bne     @e1
        lda     TMP1+1
        cmp     STREND+1
        beq     @pick
@e1:    lda     TMP1            ; A/X = the entry's size, Y = its first descriptor's place
        cmp     ARYTAB
        lda     TMP1+1
        sbc     ARYTAB+1
        lda     #6
        ldx     #0
        ldy     #2
        bcc     @sz
        lda     (TMP1),y
        pha
        iny
        lda     (TMP1),y
        tax
        iny
        lda     (TMP1),y
        asl
        adc     #5
        tay
        pla
@sz:    clc                     ; GCEND = the next entry, TMP0 = the first descriptor
        adc     TMP1
        sta     GCEND
        txa
        adc     TMP1+1
        sta     GCEND+1
        tya
        clc
        adc     TMP1
        sta     TMP0
        lda     TMP1+1
        adc     #0
        sta     TMP0+1
        ldy     #0
        lda     (TMP1),y
        bmi     @end            ; a function
        iny
        lda     (TMP1),y
        bpl     @end            ; not strings
@el:    lda     TMP0
        cmp     GCEND
        lda     TMP0+1
        sbc     GCEND+1
        bcs     @end
        jsr     gcchk
        lda     TMP0
        clc
        adc     #4
        sta     TMP0
        bcc     @el
        inc     TMP0+1
        bcs     @el
@end:   lda     GCEND
        sta     TMP1
        lda     GCEND+1
        sta     TMP1+1
        bne     @ent            ; (always)
@pick:  lda     GCBEST+1
        bne     @move
        lda     GCTOP
        sta     FRETOP
        lda     GCTOP+1
        sta     FRETOP+1
        rts
@move:  ldy     #0
        lda     (GCDESC),y
        sta     MV_LEN
        sty     MV_LEN+1
        lda     GCTOP
        sec
        sbc     MV_LEN
        sta     GCTOP
        sta     MV_DST
        iny
        sta     (GCDESC),y
        lda     GCTOP+1
        sbc     #0
        sta     GCTOP+1
        sta     MV_DST+1
        iny
        sta     (GCDESC),y
        lda     GCBEST
        sta     MV_SRC
        sta     GCLIM
        lda     GCBEST+1
        sta     MV_SRC+1
        sta     GCLIM+1
        jsr     memmove
        jmp     @round
; gcchk: consider the descriptor at TMP0 for the next string to move
gcchk:  ldy     #0
        lda     (TMP0),y
        beq     @r
        ldy     #2
        lda     (TMP0),y
        tax
        dey
        lda     (TMP0),y
        cmp     FRETOP
        txa
        sbc     FRETOP+1
        bcc     @r
        lda     (TMP0),y
        cmp     GCLIM
        txa
        sbc     GCLIM+1
        bcs     @r
        lda     (TMP0),y
        cmp     GCBEST
        txa
        sbc     GCBEST+1
        bcc     @r
        lda     (TMP0),y
        sta     GCBEST
        stx     GCBEST+1
        lda     TMP0
        sta     GCDESC
        lda     TMP0+1
        sta     GCDESC+1
@r:     rts

; frestr: DESC = the string in FAC (A = its length); the descriptor is released if it is
; the newest temporary, and its bytes too if they are the lowest in string space.
frestr: lda     FM2
        ldy     FM3
frefac: jsr     rddesc
        jsr     popt
        bne     @r
        lda     DESC+1
        cmp     FRETOP
        bne     @r
        lda     DESC+2
        cmp     FRETOP+1
        bne     @r
        lda     FRETOP
        clc
        adc     DESC
        sta     FRETOP
        bcc     @r
        inc     FRETOP+1
@r:     lda     DESC
        rts
; rddesc: DESC = the descriptor at A (low) Y (high), TMP0 = its address
rddesc: sta     TMP0
        sty     TMP0+1
rdd2:   ldy     #2
@d:     lda     (TMP0),y
        sta     DESC,y
        dey
        bpl     @d
        rts
; popt: drop the descriptor at TMP0 if it is the newest temporary (Z set when dropped)
popt:   lda     TMP0+1
        bne     @r
        lda     TEMPSP
        beq     @no
        clc
        adc     #TEMPST-3
        cmp     TMP0
        bne     @r
        sbc     #TEMPST         ; (carry set) TEMPSP - 3
        sta     TEMPSP
        lda     #0
        rts
@no:    lda     #1
@r:     rts

; prstr: print the string in FAC
prstr:  jsr     frestr
        tax
        beq     @r
        ldy     #0
@l:     lda     (DESC+1),y
        jsr     outch
        iny
        dex
        bne     @l
@r:     rts

; strasgn: store the string in FAC into the string variable at FORPNT
strasgn:
        lda     FM2
        ldy     FM3
        jsr     rddesc
        lda     DESC+1          ; inside the program text: point at it
        ldy     DESC+2
        jsr     inprog
        bcc     @keep
@notp:  jsr     popt            ; the newest temporary: take its bytes as they are
        beq     @store
        ; otherwise copy the bytes
        lda     DESC
        jsr     getspa
        jsr     rdd2            ; (the string may have moved)
        lda     DESC+1
        sta     STRP
        lda     DESC+2
        sta     STRP+1
        ldy     DESC
        jsr     cpstr
        lda     FRESPC
        sta     DESC+1
        lda     FRESPC+1
        sta     DESC+2
        bne     @store
@keep:  jsr     popt
@store: ldy     #2
@st:    lda     DESC,y
        sta     (FORPNT),y
        dey
        bpl     @st
        rts

; concat: FAC = ARG (left string) + FAC (right string)
concat: lda     AM2
        sta     FUNSAV
        lda     AM3
        sta     FUNSAV+1
        ldy     #0
        lda     (FUNSAV),y
        clc
        adc     (FM2),y
        bcc     @ok
        ldx     #ERR_LS
        jmp     error
@ok:    pha
        jsr     getspa
        lda     FRESPC
        sta     MV_DST
        lda     FRESPC+1
        sta     MV_DST+1
        lda     FUNSAV
        ldy     FUNSAV+1
        jsr     @app
        lda     FM2
        ldy     FM3
        jsr     @app
        jsr     frestr
        lda     FUNSAV
        ldy     FUNSAV+1
        jsr     frefac
        pla
        jmp     newtmp
@app:   jsr     rddesc          ; append the string of descriptor A/Y at MV_DST
        ldx     DESC
        beq     @r
        ldy     #0
@c:     lda     (DESC+1),y
        sta     (MV_DST),y
        iny
        dex
        bne     @c
        tya
        clc
        adc     MV_DST
        sta     MV_DST
        bcc     @r
        inc     MV_DST+1
@r:     rts

; strcmp: compare ARG (left) with FAC (right) strings: A = 1, 0, $FF as fcmp
strcmp: jsr     frestr
        lda     DESC
        sta     PR5
        lda     DESC+1
        sta     TMP1
        lda     DESC+2
        sta     TMP1+1
        lda     AM2
        ldy     AM3
        jsr     frefac
        ldy     #0
@l:     cpy     DESC
        beq     @lend
        cpy     PR5
        beq     @gt
        lda     (DESC+1),y
        cmp     (TMP1),y
        bne     @diff
        iny
        bne     @l
@lend:  cpy     PR5
        beq     @eq
@lt:    lda     #$FF
        rts
@diff:  bcc     @lt
@gt:    lda     #1
        rts
@eq:    lda     #0
        rts

; ---------------------------------------------------------------- string functions
; strarg: "(" string expression
strarg: jsr     chkopn
        jsr     frmevl
        jmp     chkstr
f_len:  jsr     parstr
        jsr     frestr
        tay
numres: lda     #0
        sta     VALTYP
        jmp     givuby
f_asc:  jsr     parstr
        jsr     frestr
        bne     @ok
        jmp     fcerr
@ok:    ldy     #0
        lda     (DESC+1),y
        tay
        jmp     numres
f_val:  jsr     parstr          ; read the number with a 0 put after the string
        jsr     frestr
        lda     #0
        sta     VALTYP
        lda     TXTPTR
        pha
        lda     TXTPTR+1
        pha
        lda     DESC+1
        sta     TXTPTR
        clc
        adc     DESC
        sta     TMP2
        lda     DESC+2
        sta     TXTPTR+1
        adc     #0
        sta     TMP2+1
        ldy     #0
        lda     (TMP2),y
        pha
        tya
        sta     (TMP2),y
        jsr     fin
        pla
        ldy     #0
        sta     (TMP2),y
        pla
        sta     TXTPTR+1
        pla
        sta     TXTPTR
        rts
f_str:  jsr     parnum
        jsr     fout
        sta     STRP
        sty     STRP+1
        lda     CNT
        jmp     strmake
f_chr:  jsr     parnum
        jsr     getbyt
        stx     FBUF
        lda     #<FBUF
        sta     STRP
        lda     #>FBUF
        sta     STRP+1
        lda     #1
        jmp     strmake
; LEFT$ RIGHT$ MID$: "(" string "," n ["," m] ")", then PR5 = the start, PR6 = the
; length, both clamped to the string, and the substring
f_left: lda     #0
        .byte   $2C
f_right:
        lda     #1
        .byte   $2C
f_mid:  lda     #2
        pha                     ; which
        jsr     strarg
        jsr     pushf
        jsr     comby
        txa
        pha                     ; n
        ldx     #255
        jsr     chrgot
        cmp     #','
        bne     @nolen
        jsr     comby
@nolen: stx     PR6             ; m
        jsr     chkcls
        pla
        sta     PR5
        jsr     popa
        lda     AM2
        ldy     AM3
        sta     FUNSAV
        sty     FUNSAV+1
        jsr     rddesc          ; DESC: its length
        pla
        beq     @left
        lsr
        bcs     @right
        ldx     PR5             ; MID$: from n - 1 (n >= 1)
        bne     @m
        jmp     fcerr
@m:     dex
        stx     PR5
        bcc     @clamp          ; (always)
@left:  lda     PR5
        sta     PR6
        lda     #0
        sta     PR5
        beq     @clamp
@right: lda     DESC            ; start = len - min(n, len)
        sec
        sbc     PR5
        bcs     @r1
        lda     #0
@r1:    sta     PR5
@clamp: lda     PR5             ; start beyond the end: empty
        cmp     DESC
        bcc     @in
        lda     DESC
        sta     PR5
@in:    lda     DESC
        sec
        sbc     PR5
        cmp     PR6
        bcs     subfin
        sta     PR6
; subfin: the substring PR5, PR6 of the string whose descriptor is at FUNSAV
subfin: lda     PR6
        jsr     getspa
        ldy     #1
        lda     (FUNSAV),y
        clc
        adc     PR5
        sta     STRP
        iny
        lda     (FUNSAV),y
        adc     #0
        sta     STRP+1
        ldy     PR6
        jsr     cpstr
@done:  lda     FUNSAV
        ldy     FUNSAV+1
        jsr     frefac
        lda     PR6
        jmp     newtmp

; ---------------------------------------------------------------- INPUT READ RESTORE
st_read:
        lda     #$80
        sta     INPFLG
        lda     DATPTR
        ldy     DATPTR+1
        bne     rdgo            ; (always: the program is above page 0)
st_input:
        jsr     chkrun
        cmp     #'"'
        bne     @np
        jsr     strlit
        lda     #';'
        jsr     synchr
        jsr     prstr
@np:    lda     TXTPTR
        sta     LINEND
        lda     TXTPTR+1
        sta     LINEND+1
inask:  jsr     outqst
        jsr     getinp
        lda     #0
        sta     INPFLG
        lda     BUF
        bne     @data
        jmp     st_data         ; nothing typed: the variables keep their values
@data:  lda     #<(BUF-1)
        ldy     #0
rdgo:   sta     DTP
        sty     DTP+1
        jsr     chrgot
@var:   jsr     getfor
        jsr     swapdt          ; read the data
        ldy     #0
        lda     (TXTPTR),y
        bit     INPFLG
        bpl     @inp
        cmp     #','
        beq     @adv
        jsr     finddat
        jmp     @item
@inp:   tax
        bne     @adv
        jsr     outqst          ; more values wanted
        jsr     outqst
        jsr     getinp
        jsr     txtbuf
@adv:   jsr     chrget
@item:  jsr     getval
        jsr     chrgot
        beq     @ok
        cmp     #','
        beq     @ok
        bit     INPFLG
        bmi     @dsn
        lda     #<m_redo
        jsr     msgcr
        lda     LINEND
        sta     TXTPTR
        lda     LINEND+1
        sta     TXTPTR+1
        bne     inask           ; (always: INPUT runs in a program, above page 0)
@dsn:   lda     DATLIN
        sta     CURLIN
        lda     DATLIN+1
        sta     CURLIN+1
        jmp     snerr
@ok:    jsr     swapdt          ; back to the program
        jsr     chrgot
        cmp     #','
        bne     @end
        jsr     chrget
        bcs     @var            ; (a letter: the next variable; else ?SN after)
@end:   bit     INPFLG
        bpl     @ie
        lda     DTP
        sta     DATPTR
        lda     DTP+1
        sta     DATPTR+1
        rts
@ie:    ldy     #0
        lda     (DTP),y
        beq     @r
        lda     #<m_extra
        bne     msgcr           ; (always)
        .assert <m_extra <> 0, error, "m_extra must not start a page"
@r:     rts
; chkrun: ?ID in direct mode (keeps A)
chkrun: ldx     CURLIN+1
        inx
        bne     @r
        ldx     #ERR_ID
        jmp     error
@r:     rts
; swapdt: exchange TXTPTR and DTP
swapdt: ldx     #1
@l:     lda     TXTPTR,x
        ldy     DTP,x
        sta     DTP,x
        sty     TXTPTR,x
        dex
        bpl     @l
        rts
; getinp: " " and a line into BUF, with a ',' before it (BUF-1, LINNUM's high byte, free now)
getinp: jsr     outsp
        jsr     inlin
        lda     #','
        sta     BUF-1
        rts
; msgcr: the message at A and a new line
msgcr:  jsr     msgout
        jmp     crlf

; finddat: from a statement's end, on to the first item of the next DATA statement (?OD)
finddat:
@l:     ldy     #0
        lda     (TXTPTR),y
        bne     @stmt
        ldy     #2
        lda     (TXTPTR),y
        bne     @line
        ldx     #ERR_OD
        jmp     error
@line:  iny
        lda     (TXTPTR),y
        sta     DATLIN
        iny
        lda     (TXTPTR),y
        sta     DATLIN+1
        jsr     adv             ; (Y = 4)
@stmt:  jsr     chrget
        cmp     #TK_DATA
        beq     @found
        jsr     st_data         ; (also through a REM: its text holds no tokens)
        jmp     @l
@found: jmp     chrget

; getval: read one value at the current character into the variable at FORPNT
getval: bit     VALTYP
        bmi     @str
        jsr     fin
        jmp     assign
@str:   cmp     #'"'
        bne     @raw
        jsr     strlit
        jmp     strasgn
@raw:   lda     TXTPTR
        sta     STRP
        lda     TXTPTR+1
        sta     STRP+1
        ldy     #0
@l:     lda     (STRP),y
        beq     @e
        cmp     #','
        beq     @e
        cmp     #':'
        bne     @n
        bit     INPFLG
        bmi     @e
@n:     iny
        bne     @l
@e:     tya
        pha
        jsr     adv
        pla
        jsr     strmake
        jmp     strasgn
