#!/usr/bin/env python3
"""debrief_check.py BIN [WALKS]: the debrief tells only what the walk did
(issue 22), measured through the real binary on the shipped guide.

Walks are played by the binary from a script of choice ids.  The ids are
picked at random among the choices offered, which this script works out
from `graph --format json` (a small model of the conditions); the binary's
own trail is then compared with the script, so a model that strayed from
the binary fails the check rather than testing something else.

- WALKS seeded random walks (default 300) to an ending that debriefs.
- For every debrief line `check --variants` finds, the shortest walk
  that earns it, continued at random to the end: the debrief shows it.
  Every line of the guide is found (a line no walk can earn is a
  defect).
- In every walk: each debrief line shown belongs to a choice in the
  walk's trail, and each choice in the trail that carries a line shows
  it (no line for a choice not taken, none left out); the debrief (its
  lines and its text, not the trail after them) stays under 450 words.
Prints 'ok ...' / 'not ok ...' lines, then the figures.
"""
import json, random, re, subprocess, sys

BIN = sys.argv[1]
WALKS = int(sys.argv[2]) if len(sys.argv) > 2 else 300
MAX_WORDS = 450
fails = 0


def check(name, cond, why=""):
    global fails
    print(("ok " if cond else "not ok ") + name + ("" if cond else ": " + why))
    fails += not cond


def run(args, stdin=""):
    return subprocess.run([BIN, "--data", "."] + args, input=stdin,
                          capture_output=True, text=True)


g = json.loads(run(["graph", "--format", "json"]).stdout)
nodes = {n["id"]: n for n in g["nodes"]}
titles = {s["id"]: s["title"] for s in g["stories"]}
choices = {}  # id -> (node, choice)
for n in g["nodes"]:
    for c in n["choices"]:
        choices.setdefault(c["id"], (n, c))
lined = {cid: c for cid, (n, c) in choices.items() if c["debrief"]}
debrief_nodes = [n["id"] for n in g["nodes"] if n["debrief"]]
check("the guide has a debrief and choices with lines",
      bool(debrief_nodes) and len(lined) > 0)


def rendered(md):
    """md as the binary prints it with --plain at a width nothing wraps."""
    return run(["--plain", "--width", "400", "render", "-"], md).stdout


# Each line as the walk shows it (without the story named after it, left
# out when the line before names the same): one render of them all,
# split again.
marks = [f"@@{i}@@" for i in range(len(lined))]
md = "\n\n".join(f"{m}\n\n- " + " ".join(c["debrief"].split())
                 for m, c in zip(marks, lined.values()))
out = rendered(md)
line_of = {}
for m, cid in zip(marks, lined):
    start = out.index(m) + len(m)
    nxt = [out.index(x) for x in marks if out.index(x) > start]
    line_of[cid] = " ".join(out[start:min(nxt) if nxt else len(out)].split())


def holds(c, st):
    if c is None:
        return True
    if any(f not in st["flags"] for f in c.get("set", [])):
        return False
    if any(f in st["flags"] for f in c.get("unset", [])):
        return False
    if any(v not in st["seen"] for v in c.get("visited", [])):
        return False
    if any(v in st["seen"] for v in c.get("unvisited", [])):
        return False
    if any(t not in st["took"] for t in c.get("took", [])):
        return False
    if any(t in st["took"] for t in c.get("not_took", [])):
        return False
    if "character" in c and st["char"] not in c["character"]:
        return False
    if "any" in c:
        return any(holds(a, st) for a in c["any"])
    return True


def start_state():
    start = "welcome"
    return {"at": start, "flags": set(), "seen": {start}, "took": set(),
            "char": "none"}


def take(st, cid):
    n = nodes[st["at"]]
    c = next(c for c in n["choices"] if c["id"] == cid and holds(c["when"], st))
    st["flags"] |= set(c["set"])
    st["flags"] -= set(c["clear"])
    if c["as"]:
        st["char"] = c["as"]
    st["at"] = c["to"]
    st["seen"].add(c["to"])
    st["took"].add(cid)


