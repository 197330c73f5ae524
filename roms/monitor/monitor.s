; Skeleton: replaced by the full monitor in the next commit.
        .setcpu "6502"
        .segment "MONITOR"
        .org    $F800
.macro at addr
        .assert * <= addr, error, "monitor code overruns a fixed entry point"
        .res    addr - *, $FF
.endmacro
        at      $FF00
reset:  jmp     reset
        at      $FFFA
        .word   $0130, reset, $01C0
