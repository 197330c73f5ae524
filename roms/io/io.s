; ---------------------------------------------------------------------------------------------
; The I/O page of our BASIC image ($BF00-$BFFF): the screen driver that BASIC and the monitor
; print through. Original code for this project, written from the documented behaviour only.
;
; Screen model (Superboard II, 32 x 32 characters of video RAM at $D000-$D3FF):
;   - text is written on row 27 only; a line holds 24 characters, from column 5 ($D365) to
;     column 28 ($D37C). The monitor ROM publishes these numbers at $FFE0 (first column offset
;     in page $D3, $65) and $FFE1 (line length - 1, $17); the driver reads them from there, so
;     it follows whichever monitor is fitted.
;   - LF scrolls rows 0-27 up by one and blanks row 27; rows 28-31 are never touched.
;   - CR moves the cursor back to the start of the line (it does not scroll).
;   - NUL is ignored (tapes carry ten NULs after each CR); every other code is a glyph and is
;     written at the cursor, which then advances. A glyph arriving past the end of the line
;     first starts a new line (CR + LF), so a CR LF sent after exactly 24 characters does not
;     leave an empty line behind.
;   - The cursor is shown as glyph $5F; the cell it covers is remembered in CURSAVE.
;
; State (monitor variables page): CURSOR ($0200) = cursor offset in page $D3,
; CURSAVE ($0201) = the glyph under the cursor. An out-of-range CURSOR (RAM never set up, or
; overwritten by a loaded program) is treated as the start of the line.
;
; Entry: SCREEN_OUT at $BF2D. In: A = character. Out: A, X and Y preserved; flags changed.
; ---------------------------------------------------------------------------------------------

        .setcpu "6502"

CURSOR   = $0200                ; cursor: offset of the cursor cell in page $D3
CURSAVE  = $0201                ; glyph under the cursor
ROW27    = $D300                ; base used with CURSOR as index (row 27 = $D360-$D37F)
LINE27   = $D360                ; first cell of row 27
CURSTART = $FFE0                ; monitor ROM: first column of a line ($65)
LINELEN1 = $FFE1                ; monitor ROM: line length - 1 ($17)
CURGLYPH = $5F                  ; glyph that shows the cursor

        .segment "IOPAGE"
        .org    $BF00

; Place the next byte at a fixed address, failing the assembly if code has overrun it.
.macro at addr
        .assert * <= addr, error, "I/O page code overruns a fixed entry point"
        .res    addr - *, $FF
.endmacro

; Make CURSOR sane: an offset outside start .. start+length (one past the last column is where
; the cursor waits after a full line) becomes the start of the line, with a blank under the
; cursor. In: Y = CURSOR. Out: Y = CURSOR. Changes A.
clamp:
        tya
        sec
        sbc     CURSTART        ; A = column within the line
        bcc     @reset
        beq     @ok
        sbc     #1              ; carry is still set: A = column - 1
        cmp     LINELEN1
        bcc     @ok
        beq     @ok
@reset: ldy     CURSTART
        sty     CURSOR
        lda     #' '
        sta     CURSAVE
@ok:    rts

        at      $BF2D
SCREEN_OUT:
        pha                     ; keep A, X and Y on the stack: the driver uses no RAM scratch
        txa
        pha
        tya
        pha
        ldy     CURSOR          ; put back the glyph the cursor covers
        jsr     clamp
        lda     CURSAVE
        sta     ROW27,y
        tsx
        lda     $0103,x         ; the character (pushed first)
        beq     @show           ; NUL: nothing to do
        cmp     #$0D
        beq     @cr
        cmp     #$0A
        beq     @lf
        lda     CURSTART        ; a glyph: start a new line first when the line is full
        clc
        adc     LINELEN1
        cmp     CURSOR
        bcs     @put
        jsr     scroll
        lda     CURSTART
        sta     CURSOR
@put:   tsx
        lda     $0103,x
        ldy     CURSOR
        sta     ROW27,y
        inc     CURSOR
        bne     @show           ; always taken
@lf:    jsr     scroll
        jmp     @show
@cr:    lda     CURSTART
        sta     CURSOR
@show:  ldy     CURSOR          ; remember what the cursor now covers, then draw it
        lda     ROW27,y
        sta     CURSAVE
        lda     #CURGLYPH
        sta     ROW27,y
        pla
        tay
        pla
        tax
        pla
        rts

; Scroll rows 0-27 up by one row and blank row 27. Changes A and X.
; $D020-$D37F is copied down to $D000-$D35F in ascending order (safe: the destination is lower).
scroll:
        ldx     #0
@row1:  lda     $D020,x         ; rows 1-8  -> rows 0-7
        sta     $D000,x
        inx
        bne     @row1
@row9:  lda     $D120,x         ; rows 9-16 -> rows 8-15
        sta     $D100,x
        inx
        bne     @row9
@row17: lda     $D220,x         ; rows 17-24 -> rows 16-23
        sta     $D200,x
        inx
        bne     @row17
@row25: lda     $D320,x         ; rows 25-27 -> rows 24-26
        sta     $D300,x
        inx
        cpx     #$60
        bne     @row25
        lda     #' '
        ldx     #31
@blank: sta     LINE27,x
        dex
        bpl     @blank
        rts
