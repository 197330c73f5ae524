; Output ($FFEE) and SAVE ($FFF7): with SAVE on, text goes to the screen and to the ACIA, each
; CR followed by ten NULs; with SAVE off again, to the screen only. Returns to the monitor.
        .include "common.inc"
        .segment "CODE"
        jsr     MON_SAVE
        print   taped
        lda     #0
        sta     SAVEFLAG
        print   screen_only
        rts
taped:  .byte   "TO TAPE", 13, 10, 0
screen_only:
        .byte   "SCREEN ONLY", 13, 10, 0
