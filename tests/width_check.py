#!/usr/bin/env python3
"""width_check.py BIN DIR: every Markdown page under DIR renders (exit 0,
valid UTF-8) at widths 40, 80 and 120 in plain mode, and no output line is
wider than the width unless it cannot break: a single token (a word or an
address), a numbered link reference, or a line of a code block in the
source.  Prints one 'ok'/'not ok' line per width."""
import os, subprocess, sys, unicodedata

BIN, DIR = sys.argv[1], sys.argv[2]
PREFIX = " >-\u2022\u2502"


def width(s):
    """Display columns, from Python's own Unicode data (independent of
    utf8proc, which asyncpath uses): wide and full-width characters take
    two, marks and format characters none."""
    w = 0
    for c in s:
        if unicodedata.category(c) in ("Mn", "Me", "Cf"):
            w += 0
        else:
            w += 2 if unicodedata.east_asian_width(c) in "WF" else 1
    return w


def code_lines(src):
    """Lines inside fenced or indented code blocks, tabs expanded."""
    out, fence = set(), None
    for line in src.split("\n"):
        s = line.lstrip()
        if fence:
            if s.startswith(fence):
                fence = None
            else:
                out.add(line.expandtabs(4).strip())
            continue
        if s.startswith("```") or s.startswith("~~~"):
            fence = s[:3]
        elif line.startswith("    ") or line.startswith("\t"):
            out.add(line.expandtabs(4).strip())
    return out


files = sorted(os.path.join(r, f) for r, _, fs in os.walk(DIR) for f in fs
               if f.endswith(".md"))
failed = 0
for w in (40, 80, 120):
    problems = []
    for f in files:
        src = open(f, encoding="utf-8", errors="replace").read()
        p = subprocess.run([BIN, "--plain", "--width", str(w), "render", f],
                           capture_output=True, env=dict(os.environ,
                           LC_ALL="C.UTF-8"))
        if p.returncode != 0:
            problems.append(f"{f}: exit {p.returncode}")
            continue
        try:
            out = p.stdout.decode("utf-8")
        except UnicodeDecodeError as e:
            problems.append(f"{f}: invalid UTF-8 in output: {e}")
            continue
        code = None
        for n, line in enumerate(out.split("\n"), 1):
            if width(line) <= w:
                continue
            body = line.lstrip(PREFIX).lstrip("0123456789.) ")
            if " " not in body.strip():
                continue  # one unbreakable token
            if body.startswith("[") and body.split(" ", 1)[0].endswith("]") \
                    and " " not in body.split(" ", 1)[1]:
                continue  # "[n] address"
            if code is None:
                code = code_lines(src)
            if line.strip() in code or body.strip() in code:
                continue
            problems.append(f"{f}:{n}: {width(line)} columns: {line[:60]}")
    ok = not problems
    failed += not ok
    print(f"{'ok' if ok else 'not ok'} {len(files)} reference pages render "
          f"at width {w}, no line over it but unbreakable ones")
    for p in problems[:15]:
        print("   ", p)
sys.exit(1 if failed else 0)
