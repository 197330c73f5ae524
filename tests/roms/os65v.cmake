# Writes a machine-code image as an OS65V tape (the text the 65V monitor's L command reads):
# ".AAAA/" then each byte as two hex digits and CR, then ".AAAAG" to start it; optionally
# followed by the bytes of another file (data the program itself reads from the tape).
# Run with cmake -P: -DINPUT=<bin> -DOUTPUT=<tape> -DADDR=<hex start address>
#                    [-DTRAILER=<lines separated by ;>] (each line is written with a CR after it)
foreach(var INPUT OUTPUT ADDR)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "os65v.cmake: ${var} is not set")
  endif()
endforeach()
file(READ "${INPUT}" hex HEX)
string(TOUPPER "${hex}" hex)
string(REGEX REPLACE "([0-9A-F][0-9A-F])" "\\1\r" body "${hex}")
file(WRITE "${OUTPUT}" "\r.${ADDR}/${body}.${ADDR}G")
foreach(line IN LISTS TRAILER)
  file(APPEND "${OUTPUT}" "${line}\r")
endforeach()
