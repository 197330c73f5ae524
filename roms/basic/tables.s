; tables.s: keywords (last character with bit 7 set, in token order).
kwtab:  .byte   "EN", 'D'|$80, "FO", 'R'|$80, "NEX", 'T'|$80, "DAT", 'A'|$80
        .byte   "INPU", 'T'|$80, "DI", 'M'|$80, "REA", 'D'|$80, "LE", 'T'|$80
        .byte   "GOT", 'O'|$80, "RU", 'N'|$80, "I", 'F'|$80, "RESTOR", 'E'|$80
        .byte   "GOSU", 'B'|$80, "RETUR", 'N'|$80, "RE", 'M'|$80, "STO", 'P'|$80
        .byte   "O", 'N'|$80, "NUL", 'L'|$80, "WAI", 'T'|$80, "LOA", 'D'|$80
        .byte   "SAV", 'E'|$80, "DE", 'F'|$80, "POK", 'E'|$80, "PRIN", 'T'|$80
        .byte   "CON", 'T'|$80, "LIS", 'T'|$80, "CLEA", 'R'|$80, "NE", 'W'|$80
        .byte   "TAB", '('|$80, "T", 'O'|$80, "F", 'N'|$80, "SPC", '('|$80
        .byte   "THE", 'N'|$80, "NO", 'T'|$80, "STE", 'P'|$80, '+'|$80, '-'|$80
        .byte   '*'|$80, '/'|$80, '^'|$80, "AN", 'D'|$80, "O", 'R'|$80
        .byte   '>'|$80, '='|$80, '<'|$80
        .byte   "SG", 'N'|$80, "IN", 'T'|$80, "AB", 'S'|$80, "US", 'R'|$80
        .byte   "FR", 'E'|$80, "PO", 'S'|$80, "SQ", 'R'|$80, "RN", 'D'|$80
        .byte   "LO", 'G'|$80, "EX", 'P'|$80, "CO", 'S'|$80, "SI", 'N'|$80
        .byte   "TA", 'N'|$80, "AT", 'N'|$80, "PEE", 'K'|$80, "LE", 'N'|$80
        .byte   "STR", '$'|$80, "VA", 'L'|$80, "AS", 'C'|$80, "CHR", '$'|$80
        .byte   "LEFT", '$'|$80, "RIGHT", '$'|$80, "MID", '$'|$80
        .byte   0
        .assert * - kwtab <= 256, error, "the keyword table must stay under 256 bytes"
