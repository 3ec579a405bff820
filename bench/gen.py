#!/usr/bin/env python3
"""gen.py N DIR: a synthetic guide of N nodes for the benchmarks.

Chapters of 50 nodes hang off one hub; inside a chapter each node offers
three choices: onward (setting one of three flags), a skip guarded by a
flag condition, and a visited-condition shortcut.  One story card per ten
nodes, each linked from its node.  Valid for `asyncpath check`.
"""
import os, sys

n, out = int(sys.argv[1]), sys.argv[2]
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
        if k == CH - 1:
            lines += ["    ending: true"]
            continue
        f = flags[k % 3]
        lines += ["    choices:",
                  f"      - {{text: Onward, to: c{c}n{k + 1}, set: [{f}]}}"]
        if k + 2 < CH:
            lines += [f"      - {{text: Skip, to: c{c}n{k + 2}, "
                      f"when: {{unset: [{flags[(k + 1) % 3]}]}}}}"]
        lines += [f"      - {{text: Shortcut, to: c{c}n{CH - 1}, "
                  f"when: {{visited: [c{c}n{min(k, 5)}]}}, clear: [{f}]}}"]
with open(f"{out}/paths/bench.yaml", "w") as fp:
    fp.write("\n".join(lines) + "\n")
