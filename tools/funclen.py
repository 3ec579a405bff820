#!/usr/bin/env python3
"""funclen [FILE.c ...]: the house rule "no function over 80 lines" over
src/*/*.c (or the files given).  A function's length is the lines of its
body, between the braces on their own lines at the start of a line (the
house style).  Comments, strings and character constants are blanked
first, so a brace inside one is not counted.  One exception, by name: the
renderer's node switch (render.c: enter).  Prints FILE:LINE: NAME is N
lines for each function over the limit and exits 1; exit 0 when none."""
import glob
import os
import re
import sys

LIMIT = 80
ALLOWED = {("render.c", "enter")}


def blank(text):
    """text with comments, strings and char constants blanked (the lines
    and the quotes kept)."""
    out, i, n = [], 0, len(text)
    while i < n:
        if text.startswith("/*", i):
            j = text.find("*/", i + 2)
            j = n if j < 0 else j + 2
            out.append(re.sub(r"[^\n]", " ", text[i:j]))
            i = j
        elif text.startswith("//", i):
            j = text.find("\n", i)
            j = n if j < 0 else j
            out.append(" " * (j - i))
            i = j
        elif text[i] in "\"'":
            q, j = text[i], i + 1
            while j < n and text[j] != q and text[j] != "\n":
                j += 2 if text[j] == "\\" else 1
            out.append(q + re.sub(r"[^\n]", " ", text[i + 1:j]) + q)
            i = j + 1
        else:
            out.append(text[i])
            i += 1
    return "".join(out)


def functions(path):
    """(line, name, body lines) of each function defined in path."""
    with open(path, encoding="utf-8") as f:
        lines = blank(f.read()).split("\n")
    i = 0
    while i < len(lines):
        if not lines[i].startswith("{") or i == 0:
            i += 1
            continue
        depth, k = 0, i
        for k in range(i, len(lines)):
            depth += lines[k].count("{") - lines[k].count("}")
            if depth == 0:
                break
        j = i - 1  # the signature: the name is before its '('
        while j > 0 and "(" not in lines[j]:
            j -= 1
        m = re.search(r"(\w+)\s*\(", lines[j])
        if m:
            yield j + 1, m.group(1), k - i - 1
        i = k + 1


def main():
    root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
    files = sys.argv[1:] or sorted(glob.glob(os.path.join(root, "src/*/*.c")))
    bad = 0
    for path in files:
        for line, name, n in functions(path):
            if n > LIMIT and (os.path.basename(path), name) not in ALLOWED:
                print(f"{os.path.relpath(path, root)}:{line}: {name} is "
                      f"{n} lines (the limit is {LIMIT})")
                bad += 1
    sys.exit(1 if bad else 0)


main()
