#!/usr/bin/env python3
"""ctl_check.py NAME=FILE...: one "ok"/"not ok" line per file, not ok when
the file holds a byte or character that could drive a terminal or reorder
text: a C0 control but newline and tab, DEL, a C1 control (U+0080-U+009F,
or a raw byte 0x80-0x9F outside UTF-8), or a bidirectional formatting
character.  The first offender is shown with its offset."""
import sys

BIDI = {0x061C, 0x200E, 0x200F} | set(range(0x202A, 0x202F)) | \
    set(range(0x2066, 0x206A))


def offender(data):
    text = data.decode("utf-8", errors="surrogateescape")
    off = 0
    for ch in text:
        c = ord(ch)
        if (c < 0x20 and ch not in "\n\t") or c == 0x7F or \
                0x80 <= c < 0xA0 or c in BIDI or 0xDC80 <= c <= 0xDC9F:
            return off, c
        off += len(ch.encode("utf-8", errors="surrogateescape"))
    return None


for arg in sys.argv[1:]:
    name, _, path = arg.partition("=")
    with open(path, "rb") as f:
        data = f.read()
    bad = offender(data)
    if bad is None and data:
        print(f"ok - {name}")
    elif bad is None:
        print(f"not ok - {name}: empty output")
    else:
        off, c = bad
        ctx = data[max(0, off - 30):off + 10]
        print(f"not ok - {name}: U+{c:04X} at byte {off}: {ctx!r}")
