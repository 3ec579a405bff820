#!/usr/bin/env python3
"""json_check.py FILE: graph --format json of tests/fixtures/good parses
and says what the fixture holds (checked against the fixture's YAML)."""
import json, sys

g = json.load(open(sys.argv[1]))
assert list(g) == ["stages", "nodes", "stories"], list(g)
ids = [n["id"] for n in g["nodes"]]
assert ids == ["start", "hub", "locked", "send-error", "finish",
               "other-start"], ids
hub = g["nodes"][1]
assert hub["stage"] == "intro" and hub["pain"] == "Choosing is hard"
assert hub["stories"] == ["dave-locks-up", "carol-finds-peace"]
assert hub["wanted"] == ["https://github.com/example/issues/1"]
assert hub["choices"][0] == {"id": "locked", "text": "Take the std mutex",
                             "to": "locked", "when": None,
                             "set": ["std-mutex"], "clear": [], "as": None,
                             "debrief": None, "debrief_story": None}
# every choice has every key a tool needs to replay a walk
for n in g["nodes"]:
    for c in n["choices"]:
        assert set(c) == {"id", "text", "to", "when", "set", "clear",
                          "as", "debrief", "debrief_story"}, sorted(c)
start = g["nodes"][0]
assert start["choices"][0]["as"] == "alan", start["choices"][0]
assert g["nodes"][2]["choices"][2]["clear"] == ["std-mutex"]
assert [c["id"] for c in hub["choices"]] == ["locked", "locked-2",
                                             "locked-3"]
assert hub["text"] == [{"text": "Pick a lock.", "when": None, "else": None}]
assert hub["choices"][2]["when"] == {"character": ["alan"]}
locked = g["nodes"][2]
assert locked["choices"][3]["when"] == {
    "any": [{"set": ["async-mutex"]}, {"visited": ["send-error"]}]}
assert g["nodes"][4]["ending"] is True
assert not any(n["debrief"] for n in g["nodes"])
assert [s["id"] for s in g["stories"]] == ["carol-finds-peace",
                                           "dave-locks-up"]
assert g["stories"][0]["character"] == ["barbara", "grace"]
print("json ok")
