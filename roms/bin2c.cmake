# Turns a ROM image into a C source file holding it as a byte array (run with cmake -P).
# Inputs: -DINPUT=<image> -DOUTPUT=<file.c> -DSYMBOL=<array name> -DSIZE=<exact size in bytes>.
# A wrong size is an error, so a truncated or padded image can never be built in silently.
foreach(var INPUT OUTPUT SYMBOL SIZE)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "bin2c.cmake: ${var} is not set")
  endif()
endforeach()
file(SIZE "${INPUT}" actual)
if(NOT actual EQUAL SIZE)
  message(FATAL_ERROR "${INPUT}: ${actual} bytes, expected ${SIZE}")
endif()
file(READ "${INPUT}" hex HEX)
# Sixteen bytes a line (CMake regexes have no counted repetition, so cut 32 hex digits at a time).
string(LENGTH "${hex}" digits)
set(body "")
set(pos 0)
while(pos LESS digits)
  string(SUBSTRING "${hex}" ${pos} 32 chunk)
  string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," chunk "${chunk}")
  string(APPEND body "  ${chunk}\n")
  math(EXPR pos "${pos} + 32")
endwhile()
file(WRITE "${OUTPUT}"
  "/* Generated from ${INPUT} by roms/bin2c.cmake: do not edit. */\n"
  "#include \"builtin_roms.h\"\n\n"
  "const unsigned char ${SYMBOL}[${SIZE}] = {\n${body}};\n")
