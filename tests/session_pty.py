#!/usr/bin/env python3
"""session_pty.py BIN: sessions in a real pseudo-terminal (80x24).

Walks two steps, quits, starts again and accepts the resume prompt, goes
`back` twice across the restart; a second process on the same session is
offered read-only; a damaged file is moved aside when the reader starts
afresh.  Prints 'ok NAME' or 'not ok NAME' a line.  Runs on
tests/ptyterm.py: every wait is for what the program shows, under a
deadline only a failing run reaches; a hermetic environment; never
asserts on time.
"""
import json
import os
import sys

import ptyterm
from ptyterm import Home, check

BIN = sys.argv[1]
ARGS = [BIN, "--data", "tests/fixtures/good", "--no-color", "--width", "72"]


class Term(ptyterm.Term):
    """The walk at 80x24; expect() says whether the pattern came."""

    def __init__(self, env, args=None):
        super().__init__(args or ARGS, env, 24, 80)

    def expect(self, pattern):
        return super().expect(pattern) is not None


def main():
    with Home() as home:
        state = home.path
        env = home.env(XDG_STATE_HOME=state, ASYNCPATH_HISTORY="/dev/null")
        file = os.path.join(state, "asyncpath", "sessions", "demo.json")
        t = Term(env)
        ok = t.expect(rb"What do you do\?[\s\S]*> $")
        t.send(b"1\r")
        ok = ok and t.expect(rb"The hub[\s\S]*> $")
        t.send(b"2\r")
        ok = ok and t.expect(rb"Locked[\s\S]*> $")
        t.send(b"quit\r")
        check("pty session: a walk on a terminal is saved as it goes",
              ok and t.wait() == 0 and os.path.exists(file))
        with open(file, encoding="utf-8") as f:
            doc = json.load(f)
        check("pty session: the file holds the trail by ids",
              [s["node"] for s in doc["trail"]] == ["start", "hub",
                                                    "locked"]
              and doc["trail"][1]["choice"] == "locked-2")

        t = Term(env)
        ok = t.expect(rb'Resume your walk at "Locked" \(stage 2 of 3, '
                      rb'1 min read so far\)\? \[Y/n\] $')
        check("pty session: the resume prompt names the place and stage",
              ok)
        t.send(b"\r")
        ok = t.expect(rb"Stage 2 of 3: The middle part\n+(# )?Locked"
                      rb"[\s\S]*> $")
        check("pty session: Enter resumes where the walk was", ok)
        t.send(b"back\r")
        ok = t.expect(rb"The hub[\s\S]*Take the async mutex[\s\S]*> $")
        t.send(b"back\r")
        ok = ok and t.expect(rb"Welcome[\s\S]*Play as Alan[\s\S]*> $")
        t.send(b"back\r")
        ok = ok and t.expect(rb"nothing to undo[\s\S]*> $")
        check("pty session: back goes across the restart to the start", ok)
        t.send(b"1\r")
        ok = t.expect(rb"The hub[\s\S]*> $")

        # a second process on the same session
        u = Term(env, ARGS + ["--session", "demo"])
        ok2 = u.expect(rb'session "demo" is open in another asyncpath'
                       rb'[\s\S]*\[r/n/q\] $')
        check("pty session: a second process is told the session is open",
              ok2)
        u.send(b"r\r")
        ok2 = u.expect(rb"Read-only: nothing of this walk is saved"
                       rb"[\s\S]*> $")
        u.send(b"1\r")
        ok2 = ok2 and u.expect(rb"> $")
        u.send(b"quit\r")
        check("pty session: it may open the session read-only",
              ok2 and u.wait() == 0)
        with open(file, encoding="utf-8") as f:
            doc = json.load(f)
        check("pty session: the read-only process saved nothing",
              [s["node"] for s in doc["trail"]] == ["start", "hub"])
        t.send(b"note ask about tokio::sync\r")
        ok = t.expect(rb"> $")
        t.send(b"quit\r")
        check("pty session: the first process quits cleanly",
              ok and t.wait() == 0)

        # a damaged file: the reader may start afresh, the file is kept
        with open(file, "w", encoding="utf-8") as f:
            f.write('{"version": 1, "trail": [')
        t = Term(env)
        ok = t.expect(rb"demo\.json:1:\d+: error: [^\n]*\n[\s\S]*Start\s+"
                      rb"afresh\?[\s\S]*\[y/N\] $")
        check("pty session: a damaged file is named with its error", ok)
        t.send(b"y\r")
        ok = t.expect(rb"kept as `?demo\.damaged\.json`?[\s\S]*Welcome"
                      rb"[\s\S]*> $")
        t.send(b"quit\r")
        damaged = os.path.join(state, "asyncpath", "sessions",
                               "demo.damaged.json")
        with open(damaged, encoding="utf-8") as f:
            kept = f.read()
        check("pty session: starting afresh keeps the damaged file aside",
              ok and t.wait() == 0 and kept == '{"version": 1, "trail": [')


main()
