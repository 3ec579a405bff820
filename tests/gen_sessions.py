#!/usr/bin/env python3
"""gen_sessions.py DATADIR PATH_ID HASH N OUTDIR [SEED]: writes N session
files (docs/SESSION.md) of random walks on one path of DATADIR, some made
with other content (a different hash), a few damaged and a few copied
under another name, and OUTDIR.expected.json: the counts a group report
must give, computed here from the YAML and the walks alone (no asyncpath
code involved).  Counts are per person: at a decision only the first
choice a walk made there."""
import datetime
import json
import os
import random
import statistics
import sys

import yaml


def choice_ids(node):
    """Ids as docs/FORMAT.md defines them: given, else the target's id,
    with -2, -3 ... for later choices of the node to the same target."""
    ids, seen = [], {}
    for c in node.get("choices", []) or []:
        if "id" in c:
            ids.append(c["id"])
            continue
        k = seen.get(c["to"], 0) + 1
        seen[c["to"]] = k
        ids.append(c["to"] if k == 1 else "%s-%d" % (c["to"], k))
    return ids


def seconds(t):
    """Seconds since 1970 of a session's UTC time."""
    return datetime.datetime.strptime(t, "%Y-%m-%dT%H:%M:%SZ").replace(
        tzinfo=datetime.timezone.utc).timestamp()


