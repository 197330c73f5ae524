; msgs.s: error codes and messages (after the cold start in the ROM).
errtab: .byte   "NFSNRGODFCOVOMULBSDD/0IDTMOSLSSTCNUF"
; The messages printed with msgout: in one page (asserted below).
msgpage:
m_mem:  .byte   "MEMORY SIZE", 0
m_width: .byte  "TERMINAL WIDTH", 0
m_free: .byte   " BYTES FREE", 13, 10, 13, 10, "SUPERBOARD BASIC 1.0", 0
m_redo: .byte   "?REDO FROM START", 0
m_extra: .byte  "?EXTRA IGNORED", 0
m_error: .byte  " ERROR", 0
m_in:   .byte   " IN ", 0
m_ok:   .byte   "OK", 0
m_break: .byte  "BREAK", 0
        .assert >(* - 1) = >msgpage, error, "the messages cross a page"
