#!/usr/bin/env python3
"""decisions_check.py BIN: the decision targets of issue 11, measured on
the shipped status-quo path through the real binary.

- `check` prints the census (issue 22's rule: a choice counts when its
  own effect, the flags it sets or clears or the stop it leads to,
  differs from a sibling offered beside it, neither being a character or
  route pick, a story detour or a way back): at least 40% of the path's
  choices are decisions (125 of 215, 58.1%, when this was written; the
  rule before it, any choice offered beside one with a told flag,
  printed 138 of 212, 65.1%), and every flag a choice sets shows in some
  text; the aws-engineer path, one way on from each stop, is named a
  reading path and left out of the overall count.
- `check --census` lists no character pick, route pick or story detour
  as counted, and counts a choice whose only difference is the stop it
  leads to (cliff-pin's "Return Poll::Pending").
- The walk of right calls and the walk of wrong calls (tests/transcripts/
  right-calls.in, wrong-calls.in, played again here at a width where no
  trail line wraps) share at most half of each walk's own distinct stops
  (2 * common <= the smaller walk's count), and end on different text.
- A walk as Grace and one as Alan, typing the same choice numbers
  (tests/transcripts/grace-numbers.in, alan-numbers.in), differ in at
  least a quarter of their stops, position by position.
- The 90-minute route (tests/transcripts/short-route.in) reaches the
  debrief, the ending, within 15 stops.
- The route as `check` measures it (its `route short-route` line: stops
  and minutes of reading, minimum, median and maximum over seeded random
  walks) ends at the debrief, and the text at "Your project",
  docs/WORKSHOP.md and plans/workshop.yaml give the same numbers (stops
  exact, minutes to the nearest 5, as "about") and the same end point.
Prints 'ok ...' / 'not ok ...' lines, then the figures.
"""
import json, re, subprocess, sys

BIN = sys.argv[1]
fails = 0


def check(name, cond, why=""):
    global fails
    print(("ok " if cond else "not ok ") + name + ("" if cond else ": " + why))
    fails += not cond


def walk(name):
    """(stops, output) of a scripted walk: stops are the trail's titles."""
    script = open(f"tests/transcripts/{name}.in").read()
    out = subprocess.run([BIN, "--data", ".", "--plain", "--width", "400"],
                         input=script, capture_output=True, text=True).stdout
    trail = out[out.rindex("## Your trail"):]
    stops = re.findall(r"^\d+\. (.+?) \((?:[^()]*)\)(?::|$)", trail, re.M)
    return stops, out


def ending(out):
    """The text of the last node shown before the trail: the debrief."""
    i = out.rindex("# Debrief")
    m = re.compile(r"^(?:Stories|Story) here:", re.M).search(out, i)
    return out[i:m.start() if m else len(out)]


census = subprocess.run([BIN, "--data", ".", "check", "--walks", "0",
                         "--census"], capture_output=True, text=True).stdout
m = re.search(r"^decisions in status-quo: (\d+) of (\d+) choices", census,
              re.M)
real, total = (int(m.group(1)), int(m.group(2))) if m else (0, 1)
check("census: at least 40% of the status-quo choices are decisions",
      real * 100 >= 40 * total, f"{real} of {total}")
check("census: the AWS engineer path is named a reading path, not counted",
      re.search(r"^decisions in aws-engineer: none, a reading path", census,
                re.M) is not None and
      re.search(r"^decisions: %d of %d choices" % (real, total), census,
                re.M) is not None, census)
def listed(what):
    """The choice ids --census lists on the line that starts so."""
    m = re.search(r"^census of status-quo: " + re.escape(what) +
                  r" \(\d+\):(.*)$", census, re.M)
    return set(m.group(1).split()) if m else set()


counted = (listed("counted, changing flags and the next stop") |
           listed("counted, changing flags only") |
           listed("counted, changing the next stop only"))
check("census: --census lists exactly the counted choices",
      len(counted) == real, f"{len(counted)} listed, {real} counted")