def main():
    data, path_id, chash, n, out = sys.argv[1:6]
    n = int(n)
    rnd = random.Random(int(sys.argv[6]) if len(sys.argv) > 6 else 1)
    path = None
    for f in sorted(os.listdir(os.path.join(data, "paths"))):
        doc = yaml.safe_load(open(os.path.join(data, "paths", f)))
        if doc["id"] == path_id:
            path = doc
    nodes = {nd["id"]: nd for nd in path["nodes"]}
    stories = sorted(f[:-3] for f in os.listdir(os.path.join(data, "stories"))
                     if f.endswith(".md"))
    names = ["Ada", "Bo", "Chen", "Dana", "Émile", "Femi", None]
    os.makedirs(out, exist_ok=True)
    exp = {"sessions": 0, "stage_reached": {}, "stage_stopped": {},
           "choices": {}, "arrived": {}, "stories_read": {}, "quiz": {},
           "exercises": {}, "notes": 0, "skipped": 0, "other_content": 0,
           "duplicates": 0, "people": []}
    t = "2026-11-26T09:%02d:%02dZ"
    for i in range(n):
        name = "s%04d" % i
        fname = os.path.join(out, name + ".json")
        if i % 97 == 13:  # damaged: cut short, or a newer version
            with open(fname, "w") as f:
                f.write('{"version": 1, "name": "%s", "trail": [' % name
                        if i % 2 else '{"version": 7}')
            exp["skipped"] += 1
            continue
        trail, at, steps = [], path["start"], rnd.randint(0, 40)
        seen_here = []
        for _ in range(steps):
            nd = nodes[at]
            ch = nd.get("choices") or []
            if not ch:
                break
            k = rnd.randrange(len(ch))
            trail.append({"node": at, "choice": choice_ids(nd)[k],
                          "at": t % (i % 60, 0)})
            seen_here.append(at)
            at = ch[k]["to"]
        trail.append({"node": at, "choice": None, "at": t % (i % 60, 1)})
        seen_here.append(at)
        surfaced = sorted({s for x in seen_here
                           for s in nodes[x].get("stories", []) or []})
        read = rnd.sample(surfaced, rnd.randint(0, len(surfaced))) \
            if surfaced else []
        notes = [{"node": rnd.choice(seen_here), "text": "note %d" % j,
                  "at": t % (i % 60, 2)} for j in range(rnd.randint(0, 2))]
        quiz = []
        for q in ("q-send", "q-pin"):
            if rnd.random() < 0.5:
                right = rnd.random() < 0.6
                ans = ["a"] if right else rnd.choice([["b"], ["c"], ["b", "c"]])
                quiz.append({"question": q, "answer": ans, "right": right,
                             "at": t % (i % 60, 3)})
        exercises = {}
        for e in ("hold-mutex", "lazy-future"):
            if rnd.random() < 0.5:
                st = rnd.choice(["started", "failing", "solved"])
                exercises[e] = {"status": st, "attempts": rnd.randint(0, 5),
                                "hints": rnd.randint(0, 2),
                                "last_error": rnd.choice(["E0277", "E0597",
                                                          None])}
                # times as a newer asyncpath keeps them; a third of the
                # results as an older one wrote them, with none
                if rnd.random() < 2 / 3:
                    m0 = rnd.randint(0, 40)
                    exercises[e]["started"] = t % (m0, rnd.randint(0, 59))
                    exercises[e]["solved"] = (
                        t % (m0 + rnd.randint(0, 19), rnd.randint(0, 59))
                        if st == "solved" else None)
        other = i % 50 == 7
        doc = {"version": 1, "name": name,
               "participant": names[i % len(names)], "path": path_id,
               "content_hash": "fnv1a64:0000000000000000" if other else chash,
               "created": t % (i % 60, 0), "updated": t % (i % 60, 4),
               "character": None, "trail": trail, "seen": seen_here,
               "read": read, "notes": notes, "quiz": quiz,
               "exercises": exercises}
        with open(fname, "w") as f:
            json.dump(doc, f, ensure_ascii=False)
        if i % 101 == 5:  # a copy under another name: counted once
            with open(os.path.join(out, name + "-copy.json"), "w") as f:
                json.dump(doc, f, ensure_ascii=False)
            exp["duplicates"] += 1
        exp["people"].append([
            doc["participant"] or name, at, len(set(read)),
            sum(v["status"] == "solved" for v in exercises.values()),
            len(quiz), sum(q["right"] for q in quiz)])
        # what the report must say, counted here
        exp["sessions"] += 1
        exp["other_content"] += other
        stages = {}
        for x in set(seen_here):
            stages[nodes[x]["stage"]] = 1
            exp["arrived"][x] = exp["arrived"].get(x, 0) + 1
        for s in stages:
            exp["stage_reached"][s] = exp["stage_reached"].get(s, 0) + 1
        last = nodes[at]["stage"]
        exp["stage_stopped"][last] = exp["stage_stopped"].get(last, 0) + 1
        first = {}
        for x in trail:
            if x["choice"] and x["node"] not in first:
                first[x["node"]] = x["choice"]
        for node, choice in first.items():
            k = "%s/%s" % (node, choice)
            exp["choices"][k] = exp["choices"].get(k, 0) + 1
        for s in set(read):
            exp["stories_read"][s] = exp["stories_read"].get(s, 0) + 1
        exp["notes"] += len(notes)
        for q in quiz:
            e = exp["quiz"].setdefault(q["question"], {
                "answers": 0, "right": 0, "wrong": {}})
            e["answers"] += 1
            if q["right"]:
                e["right"] += 1
            else:
                w = ",".join(q["answer"])
                e["wrong"][w] = e["wrong"].get(w, 0) + 1
        for k, v in exercises.items():
            e = exp["exercises"].setdefault(k, {
                "sessions": 0, "solved": 0, "failing": 0, "attempts": 0,
                "hints": 0})
            e["sessions"] += 1
            e["solved"] += v["status"] == "solved"
            e["failing"] += v["status"] == "failing"
            e["attempts"] += v["attempts"]
            e["hints"] += v["hints"]
            if v["status"] == "solved" and v.get("solved"):
                took = (seconds(v["solved"]) - seconds(v["started"]))
                if took >= 0:
                    e.setdefault("took", []).append(took)
    for e in exp["exercises"].values():
        took = e.pop("took", [])
        e["timed_solves"] = len(took)
        e["median_seconds_to_solve"] = (statistics.median(took)
                                        if took else None)
    with open(out.rstrip("/") + ".expected.json", "w") as f:
        json.dump(exp, f, indent=1, sort_keys=True)


if __name__ == "__main__":
    main()
