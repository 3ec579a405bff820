#!/usr/bin/env python3
"""safety_check.py FILE MODE: rendered output holds no byte that could
drive the terminal.  MODE plain: no escape at all, no C0 control but
newline, no DEL, no C1 control, valid UTF-8.  MODE color: the same, except
our own escapes: SGR (ESC [ 0 ; digits m) and OSC 8 links whose address is
printable ASCII, closed by ESC \\."""
import re, sys

data = open(sys.argv[1], "rb").read()
mode = sys.argv[2]
if mode == "color":
    data = re.sub(rb"\x1b\[0(;[0-9]+)*m", b"", data)
    data = re.sub(rb"\x1b\]8;;[\x21-\x7e]*?\x1b\\", b"", data)
text = data.decode("utf-8")  # raises on invalid UTF-8
bad = [c for c in text if (ord(c) < 0x20 and c != "\n") or ord(c) == 0x7f
       or 0x80 <= ord(c) < 0xa0]
if bad:
    print("unsafe characters:", sorted({hex(ord(c)) for c in bad}))
    sys.exit(1)
print("safe")
