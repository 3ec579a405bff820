#!/usr/bin/env python3
"""gen.py N DIR [INK]: a synthetic guide of N nodes for the benchmarks,
and, given INK, the same graph as an ink story for inkjs.
gen.py hub K DIR: a hub of K choices, each to a node that leads back.
gen.py keys K DIR: a node whose `aside` mapping has K keys, the last a
repeat of the first; gen.py ids K DIR: K nodes, the last with the id of
the first (the loader must answer either in time linear in K).

Chapters of 50 nodes hang off one hub; inside a chapter each node offers
three choices: onward (setting one of three flags), a skip guarded by a
flag condition, and a visited-condition shortcut.  One story card per ten
nodes, each linked from its node.  Valid for `asyncpath check`.

The ink story has a knot per node, tagged with the node's id, and the
same choices in the same order under the same conditions: flags are ink
variables, `visited` is ink's read count.  Sticky choices (+), since a
guide offers a choice every time.
"""
import os, sys

if sys.argv[1] in ("hub", "keys", "ids"):
    k, out = int(sys.argv[2]), sys.argv[3]
    os.makedirs(f"{out}/paths", exist_ok=True)
    os.makedirs(f"{out}/stories", exist_ok=True)
    lines = ["id: bench", "title: Bench", "start: hub", "stages:",
             "  - {id: st, title: Stage}", "nodes:", "  - id: hub",
             "    stage: st", "    title: Hub", "    text: Pick one."]
    if sys.argv[1] == "ids":
        lines += ["    ending: true"]
        for i in range(k - 1):
            lines += [f"  - {{id: n{i}, stage: st, title: N, text: x, "
                      "ending: true}"]
        lines += ["  - {id: hub, stage: st, title: N, text: x, ending: true}"]
    elif sys.argv[1] == "keys":
        lines += ["    ending: true", "    aside:"]
        lines += [f"      k{i}: An aside." for i in range(k)]
        lines += ["      k0: The same key again."]
    else:
        lines += ["    choices:"]
        lines += [f"      - {{text: Room *{i}*, to: r{i}}}" for i in range(k)]
        lines += ["    ending: true"]
        for i in range(k):
            lines += [f"  - id: r{i}", "    stage: st", f"    title: Room {i}",
                      "    text: A room.", "    choices:",
                      "      - {text: Back to the hub, to: hub}"]
    with open(f"{out}/paths/bench.yaml", "w") as fp:
        fp.write("\n".join(lines) + "\n")
    sys.exit(0)

n, out = int(sys.argv[1]), sys.argv[2]
ink = open(sys.argv[3], "w") if len(sys.argv) > 3 else None


def knot(node, text, choices):
    """One node as an ink knot: choices are (label, to, cond, set, clear)."""
    if not ink:
        return
    out = [f"=== {node} ===", f"{text} #{node}"]
    for label, to, cond, sets, clears in choices:
        head = "+ " + (f"{{{cond}}} " if cond else "") + f"[{label}]"
        body = [f"  ~ {f} = true" for f in sets]
        body += [f"  ~ {f} = false" for f in clears]
        if body:
            out += [head] + body + [f"  -> {to}"]
        else:
            out += [f"{head} -> {to}"]
    if not choices:
        out += ["-> END"]
    ink.write("\n".join(out) + "\n")
os.makedirs(f"{out}/paths", exist_ok=True)
os.makedirs(f"{out}/stories", exist_ok=True)
CH = 50
chapters = max(1, (n - 1) // CH)
flags = ["fa", "fb", "fc"]
card = """---
id: s{i}
title: Story {i}
character: alan
kind: status-quo
source: https://rust-lang.github.io/wg-async/vision/s{i}.html
summary: "Synthetic story {i}."
morals: [one, two]
questions: [one?, two?]
topics: [runtime]
---
A synthetic body with *emphasis* and `code`.
"""
lines = ["id: bench", "title: Bench", "start: hub", "stages:"]
for c in range(chapters):
    lines += [f"  - {{id: st{c}, title: Stage {c}}}"]
lines += ["nodes:", "  - id: hub", "    stage: st0", "    title: Hub",
          "    text: Pick a chapter.", "    choices:"]
for c in range(chapters):
    lines += [f"      - {{text: Chapter {c}, to: c{c}n0}}"]
if ink:
    ink.write("VAR fa = false\nVAR fb = false\nVAR fc = false\n-> hub\n")
knot("hub", "Pick a chapter.", [(f"Chapter {c}", f"c{c}n0", None, [], [])
                                for c in range(chapters)])
nstories = 0
for c in range(chapters):
    for k in range(CH):
        node = f"c{c}n{k}"
        lines += [f"  - id: {node}", f"    stage: st{c}",
                  f"    title: Node {c}.{k}",
                  f"    text: Node **{k}** of chapter {c}, some text."]
        if k % 10 == 0:
            lines += [f"    stories: [s{nstories}]"]
            with open(f"{out}/stories/s{nstories}.md", "w") as f:
                f.write(card.format(i=nstories))
            nstories += 1
        text = f"Node **{k}** of chapter {c}, some text."
        if k == CH - 1:
            lines += ["    ending: true"]
            knot(node, text, [])
            continue
        f = flags[k % 3]
        lines += ["    choices:",
                  f"      - {{text: Onward, to: c{c}n{k + 1}, set: [{f}]}}"]
        ch = [("Onward", f"c{c}n{k + 1}", None, [f], [])]
        if k + 2 < CH:
            g = flags[(k + 1) % 3]
            lines += [f"      - {{text: Skip, to: c{c}n{k + 2}, "
                      f"when: {{unset: [{g}]}}}}"]
            ch += [("Skip", f"c{c}n{k + 2}", f"not {g}", [], [])]
        v = f"c{c}n{min(k, 5)}"
        lines += [f"      - {{text: Shortcut, to: c{c}n{CH - 1}, "
                  f"when: {{visited: [{v}]}}, clear: [{f}]}}"]
        ch += [("Shortcut", f"c{c}n{CH - 1}", v, [], [f])]
        knot(node, text, ch)
with open(f"{out}/paths/bench.yaml", "w") as fp:
    fp.write("\n".join(lines) + "\n")
