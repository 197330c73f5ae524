; =============================================================================================
; OPENMON: an original 2 KB monitor ROM for the Ohio Scientific Superboard II ($F800-$FFFF).
;
; Written for this project from the documented behaviour of the machine and of the monitor's
; interfaces (shared/reference/superboard-hardware.md, issue 7). It keeps every entry point and
; memory location that programs use, so software written for the real machine runs unchanged:
;
;   $FC00  disk boot (we have no disk: says so and returns to the menu)
;   $FD00  keyboard: blocks, returns ASCII in A, keeps X and Y
;   $FE00  the 65V machine-language monitor (address/data modes, L loads OS65V text from the ACIA)
;   $FF00  reset: stack, ACIA, I/O vectors, flags, screen, banner, the D/C/W/M menu
;   $FF69  output A to the screen (and the ACIA while SAVE is on)    vector $021A, via $FFEE
;   $FF8B  LOAD: route input from the ACIA                            vector $021E, via $FFF4
;   $FF96  SAVE: copy output to the ACIA                              vector $0220, via $FFF7
;   $FF9B  CTRL-C check                                               vector $021C, via $FFF1
;   $FFBA  input a character (keyboard, or the ACIA while LOAD is on) vector $0218, via $FFEB
;   $FFBF  wait for and return one byte from the ACIA (cc65's osic1p loader calls it)
;   $FFE0  screen constants read by the screen driver ($65 first column, $17 line length - 1, 0)
;   $FFEB..$FFF7  JMP (vector) jump points;  $FFFA NMI -> $0130, RESET -> $FF00, IRQ -> $01C0
;
; Text goes to the screen through the screen driver at $BF2D, in the I/O page of the BASIC
; image (roms/io/io.s). Fixed addresses are placed with the `at` macro below: code that grows
; into an entry point stops the assembly instead of moving it.
;
; Calling contracts (what BASIC and other programs may rely on):
;   output ($FF69): A, X, Y preserved.  input ($FFBA): A = character, X and Y preserved.
;   CTRL-C check ($FF9B): A = 3 (Z clear) when CTRL and C are both down and $0212 is zero,
;   else A = 0 (Z set); X and Y preserved.  LOAD/SAVE: only A changed.
; =============================================================================================

        .setcpu "6502"

; ---- Hardware ------------------------------------------------------------------------------
ACIA_CTRL = $F000               ; 6850 control (write) / status (read)
ACIA_DATA = $F001               ; 6850 data
ACIA_RDRF = $01                 ; status: a byte has been received
ACIA_TDRE = $02                 ; status: the transmitter can take a byte
KEYBOARD  = $DF00               ; write: select rows (bit clear = selected); read: 0 = key down
VIDEO     = $D000               ; 32 x 32 characters
SCREEN_OUT = $BF2D              ; screen driver in the BASIC image's I/O page
BASIC_COLD = $BD11              ; BASIC's cold start

; ---- Monitor variables (page 2; the documented ones first) -------------------------------------
CURSOR    = $0200               ; screen driver: cursor offset in page $D3
CURSAVE   = $0201               ; screen driver: glyph under the cursor
LOADFLAG  = $0203               ; bit 7 set: input comes from the ACIA
SAVEFLAG  = $0205               ; non-zero: output is copied to the ACIA
DELAY     = $0206               ; print delay, in units of about 1.3 ms per character
NOCTRLC   = $0212               ; non-zero: the CTRL-C check never reports CTRL-C
KEYLAST   = $0213               ; last key returned by the keyboard routine, 0 = all released
KEYREP    = $0214               ; scans left before that key repeats
KEYCAND   = $0215               ; key seen on the first of two debounce scans
KEYMODS   = $0216               ; modifier row as read (1 = down)
VECTORS   = $0218               ; I/O vectors: input, output, CTRL-C, LOAD, SAVE

; ---- 65V monitor variables (top of zero page, clear of what loaders use) ------------------------
MODE      = $FB                 ; 0 = address mode, else data mode
SOURCE    = $FC                 ; 0 = keyboard, else the ACIA (the L command)
DIGIT     = $FD                 ; a hex digit being shifted into memory
ADDR      = $FE                 ; current address (and $FF)

; ---- Keyboard timing (one debounce round = two scans of about 5.3 ms) ---------------------------
REPEAT_DELAY = 75               ; rounds before a held key repeats: about 0.8 s
REPEAT_RATE  = 9                ; rounds between repeats: about 10 a second

STACK_TOP = $28                 ; the documented reset stack pointer
SPACEROW  = $FD                 ; keyboard row 1 holds SPACE at bit 4
SPACEBIT  = $10

; ---- The 65V address/data field on the screen ----------------------------------------------------
FIELD     = $D0C6               ; four address digits, a blank, two data digits, a blank

        .segment "MONITOR"
        .org    $F800

; Place the next byte at a fixed address; fail the assembly if code has overrun it.
.macro at addr
        .assert * <= addr, error, "monitor code overruns a fixed entry point"
        .res    addr - *, $FF
.endmacro

; =============================================================================================
; Reset, second half: everything after the part that must sit at $FF00.
; =============================================================================================
reset_body:
        ldx     #9              ; the I/O vectors
@vec:   lda     vector_table,x
        sta     VECTORS,x
        dex
        bpl     @vec
        lda     #0
        sta     LOADFLAG
        sta     SAVEFLAG
        sta     DELAY
        sta     NOCTRLC
        sta     KEYLAST
        sta     ADDR            ; the 65V monitor starts at 0000 after a reset
        sta     ADDR+1
        jsr     clear_screen
        ldx     #banner_msg - messages
        jsr     print_msg
menu:   ldx     #menu_msg - messages
        jsr     print_msg
@key:   jsr     KBD
        and     #$DF            ; accept lower case too
        cmp     #'C'
        beq     @basic
        cmp     #'W'
        beq     @warm
        cmp     #'M'
        bne     :+
        jmp     MON65V
:       cmp     #'D'
        bne     @key            ; anything else: keep waiting
        jmp     DISKBOOT
@basic: jsr     newline         ; BASIC and the warm start begin on a fresh line
        jmp     BASIC_COLD
@warm:  jsr     newline
        jmp     $0000

newline:
        lda     #$0D
        jsr     OUTPUT
        lda     #$0A
        jmp     OUTPUT

vector_table:
        .word   INPUT, OUTPUT, CTRLC, LOAD, SAVE

; ---- Messages: each ends with a zero byte; print_msg takes the offset from `messages` -------
messages:
banner_msg:
        .byte   "OPENMON 1.0  SUPERBOARD", 13, 10, 0
menu_msg:
        .byte   13, 10, "D/C/W/M ?", 0
nodisk_msg:
        .byte   13, 10, "NO DISK DRIVE", 0

; Print the message at messages+X through OUTPUT ($FF69). Changes A and X.
print_msg:
@loop:  lda     messages,x
        beq     @done
        jsr     OUTPUT
        inx
        bne     @loop
@done:  rts

; Fill the whole video RAM with spaces and home the cursor. Changes A and X.
clear_screen:
        lda     #' '
        ldx     #0
@loop:  sta     VIDEO,x
        sta     VIDEO+$100,x
        sta     VIDEO+$200,x
        sta     VIDEO+$300,x
        inx
        bne     @loop
        lda     CURSTART
        sta     CURSOR
        lda     #' '
        sta     CURSAVE
        rts

; =============================================================================================
; Character I/O bodies (their fixed entry points near the top of the ROM jump here).
; =============================================================================================

; Input: from the ACIA while LOAD is on (until SPACE is pressed), else from the keyboard.
input_body:
        bit     LOADFLAG
        bpl     @kbd
@tape:  jsr     acia_or_space
        bcs     @got
        lda     #0              ; SPACE: back to the keyboard for good
        sta     LOADFLAG
@kbd:   jmp     KBD
@got:   rts

; Wait for either a byte from the ACIA (carry set, byte in A) or the SPACE key (carry clear;
; the held SPACE is then marked as already returned, so it does not also arrive as input).
; X and Y preserved.
acia_or_space:
@loop:  lda     ACIA_CTRL
        lsr     a               ; RDRF into carry
        bcs     @byte
        jsr     glance
        lda     #SPACEROW
        sta     KEYBOARD
        lda     KEYBOARD
        and     #SPACEBIT
        bne     @loop
        lda     #' '
        sta     KEYLAST
        lda     #REPEAT_DELAY
        sta     KEYREP
        clc
        rts
@byte:  lda     ACIA_DATA
        rts

; Output: the screen always; the ACIA too while SAVE is on, with ten NULs after each CR; then
; the print delay. A, X and Y preserved.
output_body:
        jsr     SCREEN_OUT
        pha
        txa
        pha
        tya
        pha
        lda     SAVEFLAG
        beq     @delay
        tsx
        lda     $0103,x         ; the character
        jsr     acia_put
        cmp     #$0D
        bne     @delay
        ldx     #10
        lda     #0
@nuls:  jsr     acia_put
        dex
        bne     @nuls
@delay: ldx     DELAY
        beq     @done
@outer: ldy     #0
@inner: dey
        bne     @inner
        dex
        bne     @outer
@done:  pla
        tay
        pla
        tax
        pla
        rts

; Send A to the ACIA once the transmitter is free. A, X and Y preserved.
acia_put:
        pha
@wait:  lda     ACIA_CTRL
        and     #ACIA_TDRE
        beq     @wait
        pla
        sta     ACIA_DATA
        rts

; CTRL-C check: CTRL is row 0 bit 6, C is row 2 bit 6; a key that is down reads 0.
ctrlc_body:
        lda     NOCTRLC
        bne     @no
        jsr     glance
        lda     #$FE
        sta     KEYBOARD
        bit     KEYBOARD        ; bit 6 -> V
        bvs     @no
        lda     #$FB
        sta     KEYBOARD
        bit     KEYBOARD
        bvs     @no
        lda     #3              ; the key is held: the keyboard routine must not return it too
        sta     KEYLAST
        lda     #REPEAT_DELAY
        sta     KEYREP
        lda     #3
        rts
@no:    lda     #0
        rts

; Read the whole matrix once (all rows selected) and forget the result. Routines that watch
; one or two keys only (SPACE, CTRL-C) call it while they poll, so that every row is read as
; often as a full scan would read it: something that types for the user by holding a key
; until the program has read its row, and releasing it until the program has read that row
; again (as the emulator does), then sees the previous key's release. Changes A.
glance:
        lda     #$00
        sta     KEYBOARD
        lda     KEYBOARD
        rts

save_body:
        lda     #1
        sta     SAVEFLAG
        rts

; =============================================================================================
; Keyboard helpers.
; =============================================================================================

; Scan the matrix once, after a delay of about 5.3 ms (the debounce interval).
; Out: A = the key's code with the modifiers applied, 0 for no key; Z set from A.
; Changes X and Y.
scan:
        ldx     #4              ; delay: 4 x 256 x 5 cycles
@dly1:  ldy     #0
@dly2:  dey
        bne     @dly2
        dex
        bne     @dly1
        lda     #$FE            ; row 0: the modifiers and ESC
        sta     KEYBOARD
        lda     KEYBOARD
        eor     #$FF
        sta     KEYMODS
        ldx     #1              ; rows 1-7: the first row with a key down wins
        ldy     #0              ; Y = index of the row's first entry in keymap
@row:   lda     row_select,x
        sta     KEYBOARD
        lda     KEYBOARD
        eor     #$FF
        and     #$FE            ; bit 0 has no key in rows 1-7
        bne     @found
        tya
        clc
        adc     #8
        tay
        inx
        cpx     #8
        bne     @row
        lda     KEYMODS         ; no ordinary key: ESC, in the modifier row?
        and     #$20
        beq     @none
        lda     #$1B
        rts
@none:  lda     #0
        rts
@found: asl     a               ; the highest bit down picks the key: b7 is entry 0
        bcs     @key
        iny
        bne     @found          ; always taken
@key:   lda     keymap,y
        ; fall into apply_modifiers

; Apply SHIFT LOCK, SHIFT and CTRL to the plain key code in A. Changes X.
;   SHIFT LOCK down: letters are upper case; up: lower case.
;   SHIFT (either) on a letter: P -> @, K..O -> [ \ ] ^ _, other letters the opposite case
;   of what SHIFT LOCK gives; on 0-9 : ; subtracts $10 (1 -> ! ... ; -> +); on , - . /
;   adds $10 (< = > ?). SPACE, RETURN, LINE FEED, RUB OUT and ESC are not shifted.
;   CTRL turns @, letters and [ \ ] ^ _ into control codes $00-$1F.
apply_modifiers:
        tax
        lda     KEYMODS
        and     #$06            ; either SHIFT
        beq     @unshifted
        txa
        cmp     #'P'
        beq     @minus
        cmp     #'K'
        bcc     :+
        cmp     #'O'+1
        bcc     @plus
:       cmp     #'A'
        bcc     @symbol
        cmp     #'Z'+1
        bcs     @ctrl
        jmp     @lock_shifted
@symbol:
        cmp     #','
        bcc     @ctrl
        cmp     #'0'
        bcc     @plus           ; , - . /
        cmp     #';'+1
        bcs     @ctrl
@minus: sec
        sbc     #$10
        jmp     @ctrl
@plus:  clc
        adc     #$10
        jmp     @ctrl
@lock_shifted:                  ; a shifted letter: lower case when SHIFT LOCK is down
        tax
        lda     KEYMODS
        lsr     a               ; SHIFT LOCK into carry
        txa
        bcc     @ctrl
        ora     #$20
        bne     @ctrl           ; always taken
@unshifted:
        txa
        cmp     #'A'
        bcc     @ctrl
        cmp     #'Z'+1
        bcs     @ctrl
        pha
        lda     KEYMODS
        lsr     a               ; SHIFT LOCK into carry
        pla
        bcs     @ctrl
        ora     #$20            ; SHIFT LOCK up: lower case
@ctrl:  tax
        lda     KEYMODS
        and     #$40
        beq     @done
        txa
        cmp     #$40
        bcc     @done
        cmp     #$7F
        beq     @done
        and     #$1F
        tax
@done:  txa
        rts

row_select:
        .byte   $FE, $FD, $FB, $F7, $EF, $DF, $BF, $7F

; Plain key codes of rows 1-7, bit 7 first; 0 where the matrix has no key.
keymap:
        .byte   'Q', 'A', 'Z', ' ', '/', ';', 'P', 0            ; row 1
        .byte   'X', 'C', 'V', 'B', 'N', 'M', ',', 0            ; row 2
        .byte   'S', 'D', 'F', 'G', 'H', 'J', 'K', 0            ; row 3
        .byte   'W', 'E', 'R', 'T', 'Y', 'U', 'I', 0            ; row 4
        .byte   '.', 'L', 'O', $0A, $0D, 0, 0, 0                ; row 5
        .byte   '8', '9', '0', ':', '-', $7F, 0, 0              ; row 6
        .byte   '1', '2', '3', '4', '5', '6', '7', 0            ; row 7

; =============================================================================================
; 65V monitor helpers.
; =============================================================================================

; Next command character: from the keyboard, or from the ACIA during L (where SPACE on the
; keyboard ends loading). Bit 7 is dropped and lower-case letters are made upper case.
mon_getc:
        lda     SOURCE
        beq     @kbd
        jsr     acia_or_space
        bcs     @got
        lda     #0
        sta     SOURCE
@kbd:   jsr     KBD
@got:   and     #$7F
        cmp     #'a'
        bcc     @done
        and     #$DF
@done:  rts

; Show the address and the byte there in the field at $D0C6: "AAAA DD".
mon_show:
        ldx     #0
        lda     ADDR+1
        jsr     @hex
        lda     ADDR
        jsr     @hex
        lda     #' '
        sta     FIELD,x
        inx
        ldy     #0
        lda     (ADDR),y
        jsr     @hex
        lda     #' '
        sta     FIELD,x
        rts
@hex:   pha                     ; two hex digits of A at FIELD+X, FIELD+X+1; X += 2
        lsr     a
        lsr     a
        lsr     a
        lsr     a
        jsr     @digit
        pla
        and     #$0F
@digit: cmp     #10
        bcc     :+
        adc     #'A' - '0' - 10 - 1     ; carry is set here
:       adc     #'0'
        sta     FIELD,x
        inx
        rts

; The value of the hex digit in A, carry clear; carry set if A is not a hex digit.
hex_value:
        cmp     #'0'
        bcc     @bad
        cmp     #'9'+1
        bcc     @dec
        cmp     #'A'
        bcc     @bad
        cmp     #'F'+1
        bcs     @bad
        sbc     #'A' - 10 - 1   ; carry clear here: subtracts one more
        clc
        rts
@dec:   sbc     #'0' - 1        ; carry clear here
        clc
        rts
@bad:   sec
        rts

; =============================================================================================
; $FC00: disk boot. The Superboard has no disk controller here: say so, back to the menu.
; =============================================================================================
        at      $FC00
DISKBOOT:
        ldx     #STACK_TOP
        txs
        ldx     #nodisk_msg - messages
        jsr     print_msg
        jmp     menu

; =============================================================================================
; $FD00: the keyboard routine. Blocks until a key is pressed; returns its ASCII code in A and
; keeps X and Y. A key counts once it reads the same on two consecutive scans; a key still
; held from the previous call is returned again only by auto-repeat (after about 0.8 s, then
; about ten times a second), and a single scan with no key down counts as its release (so a
; program typing for the user can release a key briefly between two equal characters).
; =============================================================================================
        at      $FD00
KBD:
        txa
        pha
        tya
        pha
        jmp     @again
@released:                      ; one scan with nothing down ends a held key
        sta     KEYLAST
@again: jsr     scan
        beq     @released
        sta     KEYCAND
        jsr     scan
        beq     @released
        cmp     KEYCAND
        bne     @again          ; not the same on both scans: keep looking
        cmp     KEYLAST
        beq     @held
        sta     KEYLAST         ; a new key
        lda     #REPEAT_DELAY
        bne     @return         ; always taken
@held:  dec     KEYREP
        bne     @again
        lda     #REPEAT_RATE
@return:
        sta     KEYREP
        pla
        tay
        pla
        tax
        lda     KEYLAST
        rts

; =============================================================================================
; $FE00: the 65V machine-language monitor.
;   .        address mode: hex digits shift into the address
;   /        data mode: hex digits shift into the byte at the address (stored at once)
;   RETURN   (data mode) next address
;   G        (address mode) run the program at the address; an RTS comes back here
;   L        take the following commands from the ACIA (OS65V text format, as on tape);
;            SPACE on the keyboard returns to keyboard input
; =============================================================================================
        at      $FE00
MON65V:
        ldx     #STACK_TOP
        txs
        cld
        jsr     clear_screen
mon_restart:
        lda     #0
        sta     MODE
        sta     SOURCE
mon_loop:
        jsr     mon_show
        jsr     mon_getc
        cmp     #'.'
        beq     @address
        cmp     #'/'
        beq     @data
        cmp     #'L'
        beq     @load
        cmp     #'G'
        beq     @go
        cmp     #$0D
        beq     @next
        jsr     hex_value
        bcs     mon_loop        ; anything else is ignored
        ldx     MODE
        bne     @datadigit
        ldx     #4              ; address = address * 16 + digit
@shift: asl     ADDR
        rol     ADDR+1
        dex
        bne     @shift
        ora     ADDR
        sta     ADDR
        jmp     mon_loop
@datadigit:
        sta     DIGIT           ; byte = byte * 16 + digit
        ldy     #0
        lda     (ADDR),y
        asl     a
        asl     a
        asl     a
        asl     a
        ora     DIGIT
        sta     (ADDR),y
        jmp     mon_loop
@address:
        lda     #0
        sta     MODE
        jmp     mon_loop
@data:  lda     #1
        sta     MODE
        jmp     mon_loop
@load:  lda     #1
        sta     SOURCE
        jmp     mon_loop
@next:  lda     MODE
        beq     mon_loop        ; RETURN in address mode does nothing
        inc     ADDR
        bne     mon_loop
        inc     ADDR+1
        jmp     mon_loop
@go:    lda     MODE
        bne     mon_loop        ; G is a command of address mode only
        lda     #>(mon_return - 1)
        pha
        lda     #<(mon_return - 1)
        pha
        jmp     (ADDR)
mon_return:
        ldx     #STACK_TOP
        txs
        cld
        jmp     mon_restart

; =============================================================================================
; $FF00: reset.
; =============================================================================================
        at      $FF00
RESET:
        cld
        sei
        ldx     #STACK_TOP
        txs
        lda     #$03            ; ACIA master reset
        sta     ACIA_CTRL
        lda     #$11            ; divide by 16, 8 data bits, no parity, 2 stop bits, no IRQ
        sta     ACIA_CTRL
        jmp     reset_body

        at      $FF69
OUTPUT: jmp     output_body

        at      $FF8B
LOAD:   lda     #$FF
        sta     LOADFLAG
        rts

        at      $FF96
SAVE:   jmp     save_body

        at      $FF9B
CTRLC:  jmp     ctrlc_body

        at      $FFBA
INPUT:  jmp     input_body

; Wait for a byte from the ACIA and return it in A, all eight bits. X and Y preserved.
        at      $FFBF
ACIA_IN:
        lda     ACIA_CTRL
        lsr     a               ; RDRF into carry
        bcc     ACIA_IN
        lda     ACIA_DATA
        rts

        at      $FFE0
CURSTART:
        .byte   $65             ; first column of a line: offset in page $D3 ($D365)
        .byte   $17             ; line length - 1 (24 characters)
        .byte   $00             ; 0 selects the 1 KB video RAM

        at      $FFEB
        jmp     (VECTORS)       ; $FFEB input
        jmp     (VECTORS+2)     ; $FFEE output
        jmp     (VECTORS+4)     ; $FFF1 CTRL-C check
        jmp     (VECTORS+6)     ; $FFF4 LOAD
        jmp     (VECTORS+8)     ; $FFF7 SAVE

        at      $FFFA
        .word   $0130           ; NMI: a handler the program puts in page 1
        .word   RESET
        .word   $01C0           ; IRQ/BRK: likewise
