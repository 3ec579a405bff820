#!/usr/bin/env python3
"""painpoints_check.py JSON: the status-quo path covers the metanarrative.

JSON is `asyncpath graph --format json` of the shipped content.  Checks,
against tests/painpoints.txt and tests/originals.txt (lists taken from the
source pages, not from the path): the stage order; each of the 33 pain
points in its stage, on its node(s), linking exactly the page's stories,
wanted-story issues and other links; every status quo story reachable on
some node of the path.  Prints 'ok ...' / 'not ok ...' lines.
"""
import json, sys

g = json.load(open(sys.argv[1]))
nodes = {n["id"]: n for n in g["nodes"]}
stages = [s["id"] for s in g["stages"] if s["path"] == "status-quo"]
ISSUE = "https://github.com/rust-lang/wg-async/issues/"
fails = 0


def check(name, cond, why=""):
    global fails
    print(("ok " if cond else "not ok ") + name + ("" if cond else ": " + why))
    fails += not cond


check("stages in the page's order", stages == [
    "prologue", "ecosystem", "patterns", "compile", "runtime", "debugging",
    "interop", "epilogue"], str(stages))
rows = [l for l in open("tests/painpoints.txt") if l.strip()
        and not l.startswith("#")]
check("33 pain points listed", len(rows) == 33, str(len(rows)))
for row in rows:
    stage, ids, stories, wanted, links = [c.split() for c in row.split("|")]
    name = "pain point at " + " ".join(ids)
    missing = [i for i in ids if i not in nodes]
    if missing:
        check(name, False, "no node " + " ".join(missing))
        continue
    got_st = {nodes[i]["stage"] for i in ids}
    got_pain = all(nodes[i]["pain"] for i in ids)
    got_s = sorted({s for i in ids for s in nodes[i]["stories"]})
    got_w = sorted({u for i in ids for u in nodes[i]["wanted"]})
    got_l = sorted({u for i in ids for u in nodes[i]["links"]})
    ok = (got_st == set(stage) and got_pain and got_s == sorted(stories)
          and got_w == sorted(ISSUE + w for w in wanted)
          and got_l == sorted(links))
    check(name, ok, f"stage {got_st}, stories {got_s}, wanted {got_w}, "
          f"links {got_l}")
wanted = {u for n in g["nodes"] for u in n["wanted"] if n["stage"] in stages}
check("9 wanted stories (every 🚧 issue of the page)", len(wanted) == 9,
      str(sorted(wanted)))
status_quo = [l.strip() for l in open("tests/originals.txt")
              if l.startswith("submitted_stories/status_quo/")
              and "/aws_engineer/" not in l]
ids = {p.rsplit("/", 1)[1][:-5].replace("_", "-") for p in status_quo}
on_path = {s for n in g["nodes"] if n["stage"] in stages
           for s in n["stories"]}
check(f"all {len(ids)} status quo stories surface in the walk",
      ids <= on_path, " ".join(sorted(ids - on_path)))
print(f"painpoints: {fails} failed")
sys.exit(1 if fails else 0)
