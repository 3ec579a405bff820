#!/usr/bin/env python3
"""report_check.py EXPECTED.json REPORT.json: the group report (--format
json) against the counts gen_sessions.py computed on its own.  Prints one
"ok - ..." or "not ok - ..." line per kind of count."""
import json
import sys

exp = json.load(open(sys.argv[1]))
rep = json.load(open(sys.argv[2]))


def check(name, want, got):
    if want == got:
        print("ok - report: %s" % name)
    else:
        print("not ok - report: %s" % name)
        print("    want: %s" % json.dumps(want, sort_keys=True)[:300])
        print("    got:  %s" % json.dumps(got, sort_keys=True)[:300])


check("sessions counted", exp["sessions"], rep["sessions"])
check("damaged files skipped", exp["skipped"], len(rep["skipped"]))
check("files from other content warned about", exp["other_content"],
      sum("made with other content" in w for w in rep["warnings"]))
stages = {s["id"]: s for p in rep["paths"] for s in p["stages"]}
check("stages reached",
      exp["stage_reached"],
      {k: v["reached"] for k, v in stages.items() if v["reached"]})
check("stages where people stopped",
      exp["stage_stopped"],
      {k: v["stopped"] for k, v in stages.items() if v["stopped"]})
got_choices, got_arrived, want_arrived = {}, {}, {}
for d in rep["decisions"]:
    got_arrived[d["node"]] = d["arrived"]
    want_arrived[d["node"]] = exp["arrived"].get(d["node"], 0)
    for c in d["choices"]:
        if c["count"]:
            got_choices["%s/%s" % (d["node"], c["id"])] = c["count"]
check("arrivals at decisions", want_arrived, got_arrived)
want_choices = {k: v for k, v in exp["choices"].items()
                if k.split("/")[0] in got_arrived}
check("choices taken at each decision", want_choices, got_choices)
check("stories read", exp["stories_read"], rep["stories_read"])
check("notes", exp["notes"], len(rep["notes"]))
q_ok = {}
for q, e in exp["quiz"].items():
    r = rep["quiz"].get(q, {})
    top = max(e["wrong"].values()) if e["wrong"] else 0
    mc = r.get("most_common_wrong")
    q_ok[q] = (r.get("answers"), r.get("right"),
               e["wrong"].get(mc, 0) == top if mc else top == 0)
check("quiz answers, right answers, most common wrong",
      {q: (e["answers"], e["right"], True) for q, e in exp["quiz"].items()},
      q_ok)
check("exercises", exp["exercises"],
      {k: {f: v[f] for f in ("sessions", "solved", "failing", "attempts",
                             "hints", "timed_solves",
                             "median_seconds_to_solve")}
       for k, v in rep["exercises"].items()})
check("copies said and counted once", exp["duplicates"],
      sum("the same session as" in w for w in rep["warnings"]))
check("one row per person: name, stop, stories, exercises, quiz",
      sorted(exp["people"]),
      sorted([p["name"], p["stopped_at"], p["read"], p["exercises_solved"],
              p["quiz_answered"], p["quiz_right"]]
             for p in rep["participants"]))
check("no decision counts past the people who arrived",
      [], [d["node"] for d in rep["decisions"]
           if sum(c["count"] for c in d["choices"]) > d["arrived"]])
