#!/usr/bin/env python3
"""exercise_pty.py BIN WORKSPACE CACHE: the verify loop in a real terminal.

In the walk: `exercise two-asyncreads` shows the task, `verify` fails with
E0277, the solution's file is copied in by this script (as a learner's
edit), `verify` passes, `exercises` lists it solved.  Then Ctrl-C during a
verify stops the verify and leaves the walk alive.  Runs on
tests/ptyterm.py in a hermetic environment (HOME and XDG folders of its
own, Debian's cargo, the runner's build cache CACHE): every wait is for
text the program shows; the long deadline is reached only by a failing
run (the first build compiles tokio).
Prints 'ok NAME' or 'not ok NAME' a line.
"""
import os
import shutil
import sys

import ptyterm
from ptyterm import Home, check

# the first build compiles tokio: long, but reached only by a failing run
DEADLINE = 900.0
BIN, WS, CACHE = sys.argv[1], sys.argv[2], sys.argv[3]
ARGS = [BIN, "--no-color", "--no-pager", "--width", "100", "play",
        "--workspace", WS]


class Session(ptyterm.Term):
    """The walk at 100x40; expect() says whether the pattern came."""

    def __init__(self, env, args):
        super().__init__(args, env, 40, 100, deadline=DEADLINE)

    def expect(self, pattern):
        return super().expect(pattern) is not None


def main():
    with Home() as home:
        env = home.env(XDG_CACHE_HOME=CACHE, ASYNCPATH_CARGO="/usr/bin/cargo",
                       ASYNCPATH_HISTORY="/dev/null")
        return walk(env)


def walk(env):
    s = Session(env, ARGS)
    check("pty exercise: walk starts", s.expect(rb"What do you do\?"))
    s.send(b"exercise two-asyncreads\r")
    check("pty exercise: task shown",
                   s.expect(rb"Exercise: Two traits called AsyncBufRead"))
    s.send(b"verify\r")
    check("pty exercise: verify shows E0277",
                   s.expect(rb"The first error is .?E0277"))
    shutil.copyfile("exercises/two-asyncreads/solution/src/main.rs",
                    os.path.join(WS, "two-asyncreads", "src", "main.rs"))
    s.send(b"verify\r")
    check("pty exercise: verify passes after the fix",
                   s.expect(rb"Solved\..{0,4} .?two-asyncreads.? builds"))
    s.send(b"exercises\r")
    check("pty exercise: listed as solved",
                   s.expect(rb"two-asyncreads.{0,3} \(ecosystem\): Two traits "
                            rb"called AsyncBufRead, .?solved"))
    # Ctrl-C in a verify stops the verify, not the walk
    s.send(b"exercise guard-deadlock\r")
    s.expect(rb"Exercise: Two jobs, one lock")
    s.send(b"verify\r")
    s.expect(rb"Building and running guard-deadlock")
    s.send(b"\x03")
    check("pty exercise: Ctrl-C stops the verify",
                   s.expect(rb"Stopped: the verify was interrupted"))
    s.send(b"look\r")
    check("pty exercise: the walk goes on after Ctrl-C",
                   s.expect(rb"What do you do\?"))
    s.send(b"quit\r")
    check("pty exercise: quits cleanly", s.wait() == 0)
    return 1 if ptyterm.FAILED else 0


if __name__ == "__main__":
    sys.exit(main())
