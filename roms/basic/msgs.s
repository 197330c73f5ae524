; msgs.s: error codes and messages (after the cold start in the ROM).
errtab: .byte   "NFSNRGODFCOVOMULBSDD/0IDTMOSLSSTCNUF"
m_redo: .byte   "?REDO FROM START", 0
m_extra: .byte  "?EXTRA IGNORED", 0
m_error: .byte  " ERROR", 0
m_in:   .byte   " IN ", 0
m_ok:   .byte   "OK", 0
m_break: .byte  "BREAK", 0
zero4:  .byte   0, 0, 0, 0