def walk_on(st, ids, rng, limit=600):
    """Random choices from st to an ending; ids grows.  False: no end."""
    while not nodes[st["at"]]["ending"]:
        offered = [c["id"] for c in nodes[st["at"]]["choices"]
                   if holds(c["when"], st)]
        if not offered or len(ids) >= limit:
            return False
        cid = rng.choice(offered)
        ids.append(cid)
        take(st, cid)
    return True


def play(ids):
    """(debrief section, trail ids) as the binary shows them; the
    section's white space is one space, since the walk wraps at 80."""
    out = run(["--plain", "--width", "400"], "\n".join(ids) + "\n").stdout
    i = out.rindex("# Debrief")
    j = out.index("## Your trail", i)
    trail = re.findall(r"- you chose: .*?\(`([a-z0-9-]+)`\)", out[j:], re.S)
    return " ".join(out[i:j].split()), trail


stats = {"walks": 0, "words": []}
problems = []


def judge(ids, label, must=()):
    section, trail = play(ids)
    stats["walks"] += 1
    if trail != ids:
        problems.append(f"{label}: the binary's trail is not the script "
                        f"(first difference at step "
                        f"{next((k for k, (a, b) in enumerate(zip(trail, ids)) if a != b), min(len(trail), len(ids)))})")
        return
    taken = set(ids)
    shown = {cid for cid, text in line_of.items() if text in section}
    texts_taken = {line_of[c] for c in taken if c in line_of}
    for cid in shown:
        if line_of[cid] not in texts_taken:
            problems.append(f"{label}: line of '{cid}' shown, not taken")
    for cid in taken & set(line_of):
        if cid not in shown:
            problems.append(f"{label}: '{cid}' taken, its line missing")
    for cid in must:
        if cid not in shown:
            problems.append(f"{label}: --variants line of '{cid}' missing")
    # the debrief: its lines and text, up to the stories and the trail
    end = min([k for k in (section.find("## Stories"),
                           section.find("**Stories here")) if k >= 0] +
              [len(section)])
    words = len(section[:end].split())
    stats["words"].append(words)
    if words > MAX_WORDS:
        problems.append(f"{label}: debrief of {words} words")
    stats.setdefault("longest", (0, None))
    if words > stats["longest"][0]:
        stats["longest"] = (words, section[:end])


rng = random.Random(22)
unended = 0
for k in range(WALKS):
    st, ids = start_state(), []
    if walk_on(st, ids, rng) and st["at"] in debrief_nodes:
        judge(ids, f"random walk {k + 1}")
    else:
        unended += 1

# Every line --variants finds, by the shortest walk that earns it.
var = run(["check", "--walks", "0", "--variants", debrief_nodes[0]]).stdout
blocks = re.findall(r"^--- ([a-z0-9-]+), line \d+ \(([a-z0-9-]+)\): walk "
                    r"\(([a-z0-9-]+)\)([^\n]*)$", var, re.M)
sets = 0
for stage, cid, path, walk in blocks:
    ids = walk.split()
    st = start_state()
    for c in ids:
        take(st, c)
    if walk_on(st, ids, random.Random(sets)) and st["at"] in debrief_nodes:
        judge(ids, f"variant {stage} {cid}", [cid])
        sets += 1
    else:
        unended += 1
check("--variants finds every debrief line some walk can earn",
      {b[1] for b in blocks} == set(lined),
      "never found: " + " ".join(sorted(set(lined) - {b[1] for b in blocks})))
check("every debrief line shown belongs to a choice the walk took, and "
      "every line earned is shown", not problems,
      "\n    ".join(problems[:20]))
words = sorted(stats["words"])
check(f"the debrief stays under {MAX_WORDS} words",
      bool(words) and words[-1] <= MAX_WORDS, str(words[-5:]))
print(f"debrief: {stats['walks']} walks played ({WALKS} random, {sets} "
      f"from --variants), {unended} did not end; words: min {words[0]}, "
      f"median {words[len(words) // 2]}, max {words[-1]}")
if "-v" in sys.argv:
    print(stats["longest"][1])
print(f"debrief: {fails} failed")
sys.exit(1 if fails else 0)
