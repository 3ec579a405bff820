#!/usr/bin/env python3
"""gen_check.py SEED NODES FLAGS DIR: a seeded random guide for the
structural tests of `check` (tests/suite/30-check-search.sh).

Unlike bench/gen.py it uses every part of the condition language (set,
unset, visited, unvisited, character, any), text parts with conditions
(so the decision census has told flags to count), characters taken with
`as`, flags cleared, dead ends that only some states reach, and nodes no
condition lets in.  With more than 61 flags a state spans several 64-bit
words.  Same SEED, same guide: the test compares check's whole output
with the output saved when it was written, so a faster search must find
exactly the same states, census and diagnostics.
"""
import os
import random
import sys

seed, n, nflags, out = (int(sys.argv[1]), int(sys.argv[2]),
                        int(sys.argv[3]), sys.argv[4])
R = random.Random(seed)
CHARS = ["alan", "barbara", "grace", "niklaus", "none"]
os.makedirs(f"{out}/paths", exist_ok=True)
os.makedirs(f"{out}/stories", exist_ok=True)
flags = [f"f{i}" for i in range(nflags)]


def near(k):
    """A flag near node k: nodes use the flags of their region, so the
    states stay few enough for a test."""
    base = (k * nflags) // n
    return flags[min(nflags - 1, base + R.randrange(3)) % nflags]


def cond(k, depth=0):
    parts = []
    kinds = R.sample(["set", "unset", "visited", "unvisited", "character",
                      "any"] if depth == 0 else
                     ["set", "unset", "visited", "character"],
                     R.choice([1, 1, 2]))
    for kind in kinds:
        if kind in ("set", "unset"):
            parts.append(f"{kind}: [{near(k)}]")
        elif kind in ("visited", "unvisited"):
            parts.append(f"{kind}: [n{max(0, k - 1 - R.randrange(8)) // 8 * 8}]")
        elif kind == "character":
            parts.append("character: [" +
                         ", ".join(R.sample(CHARS, R.choice([1, 2]))) + "]")
        else:
            parts.append("any: [" + ", ".join(
                "{" + cond(k, 1) + "}" for _ in range(2)) + "]")
    return ", ".join(parts)


lines = ["id: gen", "title: Generated", "start: n0", "stages:",
         "  - {id: s0, title: Stage}", "nodes:"]
for k in range(n):
    lines += [f"  - id: n{k}", "    stage: s0", f"    title: Node {k}"]
    if k % 7 == 3:
        lines += ["    stories: [c0]"]
    if R.random() < 0.4:
        lines += ["    text:", f"      - Node {k}."]
        for _ in range(R.choice([1, 2])):
            lines += [f"      - when: {{{cond(k)}}}",
                      f"        text: Part of {k}."]
            if R.random() < 0.5:
                lines += [f"        else: Else of {k}."]
    else:
        lines += [f"    text: Node {k}."]
    if k >= n - 3 or (k > 5 and R.random() < 0.04):
        lines += ["    ending: true"]
        continue
    if R.random() < 0.02:
        continue  # a dead end with no choices
    lines += ["    choices:"]
    nch = R.choice([1, 2, 2, 3, 3, 4])
    for c in range(nch):
        to = k + 1 if c == 0 else min(n - 1, k + 1 + R.randrange(4)) \
            if R.random() < 0.9 else R.randrange(max(1, k))
        ch = [f"text: Choice {c}", f"to: n{to}"]
        if R.random() < (0.6 if c else 0.12):
            ch.append(f"when: {{{cond(k)}}}")
        if R.random() < 0.4:
            ch.append(f"set: [{near(k)}]")
        if R.random() < 0.25:
            ch.append(f"clear: [{near(k)}]")
        if R.random() < 0.1:
            ch.append(f"as: {R.choice(CHARS[:4])}")
        lines.append(f"      - id: c{c}")
        lines += [f"        {x}" for x in ch]
with open(f"{out}/paths/gen.yaml", "w") as f:
    f.write("\n".join(lines) + "\n")
with open(f"{out}/stories/c0.md", "w") as f:
    f.write("""---
id: c0
title: Card
character: alan
kind: status-quo
source: https://rust-lang.github.io/wg-async/vision/c0.html
summary: "A card."
morals: [one, two]
questions: [one?, two?]
topics: [runtime]
---
A body.
""")