picks = (listed("not counted, character") | listed("not counted, route")
         | listed("not counted, detour") | listed("not counted, back"))
check("census: character and route picks, detours and ways back are "
      "listed and not counted",
      {"as-alan", "full-walk", "short-route", "read-stacktrace",
       "back-to-design"} <= picks and not picks & counted,
      " ".join(sorted(picks & counted)))
check("census: a choice that only leads elsewhere counts",
      "pin-return-pending" in counted, "pin-return-pending not counted")
f = re.search(r"^flags shown in text: (\d+) of (\d+)", census, re.M)
check("census: every flag a choice sets shows in text",
      bool(f) and f.group(1) == f.group(2), f.group(0) if f else census)

right, rout = walk("right-calls")
wrong, wout = walk("wrong-calls")
common = set(right) & set(wrong)
union = set(right) | set(wrong)
check("right and wrong calls share at most half of each walk's own stops",
      2 * len(common) <= min(len(set(right)), len(set(wrong))),
      f"{len(common)} in common; right {len(set(right))}, "
      f"wrong {len(set(wrong))}")
check("right and wrong calls end differently", ending(rout) != ending(wout))

grace, _ = walk("grace-numbers")
alan, _ = walk("alan-numbers")
n = min(len(grace), len(alan))
differ = sum(1 for i in range(n) if grace[i] != alan[i]) + abs(
    len(grace) - len(alan))
longest = max(len(grace), len(alan))
check("Grace and Alan, same numbers, differ in a quarter of their stops",
      4 * differ >= longest, f"{differ} of {longest}")
short, _ = walk("short-route")
check("the 90-minute route ends within 15 stops",
      len(short) <= 15 and short[-1].startswith("Debrief"),
      f"{len(short)}, last {short[-1]!r}")
route = re.search(r"^route short-route: \d+ walks, stops (\d+)/(\d+)/(\d+) "
                  r"\(min/median/max\), reading (\d+)/(\d+)/(\d+) minutes "
                  r"at 230 wpm, to ([a-z0-9-]+)$", census, re.M)
check("check measures the 90-minute route to the debrief",
      bool(route) and route.group(7) == "epi-looking-ahead",
      route.group(0) if route else census)
if route:
    lo, med, hi = (int(route.group(k)) for k in (1, 2, 3))
    mins = [5 * round(int(route.group(k)) / 5) for k in (4, 5, 6)]
    want = [f"{lo} to {hi} stops (median {med})",
            f"about {mins[0]} to {mins[2]} minutes of reading "
            f"(median about {mins[1]})", "the debrief"]
    graph = json.loads(subprocess.run(
        [BIN, "--data", ".", "graph", "--format", "json"],
        capture_output=True, text=True).stdout)
    start = next(n for n in graph["nodes"] if n["id"] == "start-line")
    for name, text in (("the route text", " ".join(p["text"] for p in
                                                    start["text"])),
                       ("docs/WORKSHOP.md", open("docs/WORKSHOP.md").read()),
                       ("plans/workshop.yaml",
                        open("plans/workshop.yaml").read())):
        flat = " ".join(text.split())
        missing = [w for w in want if w not in flat]
        check(f"{name} gives the route's numbers and end point",
              not missing, "missing: " + "; ".join(missing))
print(f"90-minute route as measured: {route.group(0) if route else None}")
print(f"census: {real} of {total} choices are decisions "
      f"({100 * real / total:.1f}%; 138 of 212, 65.1%, under the old rule)")
print(f"90-minute route: {len(short)} stops")
print(f"right calls: {len(right)} stops, wrong calls: {len(wrong)} stops, "
      f"{len(common)} distinct stops in common of {len(union)}; "
      f"common stops are {100 * len(common) // len(set(right))}% of the "
      f"right walk's and {100 * len(common) // len(set(wrong))}% of the "
      f"wrong walk's")
print(f"grace and alan: {differ} of {longest} stops differ")
print(f"decisions: {fails} failed")
sys.exit(1 if fails else 0)
